"""One build's pages as an engine hands them over, from Markdown to the HTML it writes.

The generated pages come back with the plugin's HTML around their Markdown part; the hand-written ones (docs/)
are checked, their `[[…]]`, `![[…]]` and placeholders resolved, their HTML sanitized unless `trusted_docs`.
Every title and table of contents the theme prints raw is escaped, and the pages Pagefind indexes are marked.
The engine adapter (`plugin.py`) passes plain values in and sets what comes back on its own page objects: this
module never imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from . import handwritten, search_index
from .csp import Policy
from .generated_page import GeneratedPage
from .handwritten import Explainer
from .head import with_head
from .held_content import HeldContent
from .kept_pages import KeptPages
from .layout import Layouts
from .model import Content
from .problems import Problems
from .sanitizer import Stash, ids_in, sanitize, theme_title
from .settings import Settings
from .site import Site
from .toc import TocEntry, generated_page_toc, safe_entries


def site_for(docs_pages: list[tuple[str, str]], content: Content, settings: Settings, problems: Problems,
             shown: Callable[[str], str], own_index: bool, home: bool, kept: KeptPages,
             layouts: Layouts) -> tuple[Site, list[Explainer]]:
    """The site a build generates beside its hand-written pages (src_uri, text; `shown` names them in
    problems), and the explainers among them. `own_index`: the docs folder has its own index of explainers;
    `home`: the site generates the home page. `kept` (pages) and `layouts` are kept from the last
    build."""
    explainers = handwritten.explainers(docs_pages, content, settings.explainers_dir, problems, shown)
    site = Site(content, settings, handwritten.explained_in(docs_pages, content, settings.claims_prefix),
                kept, explainers, explainers_index=not own_index, home=home, layouts=layouts,
                scale_page=handwritten.scale_page(docs_pages))
    return site, explainers


class BuildPages:
    """The pages of one build: the generated ones by src_uri, and what each hand-written one holds between
    events."""

    def __init__(self, site: Site, generated: dict[str, GeneratedPage], explainers: set[str], policy: Policy,
                 trusted: bool, tooltips: bool, problems: Problems, keep: bool = True) -> None:
        """`problems` gathers the hand-written pages' problems, for the engine to report all at once. Unless
        `keep` (the engine keeps the pages for its next build), a generated page's parts are let go of once
        its HTML is made: a large site would otherwise hold every page's HTML twice."""
        self.site, self.generated, self.explainers, self.policy = site, generated, explainers, policy
        self.trusted, self.tooltips, self.problems, self.keep = trusted, tooltips, problems, keep
        self.held = HeldContent()  # unless `keep`: the generated pages' HTML parts, from `hold` to their use
        self.stashes: dict[str, Stash] = {}  # src_uri -> the plugin's HTML held out of a hand-written page
        # src_uri -> the weight of the page's words, for the pages Pagefind indexes
        self.indexed: dict[str, int] = {}

    def hold(self, page: GeneratedPage) -> None:
        """Unless the pages are kept, a generated page's HTML parts are held (held_content) until used,
        and its Markdown (the engine's file has it) let go of: MkDocs takes every page before it converts the
        first."""
        if self.keep:
            return
        for part in ("head", "tail", "meta_html"):
            self.held.hold((page.src_uri, part), getattr(page, part))
            setattr(page, part, "")
        page.markdown = ""

    def _part(self, page: GeneratedPage, part: str) -> str:
        return self.held.take((page.src_uri, part), getattr(page, part))

    def edit_url(self, src_uri: str) -> str:
        """A generated page's link to its record's file, "" for none."""
        generated = self.generated.get(src_uri)
        settings = self.site.settings
        if generated is None or not generated.edit_path or not settings.edit_url:
            return ""
        return settings.edit_link(generated.edit_path)

    def markdown(self, src_uri: str, raw: str, markdown: str, path: str) -> str:
        """A page's Markdown: a hand-written page's (`raw` its file's text, `path` as problems name it)
        checked, with its [[…]], ![[…]] and placeholders resolved."""
        if src_uri in self.generated:
            return markdown
        handwritten.check_page(raw, markdown, self.site.content, self.problems, path, self.trusted,
                               self.site.settings.images)
        stash = self.stashes[src_uri] = Stash(src_uri)
        return handwritten.resolve(self.site, src_uri, markdown, stash)

    def theme_meta(self, src_uri: str, meta: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        """The front matter the theme prints raw, made safe: escaped, and for docs/ limited to known keys."""
        if src_uri in self.generated:
            meta["title"] = theme_title(meta["title"], self.tooltips)
        elif not self.trusted:
            meta = handwritten.theme_meta(meta)[0]
            if "title" in meta:
                meta["title"] = theme_title(meta["title"], self.tooltips)
        return meta

    def nav_meta(self, src_uri: str,
                 meta: MutableMapping[str, Any], title: str | None) -> MutableMapping[str, Any]:
        """The front matter of a page that a dirty build reads only for the nav (`title` as read from its raw
        Markdown), made safe as on a full build."""
        meta = self.theme_meta(src_uri, meta)
        if "title" not in meta and src_uri not in self.generated and not self.trusted:
            meta["title"] = theme_title(title or "", self.tooltips)
        return meta

    def html(self, src_uri: str, body: str, toc: Iterable, title: str | None,
             meta: MutableMapping[str, Any]) -> tuple[str, list[TocEntry]]:
        """A page's content after Markdown (`toc` the engine's table of contents, `title` its title for the
        page, `meta` its front matter, in which an escaped title is set), and its table of contents."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            body = sanitize(body)
            entries = [generated_page_toc(generated, toc, ids_in(generated.stash.plain(body)), self.tooltips)]
            html = self._searchable(src_uri, self._part(generated, "head") + generated.stash.restore(body)
                                    + self._part(generated, "tail"), meta)
            if not self.keep:
                generated.stash = Stash()  # restored: the page's HTML is made
            return html, entries
        stash = self.stashes.pop(src_uri, Stash())
        if self.trusted:
            return self._searchable(src_uri, stash.restore(body), meta), safe_entries(toc, False, stash,
                                                                                      self.tooltips)
        body = sanitize(body, page=True)
        entries = safe_entries(toc, True, stash, self.tooltips, ids_in(stash.plain(body)))
        # The theme prints the title raw (nav, header, <title>); one taken from the file name is not escaped
        # yet.
        shown = theme_title(title or "", self.tooltips)
        if title and shown != title:
            meta["title"] = shown
        return self._searchable(src_uri, stash.restore(body), meta), entries

    def _searchable(self, src_uri: str, html: str, meta: MutableMapping[str, Any]) -> str:
        """The page's content with its values for Pagefind, unless it is not indexed; `written` marks it."""
        marked = search_index.marks(src_uri, self.generated.get(src_uri), meta, src_uri in self.explainers,
                                    self.site.content)
        if marked is None:
            return html
        self.indexed[src_uri], marks = marked
        return html + marks

    def written(self, src_uri: str, output: str, content: str) -> str:
        """The page's whole HTML as the engine would write it, with the plugin's head, marked for Pagefind if
        it is indexed, under the content security policy (`content` the page's content, for its hashes)."""
        generated = self.generated.get(src_uri)
        head = (self._part(generated, "meta_html") if generated else "") + self.site.page_head(src_uri)
        weight = self.indexed.get(src_uri)
        if weight is not None:
            output = search_index.indexed(output, weight)
        return self.policy.apply(with_head(output, head), content)
