"""The pages of people, topics and sources: the record (a person or topic with its scorecard), then the newest
page of the claims that list or mention it (the further pages are `listing_pages`)."""

from __future__ import annotations

from .feeds import feed_path, feed_title
from .generated_page import GeneratedPage, Heading
from .page_parts import PageBuilder
from .pagination import Pager, page_count
from .rewriter import rewrite
from .sanitizer import Stash
from .scorecard import scorecard
from .structured_data import script

# What a person's or topic's scorecard counts, and what it names as most linked with them.
_SCORED = {"person": ("on record", "topic"), "topic": ("on this topic", "person")}


class RecordPages(PageBuilder):
    def build(self, kind: str, record_id: str) -> GeneratedPage:
        return self.source(record_id) if kind == "source" else self.person_or_topic(kind, record_id)

    def listing(self, kind: str, record_id: str) -> tuple[dict, Pager]:
        """What a record's page shows of the claims that list it and of those that mention it: the newest page
        of each, with the pager that leads to the further pages of the first."""
        here = self.urls.record(kind, record_id)
        listed, mentioned = self.index.claims_of(kind, record_id), self.index.mentioned(kind, record_id)
        pager = Pager(here, 1, page_count(len(listed), self.settings.page_size))
        size = self.settings.page_size
        return {"here": here, "claims": listed[:size], "total": len(listed),
                "pager_links": pager.links(self.urls, here),
                "mentioned": mentioned[:size], "mentioned_total": len(mentioned)}, pager

    def person_or_topic(self, kind: str, record_id: str) -> GeneratedPage:
        """A person's or topic's page: its scorecard, description (Markdown), claims, mentions, explainers and
        feed."""
        record = self.renderer.content.records(kind)[record_id]
        values, pager = self.listing(kind, record_id)
        here = values["here"]
        explainers = self.index.explainers_of.get((kind, record_id), [])
        counted, linked = _SCORED[kind]
        values.update({kind: record, "explainers": explainers, "counted": counted,
                       "card": scorecard(self.index.claims_of(kind, record_id), self.renderer.content, linked,
                                         explainers)})
        if kind == "person":
            data = self.structured.person_page(record, here)
            description = record.role or record.name
        else:
            members = [(c.title, self.urls.record("claim", c.id)) for c in values["claims"]]
            data = self.structured.collection(record.title, here, members)
            description = record.title
        feed = self.head.feed_link(here, feed_path(self.settings, kind, record_id), feed_title(kind, record))
        meta_html = script(data) + feed + pager.head_links(self.urls, here)
        stash = Stash(here)
        template = f"{kind}.html"
        return GeneratedPage(
            src_uri=here, title=record.title, kind=kind, meta_html=meta_html, anchor=kind, stash=stash,
            head=self.renderer.render(template, part="head", **values),
            markdown=rewrite(self.renderer, record.description, here, stash=stash),
            tail=self.renderer.render(template, part="tail", **values),
            head_headings=[Heading(2, "at-a-glance", "At a glance")],
            tail_headings=[Heading(2, "claims", "Claims")] + _mention_headings(values),
            description=description, record_id=record_id, edit_path=record.path,
        )

    def source(self, source_id: str) -> GeneratedPage:
        source = self.renderer.content.sources[source_id]
        values, pager = self.listing("source", source_id)
        here = values["here"]
        values["source"] = source
        return GeneratedPage(
            src_uri=here, title=source.title, kind="source", anchor="source",
            meta_html=pager.head_links(self.urls, here),
            head=self.renderer.render("source.html", part="head", **values),
            head_headings=[Heading(2, "claims", "Claims citing this source")]
            + _mention_headings(dict(values, explainers=[])),
            description=f"{source.publisher}: {source.title}", record_id=source_id, edit_path=source.path,
        )


def _mention_headings(values: dict) -> list[Heading]:
    return ([Heading(2, "mentioned-in", "Mentioned in")] if values["mentioned"] else []) + \
        ([Heading(2, "explainers", "Explainers")] if values["explainers"] else [])
