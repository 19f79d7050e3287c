"""schema.org JSON-LD for each page kind: ClaimReview or Claim, Person, CollectionPage."""

from __future__ import annotations

import json

from .bylines import Organization, TeamMember, byline
from .model import Claim, Content, Person, Source
from .settings import Settings
from .urls import Urls


def script(data: dict) -> str:
    """A JSON-LD <script> element whose text can never close the element, whatever the content says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, only "</script" and "<!--" matter; escaping every <, > and & in strings is simplest.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


class StructuredData:
    def __init__(self, content: Content, urls: Urls, settings: Settings):
        self.content = content
        self.urls = urls
        self.settings = settings

    def _with_url(self, data: dict, src_uri: str) -> dict:
        url = self.urls.absolute(src_uri)
        if url:
            data["url"] = url
        return data

    def person(self, person: Person, src_uri: str | None = None) -> dict:
        data: dict[str, object] = {"@type": "Person", "name": person.name}
        if person.role:
            data["jobTitle"] = person.role
        same_as = [f"https://www.wikidata.org/wiki/{person.wikidata}"] if person.wikidata else []
        if person.url:
            same_as.append(person.url)
        if same_as:
            data["sameAs"] = same_as if len(same_as) > 1 else same_as[0]
        return self._with_url(data, src_uri) if src_uri else data

    @staticmethod
    def organization(organization: Organization) -> dict:
        data = {"@type": "Organization", "name": organization.name}
        if organization.url:
            data["url"] = organization.url
        return data

    def team_member(self, member: TeamMember) -> dict:
        data = {"@type": "Person", "name": member.name,
                "worksFor": self.organization(self.settings.organization)}
        if member.role:
            data["jobTitle"] = member.role
        if member.url:
            data["url"] = member.url
        return data

    def _work(self, source: Source) -> dict:
        data: dict[str, object] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
        if source.publisher:
            data["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.date:
            data["datePublished"] = source.date.isoformat()
        if source.archive_url:
            data["archivedAt"] = source.archive_url
        return data

    def _speakers(self, claim: Claim) -> list[dict]:
        return [self.person(self.content.people[p], self.urls.record("person", p))
                for p in claim.speakers if p in self.content.people]

    def claim(self, claim: Claim, src_uri: str, sources: list[Source]) -> dict:
        speakers = self._speakers(claim)
        author = speakers[0] if len(speakers) == 1 else speakers
        item = {"@type": "Claim", "text": claim.claim,
                "datePublished": claim.date.isoformat(), "author": author}
        # Where the claim can be read: the sources with an address (Google's `appearance` and
        # `firstAppearance`).
        appearances = [source for source in sources if source.url]
        if appearances:
            item["appearance"] = [self._work(source) for source in appearances]
            # The earliest dated one; undated sources count as later than any dated one.
            item["firstAppearance"] = self._work(min(appearances,
                                                     key=lambda s: (s.date is None, s.date or 0)))
        quotations = []
        for quote in claim.quotes:
            quotation = {"@type": "Quotation", "text": quote.text, "creator": author}
            if quote.original:
                quotation["workTranslation"] = {"@type": "Quotation", "text": quote.original,
                                                "inLanguage": quote.lang or None}
            source = self.content.source_of(claim, quote.source)
            if source:
                quotation["isBasedOn"] = self._work(source)
            quotations.append(quotation)
        if quotations:
            item["hasPart"] = quotations
        rating = self.content.rating(claim.verdict) if claim.verdict else None
        if rating is None:
            data = {"@context": "https://schema.org", **item, "name": claim.title}
            return self._with_url(data, src_uri)
        numeric = [r.value for r in self.content.scale if r.value is not None]
        review_rating: dict[str, object] = {"@type": "Rating", "alternateName": rating.label}
        if rating.value is not None and numeric:
            review_rating.update(ratingValue=rating.value, bestRating=max(numeric), worstRating=min(numeric))
        if claim.verdict_note:
            review_rating["ratingExplanation"] = claim.verdict_note
        review = {"@context": "https://schema.org", "@type": "ClaimReview", "name": claim.title,
                  "claimReviewed": claim.claim, "reviewRating": review_rating, "itemReviewed": item}
        return self._with_url({**review, **self._review(claim)}, src_uri)

    def _review(self, claim: Claim) -> dict:
        """Who wrote and reviewed the explainer, and when: its byline, for search engines and fact-check
        aggregators."""
        shown = byline(claim, self.settings.team, self.settings.organization)
        authors = [self.team_member(member)
                   for member in shown.authors] or [self.organization(shown.organization)]
        data: dict[str, object] = {"author": authors[0] if len(authors) == 1 else authors,
                "publisher": self.organization(shown.organization)}
        if shown.reviewers:
            editors = [self.team_member(member) for member in shown.reviewers]
            data["editor"] = editors[0] if len(editors) == 1 else editors
        if shown.published:
            data["datePublished"] = shown.published.isoformat()
        modified = shown.updated or shown.published
        if modified:
            data["dateModified"] = modified.isoformat()
        return data

    def person_page(self, person: Person, src_uri: str) -> dict:
        return {"@context": "https://schema.org", **self.person(person, src_uri)}

    def collection(self, title: str, src_uri: str, members: list[tuple[str, str]]) -> dict:
        """A listing page: its name and the pages it lists, as (title, src_uri)."""
        data: dict[str, object] = {"@context": "https://schema.org", "@type": "CollectionPage", "name": title}
        parts = [self._with_url({"@type": "WebPage", "name": name}, uri) for name, uri in members]
        if parts:
            data["hasPart"] = parts
        return self._with_url(data, src_uri)
