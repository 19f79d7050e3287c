"""Generated pages kept from one build to the next: in memory across `mkdocs serve` rebuilds, and in the
user's cache folder across separate builds.

A page is kept under the digest of everything it shows (`page_cache` makes it). On disk the digest is salted
with what turns those records into the page: this package's code, templates and fonts, the libraries that
render it, the Python that runs them and Graphviz's `dot`, which lays out its graph. A page whose salted
digest is the last build's is read back instead of built: at 1,000 claims, making the pages is most of a
build's own work. A kept file that cannot be read, or was written for other records or other code, is a page
to build again: the cache only ever costs time, never freshness.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import zlib
from dataclasses import fields
from functools import cache
from importlib import metadata
from pathlib import Path

from .cache_files import write_whole
from .diagram import measurer
from .generated_page import GeneratedPage, Heading
from .sanitizer import Stash

# The libraries whose output is part of a page (templates, escaping, sanitizing, the graphs' text boxes).
_LIBRARIES = ("jinja2", "markupsafe", "nh3", "pillow", "pyyaml")
_HEADINGS = ("head_headings", "tail_headings")


class KeptPages:
    """The pages of the last build by src_uri, each with the digest it was built for."""

    def __init__(self, folder: Path | None = None, in_memory: bool = False):
        """`folder` (None: none) keeps them for the next process; `in_memory`, for the next build of this one
        (`mkdocs serve`), where they are also never let go of."""
        self.folder = folder
        self.in_memory = in_memory
        self.memory: dict[str, tuple[bytes, GeneratedPage]] = {}
        self.written: list[Path] = []  # this build's files
        self._salt: bytes | None = None  # what makes the pages, hashed, found once a build
        self._looked = False  # for `_salt`, which stays None without `dot`

    def new_build(self) -> None:
        self.written = []
        self._salt, self._looked = None, False  # `dot` may have come or gone since

    def get(self, src_uri: str, digest: bytes) -> GeneratedPage | None:
        """The page kept for `src_uri` if it was built for `digest`, else None."""
        kept = self.memory.get(src_uri)
        if kept is not None and kept[0] == digest:
            return kept[1]
        page = self._read(src_uri, digest)
        if page is not None and self.in_memory:
            self.memory[src_uri] = (digest, page)
        return page

    def put(self, src_uri: str, digest: bytes, page: GeneratedPage) -> None:
        """Keep `page`, built for `digest`, for the next build."""
        if self.in_memory:
            self.memory[src_uri] = (digest, page)
        file = self._file(src_uri)
        if file is None:
            return
        if write_record(file, {"src_uri": src_uri, "digest": self._salted(digest), "page": _plain(page)}):
            self.written.append(file)

    def forget_written(self) -> None:
        """Remove this build's files: built while a graph could not be laid out, a page would keep its graph
        left out (and the build's warning unsaid) after `dot` is back."""
        for file in self.written:
            file.unlink(missing_ok=True)
        self.written = []

    def _read(self, src_uri: str, digest: bytes) -> GeneratedPage | None:
        file = self._file(src_uri)
        record = None if file is None else read_record(file, src_uri, self._salted(digest))
        try:
            return None if record is None else _page(record["page"])
        except (ValueError, TypeError, KeyError):
            return None

    def _file(self, src_uri: str) -> Path | None:
        """Where `src_uri`'s page is kept (the latest only); None when pages are not kept on disk, as when
        `dot` is missing: a page built without its graph must not outlive the warning that says so."""
        if self.folder is None or self._maker() is None:
            return None
        return record_file(self.folder, src_uri)

    def _salted(self, digest: bytes) -> str:
        return hashlib.sha256((self._maker() or b"") + digest).hexdigest()

    def _maker(self) -> bytes | None:
        """What makes a page from its records, hashed: this package's files, the libraries (with what measures
        the graphs' boxes), Python and `dot` (None without `dot`)."""
        if not self._looked:
            self._looked = True
            dot = shutil.which("dot")
            if dot is None:
                return None
            found = Path(dot).resolve()
            stat = found.stat()
            digest = hashlib.sha256(package_digest())
            digest.update(f"{sys.version}\n{found} {stat.st_size} {stat.st_mtime_ns}\n".encode())
            digest.update(measurer().encode())
            for name in _LIBRARIES:
                try:
                    digest.update(f"{name} {metadata.version(name)}\n".encode())
                except metadata.PackageNotFoundError:
                    digest.update(f"{name} -\n".encode())
            self._salt = digest.digest()
        return self._salt


def record_file(folder: Path, src_uri: str) -> Path:
    """Where a page's record is kept in `folder`: the latest only."""
    return folder / f"{hashlib.sha256(src_uri.encode('utf-8', 'surrogatepass')).hexdigest()[:40]}.z"


def write_record(file: Path, record: dict) -> bool:
    """Write `record` (JSON, compressed) whole or not at all; False if the cache folder cannot be written,
    which only costs time."""
    return write_whole(file, zlib.compress(json.dumps(record).encode("utf-8"), 1))


def read_record(file: Path, src_uri: str, digest: str) -> dict | None:
    """The record kept in `file` if it was written for `src_uri` and `digest`; None if it was not, or cannot
    be read (missing, damaged, forged)."""
    try:
        record = json.loads(zlib.decompress(file.read_bytes()))
        if not isinstance(record, dict) or record.get("src_uri") != src_uri or record.get("digest") != digest:
            return None
        return record
    except (OSError, ValueError, zlib.error):
        return None


@cache
def package_digest() -> bytes:
    """Every file of this package (code, templates, fonts, assets), hashed once a process: they do not change
    while it runs."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for file in sorted(root.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.digest()


def _plain(page: GeneratedPage) -> dict:
    plain = {field.name: getattr(page, field.name) for field in fields(page)}
    for name in _HEADINGS:
        plain[name] = [[heading.level, heading.anchor, heading.title] for heading in plain[name]]
    plain["stash"] = [page.stash.key, page.stash.pieces]
    return plain


def _page(plain: dict) -> GeneratedPage:
    for name in _HEADINGS:
        plain[name] = [Heading(int(level), str(anchor), str(title)) for level, anchor, title in plain[name]]
    key, pieces = plain["stash"]
    plain["stash"] = Stash.kept(key, pieces)
    return GeneratedPage(**plain)
