"""Pagefind's output kept between builds in the user's cache folder: a part of the search index whose pages
did not change is put back from the last build's instead of indexed again (Pagefind takes about 3 s of CPU a
1,000 claims, on every build and on every save in `mkdocs serve`).

A kept index is reused only for exactly what Pagefind would read again. Its fingerprint covers the path and
bytes of every HTML file in the folder Pagefind indexes, Pagefind's binary (its version and its file), the
options it runs with, its environment variables (`PAGEFIND_*`) and the configuration files it reads from the
working directory (`pagefind.*`): a contributor's change to any page changes it. A folder that holds a
symbolic link is never reused (what Pagefind reads through it is not the folder's own). Each kept file's
SHA-256 is in a manifest written last and checked as the file is put back, so a corrupt or partial entry is
a miss and Pagefind runs. Files go both ways as hard links (`cache_files.place`): a kept index costs no bytes
written, in the cache or in the site. A tool that then writes into a site's file in place writes into the
entry too, which the next build's check finds: Pagefind runs and the entry is made anew. Only the latest index
of each part is kept: the folder stays the size of one index.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path, PurePosixPath

from . import cache_files
from .share_image import cache_folder

FOLDER = "search-index"  # in the user's cache folder
FORMAT = b"mkdocs-claims search cache 1"  # changes when what the fingerprint covers or the layout does
MANIFEST = "manifest.json"
STALE_SECONDS = 3600  # a half-written entry this old belongs to a build that died: removed


class KeptIndex:
    """The cache entry of one part of the index (`part`, e.g. "part-0"), for the pages in `site`."""

    def __init__(self, part: str, site: Path, binary: str, options: list[str], folder: Path | None = None):
        self.entry = (folder or cache_folder(FOLDER)) / part
        self.key = fingerprint(site, binary, options, part)
        self._before: set[str] = set()

    def restore(self, output: Path) -> bool:
        """Put the kept index into `output` if it was made from the same input. False if not, with nothing of
        it left behind; then `keep` after Pagefind has run keeps what it adds to `output`."""
        self._before = set(_files(output))
        if self.key is None:
            return False
        try:
            manifest = json.loads((self.entry / MANIFEST).read_bytes())
            if manifest.get("key") != self.key:
                return False
            listed = [(_safe(path), int(size), str(digest)) for path, size, digest in manifest["files"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return False
        return bool(listed) and _put_back(self.entry / "files", output, listed)

    def keep(self, output: Path) -> None:
        """Keep what Pagefind wrote into `output` as this part's entry, replacing the last one. A cache that
        cannot be written only costs time: its errors are ignored."""
        if self.key is None:
            return
        _remove_stale(self.entry)
        partial = self.entry.with_name(f".{self.entry.name}.{os.getpid()}.{time.time_ns()}.part")
        try:
            listed = []
            made: set[Path] = set()
            for path in sorted(set(_files(output)) - self._before):
                data = (output / path).read_bytes()
                if (folder := (partial / "files" / path).parent) not in made:
                    folder.mkdir(parents=True, exist_ok=True)
                    made.add(folder)
                cache_files.place(output / path, partial / "files" / path)
                listed.append((path, len(data), hashlib.sha256(data).hexdigest()))
            (partial / MANIFEST).write_text(json.dumps({"key": self.key, "files": listed}), encoding="utf-8")
            _replace(partial, self.entry)
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)


def fingerprint(site: Path, binary: str, options: list[str], part: str) -> str | None:
    """What Pagefind's output for `site` depends on, hashed; None where it cannot be pinned (a symbolic link
    in the folder, a configuration file that cannot be read, no binary)."""
    digest = hashlib.sha256()

    def add(*values: bytes) -> None:
        for value in values:  # each value with its length: no two inputs hash alike by where they split
            digest.update(len(value).to_bytes(8, "big") + value)

    try:
        add(FORMAT, part.encode(), *(option.encode() for option in options), *_binary(binary))
        for name, value in sorted(os.environ.items()):
            if name.startswith("PAGEFIND_"):
                add(b"env", name.encode(), value.encode())
        for config in sorted(Path.cwd().glob("pagefind.*")):
            add(b"config", os.fsencode(config.name), config.read_bytes())
        pages = _pages(site)
        if pages is None:
            return None
        for path in pages:
            add(b"page", os.fsencode(path), (site / path).read_bytes())
    except (OSError, subprocess.SubprocessError, UnicodeError):
        return None
    return digest.hexdigest()


def _binary(binary: str) -> tuple[bytes, ...]:
    """The binary as found (its real path and file) with the version it reports."""
    real = os.path.realpath(binary)
    status = os.stat(real)
    return _version(real, status.st_size, status.st_mtime_ns, status.st_ino)


@functools.cache
def _version(real: str, size: int, modified: int, inode: int) -> tuple[bytes, ...]:
    done = subprocess.run([real, "--version"], capture_output=True, timeout=60, check=True)
    return os.fsencode(real), str((size, modified, inode)).encode(), done.stdout


def _pages(site: Path) -> list[str] | None:
    """The relative paths of the HTML files under `site` in a fixed order (every name that ends in .html,
    whatever its case: a superset of Pagefind's `**/*.html`); None if the folder holds a symbolic link."""
    found = []
    for folder, folders, names in os.walk(site, onerror=_raise):
        if any(os.path.islink(os.path.join(folder, name)) for name in (*folders, *names)):
            return None
        found += [os.path.relpath(os.path.join(folder, name), site) for name in names
                  if name.lower().endswith(".html")]
    return sorted(found, key=os.fsencode)


def _raise(error: OSError) -> None:
    raise error


def _files(folder: Path) -> list[str]:
    """The regular files under `folder`, as relative POSIX paths."""
    return [(Path(root) / name).relative_to(folder).as_posix()
            for root, _, names in os.walk(folder) for name in names if (Path(root) / name).is_file()]


def _safe(path: str) -> str:
    """A manifest's path, refused (ValueError) unless it stays inside the folder it is put into."""
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or ".." in pure.parts or "\\" in path or "\0" in path:
        raise ValueError(path)
    return path


def _put_back(kept: Path, output: Path, listed: list[tuple[str, int, str]]) -> bool:
    """Put each listed file back, then check its size and hash where it was put (another build may replace the
    entry meanwhile: what is checked is what the site holds); at the first mismatch or error remove what was
    put (the folders made for it too) and say so."""
    written: list[Path] = []
    made: list[Path] = []
    present: set[Path] = set()
    try:
        for path, size, digest in listed:
            target = output / path
            for folder in reversed(target.parents):
                if folder not in present and not folder.exists():
                    folder.mkdir()
                    made.append(folder)
                present.add(folder)
            cache_files.place(kept / path, target)
            written.append(target)
            data = target.read_bytes()
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                raise ValueError(path)
    except (OSError, ValueError):
        for file in written:
            file.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        return False
    return True


def _replace(partial: Path, entry: Path) -> None:
    """Put the finished entry in place of the last one: renamed, so a reader never sees half of one."""
    old = entry.with_name(f".{entry.name}.{os.getpid()}.{time.time_ns()}.old")
    with contextlib.suppress(FileNotFoundError):
        os.rename(entry, old)
    try:
        os.rename(partial, entry)
    except OSError:  # another build put its entry there meanwhile: that one stays
        shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale(entry: Path) -> None:
    """Half-written or replaced entries of builds that died, so the folder stays bounded."""
    if not entry.parent.is_dir():
        return
    now = time.time()
    for leftover in entry.parent.glob(f".{entry.name}.*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
