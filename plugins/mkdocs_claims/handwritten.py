"""Hand-written pages (explainers, home, method): which claims they use, and their links resolved."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .links import find_references
from .loader import check_text_references
from .model import Content
from .problems import Problems

if TYPE_CHECKING:  # the site module brings Jinja; `claims check` uses this module without it
    from .site import PageRef, Site

_LATEST = re.compile(r"^<!--\s*claims:latest(?:\s+(\d+))?\s*-->[ \t]*$", re.MULTILINE)
_SCALE = re.compile(r"^<!--\s*claims:scale\s*-->[ \t]*$", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^()\s<>]+?\.md)(?:#[^()\s]*)?>?\s*\)")
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*[\"']?(.+?)[\"']?\s*\n(?:.*\n)*?---\s*\n")


def page_title(src_uri: str, text: str) -> str:
    match = _FRONT_TITLE.match(text) or _FIRST_HEADING.search(text)
    return match.group(1) if match else posixpath.splitext(posixpath.basename(src_uri))[0]


def explained_in(pages, content: Content, claims_prefix: str) -> dict[str, list[PageRef]]:
    """Which hand-written pages, given as (src_uri, text), link or embed each claim."""
    from .site import PageRef

    found: dict[str, list[PageRef]] = defaultdict(list)
    prefix = claims_prefix.strip("/") + "/"
    for src_uri, text in pages:
        claims = {ref.target for ref in find_references(text)
                  if ref.form in ("link", "embed") and ref.kind == "claim" and not ref.error}
        for match in _MARKDOWN_LINK.finditer(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match.group(1)))
            if target.startswith(prefix) and target.count("/") == prefix.count("/"):
                claims.add(target[len(prefix):-3])
        for claim_id in sorted(claims):
            if claim_id in content.claims:
                found[claim_id].append(PageRef(src_uri, page_title(src_uri, text)))
    return found


def pages_in(docs_dir: Path):
    """(src_uri, text) of every Markdown page in a docs folder."""
    if not docs_dir.is_dir():
        return
    for file in sorted(docs_dir.rglob("*.md")):
        relative = file.relative_to(docs_dir)
        if not any(part.startswith(".") for part in relative.parts):
            yield relative.as_posix(), file.read_text(encoding="utf-8")


def check(markdown: str, content: Content, problems: Problems, path: str, first_line: int = 1) -> None:
    """Report every broken reference of a page whose Markdown starts on `first_line` of its file."""

    def position(index: int) -> tuple[int, int]:
        line = markdown.count("\n", 0, index)
        return first_line + line, index - (markdown.rfind("\n", 0, index) + 1) + 1

    check_text_references(markdown, content, problems, path, position)


def resolve(site: Site, src_uri: str, markdown: str) -> str:
    """The page's Markdown with references, embeds and `<!-- claims:… -->` placeholders turned into HTML."""
    markdown = site.rewrite(markdown, src_uri)
    markdown = _LATEST.sub(lambda m: site.latest(src_uri, int(m.group(1) or 5)), markdown)
    return _SCALE.sub(lambda m: site.scale(), markdown)
