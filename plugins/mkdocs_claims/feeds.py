"""Atom feeds of claims, newest first: for the whole site, per person and per topic."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .model import Claim, Content, Person, Topic
from .settings import Settings
from .urls import Urls

FEED_LIMIT = 50  # entries per feed: readers want what is new, not the archive
SITE_FEED = "feed.xml"


def feed_path(settings: Settings, kind: str, record_id: str) -> str:
    """Where the feed of a person's or topic's claims lives: beside the record's page."""
    return f"{settings.prefix(kind)}/{record_id}/feed.xml"


def feed_title(kind: str, record: Person | Topic) -> str:
    """The title of a person's or topic's feed, in the feed and in the link to it."""
    return f"Claims by {record.name}" if isinstance(record, Person) else f"Claims on {record.title}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


class Feeds:
    def __init__(self, content: Content, urls: Urls, site_name: str):
        self.content = content
        self.urls = urls
        self.site_name = site_name or "Claims"

    def _url(self, src_uri: str) -> str:
        return self.urls.absolute(src_uri) or "/" + self.urls.url(src_uri)

    def atom(self, title: str, feed_path: str, page_src_uri: str, claims: list[Claim]) -> bytes:
        """An Atom document for `claims` (newest first), published at `feed_path` beside the page it
        follows."""
        feed = FeedGenerator()
        page_url = self._url(page_src_uri)
        feed.id(self.urls.absolute(page_src_uri) or f"urn:mkdocs-claims:{feed_path}")
        feed.title(title)
        feed.link(href=page_url, rel="alternate")
        self_url = (self.urls.settings.site_url.rstrip("/") + "/"
                    if self.urls.settings.site_url else "/") + feed_path
        feed.link(href=self_url, rel="self")
        feed.generator("mkdocs-claims")
        shown = claims[:FEED_LIMIT]
        feed.updated(max((self._updated(c) for c in shown), default=_moment(dt.date(1970, 1, 1))))
        for claim in shown:
            entry = feed.add_entry(order="append")
            url = self._url(self.urls.record("claim", claim.id))
            entry.id(self.urls.absolute(self.urls.record("claim", claim.id))
                     or f"urn:mkdocs-claims:claim:{claim.id}")
            entry.title(claim.title)
            entry.link(href=url, rel="alternate")
            entry.published(_moment(claim.date))
            entry.updated(self._updated(claim))
            entry.summary(claim.listing_text)
            for person_id in claim.speakers:
                person = self.content.people.get(person_id)
                entry.author(name=person.name if person else person_id)
            for topic_id in claim.topics:
                topic = self.content.topics.get(topic_id)
                entry.category(term=topic_id, label=topic.title if topic else topic_id)
        return feed.atom_str(pretty=True)

    @staticmethod
    def _updated(claim: Claim) -> dt.datetime:
        return _moment(max([claim.date] + [u.date for u in claim.updates]))
