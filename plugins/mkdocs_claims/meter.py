"""A verdict's place on the rating scale: the claim page's meter, and the words that say what it shows."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Rating


@dataclass(frozen=True)
class Meter:
    steps: tuple[Rating, ...]  # the scale's steps, best first
    position: int  # the rating's place among the steps, from 1; 0 for a rating off the scale ("unsupported")
    text: str  # what the meter shows, for every reader: the drawing itself is hidden from screen readers


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def meter(scale: tuple[Rating, ...], rating: Rating) -> Meter:
    """Where `rating` stands on `scale`. The steps are the ratings with a numeric value (those that say how
    accurate a claim is), or every rating when none has one; a rating without a value is not placed between
    them."""
    steps = tuple(step for step in scale if step.value is not None) or tuple(scale)
    ends = f"from {steps[0].label} to {steps[-1].label}"
    if rating not in steps:
        return Meter(steps, 0, f"Not placed on the scale {ends}")
    position = steps.index(rating) + 1
    return Meter(steps, position, f"{ordinal(position)} of {len(steps)} on the scale, {ends}")
