"""A person's or topic's claims at a glance: how many, their verdicts on the site's scale (with a bar chart
drawn on the server), how many a year, the topics or people they are most linked with, and the explainers
about them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Claim, Content
from .share_image import verdict_colour

TOP = 5  # how many of the most linked topics or people a scorecard names
# The chart's geometry, in SVG user units (CSS pixels at its natural size; it shrinks with a narrow screen).
_ROW, _BAR, _BAR_WIDTH, _COUNT_WIDTH, _CHAR = 26, 16, 120, 36, 8.0
_LONGEST = 22  # characters of a label the chart prints whole


@dataclass(frozen=True)
class Bar:
    """One verdict of the scale (or "Not rated") and how many of the claims have it."""

    label: str
    count: int
    colour: str  # #rrggbb, the verdict's colour in the site's stylesheet
    share: int  # per cent of all the claims, rounded


@dataclass(frozen=True)
class ChartRow:
    bar: Bar
    y: float  # the baseline of the row's texts
    top: float  # the top of its bar
    width: float  # of its bar

    @property
    def label(self) -> str:
        """The verdict's label as the chart prints it: shortened to fit (the table beside the chart has it
        whole)."""
        label = self.bar.label
        return label if len(label) <= _LONGEST else label[:_LONGEST - 1].rstrip() + "…"


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of the verdicts: a label, a bar and a count a row."""

    width: float
    height: float
    label_width: float
    bar_height: float
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class Scorecard:
    total: int
    verdicts: tuple[Bar, ...]  # the scale's order, best first; then "Not rated" when some are
    years: tuple[tuple[int, int], ...]  # (year, claims), newest first
    linked_kind: str  # "topic" on a person's card, "person" on a topic's
    linked: tuple[tuple[object, int], ...]  # (record, claims), most first
    explainers: tuple

    def chart(self) -> Chart:
        longest = min(_LONGEST, max((len(bar.label) for bar in self.verdicts), default=0))
        label_width = max(60.0, longest * _CHAR + 10)
        most = max((bar.count for bar in self.verdicts), default=0) or 1
        rows = tuple(ChartRow(bar, y=index * _ROW + _ROW / 2 + 5, top=index * _ROW + (_ROW - _BAR) / 2,
                              width=max(2.0, bar.count / most * _BAR_WIDTH) if bar.count else 0.0)
                     for index, bar in enumerate(self.verdicts))
        return Chart(width=label_width + _BAR_WIDTH + _COUNT_WIDTH, height=len(rows) * _ROW,
                     label_width=label_width, bar_height=_BAR, rows=rows)


def scorecard(claims: Sequence[Claim], content: Content, linked_kind: str,
              explainers: Sequence = ()) -> Scorecard:
    """The scorecard of `claims` (a person's or a topic's, newest first); `linked_kind` names what they are
    most linked with: "topic" for a person, "person" (the speakers) for a topic."""
    total = len(claims)
    verdicts = Counter(claim.verdict for claim in claims)
    bars = [Bar(rating.label, verdicts.get(rating.id, 0), verdict_colour(rating.id),
                _share(verdicts.get(rating.id, 0), total))
            for rating in content.scale]
    unrated = sum(count for verdict, count in verdicts.items() if content.rating(verdict) is None)
    if unrated:
        bars.append(Bar("Not rated", unrated, verdict_colour(""), _share(unrated, total)))
    years = Counter(claim.date.year for claim in claims)
    links = Counter(record_id for claim in claims
                    for record_id in dict.fromkeys(claim.topics if linked_kind == "topic"
                                                   else claim.speakers))
    records = content.records(linked_kind)
    linked = sorted(((records[record_id], count) for record_id, count in links.items()
                     if record_id in records),
                    key=lambda pair: (-pair[1], pair[0].title.casefold(), pair[0].id))
    return Scorecard(total, tuple(bars), tuple(sorted(years.items(), reverse=True)), linked_kind,
                     tuple(linked[:TOP]), tuple(explainers))


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0
