"""Files of the user's cache folder written as JSON lines (graph layouts, title boxes): a line a record, so a
reader takes one line at a time, and a file written whole, then renamed, so no reader sees half of one."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def write_lines(file: Path, rows: Iterable[Any]) -> bool:
    """Each row as a line of compact JSON in `file`, replacing it whole. False if it could not be written: a
    cache that cannot be written only costs time."""
    partial = file.with_name(f"{file.name}.{os.getpid()}.part")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8") as lines:
            for row in rows:
                lines.write(json.dumps(row, separators=(",", ":")) + "\n")
        os.replace(partial, file)
    except OSError:
        return False
    return True


def read_lines(file: Path) -> Iterator[Any]:
    """The rows of `file`, one line at a time; OSError or ValueError where it is missing or damaged, which the
    reader takes for an empty cache."""
    with file.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)
