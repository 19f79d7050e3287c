"""`claims check --changed-since REF`: the pages a change adds, changes or removes, and why.

The changed files come from git (`git diff --name-status REF` inside the content and docs folders, plus
untracked files); the pages that change with them come from the loaded content and the hand-written pages: a
claim's page, the claims related to it in either direction, its speakers', topics' and shared sources' pages
and feeds, the pages of the lists of all claims that list it and of the graph that draw it; a person's,
topic's or source's page and the pages of the claims that show it; a hand-written page, and the claim, person
and topic pages that list it when it is an explainer; and every hand-written page that links, embeds or lists
(`<!-- claims:… -->`) something that changed.
This module never imports MkDocs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import handwritten, listing_pages, record_index
from .diagram import Diagrams
from .layout import Layouts
from .links import find_references, record_links
from .model import ID, KIND_FOLDERS, PLURALS, Content
from .pagination import page_count
from .relations import RelationGraph
from .settings import Settings
from .urls import Urls

_SUFFIXES = (".yml", ".yaml")
_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "changed", "C": "added",
           "T": "changed", "?": "added"}


class ChangesError(Exception):
    """The changes cannot be found: not a git repository, an unknown REF, git missing."""


@dataclass
class ChangedFile:
    status: str  # added, changed, removed
    path: Path  # absolute
    old_path: Path | None = None  # the file's path in REF, when it existed there


@dataclass
class ChangedPage:
    url: str
    kind: str
    id: str
    change: str  # added, changed, removed
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"url": self.url, "kind": self.kind, "id": self.id,
                "change": self.change, "reasons": self.reasons}

    def __str__(self) -> str:
        return f"{self.url or '/'} ({self.change}: {'; '.join(self.reasons)})"  # "" is the home page


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise ChangesError("git is not installed; --changed-since needs git") from None
    if done.returncode != 0:
        raise ChangesError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def changed_files(content_dir: Path, ref: str, suffixes: tuple[str, ...] = _SUFFIXES) -> list[ChangedFile]:
    """Files inside a folder that differ between REF and the working tree, untracked ones included."""
    folder = Path(content_dir).resolve()
    if not folder.is_dir():
        raise ChangesError(f"the content folder {content_dir} does not exist")
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except ChangesError:
        raise ChangesError(f"{content_dir} is not inside a git repository; --changed-since compares with a "
                           "git commit") from None
    if ref.startswith("-"):
        raise ChangesError(f"unknown git revision `{ref}`")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"unknown git revision `{ref}`: name a branch, tag or commit, e.g. origin/main "
                           "(in a shallow CI checkout, fetch it first)") from None
    found = parse_name_status(_git(folder, "diff", "--name-status", "-z", "-M", ref, "--", "."), top)
    untracked = _git(folder, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    found += [ChangedFile("added", folder / name) for name in untracked.split("\0") if name]
    return [f for f in found if f.path.suffix in suffixes and not f.path.name.startswith(".")]


def parse_name_status(output: str, top: Path) -> list[ChangedFile]:
    """The files of `git diff --name-status -z -M` output, paths relative to the repository's `top`.

    Fields are NUL-separated: a status, then one path, or two (old, new) for a rename or copy (`R100`,
    `C75`)."""
    found: list[ChangedFile] = []
    fields = output.split("\0")
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            found.append(ChangedFile(_STATUS[status], top / new, top / old))
            if status == "R":  # the old id's pages are gone
                found.append(ChangedFile("removed", top / old, top / old))
        else:
            path = top / fields[index + 1]
            index += 2
            found.append(ChangedFile(_STATUS.get(status, "changed"), path, None if status == "A" else path))
    return found


def _kind_of(file: Path, content_dir: Path) -> str | None:
    try:
        parts = file.resolve().relative_to(Path(content_dir).resolve()).parts
    except ValueError:
        return None
    if any(part.startswith(".") for part in parts):
        return None
    return KIND_FOLDERS.get(parts[0], "claim") if len(parts) > 1 else "claim"


def _old_text(folder: Path, ref: str, file: Path | None) -> str:
    """A file's text as it was in REF, "" when absent or unreadable."""
    if file is None:
        return ""
    try:
        return _git(Path(folder).resolve(), "show",
                    f"{ref}:./{os.path.relpath(file, Path(folder).resolve())}")
    except ChangesError:
        return ""


