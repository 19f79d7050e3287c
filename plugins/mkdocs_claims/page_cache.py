"""Pages kept from the last build: `mkdocs serve` rebuilds only those whose inputs changed."""

from __future__ import annotations

from collections.abc import Callable

from .content_index import ContentIndex
from .generated_page import GeneratedPage
from .links import record_links
from .model import Claim, Content, Person, Source, Topic
from .settings import Settings


class PageCache:
    """A page is reused from the last build when its key is equal.

    The key holds every record the page shows, and each claim it shows as `shown` gives it (with the people,
    topics and sources that any listing, card or graph node of a claim may print), so that no edit can leave
    a page stale.
    """

    def __init__(self, content: Content, settings: Settings, index: ContentIndex, store: dict | None = None):
        self.content = content
        self.settings = settings
        self.index = index
        # src_uri -> (everything the page shows, the page), kept by the engine from one build to the next;
        # None when it keeps none (a single build), so that no page outlives its writing.
        self.store = store
        self._shown_claims: dict[str, tuple] = {}  # claim id -> the claim as pages show it (see `shown`)

    def page(self, src_uri: str, key: tuple,
             build: Callable[..., GeneratedPage], *arguments: object) -> GeneratedPage:
        """The page at `src_uri`: the last build's if its key equals `key`, else `build(*arguments)`."""
        key = (self.settings, self.content.scale) + key
        if self.store is None:
            return build(*arguments)
        previous = self.store.get(src_uri)
        if previous is not None and previous[0] == key:
            return previous[1]
        page = build(*arguments)
        self.store[src_uri] = (key, page)
        return page

    def claim_key(self, claim: Claim) -> tuple:
        """Everything a claim page shows: the claim, its relations, related claims, explainers and links."""
        index, claims = self.index, self.content.claims
        links = index.graph.of(claim.id)
        return (self.shown(claim), tuple(links), tuple(self.shown(claims[link.other]) for link in links),
                tuple(self.shown(claims[o]) for o in index.automatic.get(claim.id, ())),
                tuple(index.explained_in.get(claim.id, ())), self._records(index.body_links[claim.id]))

    def record_key(self, kind: str, record: Person | Topic | Source) -> tuple:
        """Everything a person, topic or source page shows: its claims, mentions and explainers."""
        index = self.index
        return (record, self._records(record_links(getattr(record, "description", ""))),
                tuple(map(self.shown, index.claims_of(kind, record.id))),
                tuple(map(self.shown, index.mentions.get((kind, record.id), ()))),
                tuple(index.explainers_of.get((kind, record.id), ())))

    def shown(self, claim: Claim) -> tuple:
        """A claim with every record that a page showing it may print: its speakers, topics and sources."""
        shown = self._shown_claims.get(claim.id)
        if shown is None:
            content = self.content
            shown = (claim, tuple(content.people.get(p) for p in claim.speakers),
                     tuple(content.topics.get(t) for t in claim.topics),
                     tuple(content.sources.get(s) for s in claim.sources))
            self._shown_claims[claim.id] = shown
        return shown

    def _records(self, links: list[tuple[str, str]]) -> tuple:
        """The records a text links or embeds: their titles are part of the page, an embedded claim's card
        more."""
        records = []
        for kind, record_id in links:
            record = self.content.records(kind).get(record_id)
            records.append(self.shown(record) if kind == "claim" and record is not None else record)
        return tuple(records)
