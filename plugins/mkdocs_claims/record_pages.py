"""The pages of people, topics and sources: the record, then the claims that list or mention it."""

from __future__ import annotations

from .feeds import feed_path, feed_title
from .generated_page import GeneratedPage, Heading
from .page_parts import PageBuilder
from .rewriter import rewrite
from .sanitizer import Stash
from .structured_data import script


class RecordPages(PageBuilder):
    def build(self, kind: str, record_id: str) -> GeneratedPage:
        return self.source(record_id) if kind == "source" else self.person_or_topic(kind, record_id)

    def person_or_topic(self, kind: str, record_id: str) -> GeneratedPage:
        """A person's or topic's page: its description (Markdown), its claims, mentions, explainers and feed."""
        record = self.renderer.content.records(kind)[record_id]
        here = self.urls.record(kind, record_id)
        values = {kind: record, "here": here, "claims": self.index.claims_of(kind, record_id),
                  "mentioned": self.index.mentioned(kind, record_id),
                  "explainers": self.index.explainers_of.get((kind, record_id), [])}
        if kind == "person":
            data = self.structured.person_page(record, here)
            description = record.role or record.name
        else:
            members = [(c.title, self.urls.record("claim", c.id)) for c in values["claims"]]
            data = self.structured.collection(record.title, here, members)
            description = record.title
        meta_html = script(data) + self.head.feed_link(here, feed_path(self.settings, kind, record_id),
                                                       feed_title(kind, record))
        stash = Stash(here)
        template = f"{kind}.html"
        return GeneratedPage(
            src_uri=here, title=record.title, kind=kind, meta_html=meta_html, anchor=kind, stash=stash,
            head=self.renderer.render(template, part="head", **values),
            markdown=rewrite(self.renderer, record.description, here, stash=stash),
            tail=self.renderer.render(template, part="tail", **values),
            tail_headings=[Heading(2, "claims", "Claims")] + _mention_headings(values),
            description=description, record_id=record_id, edit_path=record.path,
        )

    def source(self, source_id: str) -> GeneratedPage:
        source = self.renderer.content.sources[source_id]
        here = self.urls.record("source", source_id)
        values = dict(source=source, here=here, claims=self.index.claims_of("source", source_id),
                      mentioned=self.index.mentioned("source", source_id))
        return GeneratedPage(
            src_uri=here, title=source.title, kind="source", anchor="source",
            head=self.renderer.render("source.html", part="head", **values),
            head_headings=[Heading(2, "claims", "Claims citing this source")]
            + _mention_headings(dict(values, explainers=[])),
            description=f"{source.publisher}: {source.title}", record_id=source_id, edit_path=source.path,
        )


def _mention_headings(values: dict) -> list[Heading]:
    return ([Heading(2, "mentioned-in", "Mentioned in")] if values["mentioned"] else []) + \
        ([Heading(2, "explainers", "Explainers")] if values["explainers"] else [])
