"""Bounds on the Markdown that contributors hand to the site's Markdown engine.

Python-Markdown takes time quadratic in some structures, and its maintainers have left it so: each `[`
scans ahead to the end of its paragraph for a closing bracket (their issue #798: 20 KB of `[[` takes
a minute), many inline links or tags in one paragraph do the same (#1619), and each `>` opens one more
nested block quote. Within these bounds every text builds in bounded time; benchmarks/run.py --budget
measures the worst text the bounds accept.
"""

from __future__ import annotations

import re
from typing import Iterator

MAX_MARKDOWN_CHARS = 100_000
MAX_MARKUP_PER_PARAGRAPH = 100  # `[` and `<`: links, citations, images, footnotes and HTML tags
MAX_QUOTE_DEPTH = 8

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_QUOTE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]*){%d}" % (MAX_QUOTE_DEPTH + 1), re.MULTILINE)


def markdown_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, hint) for each part of `text` that the Markdown engine may not build in bounded time."""
    if len(text) > MAX_MARKDOWN_CHARS:
        yield 0, (f"the Markdown text is too long ({len(text):,} characters; at most {MAX_MARKDOWN_CHARS:,})"), \
            "split it into several pages, or move long excerpts out of it"
        return
    if "[" in text or "<" in text:
        start = 0
        for match in (*_PARAGRAPH_BREAK.finditer(text), None):
            end = match.start() if match else len(text)
            markup = text.count("[", start, end) + text.count("<", start, end)
            if markup > MAX_MARKUP_PER_PARAGRAPH:
                offset = start + len(text[start:end]) - len(text[start:end].lstrip())
                yield offset, (f"this paragraph holds {markup} links, brackets and HTML tags (`[` and `<`); "
                               f"at most {MAX_MARKUP_PER_PARAGRAPH} per paragraph build in reasonable time"), \
                    "split it into shorter paragraphs with blank lines between them"
            start = match.end() if match else end
    if ">" in text:
        for match in _QUOTE_MARKERS.finditer(text):
            yield match.start(), f"block quotes (`>`) are nested more than {MAX_QUOTE_DEPTH} deep", \
                "quote at most a few levels deep"
