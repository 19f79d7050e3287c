"""The link syntax of bodies and hand-written pages: `[@source]` citations, `[[id]]` links, `![[id]]`
embeds."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import ID, KIND_OF_PLURAL

# Kinds a [[kind/id]] link may name, by the folder word writers use.
LINK_KINDS = KIND_OF_PLURAL  # `[[people/id]]` links a person

# Code is scanned, not matched with one pattern: a backreference to a backtick run that has no closing
# run scans to the end of the text from every backtick of the run, quadratic in crafted input.
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.MULTILINE)
_TICKS = re.compile(r"`+")
_REFERENCE = re.compile(
    r"(?P<embed>!?)\[\[(?P<target>[^\[\]|\n]*)(?:\|(?P<text>[^\[\]\n]*))?\]\]"
    r"|\[(?P<cite>@[^\[\]\n]*)\]"
)


@dataclass(frozen=True)
class Reference:
    """One `[@…]`, `[[…]]` or `![[…]]` in a text, with the span it occupies."""

    start: int
    end: int
    form: str  # "cite", "link" or "embed"
    kind: str = "claim"  # for links and embeds
    target: str = ""  # for links and embeds
    text: str = ""  # a link's own text, after |
    cited: tuple[str, ...] = ()  # for citations
    error: str = ""  # why the reference cannot be understood, if it cannot


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block and code span, in order, in time linear in the text."""
    if "`" not in text and "~~~" not in text:
        return []
    spans: list[tuple[int, int]] = []
    position = 0
    for fence in _FENCE.finditer(text):
        if fence.start() < position:
            continue  # inside the previous block
        spans.extend(_inline_code(text, position, fence.start()))
        marker = fence.group(0)
        # The block ends at a line that starts with the same fence (longer is fine), or at the end.
        close = re.compile(r"^" + re.escape(marker) + r"[`~]*[ \t]*$", re.MULTILINE)
        end_of_line = text.find("\n", fence.end())
        closing = close.search(text, end_of_line + 1) if end_of_line >= 0 else None
        position = closing.end() if closing else len(text)
        spans.append((fence.start(), position))
    spans.extend(_inline_code(text, position, len(text)))
    return sorted(spans)


def _inline_code(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans between `start` and `end`: a run of backticks up to the next run of the same length."""
    runs = [(match.start(), match.end()) for match in _TICKS.finditer(text, start, end)]
    following: list[int] = [0] * len(runs)  # index of the next run of the same length, or -1
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length, -1)
        last[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing < 0:
            index += 1  # no closing run: these backticks are plain text
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


def find_references(text: str) -> Iterator[Reference]:
    """Every reference in `text`, outside code spans and fenced code blocks."""
    if "[" not in text:
        return
    code = code_spans(text)
    code_starts = [low for low, _ in code]
    for match in _REFERENCE.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1] == "\\":
            continue
        inside = bisect.bisect_right(code_starts, start) - 1
        if inside >= 0 and start < code[inside][1]:
            continue
        if match.group("cite") is not None:
            yield _citation(match, start, end)
        else:
            yield _link(match, start, end)


def _citation(match: re.Match, start: int, end: int) -> Reference:
    parts = [part.strip() for part in match.group("cite").split(";")]
    cited = tuple(part[1:] for part in parts)
    for part in parts:
        if not part.startswith("@") or not ID.match(part[1:]):
            return Reference(start, end, "cite", cited=cited,
                             error=f"`{match.group(0)}` is not a valid citation")
    return Reference(start, end, "cite", cited=cited)


def _link(match: re.Match, start: int, end: int) -> Reference:
    form = "embed" if match.group("embed") else "link"
    target = match.group("target").strip()
    text = (match.group("text") or "").strip()
    kind = "claim"
    if "/" in target:
        folder, _, target = target.partition("/")
        kind = LINK_KINDS.get(folder, "")
        if not kind:
            known = ", ".join(f"`{name}/`" for name in LINK_KINDS)
            return Reference(start, end, form, "", target, text,
                             error=f"`{match.group(0)}` names an unknown kind `{folder}/` (known: {known})")
    if form == "embed" and kind != "claim":
        return Reference(start, end, form, kind, target, text,
                         error=f"`{match.group(0)}`: only claims can be embedded")
    if not ID.match(target):
        return Reference(start, end, form, kind, target, text,
                         error=f"`{match.group(0)}` does not name a valid id")
    return Reference(start, end, form, kind, target, text)


def replace_references(text: str, replace: Callable[[Reference], str]) -> str:
    """`text` with each reference replaced by what `replace` returns for it."""
    pieces: list[str] = []
    last = 0
    for reference in find_references(text):
        pieces.append(text[last:reference.start])
        pieces.append(replace(reference))
        last = reference.end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def record_links(text: str) -> list[tuple[str, str]]:
    """(kind, id) of every record a Markdown text links or embeds, in order."""
    if "[[" not in text:
        return []
    return [(ref.kind, ref.target) for ref in find_references(text) if ref.form != "cite" and not ref.error]


# Markdown that starts a block: a space after it is syntax, and a line break after a line that starts with one
# of these (or after a hard break) ends that block. Spaces there are kept; every other space before a marker
# goes.
_BLOCK_MARKERS = re.compile(r"[ \t]*(?:(?:[-*+>|]|#{1,6}|\d{1,9}[.)])[ \t]*)*\Z")
_ENDS_WITH_LINE = re.compile(r"[ \t]{0,3}(?:[#|<]|```|~~~)")


def glue_markers(text: str, marker: str) -> str:
    """Markdown without the spaces (and a soft line break) before each citation marker, which starts with
    `marker`: a marker belongs to the word before it, as in Wikipedia, so `annexed [@isw]` and
    `annexed⏎[@isw]` both read "annexed[1]". Spaces that are Markdown syntax stay: between paragraphs, after a
    list or quote marker, and the line break that ends a heading, a table row, an HTML block or a hard
    break."""

    def glued(match: re.Match) -> str:
        space = match.group(0)
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start:match.start()]
        if "\n" not in space:
            return space if _BLOCK_MARKERS.match(line) else ""
        before, _, _ = space.partition("\n")
        hard_break = len(before) >= 2 or line.endswith("\\")
        if space.count("\n") > 1 or hard_break or _ENDS_WITH_LINE.match(line) or _BLOCK_MARKERS.match(line):
            return space
        return ""

    # One quantifier after a look-behind: each run of spaces is tried once, so the scan stays linear.
    return re.sub(rf"(?<!\s)\s+(?={re.escape(marker)})", glued, text)
