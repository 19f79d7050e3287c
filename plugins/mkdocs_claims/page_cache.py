"""Pages kept from the last build: a rebuild (`mkdocs serve`, or a later `mkdocs build` through the cache
folder) makes only those whose inputs changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from .content_index import ContentIndex
from .generated_page import GeneratedPage
from .kept_pages import KeptPages
from .links import record_links
from .model import Claim, Content, Person, Source, Topic
from .settings import Settings


class PageCache:
    """A page is reused from the last build when the digest of its key is equal.

    The key holds every record the page shows, and each claim it shows as `shown` gives it (with the people,
    topics and sources that any listing, card or graph node of a claim may print), so that no edit can leave
    a page stale. It is hashed from its `repr`, which names every field of a record: equal digests, equal
    records. A claim shown on many pages is hashed once.
    """

    def __init__(self, content: Content, settings: Settings, index: ContentIndex,
                 kept: KeptPages | None = None, scale_page: str = ""):
        self.content = content
        self.settings = settings
        self.index = index
        # What the engine keeps from one build to the next; None when it keeps nothing.
        self.kept = kept
        # What every page shows; claim pages link the page of the rating scale, a hand-written one or ours.
        self._site = digest((settings, content.scale, scale_page))
        self._shown_claims: dict[str, bytes] = {}  # claim id -> the digest of the claim as pages show it

    def page(self, src_uri: str, key: tuple,
             build: Callable[..., GeneratedPage], *arguments: object) -> GeneratedPage:
        """The page at `src_uri`: the last build's if its key equals `key`, else `build(*arguments)`."""
        if self.kept is None:
            return build(*arguments)
        key_digest = digest((self._site, key))
        page = self.kept.get(src_uri, key_digest)
        if page is None:
            page = build(*arguments)
            self.kept.put(src_uri, key_digest, page)
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

    def shown(self, claim: Claim) -> bytes:
        """A claim with every record that a page showing it may print (its speakers, topics and sources),
        hashed."""
        shown = self._shown_claims.get(claim.id)
        if shown is None:
            content = self.content
            shown = digest((claim, tuple(content.people.get(p) for p in claim.speakers),
                            tuple(content.topics.get(t) for t in claim.topics),
                            tuple(content.sources.get(s) for s in claim.sources)))
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


def digest(value: object) -> bytes:
    """The SHA-256 of `value`'s repr: records are dataclasses, whose repr names every field."""
    return hashlib.sha256(repr(value).encode("utf-8", "backslashreplace")).digest()
