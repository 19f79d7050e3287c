"""Loads a content folder into a `Content`, reporting every problem of every file in one run."""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import re
from pathlib import Path

from . import bylines, schema
from .document import Document, read_document
from .files import HINT, walk
from .links import find_references
from .markdown_limits import markdown_problems
from .model import (
    DEFAULT_SCALE, KIND_FOLDERS, Claim, Content, Person, Quote, Rating, ReadAlso, Relation, Source, Topic, Update,
)
from .problems import Problems
from .raw_html import removed_html
from .sanitizer import forbidden_urls
from .settings import Settings
from .urls import Urls

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_SUFFIXES = (".yml", ".yaml")
_FOLDER_WORD = {"claim": "claims", "person": "people", "topic": "topics", "source": "sources"}
PLACEHOLDER = "TODO"  # a text value starting with this is a placeholder left by `claims new`


def shown_path(file: Path, root: Path) -> str:
    """A file's path as messages show it: relative to the repository where possible, with / separators."""
    try:
        return Path(os.path.relpath(file, root)).as_posix()
    except ValueError:  # another drive on Windows
        return file.as_posix()


def suggest_id(stem: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-") or "my-claim"


def content_files(content_dir: Path, root: Path | None = None) -> list[tuple[str, Path, str]]:
    """Every record file and folder under the content folder: (the kind its folder gives it, its path, and
    why it is refused: a symbolic link out of the repository, a special file, a folder name that is not an id)."""
    found = []
    content_dir = Path(content_dir)
    for path, why in walk(content_dir, root or content_dir):
        relative = path.relative_to(content_dir).parts
        kind = KIND_FOLDERS.get(relative[0], "claim") if len(relative) > 1 else "claim"
        if path.is_dir() and not why:
            if not _ID.match(path.name):
                why = (f"invalid folder name `{path.name}`: folder names are part of page and edit addresses, "
                       "and are lowercase ASCII letters, digits and single hyphens")
            else:
                continue
        elif not path.name.endswith(_SUFFIXES) and not why:
            continue
        found.append((kind, path, why))
    return found


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _items(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _mappings(data: dict, key: str) -> list[tuple[int, dict]]:
    return [(index, item) for index, item in enumerate(_items(data, key)) if isinstance(item, dict)]


_QUOTATION_MARKS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb",
                    "\u2018": "\u2019", "\u201a": "\u2018", "\u2039": "\u203a", "\u00bb": "\u00ab"}


def _wrapped_in_quotation_marks(text) -> bool:
    """`"words"`, `“words”`, `«words»`: one pair of marks around the whole text, none inside."""
    if not isinstance(text, str):
        return False
    text = text.strip()
    closing = _QUOTATION_MARKS.get(text[:1])
    if not closing or len(text) < 2 or text[-1] not in (closing, "\u201d"):
        return False
    inner = text[1:-1]
    return text[0] not in inner and closing not in inner


def _placeholder_hint(kind: str, at: tuple) -> str:
    """Deleting is offered only for what may be left out: an optional field, or an entry of an optional list."""
    if at[-1] == "archive_url":  # optional for the schema, but CONTRIBUTING expects one for every web source
        return ("save the page at https://web.archive.org/save or https://archive.today and write the copy's address: "
                "every web source needs an archived copy (CONTRIBUTING.md, \"Archived copies of web sources\")")
    if at[0] in schema.schema(kind).get("required", ()):
        return "write the real value"
    if len(at) == 1:
        return "write the real value, or delete the field if it does not apply"
    return f"write the real value, or delete this entry of `{at[0]}` if it does not apply"


class Loader:
    """One load of one content folder. `load()` returns the content and every problem found."""

    def __init__(self, content_dir: Path, root: Path | None = None, scale: tuple[Rating, ...] = DEFAULT_SCALE,
                 settings: Settings | None = None):
        self.settings = settings or Settings(scale=scale)
        self.content_dir = Path(content_dir)
        self.root = Path(root) if root else Path.cwd()
        self.content = Content(scale=scale)
        self.problems = Problems()
        self.documents: dict[tuple[str, str], Document] = {}  # (kind, id) -> document
        self.files: dict[tuple[str, str], str] = {}  # (kind, id) -> the first file that uses the id
        self.placeholders: set[tuple[str, int, int]] = set()  # (path, line, column) of placeholder values
        self.suggestions = Suggestions()

    def load(self) -> tuple[Content, Problems]:
        if not self.content_dir.is_dir():
            self.problems.add(shown_path(self.content_dir, self.root), (1, 1), "the content folder does not exist",
                              "create it, or set `content_dir` under the `claims` plugin in mkdocs.yml")
            return self.content, self.problems
        root = str(self.root.resolve()) + os.sep
        for kind, file, why in content_files(self.content_dir.resolve(), self.root):
            # Files under the root: slicing the path is much faster than os.path.relpath for each.
            absolute = str(file)
            shown = absolute[len(root):].replace(os.sep, "/") if absolute.startswith(root) else shown_path(file, self.root)
            if why.startswith("invalid folder name"):
                self.problems.add(shown, (1, 1), why, f"rename it to `{suggest_id(file.name)}`")
            elif why:
                self.problems.add(shown, (1, 1), f"not read: {why}", HINT)
            else:
                self._read(kind, file, shown)
        self._check_claims()
        self._check_addresses()
        for kind in ("person", "topic"):
            for record in self.content.records(kind).values():
                self._check_markdown_links(self.documents[(kind, record.id)], ("description",), record.description, None)
        if self.placeholders:  # a placeholder is reported as unfinished, not also as a wrong value
            self.problems.items = [p for p in self.problems.items if p.message.startswith("unfinished:")
                                   or (p.path, p.line, p.column) not in self.placeholders]
        return self.content, self.problems

    # -- reading ---------------------------------------------------------------------------------

    def _read(self, kind: str, file: Path, path: str) -> None:
        record_id = file.stem
        register = True  # a file with a bad or taken id is still checked, but not added to the content
        if not _ID.match(record_id):
            self.problems.add(path, (1, 1), f"invalid file name `{file.name}`: the name is the record's id, "
                              "and ids are lowercase ASCII letters, digits and single hyphens",
                              f"rename it to `{suggest_id(record_id)}{file.suffix}`")
            register = False
        elif (kind, record_id) in self.files:
            first = self.files[(kind, record_id)]
            self.problems.add(path, (1, 1), f"duplicate {kind} id `{record_id}`: {first} has the same file name",
                              "ids are unique across all folders; rename one of the two files")
            register = False
        else:
            self.files[(kind, record_id)] = path
        document = read_document(file, path, self.problems)
        if document is None:
            if register:  # its id exists; references to it are not "unknown", its own error says all
                self.content.unreadable[(kind, record_id)] = path
            return
        schema.validate(kind, document, self.problems, ("verdict",) if kind == "claim" else ())  # see _check_verdict
        if PLACEHOLDER in document.source:
            self._report_placeholders(kind, document, document.data, ())
        if register:
            self.documents[(kind, record_id)] = document
            self.content.records(kind)[record_id] = getattr(self, f"_build_{kind}")(record_id, document.data, path)

    def _report_placeholders(self, kind: str, document: Document, value, at: tuple) -> None:
        """Every text still starting with TODO, left from a `claims new` skeleton, at its line."""
        if isinstance(value, dict):
            for key, item in value.items():
                self._report_placeholders(kind, document, item, at + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._report_placeholders(kind, document, item, at + (index,))
        elif isinstance(value, str) and value.startswith(PLACEHOLDER):
            position = document.at(at)
            self.placeholders.add((document.path, *position))
            if document.styles.get(at) in ("|", ">"):  # a block: where its text starts, below the indicator
                position = document.text_position(at, 0)
                self.placeholders.add((document.path, *position))
            shown = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in at).lstrip(".")
            text = value.strip().splitlines()[0] if value.strip() else value
            text = text if len(text) <= 70 else text[:67] + "..."
            self.problems.add(document.path, position, f"unfinished: replace the placeholder in `{shown}`: {text}",
                              _placeholder_hint(kind, at))

    @staticmethod
    def _build_person(record_id: str, data: dict, path: str) -> Person:
        return Person(record_id, _text(data, "name") or record_id, path, _text(data, "role"),
                      _text(data, "description"), _text(data, "wikidata"), _text(data, "url"))

    @staticmethod
    def _build_topic(record_id: str, data: dict, path: str) -> Topic:
        return Topic(record_id, _text(data, "title") or record_id, path, _text(data, "description"))

    @staticmethod
    def _build_source(record_id: str, data: dict, path: str, shared: bool = True) -> Source:
        return Source(record_id, _text(data, "title") or record_id, _text(data, "publisher"), _text(data, "url"), path,
                      _date(data.get("date")), _text(data, "archive_url"), _date(data.get("accessed")),
                      _text(data, "quote"), shared)

    def _build_claim(self, record_id: str, data: dict, path: str) -> Claim:
        speaker = data.get("speaker")
        speakers = [speaker] if isinstance(speaker, str) else [s for s in _items(data, "speaker") if isinstance(s, str)]
        sources, inline = [], {}
        for item in _items(data, "sources"):
            if isinstance(item, str):
                sources.append(item)
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                sources.append(item["id"])
                inline[item["id"]] = self._build_source(item["id"], item, path, shared=False)
        return Claim(
            id=record_id,
            title=_text(data, "title") or record_id,
            claim=_text(data, "claim"),
            speakers=speakers,
            date=_date(data.get("date")) or dt.date.min,
            body=_text(data, "body"),
            sources=sources,
            path=path,
            venue=_text(data, "venue"),
            quotes=[Quote(_text(q, "text"), _text(q, "source"), _text(q, "original"), _text(q, "lang"))
                    for _, q in _mappings(data, "quotes")],
            verdict=_text(data, "verdict"),
            verdict_note=_text(data, "verdict_note"),
            summary=_text(data, "summary"),
            topics=[t for t in _items(data, "topics") if isinstance(t, str)],
            related=[Relation(record_id, _text(r, "claim"), _text(r, "type"), _text(r, "note"))
                     for _, r in _mappings(data, "related")],
            read_also=[ReadAlso(_text(r, "title"), _text(r, "url"), _text(r, "publisher"))
                       for _, r in _mappings(data, "read_also")],
            updates=[Update(_date(u.get("date")) or dt.date.min, _text(u, "note")) for _, u in _mappings(data, "updates")],
            aliases=[a for a in _items(data, "aliases") if isinstance(a, str)],
            inline_sources=inline,
            authors=[a for a in _items(data, "authors") if isinstance(a, str)],
            reviewers=[r for r in _items(data, "reviewers") if isinstance(r, str)],
            published=_date(data.get("published")),
            updated=_date(data.get("updated")),
        )

    # -- references between records ------------------------------------------------------------

    def _unknown(self, document: Document, at: tuple, kind: str, record_id: str) -> None:
        if not _ID.match(record_id) or (kind, record_id) in self.content.unreadable:
            return  # not an id at all (the schema check has said so), or its file's own error is reported
        near = self.suggestions.near(document.path, record_id, self.content.records(kind))
        if near:
            hint = f"did you mean `{near}`?"
        elif kind == "claim":
            hint = "check the id: it is the claim file's name without .yml"
        else:
            hint = f"add claims/{_FOLDER_WORD[kind]}/{record_id}.yml, or check the spelling"
        self.problems.add(document.path, document.at(at), f"unknown {kind} `{record_id}`", hint)

    def _check_claims(self) -> None:
        content = self.content
        alias_owner: dict[str, str] = {}
        for claim in content.claims.values():
            document = self.documents[("claim", claim.id)]
            data = document.data
            speaker = data.get("speaker")
            speaker_paths = [("speaker",)] if isinstance(speaker, str) else [("speaker", i) for i in range(len(_items(data, "speaker")))]
            for at, person in zip(speaker_paths, claim.speakers):
                if person not in content.people:
                    self._unknown(document, at, "person", person)
            for index, topic in enumerate(_items(data, "topics")):
                if isinstance(topic, str) and topic not in content.topics:
                    self._unknown(document, ("topics", index), "topic", topic)
            typos = self._check_sources(claim, document)
            bylines.check_claim(document, self.settings.team, self.problems,
                                lambda unknown: self.suggestions.near(document.path, unknown, self.settings.team))
            bylines.check_dates(document, self.problems)
            if "verdict" in data:
                self._check_verdict(document, data["verdict"])
            if claim.verdict and not claim.verdict_note and "verdict_note" not in data:
                self.problems.add(document.path, document.key_at(("verdict",)), "a verdict needs a `verdict_note`",
                                  "add one sentence that tells readers why the claim earns this rating")
            if "verdict_note" in data and "verdict" not in data:
                self.problems.add(document.path, document.key_at(("verdict_note",)), "`verdict_note` without a `verdict`",
                                  "add the verdict, or remove the note")
            seen_relations = set()
            for index, relation in _mappings(data, "related"):
                target, kind = relation.get("claim"), relation.get("type")
                if not isinstance(target, str):
                    continue
                if target == claim.id:
                    self.problems.add(document.path, document.at(("related", index, "claim")),
                                      "a claim cannot be related to itself", "name another claim's id")
                elif target not in content.claims:
                    self._unknown(document, ("related", index, "claim"), "claim", target)
                elif (target, kind) in seen_relations:
                    self.problems.add(document.path, document.at(("related", index)),
                                      f"the relation `{kind}` to `{target}` is listed twice", "remove one of them")
                seen_relations.add((target, kind))
            for index, alias in enumerate(claim.aliases):
                if alias in content.claims:
                    self.problems.add(document.path, document.at(("aliases", index)),
                                      f"the alias `{alias}` is the id of another claim",
                                      "an alias is a former id that no claim uses now")
                elif alias in alias_owner:
                    self.problems.add(document.path, document.at(("aliases", index)),
                                      f"the alias `{alias}` is also an alias of `{alias_owner[alias]}`",
                                      "an old address can lead to one claim only")
                else:
                    alias_owner[alias] = claim.id
            self._check_markdown_links(document, ("body",), claim.body, claim, typos)

    def _check_verdict(self, document: Document, verdict) -> None:
        """One message per wrong verdict, naming the site's rating scale (which the JSON Schema cannot know)."""
        known = [rating.id for rating in self.content.scale]
        if verdict in known:
            return
        scale = "the rating scale has: " + ", ".join(f"`{k}`" for k in known)
        if not isinstance(verdict, str):  # e.g. `verdict: false`, which YAML reads as a boolean, or no value
            self.problems.add(document.path, document.at(("verdict",)),
                              f"`verdict` must be a rating id, not {schema.describe(verdict)}", scale)
            return
        near = [k for k in known if k == verdict.strip().lower().replace(" ", "-")]
        near = near or difflib.get_close_matches(verdict, known, n=1, cutoff=0.5)
        self.problems.add(document.path, document.at(("verdict",)), f"unknown verdict {schema.describe(verdict)}",
                          f"did you mean `{near[0]}`?" if near else scale)

    def _check_addresses(self) -> None:
        """No record's page or old address (alias) may take the address of a page the site always has
        (an index, the timeline, the search index…) or of another record: one would overwrite the other."""
        urls = Urls(self.settings)
        taken = urls.reserved()
        for kind in ("claim", "person", "topic", "source"):
            for record_id, record in self.content.records(kind).items():
                document = self.documents[(kind, record_id)]
                places = [((1, 1), record_id, "id")]
                if kind == "claim":
                    places += [(document.at(("aliases", index)), alias, "alias")
                               for index, alias in enumerate(record.aliases)]
                for position, name, what in places:
                    url = urls.url(urls.record(kind, name))
                    if url in taken:
                        self.problems.add(document.path, position,
                                          f"the {what} `{name}` is reserved: the {kind}'s page would take the address "
                                          f"`{url}` of {taken[url]}",
                                          "rename the file" if what == "id" else "remove this alias")
                    elif what == "id":  # aliases that repeat other ids or aliases are reported in _check_claims
                        taken[url] = f"the {kind} `{record_id}`"

    def _source_typos(self, claim: Claim, document: Document) -> dict[str, str]:
        """Known source id -> the hint for a quote or citation of it, for each entry of `sources` that is an unknown
        id close to a known one the claim does not list: the quote or citation is right, the list has the typo."""
        typos = {}
        for index, item in enumerate(_items(document.data, "sources")):
            if (isinstance(item, str) and item not in self.content.sources and _ID.match(item)
                    and ("source", item) not in self.content.unreadable):
                near = self.suggestions.near(document.path, item, self.content.sources)
                if near and near not in claim.sources:
                    line = document.at(("sources", index))[0]
                    typos[near] = f"line {line} has `{item}` in `sources`, probably a typo of it: correct it there"
        return typos

    def _check_sources(self, claim: Claim, document: Document) -> dict[str, str]:
        """Check the claim's sources and its quotes' sources; the typos in `sources`, for its citations' messages."""
        for index, item in enumerate(_items(document.data, "sources")):
            if isinstance(item, str) and item not in self.content.sources:
                self._unknown(document, ("sources", index), "source", item)
            elif isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] in self.content.sources:
                self.problems.add(document.path, document.at(("sources", index, "id")),
                                  f"the inline source `{item['id']}` has the id of a shared source",
                                  f"list the shared source as `- {item['id']}`, or give this one another id")
        listed = set(claim.sources)
        typos = self._source_typos(claim, document)
        for index, quote in _mappings(document.data, "quotes"):
            for key in ("text", "original"):
                if _wrapped_in_quotation_marks(quote.get(key)):
                    self.problems.add(document.path, document.at(("quotes", index, key)),
                                      f"`quotes[{index}].{key}` is wrapped in quotation marks",
                                      "remove the marks around the words: the site shows quotes as quotes; "
                                      "keep only marks that stand inside the speaker's words")
            source = quote.get("source")
            if isinstance(source, str) and source not in listed:
                self.problems.add(document.path, document.at(("quotes", index, "source")),
                                  f"the quote's source `{source}` is not listed in this claim's `sources`",
                                  typos.get(source) or f"add `- {source}` to `sources`")
        return typos

    def _check_markdown_links(self, document: Document, at: tuple, text: str, claim: Claim | None,
                              source_typos: dict[str, str] | None = None) -> None:
        if not text:
            return
        position = lambda offset: document.text_position(at, offset)  # noqa: E731
        for offset, message, hint in markdown_problems(text):
            self.problems.add(document.path, position(offset), message, hint)
        check_text_references(text, self.content, self.problems, document.path, position, claim, self.suggestions,
                              source_typos)
        for offset, url in forbidden_urls(text):
            shown = url if len(url) <= 60 else url[:57] + "..."
            self.problems.add(document.path, position(offset),
                              f"forbidden link `{shown}`: only http, https, mailto and relative links are allowed",
                              "it would be removed from the page; link to a web page with https://")
        for offset, message, hint in removed_html(text):
            self.problems.add(document.path, position(offset), message, hint)


