"""The home page, the index of explainers and the graph (the index of claims and the timeline, paged, are
`listing_pages`; the indexes of people, topics and sources `record_index`)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from .generated_page import GeneratedPage
from .handwritten import FRONT_PAGE_CLAIMS
from .listing_blocks import ListingBlocks
from .page_parts import PageBuilder, PageParts
from .pagination import Pager
from .structured_data import script


class IndexPages(PageBuilder):
    def __init__(self, parts: PageParts, explainers_index: str, front: ListingBlocks | None = None,
                 ratings: bool = False):
        """`explainers_index` is the explainers' index page, "" where the site generates none; with `front`,
        the site generates its home page too (the docs folder has no index.md), around the front page's
        blocks; with `ratings`, the page of the rating scale (no hand-written page shows it)."""
        super().__init__(parts)
        self.explainers_index = explainers_index
        self.front = front
        self.ratings_page = ratings

    def pages(self) -> Iterator[GeneratedPage]:
        if self.front is not None:
            yield self.home(self.front)
        if self.explainers_index:
            yield self.explainers()
        if self.ratings_page:
            yield self.ratings()
        yield from self.graph()

    def home(self, front: ListingBlocks) -> GeneratedPage:
        """The home page: the site's name and description, then the front page."""
        title, intro = self.settings.site_name or "Claims", self.settings.site_description
        return GeneratedPage("index.md", title, "home", in_nav=True, anchor="home",
                             description=intro or "The latest claims, newest first.",
                             head_headings=front.front_headings(),
                             head=self.renderer.render(
                                 "home.html", title=title, intro=intro,
                                 front=Markup(front.front_page("index.md", FRONT_PAGE_CLAIMS))))

    def explainers(self) -> GeneratedPage:
        here = self.urls.explainers()
        explainers = self.index.explainers
        members = [(e.title, e.src_uri) for e in explainers]
        return GeneratedPage(here, "Explainers", "index", in_nav=True, anchor="explainers",
                             description="Every explainer, newest first.",
                             meta_html=script(self.structured.collection("Explainers", here, members)),
                             head=self.renderer.render("explainers.html", here=here, explainers=explainers,
                                                       full=True, index=""))

    def ratings(self) -> GeneratedPage:
        """What each verdict means, from the configured scale: every claim page links here from its
        verdict."""
        here = self.urls.ratings()
        return GeneratedPage(here, "How we rate claims", "index", anchor="ratings", searchable=False,
                             description="What each verdict on this site means.",
                             head=self.renderer.render("ratings.html", scale=self.renderer.content.scale))

    def graph(self) -> Iterator[GeneratedPage]:
        """The clusters of related claims, largest first, over as many pages as keep each page small."""
        link, graph = self.renderer.link, self.index.graph
        first = self.urls.graph()
        pages = self.diagrams.site_pages(
            lambda number, claim_id: link(self.urls.page(first, number), "claim", claim_id))
        related = sum(1 for claim in self.index.newest_first if graph.of(claim.id))
        for number, (figures, claims) in enumerate(pages or [([], [])], 1):
            here, pager = self.urls.page(first, number), Pager(first, number, len(pages))
            shown = [(claim.title, self.urls.record("claim", claim.id)) for claim in claims]
            yield GeneratedPage(here, "Graph" if number == 1 else f"Graph, page {number}", "graph",
                                in_nav=number == 1, description="The clusters of related claims.",
                                anchor="graph", searchable=False,
                                meta_html=script(self.structured.collection("Graph", here, shown))
                                + pager.head_links(self.urls, here),
                                head=self.renderer.render("graph.html", figures=[Markup(f) for f in figures],
                                                          here=here, number=number, pages=len(pages),
                                                          related=related,
                                                          claims=len(self.index.newest_first),
                                                          index=self.urls.index("claim"),
                                                          pager_links=pager.links(self.urls, here,
                                                                                  ("Previous", "Next"))))
