"""The files a site publishes beside its pages: open data, schemas, feeds and redirects from old addresses."""

from __future__ import annotations

from collections.abc import Iterator

from . import schema
from .content_index import ContentIndex
from .feeds import SITE_FEED, Feeds, feed_path, feed_title
from .open_data import OpenData, dumps
from .renderer import Renderer
from .settings import Settings

SCHEMA_KINDS = ("claim", "person", "source", "topic", "data")


def site_files(settings: Settings,
               renderer: Renderer, index: ContentIndex) -> Iterator[tuple[str, str | bytes]]:
    """Every file beside the pages, as (path in the site, text)."""
    content, urls, newest_first = renderer.content, renderer.urls, index.newest_first
    data = OpenData(content, index.graph, urls, settings)
    yield "claims.json", dumps(data.everything(newest_first, index.by_person,
                                               index.by_topic, index.by_source))
    yield "claims.csv", data.csv(newest_first)
    yield "claims.schema.json", schema.schema_text("data")
    for kind in SCHEMA_KINDS:
        yield f"schema/{kind}.json", schema.schema_text(kind)
    for claim in content.claims.values():
        yield f"{settings.claims_prefix}/{claim.id}.json", dumps(data.claim(claim))
    feeds = Feeds(content, urls, settings.site_name)
    yield SITE_FEED, feeds.atom(settings.site_name or "Claims", SITE_FEED, "index.md", newest_first)
    for kind in ("person", "topic"):
        for record in content.records(kind).values():
            path = feed_path(settings, kind, record.id)
            yield path, feeds.atom(feed_title(kind, record), path, urls.record(kind, record.id),
                                   index.claims_of(kind, record.id))
    yield from redirects(renderer)


def redirects(renderer: Renderer) -> Iterator[tuple[str, str]]:
    """A page at each claim's old address (`aliases`) that sends the reader to its page."""
    urls = renderer.urls
    for claim in renderer.content.claims.values():
        for alias in claim.aliases:
            old = urls.record("claim", alias)
            target = renderer.page_link(old, urls.record("claim", claim.id))
            yield urls.file(old), renderer.render("redirect.html", title=claim.title, target=target)
