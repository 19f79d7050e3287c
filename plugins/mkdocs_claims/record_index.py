"""The indexes of people, topics and sources: every record by name, A to Z, with its number of claims.

An index that fits one page is one list, as a small site always had it. A longer one is cut into pages of
`Settings.page_size` records (`people/page/2/` after `people/`), linked by a pager and `rel="prev"`/`"next"`,
with the records under a heading per initial letter and a jump list of the letters on every page; a letter
whose records fill several pages lists those pages under its heading, so that every record is at most three
clicks from the index's first page (its letter, its page, the record), however many people an archive has.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .generated_page import GeneratedPage, Heading
from .model import Content, Person, Source, Topic
from .page_cache import PageCache
from .page_parts import PageBuilder, PageParts
from .pagination import Pager, chunks, page_count
from .structured_data import script
from .urls import Urls

INDEXES = (("person", "People"), ("topic", "Topics"), ("source", "Sources"))
OTHER = "#"  # the initial of the names that start with no letter (a digit, a quote mark)

Record = Person | Topic | Source
# the field a row shows beside a record's name
_NOTES = {"person": "role", "topic": "", "source": "publisher"}


def _folded(title: str) -> str:
    """A name without accents, case folded, as the index sorts it ("Émile" beside "Emil", not after "Zoe")."""
    decomposed = unicodedata.normalize("NFKD", title.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def initial(title: str) -> str:
    """The letter a name is listed under: its first letter without accents, in capitals ("É" under "E", "ж"
    under "Ж"), or OTHER."""
    folded = _folded(title)
    if not folded[:1].isalpha():
        return OTHER
    upper = folded[0].upper()
    return upper if len(upper) == 1 else folded[0]


def by_name(records: Sequence[Record]) -> list[Record]:
    """The records in the index's order: by initial (OTHER first), then by name, then by id."""
    def key(record: Record) -> tuple:
        letter = initial(record.title)
        return letter != OTHER, letter, _folded(record.title), record.title.casefold(), record.id
    return sorted(records, key=key)


def anchor(letter: str) -> str:
    """The id of a letter's heading: `letter-a`, or the code point where the letter is not ASCII."""
    if letter == OTHER:
        return "letter-other"
    return f"letter-{letter.lower()}" if letter.isascii() else f"letter-u{ord(letter):04x}"


def addresses(content: Content, urls: Urls, page_size: int) -> Iterator[str]:
    """The source path of every page after the first of the three indexes, for `Urls.reserved`."""
    for kind, _ in INDEXES:
        first = urls.index(kind)
        yield from (urls.page(first, n)
                    for n in range(2, page_count(len(content.records(kind)), page_size) + 1))


def places(content: Content, urls: Urls, page_size: int, kind: str) -> dict[str, str]:
    """Record id -> the source path of the index page that lists it (`claims check --changed-since`)."""
    first = urls.index(kind)
    return {record.id: urls.page(first, position // page_size + 1)
            for position, record in enumerate(by_name(list(content.records(kind).values())))}


@dataclass(frozen=True)
class Letter:
    """An initial and the pages (numbers from 1) its records are on."""

    letter: str
    first: int
    last: int

    @property
    def anchor(self) -> str:
        return anchor(self.letter)


@dataclass(frozen=True)
class Group:
    """The records of one letter on one page: `continued` when the letter began on an earlier page."""

    letter: Letter
    continued: bool
    # the record, its number of claims, a note (a role, a publisher)
    rows: tuple[tuple[Record, int, str], ...]


class RecordIndexes(PageBuilder):
    """The pages of the indexes of people, topics and sources, each kept in the page cache under what it
    shows."""

    def __init__(self, parts: PageParts, cache: PageCache):
        super().__init__(parts)
        self.cache = cache
        self.size = self.settings.page_size

    def pages(self) -> Iterator[GeneratedPage]:
        for kind, title in INDEXES:
            yield from self.index_pages(kind, title)

    @staticmethod
    def _note(kind: str, record: Record) -> str:
        """What a row says of a record beside its name: a person's role, a source's publisher."""
        field = _NOTES[kind]
        return getattr(record, field, "") if field else ""

    def index_pages(self, kind: str, title: str) -> Iterator[GeneratedPage]:
        """Every person, topic or source, by name, with its number of claims, a page of `page_size` at a
        time."""
        records = by_name(list(self.renderer.content.records(kind).values()))
        rows = [(record, len(self.index.claims_of(kind, record.id)), self._note(kind, record))
                for record in records]
        pages = chunks(rows, self.size)
        letters: dict[str, Letter] = {}
        for position, (record, _, _) in enumerate(rows):
            letter, number = initial(record.title), position // self.size + 1
            found = letters.get(letter)
            letters[letter] = Letter(letter, found.first if found else number, number)
        first = self.urls.index(kind)
        summary = tuple(letters.values())
        for number, shown in enumerate(pages, 1):
            pager = Pager(first, number, len(pages))
            key = ("records", kind, pager, len(rows), summary,
                   tuple((record.id, record.title, count, note) for record, count, note in shown))
            yield self.cache.page(pager.uri(self.urls, number), key, self._page, kind, title, pager, shown,
                                  letters, len(rows))

    def _page(self, kind: str, title: str, pager: Pager, shown: Sequence[tuple[Record, int, str]],
              letters: dict[str, Letter], total: int) -> GeneratedPage:
        here = pager.uri(self.urls, pager.number)
        groups: list[Group] = []
        for row in shown:
            letter = letters[initial(row[0].title)]
            if groups and groups[-1].letter == letter:
                groups[-1] = Group(letter, groups[-1].continued, (*groups[-1].rows, row))
            else:
                groups.append(Group(letter, letter.first < pager.number, (row,)))
        page_title = title if pager.number == 1 else f"{title}, page {pager.number} of {pager.count}"
        members = [(record.title, self.urls.record(kind, record.id)) for record, _, _ in shown]
        return GeneratedPage(
            here, page_title, "index", in_nav=pager.number == 1, anchor=kind, searchable=pager.number == 1,
            head_headings=[Heading(2, group.letter.anchor, group.letter.letter) for group in groups]
            if pager.count > 1 else [],
            description=f"{title} in the claims, by name" + (
                f": page {pager.number} of {pager.count}." if pager.count > 1 else "."),
            meta_html=script(self.structured.collection(page_title, here, members))
            + pager.head_links(self.urls, here),
            head=self.renderer.render(
                "index.html", kind=kind, record_kind=kind, title=title, here=here, total=total,
                pager_state=pager, groups=groups if pager.count > 1 else [], rows=shown,
                letters=list(letters.values()), page_uri=lambda number: pager.uri(self.urls, number),
                pager_links=pager.links(self.urls, here, ("Previous", "Next"))))
