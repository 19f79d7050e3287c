"""Bounds on the Markdown that contributors hand to the site's Markdown engine.

Python-Markdown takes time quadratic in some structures, and its maintainers have left it so: each `[`
scans ahead to its closing bracket, or to the end of its paragraph (their issue #798: 20 KB of `[[`
takes a minute); many inline links, tags, escapes or emphasis marks in one paragraph each copy the
paragraph (#1619); each list item or admonition in one block re-splits the block; every heading with a
repeated title searches all the ids taken before; and each nested list or quote is one more level of
recursion (a few hundred raise RecursionError). Within these bounds every text builds in bounded time;
`python benchmarks/budget.py` measures the worst texts they accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_MARKDOWN_CHARS = 100_000
MAX_PARAGRAPH_CHARS = 5_000  # a block between blank lines, as Python-Markdown splits a text
MAX_BRACKET_SCAN = 200_000  # characters all `[` and `<` of a text look through for their `]` and `>`
MAX_HEADINGS = 200
# Escapes, emphasis, entities and code marks in one paragraph: each match also copies the paragraph.
MAX_MARKS_PER_PARAGRAPH = 500
# Brackets `[` (links, images, references) and tags `<` in one paragraph, where a [[link]] adds the 2 tags it
# becomes and each `@` (each source of a [@citation]) 4: each costs a pass over the paragraph (Python-Markdown
# #1619).
MAX_LINKS_PER_PARAGRAPH = 100
MAX_NESTING = 16  # quotes, list items and 4-column indents that open on one line

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")  # Python-Markdown ignores the spaces of blank lines
_HEADING_LINE = re.compile(r"^(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_CONTAINER = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_DEEP_CANDIDATE = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_MARKS = ("\\", "*", "_", "&", "`", "~")
_SQUARE = re.compile(r"[\[\]]")
_ANGLE = re.compile(r"[<>]")

Problem = tuple[int, str, str]  # offset in the text, message, hint


def markdown_problems(text: str) -> Iterator[Problem]:
    """(offset, message, hint) for each part of `text` that the Markdown engine may not build in bounded
    time."""
    if len(text) > MAX_MARKDOWN_CHARS:
        yield (0, f"the Markdown text is too long ({len(text):,} characters; at most {MAX_MARKDOWN_CHARS:,})",
               "split it into several pages, or move long excerpts out of it")
        return
    paragraphs = []  # (start, end, first character, how far its brackets read at most)
    start = 0
    for match in (*_BLANK_LINES.finditer(text), None):
        end = match.start() if match else len(text)
        block = text[start:end]
        first, length = start + len(block) - len(block.lstrip()), len(block.strip())
        brackets = text.count("[", start, end) + text.count("<", start, end)
        links = brackets + 2 * text.count("[[", start, end) + 4 * text.count("@", start, end)
        if links > MAX_LINKS_PER_PARAGRAPH:
            yield (first,
                   "this paragraph has too many links, brackets, citations and HTML tags for one paragraph",
                   f"split it into shorter paragraphs: at most {MAX_LINKS_PER_PARAGRAPH} links, brackets and "
                   f"tags, or {MAX_LINKS_PER_PARAGRAPH // 5} citations, per paragraph")
        marks = sum(text.count(mark, start, end) for mark in _MARKS)
        if marks > MAX_MARKS_PER_PARAGRAPH:
            yield (first, f"this paragraph has {marks} backslashes, emphasis, entity and code marks "
                          f"(at most {MAX_MARKS_PER_PARAGRAPH})",
                   "split it into shorter paragraphs with blank lines between them")
        if length > MAX_PARAGRAPH_CHARS:
            yield (first, f"this paragraph is {length:,} characters long (at most {MAX_PARAGRAPH_CHARS:,})",
                   "split it into shorter paragraphs, lists or tables with blank lines between them")
        else:
            paragraphs.append((start, end, first, brackets * (end - start)))
        start = match.end() if match else end
    if sum(most for *_, most in paragraphs) > MAX_BRACKET_SCAN:  # only then is an exact count worth it
        scanned = 0
        for start, end, first, _ in paragraphs:
            scanned += _bracket_scan(text, start, end)
            if scanned > MAX_BRACKET_SCAN:
                yield (first,
                       "this paragraph has too many unclosed or long brackets `[` or tags `<` for the text "
                              "(together they would make the Markdown engine read over "
                              f"{MAX_BRACKET_SCAN:,} characters)",
                       "close every `[` with `]` and `<` with `>`, or write them as \\[ and &lt;")
                break
    for headings, match in enumerate(_HEADING_LINE.finditer(text), 1):
        if headings > MAX_HEADINGS:
            yield (match.start(), f"the text has more than {MAX_HEADINGS} headings",
                   "split it into several pages")
            break
    yield from _nesting_problems(text)


def _bracket_scan(text: str, start: int, end: int) -> int:
    """How far Python-Markdown reads from each `[` and `<` of a paragraph: to the `]` that closes it, to the
    next `>`, or to the paragraph's end. Only the brackets are visited, not every character."""
    total = 0
    if text.find("[", start, end) >= 0:
        opened: list[int] = []
        for match in _SQUARE.finditer(text, start, end):
            if match.group() == "[":
                opened.append(match.start())
            elif opened:
                total += match.start() - opened.pop()
        total += sum(end - index for index in opened)
    if text.find("<", start, end) >= 0:
        waiting: list[int] = []  # `<` that have not met a `>` yet
        for match in _ANGLE.finditer(text, start, end):
            if match.group() == "<":
                waiting.append(match.start())
            else:
                total += sum(match.start() - index for index in waiting)
                waiting.clear()
        total += sum(end - index for index in waiting)
    return total


def _nesting_problems(text: str) -> Iterator[Problem]:
    """Lines that open more than MAX_NESTING containers; only lines that start with enough marker
    characters or spaces to be that deep are looked at closely."""
    for candidate in _DEEP_CANDIDATE.finditer(text):
        line_end = text.find("\n", candidate.start())
        line = text[candidate.start(): line_end if line_end >= 0 else len(text)]
        depth, column, position = 0, 0, 0
        while True:
            while position < len(line) and line[position] in " \t":
                column += 4 - column % 4 if line[position] == "\t" else 1
                position += 1
            marker = _CONTAINER.match(line, position)
            if not marker:
                break
            depth += 1
            column += marker.end() - position
            position = marker.end()
        if depth + column // 4 > MAX_NESTING:
            yield (candidate.start(),
                   f"this line nests quotes, lists or indented blocks more than {MAX_NESTING} "
                                      "levels deep", "nest a few levels at most; indent with fewer spaces")
