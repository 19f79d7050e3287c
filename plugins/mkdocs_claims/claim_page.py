"""The page of one claim: claim box, quotes, explanation with citations, references, relations, sharing."""

from __future__ import annotations

from markupsafe import Markup

from .bylines import byline
from .citations import Citations
from .generated_page import GeneratedPage, Heading
from .meter import meter
from .model import Claim, Rating
from .page_parts import PageBuilder
from .relations import grouped
from .rewriter import rewrite
from .sanitizer import Stash
from .sharing import share_card, share_links
from .structured_data import script


class ClaimPages(PageBuilder):
    def build(self, claim: Claim) -> GeneratedPage:
        content, index, urls, render = self.renderer.content, self.index, self.urls, self.renderer.render
        here = urls.record("claim", claim.id)
        citations = Citations(claim, content)
        stash = Stash(here)
        body = rewrite(self.renderer, claim.body, here, citations, stash)
        sources = citations.ordered_sources()
        numbers = {source.id: number for number, source in enumerate(sources, 1)}
        graph = self.diagrams.claim_graph(claim, lambda other: self.renderer.link(here, "claim", other))
        latest = max(claim.updates, key=lambda update: update.date, default=None)
        # The date a citation gives: the review's last update, or its latest correction if that is later.
        updated = max((day for day in (claim.updated, latest.date if latest else None) if day), default=None)
        values = dict(claim=claim, here=here, sources=sources, numbers=numbers, citations=citations.uses,
                      graph=Markup(graph),
                      rating=content.rating(claim.verdict) if claim.verdict else None,
                      links=index.graph.of(claim.id), automatic=index.automatic.get(claim.id, []),
                      explained_in=index.explained_in.get(claim.id, []),
                      edit_url=self.settings.edit_link(claim.path),
                      page_url=urls.absolute(here), share=[], site_name=self.settings.site_name,
                      byline=byline(claim, self.settings.team, self.settings.organization),
                      relation_groups=grouped(index.graph.of(claim.id)),
                      latest_update=latest, updated=updated,
                      scale_link=self.renderer.page_link(here, self.scale_page, "claims-scale"))
        rating, page_url = values["rating"], values["page_url"]
        values["place"] = meter(content.scale, rating) if isinstance(rating, Rating) else None
        if isinstance(page_url, str) and page_url:
            values["share"] = share_links(page_url, claim.title)
        meta_html = (script(self.structured.claim(claim, here, sources))
                     + self.head.sharing(claim.title, claim.listing_text, here,
                                         share_card(content, self.settings, claim)))
        return GeneratedPage(
            src_uri=here, title=claim.title, kind="claim", meta_html=meta_html, anchor="claim", stash=stash,
            head=render("claim_head.html", **values), markdown=body, tail=render("claim_tail.html", **values),
            head_headings=self._head_headings(claim), tail_headings=self._tail_headings(claim, values),
            tags=[self.renderer.record_title("topic", t) for t in claim.topics],
            description=claim.listing_text, record_id=claim.id, edit_path=claim.path,
        )

    @staticmethod
    def _head_headings(claim: Claim) -> list[Heading]:
        headings = [Heading(2, "in-their-words", "In their words")] if claim.quotes else []
        return headings + [Heading(2, "explanation", "The explanation")]

    @staticmethod
    def _tail_headings(claim: Claim, values: dict) -> list[Heading]:
        """The sections after the explanation, as claim_tail.html shows them, in the order a reader needs
        them."""
        sections = [("references", "References", True),
                    ("relations", "Relations to other claims", values["links"]),
                    ("related-claims", "Related claims", values["automatic"]),
                    ("further-reading", "Further reading", claim.read_also),
                    ("topics", "Topics", claim.topics),
                    ("explained-in", "Explained in", values["explained_in"]),
                    ("corrections", "Corrections", claim.updates),
                    ("how-to-cite", "How to cite this page", True), ("share", "Share", True)]
        return [Heading(2, anchor, title) for anchor, title, shown in sections if shown]
