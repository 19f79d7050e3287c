"""The site's full-text search: Pagefind's index of the built pages, and the marks that tell it what to index.

Pagefind (the `pagefind` package, whose `pagefind_bin` wheel ships the binary, so nothing is downloaded) reads
the built HTML after the build and writes a static index into `pagefind/`, split in small chunks: a query
fetches only the chunks it needs, so readers never download an index that grows with the archive. A page is
indexed only inside its `data-pagefind-body` element (the theme's `<article>`), and listings that repeat every
claim's title (indexes, the timeline, the graph) have none, so they stay out of the results. A claim page also
carries, in an element that is never shown nor indexed as text, the values the explorer filters by (speaker,
topic, verdict, year, kind), sorts by (date) and shows in a result (title, speaker, date, verdict). Each value
is the escaped text of its own element, never part of an attribute, so a comma, a quote or a `>` in a
contributor's name is only text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from markupsafe import escape

from . import search_cache, search_chunks, search_order
from .generated_page import GeneratedPage
from .model import Claim, Content
from .settings import Settings

OUTPUT_DIR = "pagefind"  # where the index lands in the site, beside the pages
PARTS_FILE = "claims-parts.json"  # in OUTPUT_DIR: the older parts of a large archive's index, and its years
# What the explorer may filter by, in the order it shows the facets.
FILTERS = ("kind", "speaker", "topic", "verdict", "year")
NOT_RATED = "Not rated"
# Not words of a page, left out of its index entry and its excerpts: the permalink sign (¶) beside each
# heading, and the sections that repeat other pages' titles or the site's furniture. A claim is found by its
# own words, not by the titles of the claims it relates to (or a query would return every neighbour of the
# claim it names), nor a person by their claims' titles. That is half of a claim page's text, and so of
# Pagefind's memory and index. (Pagefind's selectors have no `+`: a section's note has a class of its own.)
EXCLUDED = ", ".join((
    ".headerlink",
    # The page's furniture: the byline (the site's name, the day it was published), the box's "Claim" label
    # and the sections' headings, the same words on every claim page.
    ".claims-byline", ".claims-box__label", "#in-their-words", "#explanation", "#references", "#topics",
    # Citation marks and their way back ("[1]", "↑ a b"), archive links; a reference's title and publisher
    # stay.
    ".claims-cite", ".claims-marker", ".claims-backlink", ".claims-ref__archive",
    # Further reading: other articles' titles, which a query for their words would take for the claim's.
    "#further-reading", ".claims-read-also",
    # Relations and their graph: other claims' titles and verdicts; a relation's note is the words of the
    # claim that made it, so it is left out on the page of the claim it points to.
    "#relations", ".claims-relations__type", ".claims-relation > a", ".claims-relation > .claims-verdict",
    ".claims-relation__note--theirs",
    ".claims-graph",
    "#related-claims", ".claims-related", ".claims-section__note",  # found automatically, and sections' notes
    "#explained-in", "#explainers", ".claims-explained-in",  # explainers' titles
    "#claims", ".claims-list", ".claims-pager", "#mentioned-in",  # listings
    "#how-to-cite", ".claims-how-to-cite", "#share", ".claims-share", ".claims-edit", ".claims-ref__page",
    # The verdict's place on the scale names the scale's ends ("from Accurate to Inaccurate") on every page.
    ".claims-meter",
))
_ARTICLE = re.compile(r"<article\b")
TIMEOUT = 1800  # seconds; Pagefind indexes thousands of pages a second, this only stops a hung process


class SearchIndexError(Exception):
    """Pagefind could not be run, or failed: the message says why and what to do."""


# Pagefind 1.5 matches no filter value that JSON writes with an escape (a quote, a backslash, a tab), and
# decodes a filter's character references twice (`&amp;#106;` becomes `j`): in filter values, spaces are
# collapsed and `"`, `\` and `&` become their full-width look-alikes, which the explorer shows back as typed
# (assets/explorer.js).
_FILTER_SAFE = str.maketrans({'"': "\uff02", "\\": "\uff3c", "&": "\uff06"})
CLAIM_WEIGHT = 2  # a claim's own page ranks above the pages that quote it (explainers, people, topics)
# The generated pages Pagefind indexes, by kind, with the kind a reader filters by; listings are left out.
INDEXED_KINDS = {"claim": "Claim", "person": "Person", "topic": "Topic", "source": "Source"}


def filter_value(text: str) -> str:
    return " ".join(text.split()).translate(_FILTER_SAFE)


def _fields(kind: str, values: list[tuple[str, str]]) -> str:
    """Hidden, unindexed elements with one value each; `kind` is "filter", "sort" or "meta"."""
    return "".join(f'<span data-pagefind-{kind}="{name}">{escape(value)}</span>' for name,
                   value in values if value)


def claim_marks(claim: Claim, content: Content) -> str:
    """What the explorer filters, sorts and shows a claim by, for its page."""
    speakers = [content.people[p].name if p in content.people else p for p in claim.speakers]
    topics = [content.topics[t].title if t in content.topics else t for t in claim.topics]
    rating = content.rating(claim.verdict) if claim.verdict else None
    verdict = rating.label if rating else NOT_RATED
    filters = [(name, filter_value(value)) for name, value in
               [("kind", "Claim"), *(("speaker", s) for s in speakers), *(("topic", t) for t in topics),
                ("verdict", verdict), ("year", str(claim.date.year))]]
    day = claim.date
    meta = [("title", claim.title), ("speaker", ", ".join(speakers)), ("date", day.isoformat()),
            ("when", f"{day.day} {day.strftime('%B %Y')}"), ("verdict", verdict)]
    return _hidden(_fields("filter", filters) + _fields("sort", [("date", claim.date.isoformat())])
                   + _fields("meta", meta))


def page_marks(kind: str) -> str:
    """What the explorer filters any other indexed page by: its kind (Person, Topic, Source, Explainer,
    Page)."""
    return _hidden(_fields("filter", [("kind", kind)]))


def marks(src_uri: str, generated: GeneratedPage | None, meta: Mapping, explainer: bool,
          content: Content) -> tuple[int, str] | None:
    """A page's weight in the results and the values to add to its content, or None when it is not indexed: a
    listing, the home page, or excluded in its front matter (`search: {exclude: true}`, as mkdocs-material's
    search reads it)."""
    if generated is not None:
        if not generated.searchable or generated.kind not in INDEXED_KINDS:
            return None
        if generated.kind == "claim":
            return CLAIM_WEIGHT, claim_marks(content.claims[generated.record_id], content)
        return 1, page_marks(INDEXED_KINDS[generated.kind])
    excluded = meta.get("search")
    if src_uri == "index.md" or (isinstance(excluded, dict) and excluded.get("exclude") is True):
        return None
    return 1, page_marks("Explainer" if explainer else "Page")


def _hidden(fields: str) -> str:
    # data-pagefind-ignore: the values are filters and metadata, not words of the page (Pagefind still reads
    # them).
    return f'<div class="claims-search-marks" hidden data-pagefind-ignore>{fields}</div>'


def indexed(page: str, weight: int = 1) -> str:
    """A built page with the theme's content element (its first `<article>`, before any content) marked as
    what Pagefind indexes; its words count `weight` times in the ranking."""
    weighted = f' data-pagefind-weight="{weight}"' if weight != 1 else ""
    return _ARTICLE.sub(lambda match: f"{match.group()} data-pagefind-body{weighted}", page, count=1)


def executable() -> str:
    """The Pagefind binary of the `pagefind_bin` wheel (or PAGEFIND_BINARY_PATH, or one on PATH)."""
    from pagefind.service import get_executable  # the pagefind package's own lookup

    found = get_executable()
    if found is None:
        raise SearchIndexError("the Pagefind binary is not installed (hint: pip install 'pagefind[bin]', "
                               "which mkdocs-claims depends on)")
    return str(found)


def parts(claim_years: Mapping[str, int], part_pages: int) -> list[list[int]]:
    """The years of the claims, newest first, in groups of whole years with at most `part_pages` claim pages
    each (a year with more is a group of its own): one Pagefind run indexes one group, so that the build's
    memory no longer grows with the archive (Pagefind needs about 140 KB a page: 4 GiB for 28,000 pages)."""
    per_year = Counter(claim_years.values())
    groups: list[list[int]] = []
    size = 0
    for year in sorted(per_year, reverse=True):
        if not groups or size + per_year[year] > part_pages:
            groups.append([])
            size = 0
        groups[-1].append(year)
        size += per_year[year]
    return groups


def build(site_dir: Path, claim_years: Mapping[str, int] | None = None,
          part_pages: int = Settings.search_part_size) -> None:
    """Index the built site in `site_dir`, writing the index into `site_dir/pagefind/`.

    `claim_years` maps each claim page's file (`claims/x/index.html`) to its claim's year. An archive of more
    than `part_pages` claims is indexed in parts of whole years: the newest with every other page in
    `pagefind/`, each older one in `pagefind/part-N/`, which the explorer merges (`PARTS_FILE` names them).
    The last index is removed first: a dirty build keeps the site folder, and a deleted page's words must
    go."""
    output = site_dir / OUTPUT_DIR
    shutil.rmtree(output, ignore_errors=True)
    claim_years = claim_years or {}
    groups = parts(claim_years, part_pages)
    if len(groups) <= 1:
        _index(site_dir, output)
        _write_parts(output, {}, [])
        return
    part_of = {year: number for number, years in enumerate(groups) for year in years}
    claim_pages: list[list[str]] = [[] for _ in groups]
    for path, year in claim_years.items():
        claim_pages[part_of[year]].append(path)
    later = {path for pages in claim_pages[1:] for path in pages}
    first = [path for path in _html_files(site_dir, output) if path not in later]
    for number, pages in enumerate([first, *claim_pages[1:]]):
        with tempfile.TemporaryDirectory(prefix=".claims-search-", dir=site_dir.parent) as temp:
            _linked(site_dir, Path(temp), pages)
            _index(Path(temp), output / _part_dir(number) if number else output, number)
    _write_parts(output, {_part_dir(number) + "/": groups[number] for number in range(1, len(groups))},
                 [year for years in groups for year in years])


def _part_dir(number: int) -> str:
    return f"part-{number}"


def _html_files(site_dir: Path, output: Path) -> list[str]:
    return [file.relative_to(site_dir).as_posix() for file in site_dir.rglob("*.html")
            if output not in file.parents]


def _linked(site_dir: Path, tree: Path, pages: list[str]) -> None:
    """A folder that holds `pages` of the site at their own paths, as hard links (copies where linking fails),
    so that Pagefind indexes them under the addresses they have in the site."""
    for path in pages:
        source, target = site_dir / path, tree / path
        if not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


def _write_parts(output: Path, part_years: Mapping[str, list[int]], years: list[int]) -> None:
    # The archive's years, newest first, which the explorer walks for a list in date order (Pagefind orders
    # merged results by each index's own rank, which would interleave the parts), and the older parts with
    # their years: the explorer merges a part only when a list or a query reaches its years, so a reader of
    # the newest claims downloads the newest part alone.
    output.mkdir(parents=True, exist_ok=True)
    listed = {"years": [str(y) for y in years],
              "parts": [{"path": path, "years": [str(y) for y in part]} for path, part in part_years.items()]}
    (output / PARTS_FILE).write_text(json.dumps(listed), encoding="utf-8")


def _index(site_dir: Path, output: Path, part: int = 0) -> None:
    binary, options = executable(), ["--exclude-selectors", EXCLUDED, "--silent"]
    # The kept index is Pagefind's output cut into smaller chunks named by number, its pages named in date
    # order: both are part of what made it.
    made = [*options, f"then cut into chunks of {search_chunks.CHUNK_UNITS} named by number",
            "pages named by date"]
    kept = search_cache.KeptIndex(_part_dir(part), site_dir, binary, made)
    if kept.restore(output):  # the same pages as the last build's: its index
        return
    command = [binary, "--site", str(site_dir), "--output-path", str(output), *options]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind could not index the site: {error}") from error
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site (exit {done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()}")
    search_chunks.rechunk(output)
    search_order.name_by_date(output)
    kept.keep(output)
