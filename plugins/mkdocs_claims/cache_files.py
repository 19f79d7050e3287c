"""Files of the user's cache folder: written as JSON lines (graph layouts, title boxes), a line a record, so a
reader takes one line at a time, and whole, then renamed, so no reader sees half of one; and kept files (share
images, the search index, the generated files beside the pages) put into the site as hard links.

A site's file that is a link of a kept file is the kept file: whatever writes into it in place writes into
the cache. So a kept file is only ever replaced (written anew, then renamed), never written into; the plugin
removes a site's file before it writes one there; and every kept file is checked against the SHA-256 recorded
when it was kept before a build puts it into a site, so one changed through a site is a miss, made again.
"""

from __future__ import annotations

import contextlib
import hashlib
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


def write_whole(file: Path, data: bytes) -> bool:
    """`data` as the file `file`: written beside it, then renamed, so no reader sees half of it and a site's
    link of the file it replaces keeps the old bytes. False if it could not be written: a cache that cannot
    be written only costs time."""
    partial = file.with_name(f"{file.name}.{os.getpid()}.part")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, file)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
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


class KeptFiles:
    """The files a site publishes beside its pages (open data, feeds, schemas, scripts), kept in the cache
    folder and put into the site as hard links, as share images are.

    MkDocs empties the site folder before every build, so each of those files would be a new file every time
    (1,000 claims: 1,000 JSON documents); a link makes no file. On a file system without a journal, making a
    file costs more the more files were removed in the last minute, which MkDocs' clean has just done.

    The folder holds, for one site folder (`scope`), one file a path: `<sha256(path)>.<sha256(bytes)>`. A kept
    file is handed out only when its bytes are still the ones wanted, so one written into through a site is
    written again; a path's older versions and the files of paths the site no longer has are removed."""

    def __init__(self, folder: Path, scope: str) -> None:
        self.folder = folder / hashlib.sha256(os.fsencode(scope)).hexdigest()[:32]
        self.found: dict[str, str] = {}  # path digest -> file name, of the folder's listing at `start`
        self.used: set[str] = set()

    def start(self) -> None:
        """List the folder once for this build."""
        self.found, self.used = {}, set()
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:  # OSError: no folder yet
            for entry in entries:
                key, _, rest = entry.name.partition(".")
                if len(key) == 64 and len(rest) == 64:
                    self.found[key] = entry.name

    def keep(self, path: str, content: bytes) -> Path | bytes:
        """The kept file with these bytes for `path`, written if it is missing or differs; the bytes
        themselves where the cache cannot be written, which only costs time."""
        key = hashlib.sha256(path.encode("utf-8")).hexdigest()
        name = f"{key}.{hashlib.sha256(content).hexdigest()}"
        kept = self.folder / name
        self.used.add(name)
        with contextlib.suppress(OSError):
            if self.found.get(key) == name and kept.read_bytes() == content:
                return kept
        if not write_whole(kept, content):
            return content
        if (old := self.found.get(key)) not in (None, name):
            with contextlib.suppress(OSError):
                os.unlink(self.folder / old)
        self.found[key] = name
        return kept

    def finish(self) -> None:
        """Remove the files of paths this build did not publish (a deleted claim's JSON)."""
        for name in set(self.found.values()) - self.used:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / name)
        self.found = {key: name for key, name in self.found.items() if name in self.used}
