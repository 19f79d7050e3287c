"""The link syntax of bodies and hand-written pages: `[@source]` citations, `[[id]]` links, `![[id]]` embeds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

# Kinds a [[kind/id]] link may name, by the folder word writers use.
LINK_KINDS = {"claims": "claim", "people": "person", "topics": "topic", "sources": "source"}

_CODE = re.compile(r"^(?P<fence>[ \t]*(`{3,}|~{3,})).*?(?:^(?P=fence)[`~]*[ \t]*$|\Z)|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)",
                   re.MULTILINE | re.DOTALL)
_REFERENCE = re.compile(
    r"(?P<embed>!?)\[\[(?P<target>[^\[\]|\n]*)(?:\|(?P<text>[^\[\]\n]*))?\]\]"
    r"|\[(?P<cite>@[^\[\]\n]*)\]"
)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


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


def _code_spans(text: str) -> list[tuple[int, int]]:
    if "`" not in text and "~~~" not in text:
        return []
    return [match.span() for match in _CODE.finditer(text)]


def find_references(text: str) -> Iterator[Reference]:
    """Every reference in `text`, outside code spans and fenced code blocks."""
    if "[" not in text:
        return
    code = _code_spans(text)
    for match in _REFERENCE.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1] == "\\":
            continue
        if any(low <= start < high for low, high in code):
            continue
        if match.group("cite") is not None:
            yield _citation(match, start, end)
        else:
            yield _link(match, start, end)


def _citation(match: re.Match, start: int, end: int) -> Reference:
    parts = [part.strip() for part in match.group("cite").split(";")]
    cited = tuple(part[1:] for part in parts)
    for part in parts:
        if not part.startswith("@") or not _ID.match(part[1:]):
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
        return Reference(start, end, form, kind, target, text, error=f"`{match.group(0)}`: only claims can be embedded")
    if not _ID.match(target):
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
