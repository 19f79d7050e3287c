"""The pages of the site's long lists, each one page of claims at most: the index of claims, the timeline with
its year and month pages, and the further pages of a person's, topic's or source's claims.

Every list is newest first and cut into pages of `Settings.page_size`, linked by a pager and
`rel="prev"`/`"next"`; the timeline gives each year a page, and a year with more claims than a page holds
gives each of its months one (a month with more is paged in turn), so that every claim is a few clicks from
the index, whatever the archive's size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from . import record_index
from .generated_page import GeneratedPage, Heading
from .model import Claim, Content, Person, Source, Topic
from .page_cache import PageCache
from .page_parts import PageBuilder, PageParts
from .pagination import Pager, chunks, page_count
from .structured_data import script
from .timeline import Month, Year, years
from .urls import Urls

# How the further pages of a record's claims name them.
COUNTED = {"person": "by {}", "topic": "on {}", "source": "citing {}"}


def addresses(content: Content, urls: Urls, page_size: int) -> Iterator[str]:
    """The source path of every listing page the site writes for `content` beyond the fixed pages, as
    `ListingPages` and `RecordIndexes` write them: for `Urls.reserved`, so that no record's page can take
    one."""
    newest = sorted(content.claims.values(), key=lambda c: (c.date, c.id), reverse=True)
    yield from (urls.page(urls.index("claim"), n) for n in range(2, page_count(len(newest), page_size) + 1))
    listed: Counter[tuple[str, str]] = Counter()
    for claim in newest:
        listed.update(("person", p) for p in dict.fromkeys(claim.speakers))
        listed.update(("topic", t) for t in dict.fromkeys(claim.topics))
        # A source page lists the claims that cite it as a shared source (an inline source cannot take its
        # id).
        listed.update(("source", s) for s in dict.fromkeys(claim.sources) if s in content.sources)
    for (kind, record_id), count in listed.items():
        first = urls.record(kind, record_id)
        yield from (urls.page(first, n) for n in range(2, page_count(count, page_size) + 1))
    for year in years(newest):
        yield urls.timeline_year(year.year)
        if year.split(page_size):
            for month in year.months:
                first = urls.timeline_month(year.year, month.month)
                yield from (urls.page(first, n)
                            for n in range(1, page_count(len(month.claims), page_size) + 1))
    yield from record_index.addresses(content, urls, page_size)


def places(newest_first: Sequence[Claim], content: Content,
           urls: Urls, page_size: int) -> dict[str, list[str]]:
    """Claim id -> the source paths of the listing pages that list it: its page of the index, of the timeline,
    and of its speakers', topics' and shared sources' claims beyond their first (`claims check
    --changed-since`)."""
    found: dict[str, list[str]] = {}
    full = len(newest_first) <= page_size
    for position, claim in enumerate(newest_first):
        found[claim.id] = [urls.page(urls.index("claim"), position // page_size + 1)]
        if full:
            found[claim.id].append(urls.timeline())
    listed: Counter[tuple[str, str]] = Counter()
    for claim in newest_first:
        for kind, ids in (("person", claim.speakers), ("topic", claim.topics),
                          ("source", [s for s in claim.sources if s in content.sources])):
            for record_id in dict.fromkeys(ids):
                number = listed[(kind, record_id)] // page_size + 1
                listed[(kind, record_id)] += 1
                if number > 1:
                    found[claim.id].append(urls.page(urls.record(kind, record_id), number))
    for year in years(newest_first):
        for month in year.months:
            for position, claim in enumerate(month.claims):
                found[claim.id].append(urls.page(urls.timeline_month(year.year, month.month),
                                                 position // page_size + 1)
                                       if year.split(page_size) else urls.timeline_year(year.year))
    return found


class ListingPages(PageBuilder):
    """The listing pages of one build, each kept in the page cache under everything it shows."""

    def __init__(self, parts: PageParts, cache: PageCache):
        super().__init__(parts)
        self.cache = cache
        self.size = self.settings.page_size
        self.years = years(self.index.newest_first)

    def pages(self) -> Iterator[GeneratedPage]:
        """The index of claims and the timeline, with all their pages."""
        yield from self.claims_index()
        yield from self.timeline()

    def _shown(self, claims: Sequence[Claim]) -> tuple:
        return tuple(map(self.cache.shown, claims))

    def _year_uri(self, year: int) -> str:
        return self.urls.timeline_year(year)

    def _month_href(self, here: str) -> Callable[[Year, Month], str]:
        """The link to a month from `here`: its own page when its year is split, else its heading on the year
        page."""
        def href(year: Year, month: Month) -> str:
            if year.split(self.size):
                return self.renderer.page_link(here, self.urls.timeline_month(year.year, month.month))
            return self.renderer.page_link(here, self._year_uri(year.year), f"y{year.year}-{month.month:02d}")
        return href

    def _render(self, here: str, part: str, pager: Pager | None = None, **values: object) -> str:
        return self.renderer.render("listing.html", part=part, here=here, pager_state=pager,
                                    pager_links=pager.links(self.urls, here) if pager else [],
                                    timeline=self.urls.timeline(), year_uri=self._year_uri,
                                    month_href=self._month_href(here), **values)

    def _meta(self, here: str, title: str, claims: Sequence[Claim], pager: Pager | None = None) -> str:
        """The page's structured data (the claims it lists) and its `rel="prev"`/`"next"` links."""
        members = [(claim.title, self.urls.record("claim", claim.id)) for claim in claims]
        return script(self.structured.collection(title, here, members)) + (
            pager.head_links(self.urls, here) if pager else "")

    # -- the index of claims ---------------------------------------------------------------------------------

    def claims_index(self) -> Iterator[GeneratedPage]:
        first = self.urls.index("claim")
        newest = self.index.newest_first
        pages = chunks(newest, self.size)
        years = tuple((year.year, year.count) for year in self.years)
        for number, claims in enumerate(pages, 1):
            pager = Pager(first, number, len(pages))
            key = ("index", pager, years, len(newest), self._shown(claims))
            yield self.cache.page(pager.uri(self.urls, number), key, self._index_page, pager, claims)

    def _index_page(self, pager: Pager, claims: Sequence[Claim]) -> GeneratedPage:
        here = pager.uri(self.urls, pager.number)
        title, description = "Claims", "Every claim, newest first."
        if pager.number > 1:
            title = f"Claims, page {pager.number} of {pager.count}"
            description = f"Every claim, newest first: page {pager.number} of {pager.count}."
        return GeneratedPage(here, title, "index", in_nav=pager.number == 1, searchable=False,
                             anchor="claims", description=description,
                             meta_html=self._meta(here, title, claims, pager),
                             head=self._render(here, "index", pager, claims=claims, years=self.years,
                                               total=len(self.index.newest_first)))

    # -- the timeline ----------------------------------------------------------------------------------------

    def timeline(self) -> Iterator[GeneratedPage]:
        newest = self.index.newest_first
        full = len(newest) <= self.size  # a small archive's timeline shows every claim
        overview = ("timeline", self._shown(newest) if full else (),
                    tuple(year.summary() for year in self.years))
        yield self.cache.page(self.urls.timeline(), overview, self._timeline_page, full)
        for index, year in enumerate(self.years):
            newer = self.years[index - 1].year if index else None
            older = self.years[index + 1].year if index + 1 < len(self.years) else None
            split = year.split(self.size)
            key = ("year", year.summary(), newer, older, () if split else self._shown(_claims_of(year)))
            yield self.cache.page(self._year_uri(year.year), key, self._year_page, year, newer, older)
            if split:
                for month in year.months:
                    yield from self._month_pages(month)

    def _timeline_page(self, full: bool) -> GeneratedPage:
        here = self.urls.timeline()
        shown = self.index.newest_first if full else []
        return GeneratedPage(here, "Timeline", "timeline", in_nav=True, anchor="timeline", searchable=False,
                             head_headings=[Heading(2, f"y{year.year}", str(year.year))
                                            for year in self.years],
                             meta_html=self._meta(here, "Timeline", shown),
                             description="Claims by year and month.",
                             head=self._render(here, "timeline", full=full, years=self.years,
                                               total=len(self.index.newest_first)))

    def _year_page(self, year: Year, newer: int | None, older: int | None) -> GeneratedPage:
        here = self._year_uri(year.year)
        split = year.split(self.size)
        headings = [] if split else [Heading(2, f"y{year.year}-{m.month:02d}", f"{m.name} {year.year}")
                                     for m in year.months]
        title = f"Claims of {year.year}"
        return GeneratedPage(here, title, "timeline", anchor="year", searchable=False, head_headings=headings,
                             description=f"Claims of {year.year} by month, newest first.",
                             meta_html=self._meta(here, title, [] if split else _claims_of(year)),
                             head=self._render(here, "year", year=year, split=split,
                                               newer=newer, older=older))

    def _month_pages(self, month: Month) -> Iterator[GeneratedPage]:
        first = self.urls.timeline_month(month.year, month.month)
        pages = chunks(month.claims, self.size)
        for number, claims in enumerate(pages, 1):
            pager = Pager(first, number, len(pages))
            key = ("month", month.year, month.month, len(month.claims), pager, self._shown(claims))
            yield self.cache.page(pager.uri(self.urls, number), key, self._month_page, month, pager, claims)

    def _month_page(self, month: Month, pager: Pager, claims: Sequence[Claim]) -> GeneratedPage:
        here = pager.uri(self.urls, pager.number)
        title = f"{month.name} {month.year}" + (f", page {pager.number} of {pager.count}"
                                                if pager.number > 1 else "")
        return GeneratedPage(here, title, "timeline", anchor="month", searchable=False,
                             description=f"Claims of {month.name} {month.year}, newest first.",
                             meta_html=self._meta(here, title, claims, pager),
                             head=self._render(here, "month", pager, month=month, claims=claims))

    # -- the further pages of a person's, topic's or source's claims -----------------------------------------

    def record(self, kind: str, record: Person | Topic | Source) -> Iterator[GeneratedPage]:
        """The pages after the first of a record's claims (the first is the record's own page,
        `RecordPages`)."""
        claims = self.index.claims_of(kind, record.id)
        first = self.urls.record(kind, record.id)
        pages = chunks(claims, self.size)
        for number in range(2, len(pages) + 1):
            pager = Pager(first, number, len(pages))
            key = ("record", kind, record, len(claims), pager, self._shown(pages[number - 1]))
            yield self.cache.page(pager.uri(self.urls, number), key, self._record_page, kind, record, pager,
                                  pages[number - 1], len(claims))

    def _record_page(self, kind: str, record: Person | Topic | Source, pager: Pager, claims: Sequence[Claim],
                     total: int) -> GeneratedPage:
        here = pager.uri(self.urls, pager.number)
        counted = COUNTED[kind].format(record.title)
        title = f"{record.title}: claims, page {pager.number} of {pager.count}"
        return GeneratedPage(here, title, kind, anchor=kind, searchable=False,
                             description=f"Claims {counted}, newest first: page {pager.number} of "
                                         f"{pager.count}.",
                             meta_html=self._meta(here, title, claims, pager),
                             head=self._render(here, "record", pager, kind=kind, record=record, claims=claims,
                                               total=total, counted=counted))


def _claims_of(year: Year) -> list[Claim]:
    return [claim for month in year.months for claim in month.claims]
