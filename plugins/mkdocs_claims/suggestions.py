""""Did you mean" for unknown ids, within a budget per file."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

TYPO = 0.8  # at least this similar to a known id, an unknown one is taken for its typo


def cutoff_for(kind: str) -> float:
    """How similar to a known id of `kind` an unknown one must be for the known one to be offered. Source ids
    are mostly a publisher and a date (`isw-2025-03-06`), so any two share most of their characters: only a
    typo's similarity counts for them."""
    return TYPO if kind == "source" else 0.6


def is_typo(unknown: str, known: str) -> bool:
    """Whether `unknown` is so close to `known` that it cannot be meant as another, new id."""
    return difflib.SequenceMatcher(None, unknown, known).ratio() >= TYPO


class Suggestions:
    """difflib compares an id with every known one, so each file gets at most MAX_PER_FILE suggestions:
    a crafted file with thousands of broken links would otherwise take minutes."""

    MAX_PER_FILE = 20

    def __init__(self) -> None:
        self.given: dict[str, int] = {}  # path -> suggestions looked for
        # (known ids, id, cutoff) -> the closest known id, or ""
        self.found: dict[tuple[int, str, float], str] = {}

    def near(self, path: str, unknown: str, known: Iterable[str], cutoff: float = 0.6) -> str:
        key = (id(known), unknown, cutoff)
        if key not in self.found:
            if self.given.get(path, 0) >= self.MAX_PER_FILE:
                return ""
            self.given[path] = self.given.get(path, 0) + 1
            found = difflib.get_close_matches(unknown, list(known), n=1, cutoff=cutoff)
            self.found[key] = found[0] if found else ""
        return self.found[key]