def _old_data(content_dir: Path, ref: str, file: Path | None) -> dict:
    """The record as it was in REF (plain YAML), {} when absent or unreadable."""
    try:
        data = yaml.safe_load(_old_text(content_dir, ref, file))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _ids(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _claim_links(data: dict) -> dict[str, list[str]]:
    """Speakers, topics, shared sources and related claims named by a claim's raw data."""
    return {
        "person": _ids(data.get("speaker")),
        "topic": _ids(data.get("topics")),
        "source": _ids(data.get("sources")),
        "claim": [r["claim"] for r in data.get("related") or [] if isinstance(r, dict)
                  and isinstance(r.get("claim"), str)],
    }


class _PageIndex:
    """What each hand-written page links, embeds and lists, found once for all changed records."""

    def __init__(self, pages: Iterable[tuple[str, str]], content: Content) -> None:
        # (kind, id) -> {(src_uri, verb)}
        self.linking: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
        self.listing: dict[str, list[tuple[str, int]]] = {}  # placeholder -> [(src_uri, how many it shows)]
        for src_uri, text in pages:
            self.add(src_uri, text, content)

    def add(self, src_uri: str, text: str, content: Content) -> None:
        for ref in find_references(text):
            if ref.form == "cite" or ref.error:
                continue
            verb = "embeds" if ref.form == "embed" else "links"
            targets = [(ref.kind, ref.target)]
            claim = content.claims.get(ref.target) if ref.kind == "claim" and ref.form == "embed" else None
            if claim:  # a card shows the claim's speakers
                targets += [("person", person) for person in claim.speakers]
            for target in targets:
                entry = (src_uri, verb if target == targets[0] else "embeds a claim by")
                self.linking.setdefault(target, {})[entry] = None  # a dict: ordered, each entry once
        for name, count in handwritten.placeholders(text).items():
            self.listing.setdefault(name, []).append((src_uri, count))


def changed_pages(content: Content, content_dir: Path, ref: str, settings: Settings | None = None,
                  docs_dir: Path | None = None,
                  pages: Iterable[tuple[str, str]] | None = None) -> list[ChangedPage]:
    """Every page the change since REF adds, changes or removes, the directly changed ones first.

    `pages` are the hand-written pages of `docs_dir` as (src_uri, text); read from it when not given."""
    return _Changes(content, content_dir, ref, settings or Settings(), docs_dir, pages).pages()


class _Found:
    """The changed pages found so far, by (kind, id), each with every reason it changes."""

    def __init__(self, urls: Urls) -> None:
        self.urls = urls
        self.pages: dict[tuple[str, str], ChangedPage] = {}
        self.direct: list[tuple[str, str]] = []  # the pages of the changed files themselves, which come first

    def mark_page(self, kind: str, key: str, url: str, change: str, reason: str) -> None:
        page = self.pages.get((kind, key))
        if page is None:
            page = self.pages[(kind, key)] = ChangedPage(url, kind, key, change)
        elif change != "changed" and page.change == "changed":
            page.change = change
        if reason not in page.reasons:
            page.reasons.append(reason)

    def mark(self, kind: str, record_id: str, change: str, reason: str) -> None:
        self.mark_page(kind, record_id, self.urls.url(self.urls.record(kind, record_id)), change, reason)

    def mark_listing(self, src_uri: str, reason: str) -> None:
        self.mark_page("listing", src_uri[:-3], self.urls.url(src_uri), "changed", reason)

    def mark_feed(self, path: str, reason: str, change: str = "changed") -> None:
        self.mark_page("feed", path, path, change, reason)

    def mark_handwritten(self, src_uri: str, change: str, reason: str) -> None:
        self.mark_page("page", src_uri, self.urls.url(src_uri), change, reason)

    def in_order(self) -> list[ChangedPage]:
        """The directly changed pages first, in the order of their files; then by kind and address."""
        order = {key: position for position, key in enumerate(dict.fromkeys(self.direct))}
        kinds = ("claim", "person", "topic", "source", "page", "listing", "feed")
        return sorted(self.pages.values(),
                      key=lambda p: (order.get((p.kind, p.id), len(order)), kinds.index(p.kind), p.url))


class _Before:
    """The changed records as they were in REF, each read from git once."""

    def __init__(self, content_dir: Path, ref: str) -> None:
        self.content_dir, self.ref = content_dir, ref
        self.data: dict[Path, dict] = {}

    def __call__(self, changed: ChangedFile) -> dict:
        """A changed record's data in REF: {} for a new one."""
        if changed.status == "added" or changed.old_path is None:
            return {}
        if changed.old_path not in self.data:
            self.data[changed.old_path] = _old_data(self.content_dir, self.ref, changed.old_path)
        return self.data[changed.old_path]


class _HandwrittenChanges:
    """The changed pages of the docs folder, and what they show on other pages."""

    def __init__(self, found: _Found, content: Content, ref: str, settings: Settings, docs: Path | None,
                 pages: Iterable[tuple[str, str]] | None) -> None:
        self.found, self.content, self.ref, self.settings, self.docs = found, content, ref, settings, docs
        self.files = changed_files(docs, ref, (".md",)) if docs is not None and docs.is_dir() else []
        if pages is None:
            pages = handwritten.pages_in(docs) if docs is not None else ()
        self.pages = list(pages)

    def _src_uri(self, changed: ChangedFile, docs: Path) -> str:
        return Path(os.path.relpath(changed.path, docs.resolve())).as_posix()

    def mark_changed_files(self) -> None:
        """The pages of the changed files themselves."""
        for changed in self.files:
            assert self.docs is not None  # there are changed pages only in a docs folder
            src_uri = self._src_uri(changed, self.docs)
            shown = Path(os.path.relpath(changed.path, self.docs.resolve().parent)).as_posix()
            self.found.mark_handwritten(src_uri, changed.status, f"{_VERB[changed.status]} {shown}")
            self.found.direct.append(("page", src_uri))

    def mark_shown_elsewhere(self, index: _PageIndex) -> None:
        """What a changed page shows on others: "Explained in", explainers of people and topics."""
        explainers_changed = False
        for changed in self.files:
            assert self.docs is not None  # there are changed pages only in a docs folder
            src_uri = self._src_uri(changed, self.docs)
            texts = [_old_text(self.docs, self.ref, changed.old_path) if changed.status != "added" else ""]
            texts += [text for uri, text in self.pages if uri == src_uri]
            explainer = handwritten.is_explainer(src_uri, self.settings.explainers_dir)
            explainers_changed |= explainer
            for text in texts:
                self._mark_referenced(src_uri, text, explainer)
        if explainers_changed:
            self.found.mark_listing(self.found.urls.explainers(), "the index of all explainers")
            for src_uri, _ in index.listing.get("explainers", ()):
                self.found.mark_handwritten(src_uri, "changed", "lists the explainers")
        self._mark_scale_moved()

    def _mark_scale_moved(self) -> None:
        """Every claim page links the page that shows the rating scale (`handwritten.scale_page`): when a
        change moves it, they all change, and the page the site makes of the scale comes or goes."""
        old_pages = dict(self.pages)
        for changed in self.files:
            assert self.docs is not None  # there are changed pages only in a docs folder
            old_pages.pop(self._src_uri(changed, self.docs), None)
            if changed.status != "added" and changed.old_path is not None:
                old_uri = Path(os.path.relpath(changed.old_path, self.docs.resolve())).as_posix()
                old_pages[old_uri] = _old_text(self.docs, self.ref, changed.old_path)
        old, new = handwritten.scale_page(old_pages.items()), handwritten.scale_page(self.pages)
        if old == new:
            return
        for claim_id in self.content.claims:
            self.found.mark("claim", claim_id, "changed", "links the rating scale, now on "
                            + (f"`{new}`" if new else "the page the site makes of it"))
        if not (old and new):
            self.found.mark_listing(self.found.urls.ratings(), "the rating scale, shown on no page"
                                    if not new else f"the rating scale, now shown on `{new}`")

    def _mark_referenced(self, src_uri: str, text: str, explainer: bool) -> None:
        """The claims a page's text links or embeds list it under "Explained in"; an explainer is listed by
        the people and topics it names, and by those of the claims it names."""
        content = self.content
        for ref in find_references(text):
            if ref.form == "cite" or ref.error or ref.target not in content.records(ref.kind):
                continue
            if ref.kind == "claim":
                self.found.mark("claim", ref.target, "changed", f"lists `{src_uri}` under \"Explained in\"")
            if explainer:
                claim = content.claims.get(ref.target) if ref.kind == "claim" else None
                people_and_topics = ([("person", p) for p in claim.speakers]
                                     + [("topic", t) for t in claim.topics] if claim else [])
                for kind, record_id in [(ref.kind, ref.target), *people_and_topics]:
                    if kind in ("person", "topic"):
                        self.found.mark(kind, record_id, "changed", f"lists the explainer `{src_uri}`")


class _Changes:
    """One run of `changed_pages`: the changed records' pages, and every page that shows them."""

    def __init__(self, content: Content, content_dir: Path, ref: str, settings: Settings,
                 docs_dir: Path | None, pages: Iterable[tuple[str, str]] | None) -> None:
        self.content, self.content_dir, self.ref, self.settings = content, content_dir, ref, settings
        self.urls = Urls(settings)
        self.found = _Found(self.urls)
        self.files = changed_files(content_dir, ref)
        docs = Path(docs_dir) if docs_dir is not None else None
        self.handwritten = _HandwrittenChanges(self.found, content, ref, settings, docs, pages)
        self.old_data = _Before(content_dir, ref)

    def pages(self) -> list[ChangedPage]:
        content = self.content
        records = self._changed_records()
        self.handwritten.mark_changed_files()
        related_to: dict[str, set[str]] = {}
        for relating in content.claims.values():
            for relation in relating.related:
                related_to.setdefault(relation.target, set()).add(relating.id)
        newest = sorted(content.claims.values(), key=lambda c: (c.date, c.id), reverse=True)
        index = _PageIndex(self.handwritten.pages, content)
        for kind, record_id, changed in records:
            if kind == "claim":
                self._claim_changed(record_id, changed, related_to.get(record_id, set()), newest, index)
            else:
                self._record_changed(kind, record_id, index)
                self._index_pages(kind, record_id, changed)
        self._links_to([(kind, record_id) for kind, record_id, _ in records], index)
        self.handwritten.mark_shown_elsewhere(index)
        claims = [(record_id, changed) for kind, record_id, changed in records if kind == "claim"]
        if claims:
            _ListingChanges(self.found, content, self.settings, self.old_data).mark(claims, newest)
        return self.found.in_order()

    def _changed_records(self) -> list[tuple[str, str, ChangedFile]]:
        """The changed records, each marked: a removed record whose id is re-added elsewhere has changed."""
        content, content_dir = self.content, self.content_dir
        records: list[tuple[str, str, ChangedFile]] = []
        for changed in self.files:
            kind = _kind_of(changed.path, content_dir)
            if kind is None:
                continue
            record_id = changed.path.stem
            if not ID.fullmatch(record_id):
                continue  # not an id, so no page: the check reports the file name
            exists = record_id in content.records(kind)
            change = changed.status if changed.status != "removed" or not exists else "changed"
            shown = Path(os.path.relpath(changed.path, Path(content_dir).resolve().parent)).as_posix()
            self.found.mark(kind, record_id, change, f"{_VERB[changed.status]} {shown}")
            self.found.direct.append((kind, record_id))
            records.append((kind, record_id, changed))
        return records

    def _claim_changed(self, record_id: str, changed: ChangedFile, inbound: set[str], newest: list,
                       index: _PageIndex) -> None:
        """The pages that show a changed claim, as it is now and as it was: its records' pages and feeds, the
        claims it relates to, the records its explanation mentions, hand-written lists of claims."""
        content, found = self.content, self.found
        old = self.old_data(changed)
        claim = content.claims.get(record_id)
        now = {"person": list(claim.speakers), "topic": list(claim.topics),
               "source": [s for s in claim.sources if s in content.sources],
               "claim": [r.target for r in claim.related]} if claim else {}
        before = _claim_links(old)
        word = "the claim" if claim or not before else "the removed claim"
        reasons = {"person": f"lists {word} `{record_id}`", "topic": f"lists {word} `{record_id}`",
                   "source": f"lists {word} `{record_id}` among the claims citing it",
                   "claim": f"shows the relation with `{record_id}`"}
        # The records its explanation links, now or before, list it under "Mentioned in", unless their page
        # lists it among its claims already (its speaker, topic or shared source), as the site does.
        listed = now if claim else before
        for text in (claim.body if claim else "", body if isinstance(body := old.get("body"), str) else ""):
            for linked in dict.fromkeys(record_links(text)):
                if (linked[0] != "claim" and linked[1] in content.records(linked[0])
                        and linked[1] not in listed.get(linked[0], ())):
                    found.mark(*linked, "changed", f"lists {word} `{record_id}` under \"Mentioned in\"")
        for other_kind in ("person", "topic", "source", "claim"):
            targets = set(now.get(other_kind, [])) | set(before.get(other_kind, []))
            if other_kind == "claim":
                targets |= inbound
            for target in sorted(targets):
                if target in content.records(other_kind) and (other_kind, target) != ("claim", record_id):
                    found.mark(other_kind, target, "changed", reasons[other_kind])
                    if other_kind in ("person", "topic"):
                        found.mark_feed(f"{self.settings.prefix(other_kind)}/{target}/feed.xml",
                                        f"the feed lists {word} `{record_id}`")
        for src_uri, count in index.listing.get("latest", ()):
            if _among_newest(record_id, old, newest, count):
                found.mark_handwritten(src_uri, "changed",
                                       f"lists the latest claims, among them `{record_id}`")
        for name in ("people", "topics"):
            for src_uri, _ in index.listing.get(name, ()):
                found.mark_handwritten(src_uri, "changed", f"lists the {name} with their number of claims")

    def _record_changed(self, kind: str, record_id: str, index: _PageIndex) -> None:
        """The pages that show a changed person, topic or source: its claims, its index, its feed, lists of
        it."""
        found, what = self.found, {"person": "speaker", "topic": "topic", "source": "source"}[kind]
        for claim in self.content.claims.values():
            if record_id in {"person": claim.speakers, "topic": claim.topics, "source": claim.sources}[kind]:
                found.mark("claim", claim.id, "changed", f"shows the {what} `{record_id}`")
        if kind in ("person", "topic"):
            change = found.pages[(kind, record_id)].change  # a new person's or topic's feed is new too
            found.mark_feed(f"{self.settings.prefix(kind)}/{record_id}/feed.xml",
                            f"the feed of `{record_id}`", change)
            for src_uri, _ in index.listing.get(PLURALS[kind], ()):
                found.mark_handwritten(src_uri, "changed",
                                       f"lists the {PLURALS[kind]}, among them `{record_id}`")

    def _index_pages(self, kind: str, record_id: str, changed: ChangedFile) -> None:
        """The pages of the index of all people, topics or sources that list a changed record: its page; all
        of them when it is new, gone or renamed (the records after it move over, and every page counts them
        and leads to each initial's first page)."""
        urls, size, record = self.urls, self.settings.page_size, self.content.records(kind).get(record_id)
        reason = f"the index of all {PLURALS[kind]} lists `{record_id}`"
        if record is not None and changed.status == "changed" and \
                self.old_data(changed).get("name" if kind == "person" else "title") == record.title:
            self.found.mark_listing(record_index.places(self.content, urls, size, kind)[record_id], reason)
            return
        # a removed record's page may be one more
        records = len(self.content.records(kind)) + (record is None)
        for number in range(1, page_count(records, size) + 1):
            self.found.mark_listing(urls.page(urls.index(kind), number), reason)

    def _links_to(self, touched: list[tuple[str, str]], index: _PageIndex) -> None:
        """The hand-written pages and claims whose text links or embeds a changed record (which shows
        there)."""
        # (kind, id) -> the claims whose explanations link it
        linked_from: dict[tuple[str, str], list[str]] = {}
        for claim in self.content.claims.values() if touched else ():
            for linked in dict.fromkeys(record_links(claim.body)):
                linked_from.setdefault(linked, []).append(claim.id)
        for kind, record_id in touched:
            for src_uri, verb in index.linking.get((kind, record_id), ()):
                self.found.mark_handwritten(src_uri, "changed", f"{verb} the {kind} `{record_id}`")
            for claim_id in linked_from.get((kind, record_id), ()):
                if claim_id != record_id:
                    self.found.mark("claim", claim_id, "changed",
                                    f"its explanation links the {kind} `{record_id}`")


class _ListingChanges:
    """The site's lists that show changed claims: the pages of its paged lists, its graph, its feed."""

    def __init__(self, found: _Found, content: Content, settings: Settings, old_data: _Before) -> None:
        self.found, self.content, self.settings, self.old_data = found, content, settings, old_data
        self.urls = found.urls

    def mark(self, claims: list[tuple[str, ChangedFile]], newest: list) -> None:
        """The pages of the index, the timeline and the records' lists that list a changed claim (each list is
        paged), the graph and the site's feed."""
        urls, found = self.urls, self.found
        places = listing_pages.places(newest, self.content, urls, self.settings.page_size)
        # a claim added, removed or moved in time: the lists count it, and those after it move over
        moved = False
        for record_id, changed in claims:
            for src_uri in places.get(record_id, ()):
                found.mark_listing(src_uri, f"lists the claim `{record_id}`")
            current = self.content.claims.get(record_id)
            old = self.old_data(changed)
            moved |= (current is None or changed.status == "added"
                      or str(old.get("date")) != current.date.isoformat())
        if moved:
            found.mark_listing(urls.index("claim"),
                               "the index of all claims counts them, and lists each one in date order")
            found.mark_listing(urls.timeline(), "the timeline counts the claims of each year and month")
        self._graph(claims)
        found.mark_feed("feed.xml", "the site's feed lists the latest claims")
        self._counted(claims)

    def _counted(self, claims: list[tuple[str, ChangedFile]]) -> None:
        """The pages of the indexes of people, topics and sources that count a changed claim: those of the
        records it names, now or before, when it is new or gone, or names them no longer or newly."""
        content = self.content
        for kind in ("person", "topic", "source"):
            places = record_index.places(content, self.urls, self.settings.page_size, kind)
            for record_id, changed in claims:
                claim, before = content.claims.get(record_id), set(_claim_links(self.old_data(changed))[kind])
                now = set() if claim is None else set(
                    {"person": claim.speakers, "topic": claim.topics, "source": claim.sources}[kind])
                counted = now ^ before if claim is not None and changed.status == "changed" else now | before
                for other in sorted(counted & places.keys()):
                    self.found.mark_listing(places[other],
                                            f"the index of all {PLURALS[kind]} counts the claims of "
                                                           f"`{other}`")

    def _graph(self, claims: list[tuple[str, ChangedFile]]) -> None:
        """The pages of the site's graph that draw a changed claim; all of them when a claim is added or
        removed (each counts the claims) or a drawn claim's relations or date change (the clusters, ordered by
        size and date, fill the pages in order)."""
        content, urls = self.content, self.urls
        # nothing laid out
        drawn_on = Diagrams(content, RelationGraph(content), Layouts()).site_page_numbers()
        reshaped = False
        for record_id, changed in claims:
            claim, old = content.claims.get(record_id), self.old_data(changed)
            reshaped |= (claim is None or changed.status == "added"
                         or set(_claim_links(old)["claim"]) != {relation.target for relation in claim.related}
                         or (record_id in drawn_on and str(old.get("date")) != claim.date.isoformat()))
        if reshaped:
            for number in range(1, max(drawn_on.values(), default=1) + 1):
                self.found.mark_listing(urls.page(urls.graph(), number),
                                        "the graph counts the claims, and orders its clusters by size and "
                                        "date")
        for record_id, _ in claims:
            if record_id in drawn_on:
                self.found.mark_listing(urls.page(urls.graph(), drawn_on[record_id]),
                                        f"the graph draws the claim `{record_id}`")


_VERB = {"added": "new file", "changed": "edited", "removed": "deleted"}


def _among_newest(claim_id: str, old: dict, newest: list, count: int) -> bool:
    """Whether a claim is, or was before the change, among the `count` newest that a latest list shows."""
    shown = newest[:count] if count else newest
    if any(claim.id == claim_id for claim in shown) or len(shown) < count:
        return True
    old_date = str(old.get("date") or "")
    return bool(old_date) and old_date >= shown[-1].date.isoformat()


def as_text(pages: list[ChangedPage]) -> str:
    if not pages:
        return "Pages this change adds or changes: none."
    return "Pages this change adds or changes:\n" + "\n".join(f"  {page}" for page in pages)
