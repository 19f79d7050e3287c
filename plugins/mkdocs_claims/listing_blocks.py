"""The lists a hand-written page places with a `<!-- claims:… -->` comment of its own line."""

from __future__ import annotations

from dataclasses import dataclass

from .content_index import ContentIndex
from .generated_page import Heading
from .renderer import Renderer


@dataclass(frozen=True)
class Counted:
    """People or topics as a page lists them: (record, number of claims) rows, out of `total`, whose index is
    `index`."""

    kind: str
    rows: list[tuple]
    total: int
    index: str
    ranked: bool = False  # the rows are the most claimed, most first (else all, or all with a claim, by name)


class ListingBlocks:
    def __init__(self, renderer: Renderer, index: ContentIndex, explainers_index: str, page_size: int):
        """`page_size` bounds the people and topics a page lists (`_counted`)."""
        self.renderer = renderer
        self.index = index
        self.explainers_index = explainers_index
        self.page_size = page_size

    def latest(self, here: str, count: int) -> str:
        """The newest `count` claims, for `<!-- claims:latest N -->`."""
        urls = self.renderer.urls
        return self.renderer.render("latest.html", claims=self.index.newest_first[:count], here=here,
                                    index=urls.index("claim"), timeline=urls.timeline())

    def explainer_list(self, here: str, count: int = 0) -> str:
        """The newest `count` explainers (all for 0), for a hand-written page's `<!-- claims:explainers
        -->`."""
        explainers = self.index.explainers
        shown = explainers[:count] if count else explainers
        return self.renderer.render("explainers.html", here=here, explainers=shown, full=False,
                                    index=self.explainers_index if len(shown) < len(explainers) else "")

    def record_list(self, here: str, kind: str) -> str:
        """The people or topics with their numbers of claims, for `<!-- claims:people -->` / `<!--
        claims:topics -->`: every one, or the most claimed where they are many (`_counted`), with a link to
        their index."""
        return self.renderer.render("records.html", here=here, kind=kind, group=self._counted(kind))

    def front_page(self, here: str, count: int) -> str:
        """The front page's generated part, for `<!-- claims:front -->` (or the whole home page when docs/ has
        none): the latest `count` claims as cards, the featured explainers (else the newest), people and
        topics counted."""
        urls, newest, explainers = self.renderer.urls, self.index.newest_first, self.index.explainers
        featured = [explainer for explainer in explainers if explainer.featured]
        return self.renderer.render("front.html", here=here, claims=newest[:count], total=len(newest),
                                    index=urls.index("claim"), timeline=urls.timeline(),
                                    featured=bool(featured), explainers=featured or explainers[:3],
                                    explainers_index=self.explainers_index, browse=[group
                                            for group in (self._counted("person", claimed_only=True),
                                                          self._counted("topic", claimed_only=True))
                                            if group.rows])

    def front_headings(self) -> list[Heading]:
        """The sections of front.html, for the table of contents of a generated home page."""
        headings = [Heading(2, "latest-claims", "Latest claims")]
        if self.index.explainers:
            featured = any(explainer.featured for explainer in self.index.explainers)
            headings.append(Heading(2, "featured-explainers",
                                    "Featured explainers" if featured else "Explainers"))
        if self.renderer.content.people or self.renderer.content.topics:
            headings.append(Heading(2, "browse", "Browse"))
        return headings

    def _counted(self, kind: str, claimed_only: bool = False) -> Counted:
        """The people or topics with their numbers of claims: all of them, by name, where one page of a list
        (`page_size`) holds them; else the `page_size` with the most claims, most first, so that a page
        listing them stays small however large the archive (their index lists them all). `claimed_only`
        leaves out those with none (the front page shows what the site has checked)."""
        records = sorted(self.renderer.content.records(kind).values(), key=lambda r: r.title.casefold())
        rows = [(record, len(self.index.claims_of(kind, record.id))) for record in records]
        if claimed_only:
            rows = [row for row in rows if row[1]]
        ranked = len(rows) > self.page_size
        if ranked:
            rows = sorted(rows, key=lambda row: -row[1])[:self.page_size]  # a stable sort: ties stay by name
        return Counted(kind, rows, len(records), self.renderer.urls.index(kind), ranked)

    def scale(self) -> str:
        """The rating scale with each verdict's description, for `<!-- claims:scale -->`."""
        return self.renderer.render("scale.html", scale=self.renderer.content.scale)
