"""Long lists cut into pages of a fixed size, and the pager that leads from one page to the next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import escape

from .urls import Urls

T = TypeVar("T")
# Page numbers a pager shows on each side of the current one; the first and last are always shown.
_AROUND = 2


def page_count(items: int, size: int) -> int:
    """How many pages `items` things take at `size` a page: at least one, which may be empty."""
    return max(1, -(-items // size))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """The items cut into pages of `size` (slices of the sequence), at least one page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


@dataclass(frozen=True)
class Pager:
    """Page `number` of `count` pages of one list whose first page is the source path `first`."""

    first: str
    number: int
    count: int

    def uri(self, urls: Urls, number: int) -> str:
        return urls.page(self.first, number)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        """The page numbers the pager links, in order, with None for a gap: a bounded number of links however
        long the list (the first, the last, and a few around the current page)."""
        shown = sorted({1, self.count,
                        *range(max(1, self.number - _AROUND), min(self.count, self.number + _AROUND) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - (numbers[-1] or 0) > 1:
                numbers.append(None if number - (numbers[-1] or 0) > 2 else number - 1)
            numbers.append(number)
        return numbers

    def links(self, urls: Urls, here: str, steps: tuple[str, str] = ("Newer", "Older")) -> list[PagerLink]:
        """What the pager shows, in order: "Newer", the page numbers with their gaps, "Older"; nothing for a
        list that fits one page. `steps` name the links to the previous and the next page."""
        if self.count < 2:
            return []
        links = ([PagerLink(steps[0], urls.href(here, self.uri(urls, self.previous)), rel="prev")]
                 if self.previous else [])
        for number in self.numbers():
            if number is None:
                links.append(PagerLink("…"))
            else:
                links.append(PagerLink(str(number), urls.href(here, self.uri(urls, number)),
                                       number == self.number, label=f"Page {number}"))
        if self.next:
            links.append(PagerLink(steps[1], urls.href(here, self.uri(urls, self.next)), rel="next"))
        return links

    def head_links(self, urls: Urls, here: str) -> str:
        """`<link rel="prev">` and `<link rel="next">` for the page's <head>, so crawlers follow the
        series."""
        links = [(rel, number) for rel, number in (("prev", self.previous), ("next", self.next)) if number]
        return "".join(f'<link rel="{rel}" href="{escape(urls.href(here, self.uri(urls, number)))}">'
                       for rel, number in links)


@dataclass(frozen=True)
class PagerLink:
    """One item of a pager: a link (`href`), the current page, or a gap (no `href`)."""

    text: str
    href: str = ""
    current: bool = False
    label: str = ""  # the accessible name where the text alone says too little ("Page 3" for "3")
    rel: str = ""
