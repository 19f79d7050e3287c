"""The pages a content set becomes, independent of the engine that turns them into a website.

Structured parts (claim box, quotes, references, relations, listings) are rendered straight
to HTML from Jinja templates with autoescaping; only bodies and descriptions are Markdown,
left for the engine to convert with the site's own Markdown extensions.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup, escape

from . import diagram, schema
from .feeds import Feeds
from .links import Reference, record_links, replace_references
from .model import Claim, Content
from .open_data import OpenData, dumps
from .relations import RelationGraph, automatic_related
from .sanitizer import Stash, inline_text
from .settings import Settings
from .share_image import HEIGHT, WIDTH, ShareCard, verdict_colour
from .sharing import share_links
from .structured_data import StructuredData, script
from .urls import Urls

SITE_FEED = "feed.xml"
# The look-behind makes a run of spaces be tried once, not from each of its spaces (quadratic).
_SPACE_BEFORE_MARKER = re.compile(r"(?<![ \t])[ \t]+(?=<sup class=\"claims-cite\")")
SCHEMA_KINDS = ("claim", "person", "source", "topic", "data")


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
    stash: Stash = field(default_factory=Stash)  # the plugin's HTML inside `markdown`, put back after sanitizing
    searchable: bool = True  # False for pages that only repeat the claims' titles: every search would match them


@dataclass(frozen=True)
class PageRef:
    """A hand-written page that links or embeds claims."""

    src_uri: str
    title: str


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_claims", "templates"),
    autoescape=True,
    trim_blocks=False,
    undefined=jinja2.StrictUndefined,
)


class Site:
    """Everything a site shows, computed once per build in time linear in the content."""

    def __init__(self, content: Content, settings: Settings, explained_in: dict[str, list[PageRef]] | None = None,
                 cache: dict | None = None, explainers: list | None = None, explainers_index: bool = True):
        """`explainers` are the hand-written explainer pages, newest first (`handwritten.explainers`); the site
        lists them on an index page of their own unless `explainers_index` is False (the docs folder has one)."""
        self.content = content
        # src_uri -> (everything the page shows, the page): a rebuild reuses the pages whose inputs are unchanged.
        self.cache = cache if cache is not None else {}
        self._shown_claims: dict[str, tuple] = {}  # claim id -> the claim as pages show it (see `_shown`)
        self.settings = settings
        self.urls = Urls(settings)
        self.graph = RelationGraph(content)
        self.automatic = automatic_related(content, self.graph, settings.related_count)
        self.explained_in = explained_in or {}
        self.newest_first = sorted(content.claims.values(), key=lambda c: (c.date, c.id), reverse=True)
        self.by_person: dict[str, list[Claim]] = defaultdict(list)
        self.by_topic: dict[str, list[Claim]] = defaultdict(list)
        self.by_source: dict[str, list[Claim]] = defaultdict(list)
        # Backlinks: the claims whose explanations link a person, topic, source or other claim.
        self.mentions: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.body_links: dict[str, list[tuple[str, str]]] = {}  # claim id -> (kind, id) its body links or embeds
        for claim in self.newest_first:
            self.body_links[claim.id] = record_links(claim.body)
            for target in dict.fromkeys(self.body_links[claim.id]):
                if target != ("claim", claim.id):
                    self.mentions[target].append(claim)
            for person in claim.speakers:
                self.by_person[person].append(claim)
            for topic in claim.topics:
                self.by_topic[topic].append(claim)
            for source in claim.sources:
                if source in content.sources and source not in claim.inline_sources:
                    self.by_source[source].append(claim)
        self.explainers = list(explainers or ())
        self.explainers_index = self.urls.explainers() if self.explainers and explainers_index else ""
        # The explainers that mention a record: they link or embed it, or link or embed a claim by or about it.
        self.explainers_of: dict[tuple[str, str], list] = defaultdict(list)
        for explainer in self.explainers:
            mentioned = list(explainer.links)
            for kind, record_id in explainer.links:
                if kind == "claim":
                    claim = content.claims[record_id]
                    mentioned += [("person", p) for p in claim.speakers] + [("topic", t) for t in claim.topics]
            for target in dict.fromkeys(mentioned):
                self.explainers_of[target].append(explainer)
        self.structured = StructuredData(content, self.urls, settings.site_name)
        self.feeds = Feeds(content, self.urls, settings.site_name)
        self.open_data = OpenData(content, self.graph, self.urls)

    # -- links -------------------------------------------------------------------------------------

    def link(self, here: str, kind: str, record_id: str, anchor: str = "") -> str:
        return self.page_link(here, self.urls.record(kind, record_id), anchor)

    def page_link(self, here: str, src_uri: str, anchor: str = "") -> str:
        if src_uri == here and anchor:
            return f"#{anchor}"
        # The page itself without an anchor: "./" from its URL, its own name from its source file.
        return self.urls.href(here, src_uri, anchor)

    def record_title(self, kind: str, record_id: str) -> str:
        record = self.content.records(kind).get(record_id)
        return record.title if record else record_id

    def rewrite(self, text: str, here: str, citations: "Citations | None" = None, stash: Stash | None = None) -> str:
        """Markdown with `[[…]]`, `![[…]]` and `[@…]` turned into HTML (already validated by the loader).

        With a `stash`, the HTML whose ids the plugin owns (citation markers, cards) is held there as tokens."""

        def hold(html: str, block: bool = False) -> str:
            return stash.hold(html, block) if stash is not None else (f"\n\n{html}\n\n" if block else html)

        def replace(reference: Reference) -> str:
            if reference.error:
                return str(escape(text[reference.start:reference.end]))
            if reference.form == "cite":
                return hold(citations.markers(reference.cited)) if citations else ""
            if reference.form == "embed":
                claim = self.content.claims.get(reference.target)
                return hold(self.render("card.html", claim=claim, here=here), block=True) if claim else ""
            if reference.target not in self.content.records(reference.kind):
                return str(escape(reference.text or reference.target))
            label = reference.text or self.record_title(reference.kind, reference.target)
            href = self.link(here, reference.kind, reference.target)
            return f'<a class="claims-link claims-link--{reference.kind}" href="{escape(href)}">{inline_text(label)}</a>'

        text = replace_references(text, replace)
        if not citations:
            return text
        # A marker belongs to the word before it, as in Wikipedia: `annexed [@isw]` must not wrap alone.
        if stash is None:
            return _SPACE_BEFORE_MARKER.sub("", text)
        return re.sub(rf"(?<![ \t])[ \t]+(?={stash.key})", "", text)  # the lookbehind keeps the scan linear

    def render(self, template: str, **values) -> str:
        # One environment for the process, so templates compile once and not at every `mkdocs serve` rebuild.
        return _environment.get_template(template).render(content=self.content, link=self.link,
                                                          page_link=self.page_link, **values)

    # -- pages ---------------------------------------------------------------------------------------

    def pages(self):
        """Every generated page, lazily, so an engine can take them one at a time.

        A page is reused from the last build when its key is equal. The key holds every record the page
        shows, and each claim it shows as `_shown` gives it (with the people, topics and sources that
        any listing, card or graph node of a claim may print), so that no edit can leave a page stale.
        """
        content = self.content
        for claim in content.claims.values():
            links = self.graph.of(claim.id)
            inputs = (self._shown(claim), tuple(links), tuple(self._shown(content.claims[link.other]) for link in links),
                      tuple(self._shown(content.claims[o]) for o in self.automatic.get(claim.id, ())),
                      tuple(self.explained_in.get(claim.id, ())), self._records(self.body_links[claim.id]))
            yield self._cached(self.urls.record("claim", claim.id), inputs, self.claim_page, claim)
        for kind, records, listed, render in (("person", content.people, self.by_person, self.person_page),
                                              ("topic", content.topics, self.by_topic, self.topic_page),
                                              ("source", content.sources, self.by_source, self.source_page)):
            for record in records.values():
                inputs = (record, self._records(record_links(getattr(record, "description", ""))),
                          tuple(map(self._shown, listed.get(record.id, ()))),
                          tuple(map(self._shown, self.mentions.get((kind, record.id), ()))),
                          tuple(self.explainers_of.get((kind, record.id), ())))
                yield self._cached(self.urls.record(kind, record.id), inputs, render, record.id)
        yield from self.index_pages()

    def _cached(self, src_uri: str, inputs: tuple, render, *arguments) -> GeneratedPage:
        inputs = (self.settings, self.content.scale) + inputs
        previous = self.cache.get(src_uri)
        if previous is not None and previous[0] == inputs:
            return previous[1]
        page = render(*arguments)
        self.cache[src_uri] = (inputs, page)
        return page

    def _shown(self, claim: Claim) -> tuple:
        """A claim with every record that a page showing it may print: its speakers, topics and sources."""
        shown = self._shown_claims.get(claim.id)
        if shown is None:
            content = self.content
            shown = (claim, tuple(content.people.get(p) for p in claim.speakers),
                     tuple(content.topics.get(t) for t in claim.topics),
                     tuple(content.sources.get(s) for s in claim.sources))
            self._shown_claims[claim.id] = shown
        return shown

    def _records(self, links: list[tuple[str, str]]) -> tuple:
        """The records a text links or embeds: their titles are part of the page, an embedded claim's card more."""
        records = []
        for kind, record_id in links:
            record = self.content.records(kind).get(record_id)
            records.append(self._shown(record) if kind == "claim" and record is not None else record)
        return tuple(records)

    def _mentioned(self, kind: str, record_id: str, listed: list[Claim]) -> list[Claim]:
        """Claims that link this record in their explanation, beyond those already listed on its page."""
        shown = {claim.id for claim in listed}
        return [claim for claim in self.mentions.get((kind, record_id), []) if claim.id not in shown]

    @staticmethod
    def _mention_headings(values: dict) -> list[Heading]:
        return ([Heading(2, "mentioned-in", "Mentioned in")] if values["mentioned"] else []) + \
            ([Heading(2, "explainers", "Explainers")] if values["explainers"] else [])

    def claim_page(self, claim: Claim) -> GeneratedPage:
        here = self.urls.record("claim", claim.id)
        citations = Citations(claim, self.content)
        stash = Stash(here)
        body = self.rewrite(claim.body, here, citations, stash)
        sources = citations.ordered_sources()
        numbers = {source.id: index for index, source in enumerate(sources, 1)}
        graph = diagram.claim_graph(claim, self.graph.of(claim.id), self.content,
                                    lambda other: self.link(here, "claim", other))
        values = dict(claim=claim, here=here, sources=sources, numbers=numbers, citations=citations.uses,
                      graph=Markup(graph),
                      rating=self.content.rating(claim.verdict) if claim.verdict else None,
                      links=self.graph.of(claim.id), automatic=self.automatic.get(claim.id, []),
                      explained_in=self.explained_in.get(claim.id, []),
                      edit_url=self.settings.edit_link(claim.path),
                      page_url=self.urls.absolute(here), share=[])
        if values["page_url"]:
            values["share"] = share_links(values["page_url"], claim.title)
        headings = [Heading(2, "in-their-words", "In their words")] if claim.quotes else []
        headings.append(Heading(2, "explanation", "The explanation"))
        tail_headings = [Heading(2, "references", "References")]
        if values["links"] or values["automatic"]:
            tail_headings.append(Heading(2, "read-also", "Read also"))
        if claim.read_also:
            tail_headings.append(Heading(2, "further-reading", "Further reading"))
        if claim.topics:
            tail_headings.append(Heading(2, "topics", "Topics"))
        if claim.updates:
            tail_headings.append(Heading(2, "corrections", "Corrections"))
        if values["explained_in"]:
            tail_headings.append(Heading(2, "explained-in", "Explained in"))
        tail_headings.append(Heading(2, "share", "Share"))
        meta_html = (script(self.structured.claim(claim, here, sources))
                     + self._sharing(claim.title, claim.listing_text, here, self.share_card(claim)))
        return GeneratedPage(
            src_uri=here, title=claim.title, kind="claim", meta_html=meta_html, anchor="claim", stash=stash,
            head=self.render("claim_head.html", **values), markdown=body, tail=self.render("claim_tail.html", **values),
            head_headings=headings, tail_headings=tail_headings,
            tags=[self.record_title("topic", t) for t in claim.topics],
            description=claim.listing_text, record_id=claim.id, edit_path=claim.path,
        )

    def person_page(self, person_id: str) -> GeneratedPage:
        person = self.content.people[person_id]
        here = self.urls.record("person", person_id)
        values = dict(person=person, here=here, claims=self.by_person.get(person_id, []),
                      mentioned=self._mentioned("person", person_id, self.by_person.get(person_id, [])),
                      explainers=self.explainers_of.get(("person", person_id), []))
        feed = self.feed_path("person", person_id)
        meta_html = (script(self.structured.person_page(person, here))
                     + self._feed_link(here, feed, f"Claims by {person.name}"))
        stash = Stash(here)
        return GeneratedPage(
            src_uri=here, title=person.name, kind="person", meta_html=meta_html, anchor="person", stash=stash,
            head=self.render("person.html", part="head", **values),
            markdown=self.rewrite(person.description, here, stash=stash),
            tail=self.render("person.html", part="tail", **values),
            tail_headings=[Heading(2, "claims", "Claims")] + self._mention_headings(values),
            description=person.role or person.name, record_id=person_id, edit_path=person.path,
        )

    def topic_page(self, topic_id: str) -> GeneratedPage:
        topic = self.content.topics[topic_id]
        here = self.urls.record("topic", topic_id)
        values = dict(topic=topic, here=here, claims=self.by_topic.get(topic_id, []),
                      mentioned=self._mentioned("topic", topic_id, self.by_topic.get(topic_id, [])),
                      explainers=self.explainers_of.get(("topic", topic_id), []))
        feed = self.feed_path("topic", topic_id)
        members = [(c.title, self.urls.record("claim", c.id)) for c in values["claims"]]
        meta_html = (script(self.structured.collection(topic.title, here, members))
                     + self._feed_link(here, feed, f"Claims on {topic.title}"))
        stash = Stash(here)
        return GeneratedPage(
            src_uri=here, title=topic.title, kind="topic", meta_html=meta_html, anchor="topic", stash=stash,
            head=self.render("topic.html", part="head", **values),
            markdown=self.rewrite(topic.description, here, stash=stash),
            tail=self.render("topic.html", part="tail", **values),
            tail_headings=[Heading(2, "claims", "Claims")] + self._mention_headings(values),
            description=topic.title, record_id=topic_id, edit_path=topic.path,
        )

    def source_page(self, source_id: str) -> GeneratedPage:
        source = self.content.sources[source_id]
        here = self.urls.record("source", source_id)
        values = dict(source=source, here=here, claims=self.by_source.get(source_id, []),
                      mentioned=self._mentioned("source", source_id, self.by_source.get(source_id, [])))
        return GeneratedPage(
            src_uri=here, title=source.title, kind="source", anchor="source",
            head=self.render("source.html", part="head", **values),
            head_headings=[Heading(2, "claims", "Claims citing this source")]
            + self._mention_headings(dict(values, explainers=[])),
            description=f"{source.publisher}: {source.title}", record_id=source_id, edit_path=source.path,
        )

    def index_pages(self):
        if self.explainers_index:
            here = self.urls.explainers()
            members = [(e.title, e.src_uri) for e in self.explainers]
            yield GeneratedPage(here, "Explainers", "index", in_nav=True, anchor="explainers",
                                description="Every explainer, newest first.",
                                meta_html=script(self.structured.collection("Explainers", here, members)),
                                head=self.render("explainers.html", here=here, explainers=self.explainers, full=True, index=""))
        timeline = self.urls.timeline()
        here = self.urls.index("claim")
        all_claims = [(c.title, self.urls.record("claim", c.id)) for c in self.newest_first]
        yield GeneratedPage(here, "Claims", "index", in_nav=True, description="Every claim, newest first.",
                            searchable=False,
                            meta_html=script(self.structured.collection("Claims", here, all_claims)),
                            anchor="claims", head=self.render("index.html", kind="claims", title="Claims", here=here,
                                             claims=self.newest_first, timeline=timeline))
        for kind, title, counts in (("person", "People", self.by_person), ("topic", "Topics", self.by_topic),
                                    ("source", "Sources", self.by_source)):
            here = self.urls.index(kind)
            records = sorted(self.content.records(kind).values(), key=lambda r: r.title.casefold())
            notes = {"person": lambda r: r.role, "topic": lambda r: "", "source": lambda r: r.publisher}[kind]
            rows = [(record, len(counts.get(record.id, [])), notes(record)) for record in records]
            members = [(record.title, self.urls.record(kind, record.id)) for record, _, _ in rows]
            yield GeneratedPage(here, title, "index", in_nav=True, description=f"{title} in the claims.",
                                meta_html=script(self.structured.collection(title, here, members)),
                                anchor=kind, head=self.render("index.html", kind=kind, record_kind=kind, title=title,
                                                 here=here, records=rows))
        graph_page = self.urls.graph()
        edges = [(claim.id, relation.target, relation.type) for claim in self.newest_first for relation in claim.related]
        svg = diagram.site_graph(self.newest_first, self.content, edges,
                                 lambda other: self.link(graph_page, "claim", other))
        yield GeneratedPage(graph_page, "Graph", "graph", in_nav=True, description="All claims and their relations.",
                            anchor="graph", searchable=False,
                            head=self.render("graph.html", svg=Markup(svg), claims=self.newest_first,
                                             here=graph_page, topics=len(self.content.topics)),
                            meta_html=script(self.structured.collection("Graph", graph_page, all_claims)))
        groups = [
            (year, [(month, list(month_claims))
                    for month, month_claims in itertools.groupby(year_claims, key=lambda c: c.date.replace(day=1))])
            for year, year_claims in itertools.groupby(self.newest_first, key=lambda c: c.date.year)
        ]
        headings = [Heading(2, f"y{year}", str(year)) for year, _ in groups]
        yield GeneratedPage(timeline, "Timeline", "timeline", in_nav=True, head_headings=headings, anchor="timeline",
                            searchable=False,
                            meta_html=script(self.structured.collection("Timeline", timeline, all_claims)),
                            description="Claims by year and month.",
                            head=self.render("index.html", kind="timeline", title="Timeline", here=timeline,
                                             groups=groups))

    # -- head, feeds, open data --------------------------------------------------------------------

    def feed_path(self, kind: str, record_id: str) -> str:
        return f"{self.settings.prefix(kind)}/{record_id}/feed.xml"

    def _feed_link(self, here: str, feed_path: str, title: str, rel: str = "alternate feed") -> str:
        # mkdocs-material takes every rel="alternate" for a translation of the site and fetches the
        # sitemap.xml beside it; the token list "alternate feed" still advertises a feed to readers.
        return (f'<link rel="{rel}" type="application/atom+xml" title="{escape(title)}" '
                f'href="{escape(self.urls.file_href(here, feed_path))}">')

    def _sharing(self, title: str, description: str, here: str, card: ShareCard | None = None) -> str:
        tags = [("og:type", "article"), ("og:title", title), ("og:description", description),
                ("og:site_name", self.settings.site_name)]
        url = self.urls.absolute(here)
        if url:
            tags.append(("og:url", url))
        twitter = [("twitter:card", "summary_large_image" if card else "summary"), ("twitter:title", title),
                   ("twitter:description", description)]
        if card:
            path = self.share_image_path(card)
            # Absolute where the site's URL is known, as networks require; the key makes a changed image a new URL,
            # which networks that cache images by address fetch again.
            image = (self.urls.absolute_file(path) or self.urls.file_href(here, path)) + "?v=" + card.key()[:12]
            alt = f"{card.title}. {card.verdict or 'Not rated'}. {card.speaker}, {card.date}."
            tags += [("og:image", image), ("og:image:type", "image/png"), ("og:image:width", str(WIDTH)),
                     ("og:image:height", str(HEIGHT)), ("og:image:alt", alt)]
            twitter += [("twitter:image", image), ("twitter:image:alt", alt)]
        html = "".join(f'<meta property="{name}" content="{escape(value)}">' for name, value in tags if value)
        html += "".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in twitter if value)
        return html

    def share_card(self, claim: Claim) -> ShareCard:
        """What the claim's share image shows."""
        rating = self.content.rating(claim.verdict) if claim.verdict else None
        return ShareCard(title=claim.title, claim_id=claim.id,
                         speaker=", ".join(self.record_title("person", p) for p in claim.speakers),
                         date=f"{claim.date.day} {claim.date.strftime('%B %Y')}",
                         verdict=rating.label if rating else "", colour=verdict_colour(rating.id if rating else ""),
                         site_name=self.settings.site_name)

    def share_image_path(self, card: ShareCard) -> str:
        """Where a claim's share image lives in the site, beside its JSON file."""
        return f"{self.settings.claims_prefix}/{card.claim_id}.png"

    def share_cards(self):
        """Every claim's share card, for the engine to draw (or take from its cache) and write."""
        return (self.share_card(claim) for claim in self.content.claims.values())

    def page_head(self, here: str) -> str:
        """What every page's <head> gets: the site-wide feed."""
        return self._feed_link(here, SITE_FEED, f"{self.settings.site_name or 'Claims'}: latest claims", "alternate")

    def files(self):
        """Every file beside the pages, as (path in the site, text): open data, schemas, feeds, redirects."""
        data = self.open_data
        yield "claims.json", dumps(data.everything(self.newest_first, self.by_person, self.by_topic, self.by_source))
        yield "claims.csv", data.csv(self.newest_first)
        yield "claims.schema.json", schema.schema_text("data")
        for kind in SCHEMA_KINDS:
            yield f"schema/{kind}.json", schema.schema_text(kind)
        for claim in self.content.claims.values():
            yield f"{self.settings.claims_prefix}/{claim.id}.json", dumps(data.claim(claim))
        yield SITE_FEED, self.feeds.atom(self.settings.site_name or "Claims", SITE_FEED, "index.md", self.newest_first)
        for person in self.content.people.values():
            path = self.feed_path("person", person.id)
            yield path, self.feeds.atom(f"Claims by {person.name}", path, self.urls.record("person", person.id),
                                        self.by_person.get(person.id, []))
        for topic in self.content.topics.values():
            path = self.feed_path("topic", topic.id)
            yield path, self.feeds.atom(f"Claims on {topic.title}", path, self.urls.record("topic", topic.id),
                                        self.by_topic.get(topic.id, []))
        for claim in self.content.claims.values():
            for alias in claim.aliases:
                old = self.urls.record("claim", alias)
                old_file = self.urls.url(old)
                old_file = old_file + "index.html" if old_file.endswith("/") else old_file
                yield old_file, self.render("redirect.html", title=claim.title,
                                            target=self.page_link(old, self.urls.record("claim", claim.id)))

    # -- pieces for hand-written pages ----------------------------------------------------------

    def latest(self, here: str, count: int) -> str:
        return self.render("latest.html", claims=self.newest_first[:count], here=here,
                           index=self.urls.index("claim"), timeline=self.urls.timeline())

    def explainer_list(self, here: str, count: int = 0) -> str:
        """The newest `count` explainers (all for 0), for a hand-written page's `<!-- claims:explainers -->`."""
        shown = self.explainers[:count] if count else self.explainers
        return self.render("explainers.html", here=here, explainers=shown, full=False,
                           index=self.explainers_index if len(shown) < len(self.explainers) else "")

    def record_list(self, here: str, kind: str) -> str:
        """Every person or topic with its number of claims, for `<!-- claims:people -->` / `<!-- claims:topics -->`."""
        counts = self.by_person if kind == "person" else self.by_topic
        records = sorted(self.content.records(kind).values(), key=lambda r: r.title.casefold())
        return self.render("records.html", here=here, kind=kind, rows=[(r, len(counts.get(r.id, []))) for r in records])

    def scale(self) -> str:
        return self.render("scale.html", scale=self.content.scale)


class Citations:
    """Numbers a claim's sources in the order the body first cites them, then the rest as listed."""

    def __init__(self, claim: Claim, content: Content):
        self.claim = claim
        self.content = content
        self.order: list[str] = []
        self.uses: dict[int, int] = defaultdict(int)  # number -> how many places cite it

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def markers(self, cited: tuple[str, ...]) -> str:
        pieces = []
        for source_id in cited:
            number = self.number(source_id)
            self.uses[number] += 1
            use = self.uses[number]
            # No `title`: claims.js previews the reference on hover and focus, and mkdocs-material's
            # `content.tooltips` would render a title holding the source's name as HTML.
            pieces.append(f'<sup class="claims-cite" id="cite-{number}-{use}"><a href="#ref-{number}">[{number}]</a></sup>')
        return "".join(pieces)

    def ordered_sources(self):
        for source_id in self.claim.sources:
            self.number(source_id)
        return [source for source in (self.content.source_of(self.claim, s) for s in self.order) if source]
