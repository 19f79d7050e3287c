"""The checks across records, one function each: every reference resolves, nothing is said twice or clashes.

The JSON Schema has checked each file on its own; these checks see the whole content. Each reports every
problem it finds and returns, so one run reports them all.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from . import bylines, listing_pages, remote_images, schema
from .document import Document
from .links import find_references
from .look_alikes import differences, look_alikes, tell_apart, unreadable_characters
from .markdown_limits import markdown_problems
from .model import ID, PLURALS, Claim, Content
from .problems import Problems
from .raw_html import removed_html
from .records import date, items, mappings
from .sanitizer import forbidden_urls
from .settings import Settings
from .suggestions import Suggestions, cutoff_for, is_typo
from .urls import Urls

_QUOTATION_MARKS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb",
                    "\u2018": "\u2019", "\u201a": "\u2018", "\u2039": "\u203a", "\u00bb": "\u00ab"}


@dataclass
class CheckContext:
    """What every check reads (the content and each record's document) and where it reports."""

    content: Content
    settings: Settings
    problems: Problems
    documents: dict[tuple[str, str], Document]  # (kind, id) -> document
    suggestions: Suggestions = field(default_factory=Suggestions)
    today: dt.date = field(default_factory=dt.date.today)

    def unknown(self, document: Document, at: tuple, kind: str, record_id: str) -> None:
        """An id at `at` that names no record of `kind`, with the closest known id as the hint."""
        if not ID.match(record_id) or (kind, record_id) in self.content.unreadable:
            return  # not an id at all (the schema check has said so), or its file's own error is reported
        near = self.suggestions.near(document.path, record_id, self.content.records(kind),
                                     cutoff=cutoff_for(kind))
        add = f"add {self.content.folder}/{PLURALS[kind]}/{record_id}.yml"
        if near and (kind == "claim" or is_typo(record_id, near)):
            hint = f"did you mean `{near}`?"
        elif near:  # as likely another, new person or topic (`vladimir-zelensky`, not `vladimir-putin`)
            hint = f"did you mean `{near}`? If `{record_id}` is new, {add}"
        elif kind == "claim":
            hint = "check the id: it is the claim file's name without .yml"
        else:
            hint = f"{add}, or check the spelling"
        self.problems.add(document.path, document.at(at), f"unknown {kind} `{record_id}`", hint,
                          code="unknown-reference")


def check_all(context: CheckContext) -> None:
    aliases: dict[str, str] = {}  # alias -> the claim that has it
    for claim in context.content.claims.values():
        check_claim(context, claim, context.documents[("claim", claim.id)], aliases)
    check_addresses(context)
    for source_id in context.content.sources:
        check_future_dates(context, context.documents[("source", source_id)], "source")
    for kind in ("person", "topic"):
        for record in context.content.records(kind).values():
            check_markdown(context, context.documents[(kind, record.id)],
                           ("description",), record.description)
    check_names(context)


# The names and titles that readers tell records apart by (shown on every page that names the record): no
# invisible character and no word that mixes scripts in any, and no two in one group that look the same (a
# fake "same" person, a source that impersonates another's title or publisher). Inline sources, in claims,
# are sources too. Claims are told apart by more than their titles (speaker, date): only their characters
# count.
NAMES = {"claim": ("title",), "person": ("name",), "topic": ("title",), "source": ("title", "publisher")}
# (kind, field) -> the group whose names are compared, and what to do with a look-alike that is the same one
_SAME = {("person", "name"): ("person", "use its id in `speaker`, and delete this file"),
         ("topic", "title"): ("topic", "use its id in `topics`, and delete this file"),
         ("source", "title"): ("source", "cite its id, and delete this file"),
         ("inline source", "title"): ("source", "list its id under `sources` in place of this entry"),
         ("source", "publisher"): ("publisher", "write its name as that file does"),
         ("inline source", "publisher"): ("publisher", "write its name as that file does")}


@dataclass(frozen=True)
class _Name:
    kind: str  # a record's kind, or "inline source"
    field: str
    value: str
    document: Document
    at: tuple  # the value's path in the document


def _names(context: CheckContext) -> list[_Name]:
    """Every name and title readers tell records apart by, records by kind and id, inline sources in their
    claims."""
    found = []
    for kind, fields in NAMES.items():
        for record_id in sorted(context.content.records(kind)):
            document = context.documents[(kind, record_id)]
            found += [_Name(kind, name_field, document.data[name_field], document, (name_field,))
                      for name_field in fields if isinstance(document.data.get(name_field), str)]
    for claim_id in sorted(context.content.claims):
        document = context.documents[("claim", claim_id)]
        for index, entry in mappings(document.data, "sources"):
            found += [_Name("inline source", name_field, entry[name_field], document,
                            ("sources", index, name_field))
                      for name_field in NAMES["source"] if isinstance(entry.get(name_field), str)]
    return found


def check_names(context: CheckContext) -> None:
    groups: dict[str, list[tuple[_Name, str]]] = {}  # a group of names that must not look alike -> its names
    for name in _names(context):
        report_name_characters(context.problems, name.document, name.at, name.value, f"the {name.field}")
        if (name.kind, name.field) in _SAME:
            groups.setdefault(_SAME[name.kind, name.field][0], []).append((name, name.value))
    for named in groups.values():
        for name, value, original, original_value in look_alikes(named):
            word, use = _SAME[name.kind, name.field]
            shown = value if len(value) <= 60 else value[:57] + "..."
            line, column = original.document.at(original.at)
            context.problems.add(name.document.path, name.document.at(name.at),
                                 f"the {name.field} `{shown}` looks the same as that of "
                                 f"{original.document.path}:{line}:{column} but differs in "
                                 f"{differences(value, original_value)}",
                                 f"if it is the same {word}, {use}; if not, "
                                 f"{tell_apart(value, f'the {name.field}')}", code="look-alike-name")


def report_name_characters(problems: Problems, document: Document, at: tuple, value: str, what: str,
                           line_offset: int = 0) -> None:
    """Every invisible character in a name or title (`what`), and every word of it that mixes scripts, where
    they are."""
    for offset, code, message, hint in unreadable_characters(value, what):
        line, column = document.text_position(at, offset)
        problems.add(document.path, (line + line_offset, column), message, hint, code=code)


# The dates of each kind of record, `list.field` for a field of each entry of a list. Each says when something
# happened: a claim was made, a source published or checked, an explainer published, updated or corrected.
DATES = {"claim": ("date", "published", "updated", "updates.date", "sources.date", "sources.accessed"),
         "source": ("date", "accessed")}


def check_future_dates(context: CheckContext, document: Document, kind: str) -> None:
    for name in DATES[kind]:
        outer, _, inner = name.partition(".")
        places = ([((outer, index, inner), entry.get(inner))
                   for index, entry in mappings(document.data, outer)]
                  if inner else [((outer,), document.data.get(outer))])
        for path, value in places:
            report_future_date(context.problems, document.path, document.at(path), schema.field_name(path),
                               date(value), context.today)


def report_future_date(problems: Problems, path: str, position: tuple[int, int], name: str,
                       day: dt.date | None, today: dt.date) -> None:
    """A date after tomorrow (a day's margin for time zones) is a mistyped year (2052 for 2025): a real date,
    which would keep a claim or an explainer on top of every list for years."""
    if day and day > today + dt.timedelta(days=1):
        problems.add(path, position, f"{name} is in the future: {day}",
                     "a date says when something happened: check the year", code="future-date")


def check_claim(context: CheckContext, claim: Claim, document: Document, aliases: dict[str, str]) -> None:
    check_future_dates(context, document, "claim")
    check_speakers(context, claim, document)
    check_topics(context, document)
    check_source_list(context, document)
    typos = source_typos(context, claim, document)
    check_quotes(context, claim, document, typos)
    check_bylines(context, document)
    check_verdict(context, claim, document)
    check_relations(context, claim, document)
    check_aliases(context, claim, document, aliases)
    check_markdown(context, document, ("body",), claim.body, claim, typos)


def check_speakers(context: CheckContext, claim: Claim, document: Document) -> None:
    speaker = document.data.get("speaker")
    speaker_paths = ([("speaker",)] if isinstance(speaker, str)
                     else [("speaker", i) for i in range(len(items(document.data, "speaker")))])
    for at, person in zip(speaker_paths, claim.speakers, strict=False):
        if person not in context.content.people:
            context.unknown(document, at, "person", person)


def check_topics(context: CheckContext, document: Document) -> None:
    for index, topic in enumerate(items(document.data, "topics")):
        if isinstance(topic, str) and topic not in context.content.topics:
            context.unknown(document, ("topics", index), "topic", topic)


def check_source_list(context: CheckContext, document: Document) -> None:
    """Every shared source the claim lists exists, and no inline source takes a shared source's id."""
    for index, item in enumerate(items(document.data, "sources")):
        if isinstance(item, str) and item not in context.content.sources:
            context.unknown(document, ("sources", index), "source", item)
        elif (isinstance(item, dict) and isinstance(item.get("id"), str)
              and item["id"] in context.content.sources):
            context.problems.add(document.path, document.at(("sources", index, "id")),
                                 f"the inline source `{item['id']}` has the id of a shared source",
                                 f"list the shared source as `- {item['id']}`, or give this one another id",
                                 code="duplicate-id")


def source_typos(context: CheckContext, claim: Claim, document: Document) -> dict[str, str]:
    """Known source id -> the hint for a quote or citation of it, for each entry of `sources` that is an
    unknown id close to a known one the claim does not list: the quote or citation is right, the list has the
    typo."""
    typos = {}
    content = context.content
    for index, item in enumerate(items(document.data, "sources")):
        if (isinstance(item, str) and item not in content.sources and ID.match(item)
                and ("source", item) not in content.unreadable):
            near = context.suggestions.near(document.path, item, content.sources, cutoff=cutoff_for("source"))
            if near and near not in claim.sources:
                line = document.at(("sources", index))[0]
                typos[near] = (f"line {line} has `{item}` in `sources`, probably a typo of it: correct it "
                               "there")
    return typos


def check_quotes(context: CheckContext, claim: Claim, document: Document, typos: dict[str, str]) -> None:
    """No quote wrapped in quotation marks; each quote's source listed in the claim's `sources`."""
    listed = set(claim.sources)
    for index, quote in mappings(document.data, "quotes"):
        for key in ("text", "original"):
            if _wrapped_in_quotation_marks(quote.get(key)):
                context.problems.add(document.path, document.at(("quotes", index, key)),
                                     f"`quotes[{index}].{key}` is wrapped in quotation marks",
                                     "remove the marks around the words: the site shows quotes as quotes; "
                                     "keep only marks that stand inside the speaker's words",
                                     code="quotation-marks")
        source = quote.get("source")
        if isinstance(source, str) and source not in listed:
            context.problems.add(document.path, document.at(("quotes", index, "source")),
                                 f"the quote's source `{source}` is not listed in this claim's `sources`",
                                 typos.get(source) or _citation_hint(source, claim, context.content,
                                                                     context.suggestions, document.path),
                                 code="unlisted-source")


def _wrapped_in_quotation_marks(text: object) -> bool:
    """`"words"`, `“words”`, `«words»`: one pair of marks around the whole text, none inside."""
    if not isinstance(text, str):
        return False
    text = text.strip()
    closing = _QUOTATION_MARKS.get(text[:1])
    if not closing or len(text) < 2 or text[-1] not in (closing, "\u201d"):
        return False
    inner = text[1:-1]
    return text[0] not in inner and closing not in inner


def check_bylines(context: CheckContext, document: Document) -> None:
    """Authors and reviewers from the site's team, and review dates that are real dates (see `bylines`)."""
    team = context.settings.team
    bylines.check_claim(document, team, context.problems,
                        lambda unknown: context.suggestions.near(document.path, unknown, team))
    bylines.check_dates(document, context.problems)


def check_verdict(context: CheckContext, claim: Claim, document: Document) -> None:
    """A verdict from the site's rating scale (which the JSON Schema cannot know), always with its note."""
    data, problems = document.data, context.problems
    if "verdict" in data:
        _check_rating(context, document, data["verdict"])
    if claim.verdict and not claim.verdict_note and "verdict_note" not in data:
        problems.add(document.path, document.key_at(("verdict",)), "a verdict needs a `verdict_note`",
                     "add one sentence that tells readers why the claim earns this rating",
                     code="verdict-note")
    if "verdict_note" in data and "verdict" not in data:
        problems.add(document.path, document.key_at(("verdict_note",)), "`verdict_note` without a `verdict`",
                     "add the verdict, or remove the note", code="verdict-note")


def _check_rating(context: CheckContext, document: Document, verdict: object) -> None:
    """One message per wrong verdict, naming the scale's ratings."""
    known = [rating.id for rating in context.content.scale]
    if verdict in known:
        return
    scale = "the rating scale has: " + ", ".join(f"`{k}`" for k in known)
    if not isinstance(verdict, str):  # e.g. `verdict: false`, which YAML reads as a boolean, or no value
        context.problems.add(document.path, document.at(("verdict",)),
                             f"`verdict` must be a rating id, not {schema.describe(verdict)}", scale,
                             code="unknown-verdict")
        return
    near = [k for k in known if k == verdict.strip().lower().replace(" ", "-")]
    near = near or difflib.get_close_matches(verdict, known, n=1, cutoff=0.5)
    context.problems.add(document.path, document.at(("verdict",)),
                         f"unknown verdict {schema.describe(verdict)}",
                         f"did you mean `{near[0]}`?" if near else scale, code="unknown-verdict")


def check_relations(context: CheckContext, claim: Claim, document: Document) -> None:
    """Each relation names another existing claim, and no relation is listed twice."""
    seen = set()
    for index, relation in mappings(document.data, "related"):
        target, kind = relation.get("claim"), relation.get("type")
        if not isinstance(target, str):
            continue
        if target == claim.id:
            context.problems.add(document.path, document.at(("related", index, "claim")),
                                 "a claim cannot be related to itself", "name another claim's id",
                                 code="invalid-relation")
        elif target not in context.content.claims:
            context.unknown(document, ("related", index, "claim"), "claim", target)
        elif (target, kind) in seen:
            context.problems.add(document.path, document.at(("related", index)),
                                 f"the relation `{kind}` to `{target}` is listed twice", "remove one of them",
                                 code="duplicate-entry")
        seen.add((target, kind))


def check_aliases(context: CheckContext, claim: Claim, document: Document, owners: dict[str, str]) -> None:
    """An alias (a former id) is no claim's id now, nor another claim's alias; `owners` collects them."""
    for index, alias in enumerate(claim.aliases):
        if alias in context.content.claims:
            context.problems.add(document.path, document.at(("aliases", index)),
                                 f"the alias `{alias}` is the id of another claim",
                                 "an alias is a former id that no claim uses now", code="duplicate-id")
        elif alias in owners:
            context.problems.add(document.path, document.at(("aliases", index)),
                                 f"the alias `{alias}` is also an alias of `{owners[alias]}`",
                                 "an old address can lead to one claim only", code="duplicate-id")
        else:
            owners[alias] = claim.id


def check_addresses(context: CheckContext) -> None:
    """No record's page or old address (alias) may take the address of a page the site always has
    (an index, the timeline, the search index…) or of another record: one would overwrite the other."""
    urls = Urls(context.settings)
    taken = urls.reserved(len(context.content.claims),
                          listing_pages.addresses(context.content, urls, context.settings.page_size))
    for kind in ("claim", "person", "topic", "source"):
        for record_id, record in context.content.records(kind).items():
            document = context.documents[(kind, record_id)]
            places = [((1, 1), record_id, "id")]
            if kind == "claim":
                places += [(document.at(("aliases", index)), alias, "alias")
                           for index, alias in enumerate(record.aliases)]
            for position, name, what in places:
                url = urls.url(urls.record(kind, name))
                if url in taken:
                    context.problems.add(document.path, position,
                                         f"the {what} `{name}` is reserved: the {kind}'s page would take the "
                                         f"address `{url}` of {taken[url]}",
                                         "rename the file" if what == "id" else "remove this alias",
                                         code="reserved-id")
                elif what == "id":  # aliases that repeat other ids or aliases are reported by check_aliases
                    taken[url] = f"the {kind} `{record_id}`"


def check_markdown(context: CheckContext, document: Document, at: tuple, text: str,
                   claim: Claim | None = None, typos: dict[str, str] | None = None) -> None:
    """A body or description: bounded Markdown, resolving references, allowed links, no image the site's
    policy blocks, no HTML the sanitizer drops."""
    if not text:
        return
    problems = context.problems
    position = lambda offset: document.text_position(at, offset)  # noqa: E731
    for offset, message, hint in markdown_problems(text):
        problems.add(document.path, position(offset), message, hint, code="markdown-limit")
    check_text_references(text, context.content, problems, document.path, position, claim,
                          context.suggestions, typos)
    for offset, url in forbidden_urls(text):
        shown = url if len(url) <= 60 else url[:57] + "..."
        problems.add(document.path, position(offset),
                     f"forbidden link `{shown}`: only http, https, mailto and relative links are allowed",
                     "it would be removed from the page; link to a web page with https://",
                     code="unsafe-link")
    for offset, message, hint in remote_images.blocked(text, context.settings.images):
        problems.add(document.path, position(offset), message, hint, code="remote-image")
    for offset, message, hint in removed_html(text):
        problems.add(document.path, position(offset), message, hint, code="removed-html")


def check_text_references(text: str, content: Content, problems: Problems, path: str,
                          position_of: Callable[[int], tuple[int, int]],
                          claim: Claim | None = None, suggestions: Suggestions | None = None,
                          source_typos: dict[str, str] | None = None) -> None:
    """Report every broken `[@…]`, `[[…]]` and `![[…]]` in a body, a description or a hand-written page;
    `source_typos` (from `source_typos`) says which cited ids the claim lists only with a typo."""
    source_typos = source_typos or {}
    suggestions = suggestions or Suggestions()
    for reference in find_references(text):
        if reference.error:
            problems.add(path, position_of(reference.start), reference.error,
                         "links look like [[claim-id]], [[people/person-id]] or [[claim-id|text]]; "
                         "citations like [@source-id] or [@a; @b]", code="link-syntax")
            continue
        if reference.form == "cite":
            if claim is None:
                problems.add(path, position_of(reference.start),
                             f"`[@{'; @'.join(reference.cited)}]`: citations work only in claim bodies",
                             "link a source page with [[sources/id]] instead", code="misplaced-citation")
                continue
            for source_id in reference.cited:
                if source_id not in claim.sources:
                    problems.add(path, position_of(reference.start),
                                 f"the citation `@{source_id}` names a source this claim does not list",
                                 source_typos.get(source_id)
                                 or _citation_hint(source_id, claim, content, suggestions, path),
                                 code="unlisted-source")
            continue
        if (reference.target not in content.records(reference.kind)
                and (reference.kind, reference.target) not in content.unreadable):
            near = suggestions.near(path, reference.target, content.records(reference.kind),
                                    cutoff=cutoff_for(reference.kind))
            word = PLURALS[reference.kind]
            folder = f"{content.folder}/{word if reference.kind != 'claim' else ''}"
            problems.add(path, position_of(reference.start),
                         f"broken link: no {reference.kind} `{reference.target}`",
                         f"did you mean `{near}`?" if near
                         else f"check the id; {word} are the files in {folder}", code="broken-link")


def _citation_hint(source_id: str, claim: Claim, content: Content,
                   suggestions: Suggestions, path: str) -> str:
    """A mistyped id first (among the claim's sources, then the shared ones), then how to add a new source.
    Only ids that exist are suggested: an entry of `sources` that is itself unknown is reported at its
    line."""
    known = [listed for listed in claim.sources if content.source_of(claim, listed)]
    close = difflib.get_close_matches(source_id, known, n=1, cutoff=cutoff_for("source"))
    if close:
        return f"did you mean `{close[0]}`?"
    if source_id in content.sources:
        return f"add `- {source_id}` to `sources`"
    near = suggestions.near(path, source_id, content.sources, cutoff=cutoff_for("source"))
    if near:
        return f"did you mean `{near}`? (then add `- {near}` to `sources`)"
    return f"add the source to `sources` (and {content.folder}/sources/{source_id}.yml if it is shared)"
