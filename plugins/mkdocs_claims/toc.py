"""Tables of contents as the theme prints them: raw, so every title is escaped here and every anchor quoted.

Engine-neutral: an entry of the engine's own table (MkDocs' `AnchorLink`) is read through its `id`, `title`,
`level` and `children`, and the engine turns the `TocEntry` tree back into its own type.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from .generated_page import GeneratedPage, Heading
from .sanitizer import Stash, theme_title, user_id


@dataclass
class TocEntry:
    title: str  # HTML, printed as is
    anchor: str  # the id the entry links to, percent-encoded
    level: int
    children: list[TocEntry] = field(default_factory=list)


def safe_entries(items: Iterable, namespaced: bool, stash: Stash, tooltips: bool,
                 html_ids: set[str] | None = None) -> list[TocEntry]:
    """The engine's entries for a page's Markdown: the title escaped text, the id quoted, and, for contributor
    headings, namespaced like the ids the sanitizer namespaces in the page.
    With `html_ids`, an entry whose heading the sanitizer removed is dropped (its children move up)."""
    entries = []
    for item in items:
        # as restore() leaves a heading's id
        anchor = stash.plain(user_id(item.id) if namespaced else item.id)
        children = safe_entries(item.children, namespaced, stash, tooltips, html_ids)
        if html_ids is not None and anchor not in html_ids:
            entries.extend(children)
            continue
        entries.append(TocEntry(theme_title(stash.plain(item.title), tooltips), quote(anchor, safe=""),
                                item.level, children))
    return entries


def generated_page_toc(page: GeneratedPage, body_items: Iterable,
                       body_ids: set[str], tooltips: bool) -> TocEntry:
    """One entry for the page's <h1>, with the plugin's sections around those of its Markdown part."""
    def entries(headings: list[Heading]) -> list[TocEntry]:
        return [TocEntry(h.title, h.anchor, h.level) for h in headings]  # the plugin's own words

    top = TocEntry(theme_title(html.escape(page.title), tooltips), page.anchor, 1)
    body = [item for item in body_items if item.level > 1]
    for item in body_items:
        if item.level == 1:
            body.extend(item.children)
    top.children = (entries(page.head_headings) + safe_entries(body, True, page.stash, tooltips, body_ids)
                    + entries(page.tail_headings))
    return top
