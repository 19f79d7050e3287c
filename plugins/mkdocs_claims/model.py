"""The records a site is made of: claims, people, sources and topics."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("claim", "person", "source", "topic")
# Every id (a record's file name, a team member's key): lowercase ASCII letters and digits, in words joined by
# single hyphens. The JSON Schemas hold this pattern too (tests/test_single_source.py keeps them equal).
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
# with match(): `$` would allow a final \n
ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$") + r"\Z")
# The plural of each kind names it everywhere: its folder in the content folder (claims live anywhere but in
# the others), the prefix of Markdown links to it (`[[people/id]]`) and the word for many of them.
# in messages' order
PLURALS = {"claim": "claims", "person": "people", "topic": "topics", "source": "sources"}
KIND_OF_PLURAL = {plural: kind for kind, plural in PLURALS.items()}
KIND_FOLDERS = {PLURALS[kind]: kind for kind in KINDS if kind != "claim"}  # folder -> the kind it holds
FOLDER_OF_KIND = {kind: folder for folder, kind in KIND_FOLDERS.items()}


@dataclass
class Person:
    id: str
    name: str
    path: str
    role: str = ""
    description: str = ""
    wikidata: str = ""
    url: str = ""

    @property
    def title(self) -> str:
        return self.name


@dataclass
class Topic:
    id: str
    title: str
    path: str
    description: str = ""


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    url: str
    path: str
    date: dt.date | None = None
    archive_url: str = ""
    accessed: dt.date | None = None
    quote: str = ""
    shared: bool = True  # False for a source written inline in one claim


@dataclass
class Quote:
    text: str
    source: str
    original: str = ""
    lang: str = ""


@dataclass
class ReadAlso:
    title: str
    url: str = ""
    publisher: str = ""


@dataclass
class Update:
    date: dt.date
    note: str


@dataclass
class Relation:
    """A typed link from one claim to another, as written in the `related` field."""

    source: str  # the claim whose file declares it
    target: str
    type: str
    note: str = ""


@dataclass
class Claim:
    id: str
    title: str
    claim: str
    speakers: list[str]
    date: dt.date
    body: str
    sources: list[str]  # source ids in the order the file lists them
    path: str
    venue: str = ""
    quotes: list[Quote] = field(default_factory=list)
    verdict: str = ""
    verdict_note: str = ""
    summary: str = ""
    topics: list[str] = field(default_factory=list)
    related: list[Relation] = field(default_factory=list)
    read_also: list[ReadAlso] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    inline_sources: dict[str, Source] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)  # team ids (bylines.py); none: the organization wrote it
    reviewers: list[str] = field(default_factory=list)
    # When the review was first published and last updated: from the file, else completed by review_dates.py.
    published: dt.date | None = None
    updated: dt.date | None = None

    @property
    def listing_text(self) -> str:
        return self.summary or self.claim


@dataclass(frozen=True)
class Rating:
    """One step of the rating scale a site uses for verdicts."""

    id: str
    label: str
    description: str = ""
    value: int | None = None  # its place on the numeric scale, for schema.org ClaimReview


DEFAULT_SCALE = (
    # Ids avoid `true`, `false`, `yes` and `no`, which YAML would read as booleans.
    Rating("accurate", "Accurate", "The claim is accurate and nothing significant is missing.", 5),
    Rating("mostly-accurate", "Mostly accurate",
           "The claim is accurate but needs clarification or context.", 4),
    Rating("mixed", "Mixed", "The claim is partly accurate and leaves out or distorts important facts.", 3),
    Rating("misleading", "Misleading", "The claim contains some truth but creates a false impression.", 2),
    Rating("inaccurate", "Inaccurate", "The claim is contradicted by the record.", 1),
    Rating("unsupported", "Unsupported",
           "No evidence supports the claim, and the speaker offered none.", None),
)


@dataclass
class Content:
    """Every record of one content folder, by id, as loaded and validated."""

    claims: dict[str, Claim] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # shared sources only
    topics: dict[str, Topic] = field(default_factory=dict)
    scale: tuple[Rating, ...] = DEFAULT_SCALE
    folder: str = "claims"  # the content folder as messages name it (relative to the site's root)
    # (kind, id) -> the file that holds the record but could not be read: references to it are not "unknown".
    unreadable: dict[tuple[str, str], str] = field(default_factory=dict)

    def rating(self, rating_id: str) -> Rating | None:
        return next((rating for rating in self.scale if rating.id == rating_id), None)

    def source_of(self, claim: Claim, source_id: str) -> Source | None:
        """A source as a claim cites it: its own inline source first, else a shared one."""
        return claim.inline_sources.get(source_id) or self.sources.get(source_id)

    def records(self, kind: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {"claim": self.claims, "person": self.people,
                                             "source": self.sources, "topic": self.topics}
        return tables[kind]

    @property
    def relation_count(self) -> int:
        return sum(len(claim.related) for claim in self.claims.values())