class Suggestions:
    """"Did you mean" for unknown ids. difflib compares an id with every known one, so each file gets at most
    MAX_PER_FILE suggestions: a crafted file with thousands of broken links would otherwise take minutes."""

    MAX_PER_FILE = 20

    def __init__(self):
        self.given: dict[str, int] = {}  # path -> suggestions looked for
        self.found: dict[tuple[int, str], str] = {}  # (known ids, id) -> the closest known id, or ""

    def near(self, path: str, unknown: str, known, cutoff: float = 0.6) -> str:
        key = (id(known), unknown, cutoff)
        if key not in self.found:
            if self.given.get(path, 0) >= self.MAX_PER_FILE:
                return ""
            self.given[path] = self.given.get(path, 0) + 1
            found = difflib.get_close_matches(unknown, list(known), n=1, cutoff=cutoff)
            self.found[key] = found[0] if found else ""
        return self.found[key]


def check_text_references(text: str, content: Content, problems: Problems, path: str, position_of,
                          claim: Claim | None = None, suggestions: Suggestions | None = None,
                          source_typos: dict[str, str] | None = None) -> None:
    """Report every broken `[@…]`, `[[…]]` and `![[…]]` in a body, a description or a hand-written page;
    `source_typos` (from Loader._source_typos) says which cited ids the claim lists only with a typo."""
    source_typos = source_typos or {}
    suggestions = suggestions or Suggestions()
    for reference in find_references(text):
        if reference.error:
            problems.add(path, position_of(reference.start), reference.error,
                         "links look like [[claim-id]], [[people/person-id]] or [[claim-id|text]]; "
                         "citations like [@source-id] or [@a; @b]")
            continue
        if reference.form == "cite":
            if claim is None:
                problems.add(path, position_of(reference.start), f"`[@{'; @'.join(reference.cited)}]`: citations work only in claim bodies",
                             "link a source page with [[sources/id]] instead")
                continue
            for source_id in reference.cited:
                if source_id not in claim.sources:
                    problems.add(path, position_of(reference.start), f"the citation `@{source_id}` names a source this claim does not list",
                                 source_typos.get(source_id)
                                 or _citation_hint(source_id, claim, content, suggestions, path))
            continue
        if reference.target not in content.records(reference.kind) and (reference.kind, reference.target) not in content.unreadable:
            near = suggestions.near(path, reference.target, content.records(reference.kind))
            word = _FOLDER_WORD[reference.kind]
            problems.add(path, position_of(reference.start), f"broken link: no {reference.kind} `{reference.target}`",
                         f"did you mean `{near}`?" if near else
                         f"check the id; {word} are the files in claims/{word if reference.kind != 'claim' else ''}")


