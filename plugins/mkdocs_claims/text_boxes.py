"""The boxes of the relation graphs' titles (their lines and size), measured once and kept in the user's cache
folder beside the graphs' layouts.

Pillow measures a title's words one candidate line at a time, about 0.4 ms a title: 0.8 s of a 1,000-claim
build, every build, before a layout can even be looked up (its key is the boxes' sizes). A build with a
`file` starts from the boxes an earlier build measured. The file names what measured them (`measurer`: the
fonts, Pillow and the code that measures, hashed); a file of another measurer is ignored, as is a damaged
one, so a box is always what measuring would give now. The file holds the boxes of the last build only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from .cache_files import read_lines, write_lines

Box = tuple[tuple[str, ...], float, float]  # the title's lines, the box's width and height


class TextBoxes:
    def __init__(self, measure: Callable[[str, bool], Box], measurer: Callable[[], str],
                 file: Path | None = None):
        self.measure = measure
        self.file = file
        self.measurer = measurer() if file is not None else ""
        self.kept: dict[tuple[str, bool], Box] = self._read()
        self.used: dict[tuple[str, bool], Box] = {}

    def box(self, title: str, bold: bool) -> Box:
        key = (title, bold)
        found = self.used.get(key) or self.kept.get(key)
        if found is None:
            found = self.measure(title, bold)
        self.used[key] = found
        return found

    def save(self) -> None:
        """The boxes used since this object was made, written whole, then renamed; a cache that cannot be
        written only costs time."""
        if self.file is None or self.used.keys() == self.kept.keys():
            return
        rows = ([title, bold, *box] for (title, bold), box in self.used.items())
        if write_lines(self.file, itertools.chain([{"measurer": self.measurer}], rows)):
            self.kept = dict(self.used)

    def _read(self) -> dict[tuple[str, bool], Box]:
        if self.file is None:
            return {}
        boxes = {}
        try:
            rows = read_lines(self.file)
            if next(rows, None) != {"measurer": self.measurer}:
                return {}
            for title, bold, text, width, height in rows:
                if not (isinstance(title, str) and isinstance(bold, bool) and isinstance(text, list)
                        and all(isinstance(part, str) for part in text)):
                    return {}
                boxes[(title, bold)] = (tuple(text), float(width), float(height))
        except (OSError, ValueError, TypeError):
            return {}
        return boxes
