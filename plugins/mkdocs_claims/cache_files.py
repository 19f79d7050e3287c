"""Files of the user's cache folder: written as JSON lines (graph layouts, title boxes), a line a record, so a
reader takes one line at a time, and whole, then renamed, so no reader sees half of one; and kept files (share
images, the search index) put into the site as hard links.

A site's file that is a link of a kept file is the kept file: whatever writes into it in place writes into
the cache. So a kept file is only ever replaced (written anew, then renamed), never written into; the plugin
removes a site's file before it writes one there; and every kept file is checked against the SHA-256 recorded
when it was kept before a build puts it into a site, so one changed through a site is a miss, made again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
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


def place(kept: Path, target: Path) -> None:
    """Put the kept file at `target`: a hard link, which writes no bytes and makes no file (a build of 1,000
    claims puts 2,000 there), or a copy where the two are on different devices or the file system has no
    links. Whatever was at `target` is removed first, so nothing is written through it."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)
