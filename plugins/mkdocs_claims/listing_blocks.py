"""The lists a hand-written page places with a `<!-- claims:… -->` comment of its own line."""

from __future__ import annotations

from .content_index import ContentIndex
from .renderer import Renderer


class ListingBlocks:
    def __init__(self, renderer: Renderer, index: ContentIndex, explainers_index: str):
        self.renderer = renderer
        self.index = index
        self.explainers_index = explainers_index

    def latest(self, here: str, count: int) -> str:
        """The newest `count` claims, for `<!-- claims:latest N -->`."""
        urls = self.renderer.urls
        return self.renderer.render("latest.html", claims=self.index.newest_first[:count], here=here,
                                    index=urls.index("claim"), timeline=urls.timeline())

    def explainer_list(self, here: str, count: int = 0) -> str:
        """The newest `count` explainers (all for 0), for a hand-written page's `<!-- claims:explainers -->`."""
        explainers = self.index.explainers
        shown = explainers[:count] if count else explainers
        return self.renderer.render("explainers.html", here=here, explainers=shown, full=False,
                                    index=self.explainers_index if len(shown) < len(explainers) else "")

    def record_list(self, here: str, kind: str) -> str:
        """Every person or topic with its number of claims, for `<!-- claims:people -->` / `<!-- claims:topics -->`."""
        records = sorted(self.renderer.content.records(kind).values(), key=lambda r: r.title.casefold())
        return self.renderer.render("records.html", here=here, kind=kind,
                                    rows=[(r, len(self.index.claims_of(kind, r.id))) for r in records])

    def scale(self) -> str:
        """The rating scale with each verdict's description, for `<!-- claims:scale -->`."""
        return self.renderer.render("scale.html", scale=self.renderer.content.scale)
