"""The whole content as open data: claims.json, one JSON document per claim, and claims.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from .bylines import TeamMember
from .model import Claim, Content, Source
from .relations import RelationGraph
from .settings import Settings
from .urls import Urls

DATA_FORMAT_VERSION = 1
CSV_COLUMNS = ("id", "url", "date", "speakers", "speaker_names", "title", "claim", "summary", "venue",
               "verdict", "verdict_label", "verdict_note", "topics", "sources", "related", "quotes",
               "authors", "reviewers", "published", "updated")


class OpenData:
    def __init__(self, content: Content, graph: RelationGraph, urls: Urls, settings: Settings):
        self.content = content
        self.graph = graph
        self.urls = urls
        self.team = settings.team
        self.organization = settings.organization

    def _members(self, ids: list[str]) -> list[TeamMember]:
        return [self.team[member_id] for member_id in ids if member_id in self.team]

    def _url(self, src_uri: str) -> str:
        return self.urls.absolute(src_uri) or self.urls.url(src_uri)

    def _source(self, source: Source) -> dict:
        data = {"id": source.id, "title": source.title, "publisher": source.publisher, "url": source.url,
                "date": source.date.isoformat() if source.date else None, "archive_url": source.archive_url
                or None,
                "accessed": source.accessed.isoformat() if source.accessed else None, "quote": source.quote
                or None,
                "shared": source.shared}
        if source.shared:
            data["page"] = self._url(self.urls.record("source", source.id))
        return data

    def claim(self, claim: Claim) -> dict:
        rating = self.content.rating(claim.verdict) if claim.verdict else None
        return {
            "id": claim.id,
            "url": self._url(self.urls.record("claim", claim.id)),
            "title": claim.title,
            "claim": claim.claim,
            "summary": claim.listing_text,
            "speakers": claim.speakers,
            "date": claim.date.isoformat(),
            "venue": claim.venue or None,
            "quotes": [{"text": q.text, "original": q.original or None, "lang": q.lang
                        or None, "source": q.source}
                       for q in claim.quotes],
            "verdict": {"id": rating.id, "label": rating.label, "value": rating.value,
                        "note": claim.verdict_note}
            if rating else None,
            "topics": claim.topics,
            "sources": [self._source(s) for s in (self.content.source_of(claim, i) for i in claim.sources)
                        if s],
            "relations": [{"type": link.type, "label": link.label, "direction": "incoming" if link.inverse
                           else "outgoing",
                           "claim": link.other, "note": link.note or None}
                          for link in self.graph.of(claim.id)],
            "read_also": [{"title": r.title, "url": r.url or None, "publisher": r.publisher or None}
                          for r in claim.read_also],
            "updates": [{"date": u.date.isoformat(), "note": u.note} for u in claim.updates],
            "authors": [_member(m) for m in self._members(claim.authors)],
            "reviewers": [_member(m) for m in self._members(claim.reviewers)],
            "published": claim.published.isoformat() if claim.published else None,
            "updated": claim.updated.isoformat() if claim.updated else None,
            "aliases": claim.aliases,
            "body": claim.body,
            "file": claim.path,
        }

    def everything(self, claims_newest_first: list[Claim], by_person: Mapping[str, list[Claim]],
                   by_topic: Mapping[str, list[Claim]], by_source: Mapping[str, list[Claim]]) -> dict:
        content = self.content
        return {
            "format_version": DATA_FORMAT_VERSION,
            "organization": {"name": self.organization.name, "url": self.organization.url or None},
            "scale": [{"id": r.id, "label": r.label, "description": r.description, "value": r.value}
                      for r in content.scale],
            "claims": [self.claim(claim) for claim in claims_newest_first],
            "people": [{"id": p.id, "url": self._url(self.urls.record("person", p.id)), "name": p.name,
                        "role": p.role or None,
                        "description": p.description or None, "wikidata": p.wikidata or None, "website": p.url
                        or None,
                        "claims": [c.id for c in by_person.get(p.id, [])]} for p in content.people.values()],
            "topics": [{"id": t.id, "url": self._url(self.urls.record("topic", t.id)), "title": t.title,
                        "description": t.description or None,
                        "claims": [c.id for c in by_topic.get(t.id, [])]}
                       for t in content.topics.values()],
            "sources": [{**self._source(s), "claims": [c.id for c in by_source.get(s.id, [])]}
                        for s in content.sources.values()],
        }

    def csv(self, claims_newest_first: list[Claim]) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for claim in claims_newest_first:
            rating = self.content.rating(claim.verdict) if claim.verdict else None
            names = [self.content.people[p].name for p in claim.speakers if p in self.content.people]
            writer.writerow([_cell(value) for value in (
                claim.id, self._url(self.urls.record("claim", claim.id)), claim.date.isoformat(),
                ";".join(claim.speakers), ";".join(names), claim.title, claim.claim, claim.listing_text,
                claim.venue, claim.verdict, rating.label if rating else "", claim.verdict_note,
                ";".join(claim.topics), ";".join(claim.sources),
                ";".join(f"{link.label}:{link.other}" for link in self.graph.of(claim.id)),
                " | ".join(q.text for q in claim.quotes),
                ";".join(m.name for m in self._members(claim.authors)) or self.organization.name,
                ";".join(m.name for m in self._members(claim.reviewers)),
                claim.published.isoformat() if claim.published else "",
                claim.updated.isoformat() if claim.updated else "",
            )])
        return buffer.getvalue()


def _member(member: TeamMember) -> dict:
    return {"id": member.id, "name": member.name, "role": member.role or None, "url": member.url or None}


# What a spreadsheet may read as the start of a formula (OWASP, CSV injection): =, +, -, @, also in their
# full-width forms, and a tab or a carriage return; spreadsheets skip leading spaces and line breaks first.
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\t\r")


def _cell(value: str) -> str:
    """The value as a CSV cell that no spreadsheet runs: a leading apostrophe keeps a would-be formula text.
    Every column is text (no column is a number), so a negative number gets the apostrophe too."""
    if value[:1] in _FORMULA_START or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


def dumps(data: object) -> str:
    # Compact output uses json's C encoder; indentation would take the pure-Python one, several times slower.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
