"""Raw HTML in contributors' Markdown that the sanitizer would remove or alter, found before the build.

The sanitizer deletes what is outside its allowlist without a word (`<angle>` in a sentence vanishes), so the
check reports each such tag and attribute at its place instead. What is allowed is read from the sanitizer
itself. Python-Markdown's own inline-HTML pattern finds the fragments (linear: each match stops at the next
`<` or `>`), and the standard library's HTML parser reads each one: the parser itself is quadratic on some
whole texts (on Python 3.11), never on one tag. Code spans, fenced and indented code blocks and comments show
or hide their text as written, so they are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import (  # type: ignore[attr-defined]  # the parser's own patterns, not in typeshed
    HTMLParser,
    attrfind_tolerant,
    tagfind_tolerant,
)

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE

from .links import code_spans
from .sanitizer import ATTRIBUTES, PAGE_ATTRIBUTES, TAGS, namespaced_attribute

Problem = tuple[int, str, str]  # offset in the text, message, hint

_HTML = re.compile(HTML_RE)
_AUTOLINK = re.compile(AUTOLINK_RE)
_AUTOMAIL = re.compile(AUTOMAIL_RE)
# Consumed by Markdown extensions before the sanitizer sees the HTML (md_in_html's `<div markdown>`).
_MARKDOWN_ATTRIBUTES = frozenset({"markdown"})
_TEXT_HINT = "to show angle brackets as text write `&lt;{name}&gt;` or put it in backticks"
_LIST_MARKERS = ("- ", "* ", "+ ")
_CONTAINER_MARKERS = ("!!!", "???", "///")  # admonitions and blocks: their body is indented, not code


class _Tag(HTMLParser):
    """Reads one tag: its name, its attributes and whether it closes an element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, list, bool] | None = None
        self.read_before: dict[str, tuple[str, list, bool] | None] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found = (tag, attrs, False)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.found = (tag, attrs, False)

    def handle_endtag(self, tag: str) -> None:
        self.found = (tag, [], True)

    def read(self, fragment: str) -> tuple[str, list, bool] | None:
        if fragment not in self.read_before:  # a text repeats the same few tags many times
            self.reset()
            self.found = None
            self.feed(fragment)
            self.close()
            self.read_before[fragment] = self.found
        return self.read_before[fragment]


def removed_html(markdown: str, page: bool = False) -> Iterator[Problem]:
    """(offset, message, hint) of each raw HTML tag or attribute in `markdown` that `sanitize(…, page)` would
    remove or alter. Link addresses are left to `forbidden_urls`, which reports their schemes."""
    if "<" not in markdown:
        return
    attributes = PAGE_ATTRIBUTES if page else ATTRIBUTES
    text = _without_code_and_comments(markdown)
    reader = _Tag()
    removed: set[str] = set()  # tags already reported, so that their closing tags are not reported again
    for match in _HTML.finditer(text):
        fragment, start = match.group(0), match.start()
        if fragment.startswith("<!--") or _AUTOLINK.fullmatch(fragment) or _AUTOMAIL.fullmatch(fragment) \
                or text[max(0, start - 2):start] == "](":  # an autolink, or a link's <address>
            continue
        if fragment.startswith(("<?", "<![")):
            yield (start, f"`{_shown(fragment)}` is not allowed HTML and would be removed from the page",
                   "remove it, or write `&lt;` for a `<` shown as text")
            continue
        try:
            found = reader.read(fragment)
        except (AssertionError, ValueError):  # an HTML parser's complaint about a malformed fragment
            found = None
        if found is None:
            continue
        name, pairs, closing = found
        if name not in TAGS:
            if not (closing and name in removed):
                removed.add(name)
                yield (start,
                       f"`<{'/' if closing else ''}{name}>` is not allowed HTML and would be removed from "
                              "the page", _TEXT_HINT.format(name=name))
            continue
        yield from _removed_attributes(fragment, start, name, pairs, attributes)


