"""Who and what each record is linked with: claims by person, topic and source, backlinks and explainers."""

from __future__ import annotations

from collections import defaultdict

from .generated_page import PageRef
from .links import record_links
from .model import Claim, Content
from .relations import RelationGraph, automatic_related


class ContentIndex:
    """Every cross-reference a page may list, computed once per build in time linear in the content."""

    def __init__(self, content: Content, related_count: int,
                 explained_in: dict[str, list[PageRef]] | None = None, explainers: list | None = None):
        """`explainers` are the hand-written explainer pages, newest first (`handwritten.explainers`)."""
        self.content = content
        self.graph = RelationGraph(content)
        self.automatic = automatic_related(content, self.graph, related_count)
        self.explained_in = explained_in or {}
        self.newest_first = sorted(content.claims.values(), key=lambda c: (c.date, c.id), reverse=True)
        self.by_person: dict[str, list[Claim]] = defaultdict(list)
        self.by_topic: dict[str, list[Claim]] = defaultdict(list)
        self.by_source: dict[str, list[Claim]] = defaultdict(list)
        # Backlinks: the claims whose explanations link a person, topic, source or other claim.
        self.mentions: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        # claim id -> (kind, id) its body links or embeds
        self.body_links: dict[str, list[tuple[str, str]]] = {}
        for claim in self.newest_first:
            self.body_links[claim.id] = record_links(claim.body)
            for target in dict.fromkeys(self.body_links[claim.id]):
                if target != ("claim", claim.id):
                    self.mentions[target].append(claim)
            for person in claim.speakers:
                self.by_person[person].append(claim)
            for topic in claim.topics:
                self.by_topic[topic].append(claim)
            for source in claim.sources:
                if source in content.sources and source not in claim.inline_sources:
                    self.by_source[source].append(claim)
        self.explainers = list(explainers or ())
        # The explainers that mention a record: they link or embed it, or link or embed a claim by or about
        # it.
        self.explainers_of: dict[tuple[str, str], list] = defaultdict(list)
        for explainer in self.explainers:
            mentioned = list(explainer.links)
            for kind, record_id in explainer.links:
                if kind == "claim":
                    claim = content.claims[record_id]
                    mentioned += [("person", p)
                                  for p in claim.speakers] + [("topic", t) for t in claim.topics]
            for target in dict.fromkeys(mentioned):
                self.explainers_of[target].append(explainer)

    def listed(self, kind: str) -> dict[str, list[Claim]]:
        """The claims a person, topic or source page lists, by record id."""
        return {"person": self.by_person, "topic": self.by_topic, "source": self.by_source}[kind]

    def claims_of(self, kind: str, record_id: str) -> list[Claim]:
        return self.listed(kind).get(record_id, [])

    def mentioned(self, kind: str, record_id: str) -> list[Claim]:
        """Claims that link this record in their explanation, beyond those already listed on its page."""
        shown = {claim.id for claim in self.claims_of(kind, record_id)}
        return [claim for claim in self.mentions.get((kind, record_id), []) if claim.id not in shown]
