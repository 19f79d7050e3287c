"""Contributors' files read safely: regular files inside the repository only, never more than a size limit.

A pull request can add a symbolic link to a file outside the repository (which would then be published),
to a device such as /dev/zero (read forever), a FIFO (a read blocks), or a link loop. Every file the
site reads or copies from `claims/` and `docs/` goes through `refusal`, `read_bytes` or `walk` first.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path


class Refused(Exception):
    """A file that is not read: the message says why, in a contributor's words."""


class TooLarge(Refused):
    """A regular file longer than the limit."""


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISSOCK, "a socket"))
HINT = ("only regular files and folders inside the repository are read; remove it, or put a copy of the file "
        "in its place")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refusal(path: Path, root: Path, folder_checked: bool = False) -> str:
    """Why `path` may not be read or published ("" when it may): it or a folder above it is a symbolic link
    out of `root`, a link loop, or a special file. `folder_checked`: its folder is known to be inside
    `root`."""
    try:
        own = os.lstat(path)
    except OSError as error:
        return f"it cannot be read: {error.strerror or error}"
    link = stat.S_ISLNK(own.st_mode)
    if link or not folder_checked:
        try:
            target = Path(path).resolve(strict=True)
        except RuntimeError:  # Python < 3.13 reports a loop this way
            return "it is a symbolic link loop"
        except OSError as error:
            return ("it is a symbolic link loop" if "loop" in str(error).lower()
                    else "it is a symbolic link to a file that does not exist")
        if not _inside(str(target), str(Path(root).resolve())):
            return ("it is a symbolic link that leads outside the repository" if link
                    else "it is in a folder that is a symbolic link leading outside the repository")
        own = os.stat(target)
    if stat.S_ISREG(own.st_mode) or stat.S_ISDIR(own.st_mode):
        return ""
    return f"it is {_kind(own.st_mode)}, not a regular file"


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; Refused for anything else or anything longer.

    The size is counted while reading (reading stops at limit + 1 bytes), not taken from `stat`,
    which devices and files growing under us report wrongly. A FIFO is opened without blocking."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"it is {_kind(mode)}, not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise TooLarge(f"the file is too large (at most {limit:,} bytes)")
    return b"".join(chunks)


def walk(folder: Path, root: Path) -> Iterator[tuple[Path, str]]:
    """Every file and folder below `folder` as (path, refusal), sorted, hidden ones left out, as MkDocs
    sees a docs folder: symbolic links to folders inside the repository are followed, once each."""
    why = refusal(folder, root)
    if why:
        yield folder, why
        return
    seen = {os.path.realpath(folder)}
    for current, folders, names in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(folders):
            if name.startswith("."):
                continue
            path = Path(current) / name
            why = refusal(path, root)
            real = os.path.realpath(path)
            if not why and real in seen:
                why = "it is a symbolic link to a folder that is already included (a loop)"
            yield path, why
            if not why:
                seen.add(real)
                kept.append(name)
        folders[:] = kept
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(current) / name
                yield path, refusal(path, root, folder_checked=True)
