"""The claims by year and month, newest first: what the timeline and its year and month pages show."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Claim


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    claims: tuple[Claim, ...]  # newest first

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def name(self) -> str:
        return self.first_day.strftime("%B")


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]  # newest first
    count: int

    def split(self, page_size: int) -> bool:
        """Whether the year has too many claims for one page: its months then get pages of their own."""
        return self.count > page_size

    def summary(self) -> tuple:
        """The year as the timeline's overview shows it: its months and their numbers of claims."""
        return self.year, tuple((month.month, len(month.claims)) for month in self.months)


def years(newest_first: Iterable[Claim]) -> list[Year]:
    """Claims (sorted newest first) grouped by year and month, in one pass."""
    found = []
    for year, year_claims in itertools.groupby(newest_first, key=lambda claim: claim.date.year):
        months = tuple(Month(year, month, tuple(claims))
                       for month, claims in itertools.groupby(year_claims,
                                                              key=lambda claim: claim.date.month))
        found.append(Year(year, months, sum(len(month.claims) for month in months)))
    return found
