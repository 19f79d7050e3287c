"""Sharing a claim: plain links to the networks' own share addresses, so a page loads nothing from them,
and the share card its image shows.

No button script, widget or counter of theirs: a reader's visit tells a network nothing until the reader
follows one of these links.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .model import Claim, Content
from .settings import Settings
from .share_image import ShareCard, verdict_colour


@dataclass(frozen=True)
class ShareLink:
    network: str  # a short id, for the class name
    label: str  # what the link says
    href: str


def _query(**values: str) -> str:
    # %20 for spaces, never "+": mail programs read mailto: queries without the form encoding.
    return urlencode(values, quote_via=quote, safe="")


def share_links(url: str, title: str) -> list[ShareLink]:
    """Links that share the page at `url` (absolute) under `title`."""
    text = f"{title} {url}"
    return [
        ShareLink("email", "Email", "mailto:?" + _query(subject=title, body=url)),
        ShareLink("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + _query(text=text)),
        ShareLink("x", "X (Twitter)", "https://twitter.com/intent/tweet?" + _query(text=title, url=url)),
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + _query(url=url, text=title)),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + _query(text=text)),
    ]


def share_card(content: Content, settings: Settings, claim: Claim) -> ShareCard:
    """What the claim's share image shows."""
    rating = content.rating(claim.verdict) if claim.verdict else None
    speakers = (content.people.get(p) for p in claim.speakers)
    return ShareCard(title=claim.title, claim_id=claim.id,
                     speaker=", ".join(person.title if person else p for person,
                                       p in zip(speakers, claim.speakers, strict=True)),
                     date=f"{claim.date.day} {claim.date.strftime('%B %Y')}",
                     verdict=rating.label if rating else "",
                     colour=verdict_colour(rating.id if rating else ""), site_name=settings.site_name)


def share_image_path(settings: Settings, card: ShareCard) -> str:
    """Where a claim's share image lives in the site, beside its JSON file."""
    return f"{settings.claims_prefix}/{card.claim_id}.png"