def _citation_hint(source_id: str, claim: Claim, content: Content, suggestions: Suggestions, path: str) -> str:
    """A mistyped id first (among the claim's sources, then the shared ones), then how to add a new source.
    Only ids that exist are suggested: an entry of `sources` that is itself unknown is reported at its line."""
    known = [listed for listed in claim.sources if content.source_of(claim, listed)]
    near = difflib.get_close_matches(source_id, known, n=1, cutoff=0.8)
    if near:
        return f"did you mean `{near[0]}`?"
    if source_id in content.sources:
        return f"add `- {source_id}` to `sources`"
    near = suggestions.near(path, source_id, content.sources, cutoff=0.8)
    if near:
        return f"did you mean `{near}`? (then add `- {near}` to `sources`)"
    return f"add the source to `sources` (and claims/sources/{source_id}.yml if it is shared)"


def load_content(content_dir: Path, root: Path | None = None, scale: tuple[Rating, ...] = DEFAULT_SCALE,
                 settings: Settings | None = None) -> tuple[Content, Problems]:
    """The content of a folder and every problem in it; `settings` give the addresses of the site's pages."""
    # Loading creates a few hundred thousand objects that all stay alive (the records, and the YAML
    # nodes positions are read from); the cyclic garbage collector would rescan them again and again,
    # which doubled the load time of 4,000 claims. Nothing here makes reference cycles to collect.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Loader(content_dir, root, scale, settings).load()
    finally:
        if collecting:
            gc.enable()
