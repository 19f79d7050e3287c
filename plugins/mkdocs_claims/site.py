"""The pages a content set becomes, independent of the engine that turns them into a website.

Structured parts (claim box, quotes, references, relations, listings) are rendered straight
to HTML from Jinja templates with autoescaping; only bodies and descriptions are Markdown,
left for the engine to convert with the site's own Markdown extensions.

`Site` only wires the parts, each in a module of its own: the content index (`content_index`), the
renderer and link rewriting (`renderer`, `rewriter`), the page builders (`claim_page`, `record_pages`,
`index_pages`, `record_index`, `listing_pages`,
`listing_blocks`), the page cache (`page_cache`), the head (`head`) and the site files
(`site_files`).
"""

from __future__ import annotations

from collections.abc import Iterator

from .citations import Citations
from .claim_page import ClaimPages
from .content_index import ContentIndex
from .diagram import Diagrams
from .generated_page import GeneratedPage, Heading, PageRef
from .head import Head
from .index_pages import IndexPages
from .kept_pages import KeptPages
from .layout import Layouts
from .listing_blocks import ListingBlocks
from .listing_pages import ListingPages
from .model import Claim, Content
from .page_cache import PageCache
from .page_parts import PageParts
from .record_index import RecordIndexes
from .record_pages import RecordPages
from .renderer import Renderer
from .rewriter import rewrite
from .sanitizer import Stash
from .settings import Settings
from .share_image import ShareCard
from .sharing import share_card, share_image_path
from .site_files import site_files
from .structured_data import StructuredData
from .urls import Urls

__all__ = ["GeneratedPage", "Heading", "PageRef", "Site"]  # where engines and older code import them from


class Site:
    """Everything a site shows, computed once per build in time linear in the content."""

    def __init__(self, content: Content, settings: Settings,
                 explained_in: dict[str, list[PageRef]] | None = None, kept: KeptPages | None = None,
                 explainers: list | None = None, explainers_index: bool = True, home: bool = False,
                 layouts: Layouts | None = None, scale_page: str = ""):
        """`explainers` are the hand-written explainer pages, newest first (`handwritten.explainers`); the
        site lists them on an index page of their own unless `explainers_index` is False (the docs folder has
        one). With `home`, the site generates its home page too (the docs folder has no index.md).
        `kept` holds the pages the engine keeps from one build to the next (see `kept_pages`); `layouts`
        keeps the graphs' layouts from the last build, so a rebuild lays out only the changed ones.
        `scale_page` is the hand-written page that shows the rating scale (`handwritten.scale_page`); where
        there is none, the site makes one (`Urls.ratings`)."""
        self.content = content
        self.settings = settings
        self.urls = Urls(settings)
        self.index = ContentIndex(content, settings.related_count, explained_in, explainers)
        self.explainers_index = self.urls.explainers() if self.index.explainers and explainers_index else ""
        self.renderer = Renderer(content, self.urls)
        self.head = Head(settings, self.urls)
        structured = StructuredData(content, self.urls, settings)
        self.layouts = layouts if layouts is not None else Layouts()
        self.layouts.new_build()
        if kept is not None:
            kept.new_build()
        diagrams = Diagrams(content, self.index.graph, self.layouts)
        self.scale_page = scale_page or self.urls.ratings()
        parts = PageParts(settings, self.renderer, self.index, self.head, structured, diagrams,
                          self.scale_page)
        self.claim_pages = ClaimPages(parts)
        self.record_pages = RecordPages(parts)
        self.listings = ListingBlocks(self.renderer, self.index, self.explainers_index, settings.page_size)
        self.index_pages = IndexPages(parts, self.explainers_index, self.listings if home else None,
                                      ratings=not scale_page)
        self.cache = PageCache(content, settings, self.index, kept, self.scale_page)
        self.listing_pages = ListingPages(parts, self.cache)
        self.record_indexes = RecordIndexes(parts, self.cache)

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page, lazily, so an engine can take them one at a time; unchanged ones from the
        cache."""
        for claim in self.content.claims.values():
            yield self.cache.page(self.urls.record("claim", claim.id), self.cache.claim_key(claim),
                                  self.claim_pages.build, claim)
        for kind in ("person", "topic", "source"):
            for record in self.content.records(kind).values():
                yield self.cache.page(self.urls.record(kind, record.id), self.cache.record_key(kind, record),
                                      self.record_pages.build, kind, record.id)
                yield from self.listing_pages.record(kind, record)
        yield from self.index_pages.pages()
        yield from self.record_indexes.pages()
        yield from self.listing_pages.pages()
        if self.layouts.unavailable and self.cache.kept is not None:
            # Kept, pages without their graphs would stay so once `dot` is back, and no build would say why.
            self.cache.kept.forget_written()

    def claim_page(self, claim: Claim) -> GeneratedPage:
        return self.claim_pages.build(claim)

    def claim_page_years(self) -> dict[str, int]:
        """Each claim page's file in the built site with its claim's year: what the search index is cut by."""
        return {self.urls.file(self.urls.record("claim", claim.id)): claim.date.year
                for claim in self.content.claims.values()}

    def files(self) -> Iterator[tuple[str, str | bytes]]:
        """Every file beside the pages, as (path in the site, text): open data, schemas, feeds, redirects."""
        return site_files(self.settings, self.renderer, self.index)

    def share_cards(self) -> Iterator[ShareCard]:
        """Every claim's share card, for the engine to draw (or take from its cache) and write."""
        return (share_card(self.content, self.settings, claim) for claim in self.content.claims.values())

    def share_image_path(self, card: ShareCard) -> str:
        return share_image_path(self.settings, card)

    def page_head(self, here: str) -> str:
        """What every page's <head> gets: the site-wide feed."""
        return self.head.site_feed_link(here)

    # -- pieces for hand-written pages ----------------------------------------------------------

    def rewrite(self, text: str, here: str, citations: Citations | None = None,
                stash: Stash | None = None) -> str:
        return rewrite(self.renderer, text, here, citations, stash)

    def latest(self, here: str, count: int) -> str:
        return self.listings.latest(here, count)

    def explainer_list(self, here: str, count: int = 0) -> str:
        return self.listings.explainer_list(here, count)

    def record_list(self, here: str, kind: str) -> str:
        return self.listings.record_list(here, kind)

    def scale(self) -> str:
        return self.listings.scale()

    def team(self) -> str:
        """The team with their roles, and the organization, for `<!-- claims:team -->`."""
        return self.renderer.render("team.html", team=list(self.settings.team.values()),
                                    organization=self.settings.organization)

    def front_page(self, here: str, count: int) -> str:
        return self.listings.front_page(here, count)
