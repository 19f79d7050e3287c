"""A generated page as any engine takes it: HTML before, Markdown in the middle, HTML after."""

from __future__ import annotations

from dataclasses import dataclass, field

from .sanitizer import Stash


@dataclass
class Heading:
    level: int
    anchor: str
    title: str  # plain text


@dataclass
class GeneratedPage:
    """One page: HTML before, Markdown in the middle, HTML after."""

    src_uri: str
    title: str  # plain text; engines escape it where it lands
    kind: str  # claim, person, topic, source, index, graph or timeline
    head: str = ""
    markdown: str = ""
    tail: str = ""
    head_headings: list[Heading] = field(default_factory=list)  # sections before the Markdown part
    tail_headings: list[Heading] = field(default_factory=list)  # sections after it
    tags: list[str] = field(default_factory=list)
    description: str = ""
    record_id: str = ""
    edit_path: str = ""  # the record's file, relative to the repository
    in_nav: bool = False
    meta_html: str = ""  # for the <head>: structured data, sharing tags, feed links
    anchor: str = ""  # the id of the page's <h1>: fixed by the plugin, never a record's id (`ref-1` is one)
    # the plugin's HTML inside `markdown`, put back after sanitizing
    stash: Stash = field(default_factory=Stash)
    # False for pages that only repeat the claims' titles: every search would match them
    searchable: bool = True


@dataclass(frozen=True)
class PageRef:
    """A hand-written page that links or embeds claims."""

    src_uri: str
    title: str
