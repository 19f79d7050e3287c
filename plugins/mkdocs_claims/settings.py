"""What a site configures, independent of the engine that builds it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import DEFAULT_SCALE, Rating


@dataclass
class Settings:
    content_dir: str = "claims"
    """The content folder, relative to the configuration file."""
    claims_prefix: str = "claims"
    people_prefix: str = "people"
    topics_prefix: str = "topics"
    sources_prefix: str = "sources"
    timeline_page: str = "timeline"
    graph_page: str = "graph"
    scale: tuple[Rating, ...] = DEFAULT_SCALE
    related_count: int = 4
    """How many related claims a page shows; automatic ones fill up when curated relations are fewer."""
    edit_url: str = ""
    """Where a record's file can be edited: prefix for its path in the repository ("" for no link)."""
    site_name: str = ""
    site_url: str = ""
    """The site's public address, for canonical URLs, feeds and structured data ("" when unknown)."""
    directory_urls: bool = True
    extra: dict = field(default_factory=dict)

    def prefix(self, kind: str) -> str:
        return {"claim": self.claims_prefix, "person": self.people_prefix,
                "topic": self.topics_prefix, "source": self.sources_prefix}[kind]


def scale_from_config(entries) -> tuple[Rating, ...]:
    """A rating scale from configuration entries (mappings with id, label, description, value)."""
    return tuple(Rating(str(entry["id"]), str(entry.get("label") or entry["id"]), str(entry.get("description", "")),
                        entry.get("value")) for entry in entries)