def _removed_attributes(fragment: str, start: int, tag: str,
                        pairs: list, attributes: dict) -> Iterator[Problem]:
    offsets = _attribute_offsets(fragment)
    if len(offsets) != len(pairs):
        offsets = [0] * len(pairs)  # the parser read the tag differently: point at the tag
    allowed = attributes.get("*", set()) | attributes.get(tag, set()) | _MARKDOWN_ATTRIBUTES
    for (attribute, value), offset in zip(pairs, offsets, strict=True):
        value = value or ""
        if attribute not in allowed:
            yield (start + offset,
                   f"the attribute `{attribute}` of `<{tag}>` is not allowed HTML and would be "
                                   "removed from the page",
                   f"remove it; {tag} may have "
                   + (", ".join(f"`{name}`" for name in sorted(allowed - _MARKDOWN_ATTRIBUTES))))
        elif attribute == "style" and any(prop.split(":")[0].strip().lower() != "text-align"
                                          for prop in value.split(";") if prop.strip()):
            yield (start + offset,
                   f"the `style` of `<{tag}>` keeps only `text-align`; the rest would be removed",
                   "remove the other properties")
        elif attribute == "title" and namespaced_attribute(tag, attribute, value) is None:
            yield (start + offset, f"the `title` of `<{tag}>` holds `<`, `>` or `&` and would be removed "
                                   "(the theme shows titles as HTML)", "write the title as plain words")


def _attribute_offsets(fragment: str) -> list[int]:
    """Where each attribute name starts in one tag, read with the HTML parser's own patterns."""
    match = tagfind_tolerant.match(fragment, 1)
    if not match:
        return []
    offsets, position = [], match.end()
    while position < len(fragment):
        attribute = attrfind_tolerant.match(fragment, position)
        if not attribute or attribute.end() == position:
            break
        offsets.append(attribute.start(1))
        position = attribute.end()
    return offsets


def _shown(fragment: str) -> str:
    return fragment if len(fragment) <= 40 else fragment[:37] + "..."


def _without_code_and_comments(markdown: str) -> str:
    """`markdown` with code and comments blanked (newlines kept), so offsets stay those of the text."""
    hidden = code_spans(markdown) + _indented_code(markdown)
    start = markdown.find("<!--")
    while start >= 0:
        end = markdown.find("-->", start + 4)
        end = len(markdown) if end < 0 else end + 3
        hidden.append((start, end))
        start = markdown.find("<!--", end)
    if not hidden:
        return markdown
    pieces, position = [], 0
    for start, end in sorted(hidden):
        if end <= position:
            continue
        start = max(start, position)
        pieces.append(markdown[position:start])
        pieces.append("\n".join(" " * len(line) for line in markdown[start:end].split("\n")))
        position = end
    pieces.append(markdown[position:])
    return "".join(pieces)


def _indented_code(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of each line of indented code: after a blank line (or more code), indented 4 columns more
    than the list item or admonition it is in (whose own body is indented 4), in one pass over the lines."""
    lines: list[tuple[int, int]] = []
    containers: list[int] = []  # the indent of the body of each open list item or admonition, innermost last
    position, blank_before, in_code = 0, True, False
    for line in markdown.split("\n"):
        end = position + len(line)
        stripped = line.lstrip(" \t")
        if not stripped:
            blank_before = True
        else:
            indent = len(line[:len(line) - len(stripped)].expandtabs(4))
            in_code = False
            if blank_before or (lines and lines[-1][1] == position - 1):
                while containers and containers[-1] > indent:
                    containers.pop()
                in_code = indent >= (containers[-1] if containers else 0) + 4
            if in_code:
                lines.append((position, end))
            elif _opens_container(stripped):
                while containers and containers[-1] >= indent + 4:
                    containers.pop()  # a sibling item
                containers.append(indent + 4)
            blank_before = False
        position = end + 1
    return lines


def _opens_container(stripped: str) -> bool:
    if stripped.startswith(_LIST_MARKERS + _CONTAINER_MARKERS):
        return True
    digits = len(stripped) - len(stripped.lstrip("0123456789"))
    return 0 < digits <= 9 and stripped[digits:digits + 2] in (". ", ") ")
