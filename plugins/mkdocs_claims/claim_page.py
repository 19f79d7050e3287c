"""The page of one claim: claim box, quotes, explanation with citations, references, relations, sharing."""

from __future__ import annotations

from markupsafe import Markup

from . import diagram
from .bylines import byline
from .citations import Citations
from .generated_page import GeneratedPage, Heading
from .model import Claim
from .page_parts import PageBuilder
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
        graph = diagram.claim_graph(claim, index.graph.of(claim.id), content,
                                    lambda other: self.renderer.link(here, "claim", other))
        values = dict(claim=claim, here=here, sources=sources, numbers=numbers, citations=citations.uses,
                      graph=Markup(graph),
                      rating=content.rating(claim.verdict) if claim.verdict else None,
                      links=index.graph.of(claim.id), automatic=index.automatic.get(claim.id, []),
                      explained_in=index.explained_in.get(claim.id, []),
                      edit_url=self.settings.edit_link(claim.path),
                      page_url=urls.absolute(here), share=[],
                      byline=byline(claim, self.settings.team, self.settings.organization))
        if values["page_url"]:
            values["share"] = share_links(values["page_url"], claim.title)
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
        """The sections after the explanation, as claim_tail.html shows them."""
        headings = [Heading(2, "references", "References")]
        if values["links"] or values["automatic"]:
            headings.append(Heading(2, "read-also", "Read also"))
        if claim.read_also:
            headings.append(Heading(2, "further-reading", "Further reading"))
        if claim.topics:
            headings.append(Heading(2, "topics", "Topics"))
        if claim.updates:
            headings.append(Heading(2, "corrections", "Corrections"))
        if values["explained_in"]:
            headings.append(Heading(2, "explained-in", "Explained in"))
        headings.append(Heading(2, "share", "Share"))
        return headings
