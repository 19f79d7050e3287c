"""Records built from the data of a file the schema check has read: every value of the wrong type left out.

The checks report what is wrong; building never fails, so that one run reports every problem of every file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .model import Claim, Person, Quote, ReadAlso, Relation, Source, Topic, Update


def build_record(kind: str, record_id: str, data: dict, path: str) -> Claim | Person | Topic | Source:
    return _BUILDERS[kind](record_id, data, path)


def date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def items(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def mappings(data: dict, key: str) -> list[tuple[int, dict]]:
    return [(index, item) for index, item in enumerate(items(data, key)) if isinstance(item, dict)]


def build_person(record_id: str, data: dict, path: str) -> Person:
    return Person(record_id, text(data, "name") or record_id, path, text(data, "role"),
                  text(data, "description"), text(data, "wikidata"), text(data, "url"))


def build_topic(record_id: str, data: dict, path: str) -> Topic:
    return Topic(record_id, text(data, "title") or record_id, path, text(data, "description"))


def build_source(record_id: str, data: dict, path: str, shared: bool = True) -> Source:
    return Source(record_id, text(data, "title") or record_id, text(data, "publisher"), text(data, "url"),
                  path, date(data.get("date")), text(data, "archive_url"), date(data.get("accessed")),
                  text(data, "quote"), shared)


def build_claim(record_id: str, data: dict, path: str) -> Claim:
    speaker = data.get("speaker")
    speakers = [speaker] if isinstance(speaker, str) else [s for s in items(data, "speaker")
                                                           if isinstance(s, str)]
    sources, inline = [], {}
    for item in items(data, "sources"):
        if isinstance(item, str):
            sources.append(item)
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            sources.append(item["id"])
            inline[item["id"]] = build_source(item["id"], item, path, shared=False)
    return Claim(
        id=record_id,
        title=text(data, "title") or record_id,
        claim=text(data, "claim"),
        speakers=speakers,
        date=date(data.get("date")) or dt.date.min,
        body=text(data, "body"),
        sources=sources,
        path=path,
        venue=text(data, "venue"),
        quotes=[Quote(text(q, "text"), text(q, "source"), text(q, "original"), text(q, "lang"))
                for _, q in mappings(data, "quotes")],
        verdict=text(data, "verdict"),
        verdict_note=text(data, "verdict_note"),
        summary=text(data, "summary"),
        topics=[t for t in items(data, "topics") if isinstance(t, str)],
        related=[Relation(record_id, text(r, "claim"), text(r, "type"), text(r, "note"))
                 for _, r in mappings(data, "related")],
        read_also=[ReadAlso(text(r, "title"), text(r, "url"), text(r, "publisher"))
                   for _, r in mappings(data, "read_also")],
        updates=[Update(date(u.get("date")) or dt.date.min, text(u, "note")) for _,
                 u in mappings(data, "updates")],
        aliases=[a for a in items(data, "aliases") if isinstance(a, str)],
        inline_sources=inline,
        authors=[a for a in items(data, "authors") if isinstance(a, str)],
        reviewers=[r for r in items(data, "reviewers") if isinstance(r, str)],
        published=date(data.get("published")),
        updated=date(data.get("updated")),
    )


_BUILDERS: dict[str, Callable[[str, dict, str], Claim | Person | Topic | Source]] = {
    "claim": build_claim, "person": build_person, "topic": build_topic, "source": build_source}
