"""Where each generated page lives, and relative links between pages, as MkDocs would compute them."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import quote

from .settings import Settings

_PLAIN = re.compile(r"[A-Za-z0-9/._~#-]*")  # needs no percent-encoding
# The stylesheet and script every page loads, shipped in the package's assets/ folder and published there.
STYLESHEET = "assets/claims.css"
SCRIPT = "assets/claims.js"
ASSETS = (STYLESHEET, SCRIPT)
# What the site publishes at its root beside the pages: the plugin's open data, schemas, feed and assets,
# the page of the rating scale (when no hand-written page shows it), the search index (Pagefind's, or the
# theme's own where a site keeps it), and what MkDocs adds (sitemap, error page).
ROOT_NAMES = ("claims.json", "claims.csv", "claims.schema.json", "schema", "feed.xml", "assets", "search",
              "ratings", "pagefind", "sitemap.xml", "sitemap.xml.gz", "404.html", "index.html")
# Claims each page of the graph but its last holds at least (`diagram.PAGE - diagram.MOST`): a bound on its
# pages.
GRAPH_PAGE_LEAST = 60


class Urls:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._urls: dict[str, str] = {}  # a page links to others thousands of times in a build

    def record(self, kind: str, record_id: str) -> str:
        """The source path (as if under docs/) of a record's page."""
        return f"{self.settings.prefix(kind)}/{record_id}.md"

    def index(self, kind: str) -> str:
        return f"{self.settings.prefix(kind)}/index.md"

    def explainers(self) -> str:
        """The index of the hand-written explainers."""
        return f"{self.settings.explainers_dir}/index.md"

    def timeline(self) -> str:
        return f"{self.settings.timeline_page}.md"

    def graph(self) -> str:
        """The first page of the graph of related claims; `page(graph(), number)` the next ones."""
        return f"{self.settings.graph_page}.md"

    def page(self, first: str, number: int) -> str:
        """The source path of page `number` of a list whose first page is `first`: `first` itself for 1, then
        `claims/page/2.md` after `claims/index.md`, `people/putin/page/2.md` after `people/putin.md`."""
        return first if number == 1 else f"{self.pages_folder(first)}/{number}.md"

    @staticmethod
    def pages_folder(first: str) -> str:
        """The folder of the pages after the first of a list (`claims/page` for `claims/index.md`)."""
        stem = posixpath.splitext(first)[0]
        if posixpath.basename(stem) == "index":
            stem = posixpath.dirname(stem)
        return f"{stem}/page" if stem else "page"

    def timeline_year(self, year: int) -> str:
        """The page of one year of the timeline."""
        return f"{self.settings.timeline_page}/{year}.md"

    def timeline_month(self, year: int, month: int) -> str:
        """The page of one month of the timeline, written when its year has too many claims for one page."""
        return f"{self.settings.timeline_page}/{year}/{month:02d}.md"

    def explorer(self) -> str:
        """The search page (`explorer.py`)."""
        return "search.md"

    @staticmethod
    def ratings() -> str:
        """The page of the rating scale the site makes when no hand-written page shows it (`ratings/`)."""
        return "ratings.md"

    def fixed_pages(self) -> list[str]:
        """The source paths of the pages every site has whatever its content: home, indexes, timeline, graph,
        search."""
        return ["index.md", *(self.index(kind) for kind in ("claim", "person", "topic", "source")),
                self.timeline(), self.graph(), self.explainers(), self.explorer()]

    def reserved(self, claims: int = 0, listings: Iterable[str] = ()) -> dict[str, str]:
        """URL -> what the site publishes there, for every address that no record's page may take, with the
        pages of the graph that `claims` claims may need.

        `listings` are the source paths of the pages the content's lists are cut into beyond the fixed ones
        (`listing_pages.addresses`): further pages of the index and of each record's claims, the timeline's
        years and months, the indexes' further pages. The folder of each index's further pages is always
        reserved, so that a record named `page` does not become invalid on the day its index grows a second
        page."""
        taken = {self.url(src_uri): f"the page {src_uri}" for src_uri in self.fixed_pages()}
        for number in range(2, 2 + claims // GRAPH_PAGE_LEAST):
            taken[self.url(self.page(self.graph(), number))] = f"page {number} of the graph"
        for kind, plural in (("claim", "claims"), ("person", "people"),
                             ("topic", "topics"), ("source", "sources")):
            folder = self.pages_folder(self.index(kind))
            taken.setdefault(self.url(f"{folder}.md"), f"the pages of the index of {plural}, `{folder}/`")
        for src_uri in listings:
            taken.setdefault(self.url(src_uri), f"the page {src_uri}")
        for name in ROOT_NAMES:
            taken.setdefault(self.url(name + ".md") if "." not in name else name, f"the site's `{name}`")
        return taken

    def roots(self) -> frozenset[str]:
        """The first name of every path the plugin writes to, beside the hand-written pages: the folders of
        the records' pages, lists, feeds and share images, the timeline, the graph, the search, and the files
        at the root. No file of docs/ may take one (`docs/people/x.md`, `docs/search.md`,
        `docs/claims/x.png`), but for `assets/`, where the plugin's files are scripts and style sheets, which
        docs/ cannot hold."""
        folders = [self.settings.prefix(kind) for kind in ("claim", "person", "topic", "source")]
        folders += [self.settings.timeline_page, self.settings.graph_page]
        return (frozenset(folder.split("/")[0] for folder in folders)
                | (set(ROOT_NAMES) - {"index.html", "assets"}))

    def url(self, src_uri: str) -> str:
        """The page's URL path relative to the site root, as MkDocs computes it."""
        url = self._urls.get(src_uri)
        if url is None:
            url = self._urls[src_uri] = self._compute_url(src_uri)
        return url

    def file(self, src_uri: str) -> str:
        """The file the page is written to, relative to the site folder (`claims/x/index.html`)."""
        url = self.url(src_uri)
        return url + "index.html" if url.endswith("/") else url

    def _compute_url(self, src_uri: str) -> str:
        stem = src_uri.removesuffix(".md")
        name = posixpath.basename(stem)
        if not self.settings.directory_urls:
            return stem + ".html"
        if name in ("index", "README"):
            parent = posixpath.dirname(stem)
            return parent + "/" if parent else ""
        return stem + "/"

    def absolute(self, src_uri: str) -> str:
        """The page's full URL, or "" when the site's own URL is not configured."""
        return self.absolute_file(self.url(src_uri))

    def absolute_file(self, path: str) -> str:
        """The full URL of a file of the site (a page's URL, an image), or "" without the site's own URL."""
        if not self.settings.site_url:
            return ""
        return self.settings.site_url.rstrip("/") + "/" + quote(path)

    def href(self, from_src_uri: str, to_src_uri: str, anchor: str = "") -> str:
        """A link from one page to another, relative so the site works under any base path."""
        here, there = self._base(from_src_uri), self.url(to_src_uri)
        # Both are paths from the site root; a folder URL ends with "/", a file URL names a file.
        here_dirs = here.split("/")[:-1]
        there_parts = there.split("/")
        common = 0
        while (common < len(here_dirs) and common < len(there_parts) - 1
               and here_dirs[common] == there_parts[common]):
            common += 1
        target = "../" * (len(here_dirs) - common) + "/".join(there_parts[common:]) or "./"
        return (target if _PLAIN.fullmatch(target) else quote(target)) + (f"#{anchor}" if anchor else "")

    def file_href(self, from_src_uri: str, path: str) -> str:
        """A relative link from a page to a file of the site that is not a page (a feed, a JSON file)."""
        return "../" * self._base(from_src_uri).count("/") + quote(path)

    def _base(self, src_uri: str) -> str:
        """What a page's relative links start from: its URL, or its source file
        (`Settings.links_from_source`)."""
        return src_uri if self.settings.links_from_source else self.url(src_uri)
