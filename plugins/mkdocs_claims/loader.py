"""Loads a content folder into a `Content`, reporting every problem of every file in one run.

Each file is read and checked against its kind's JSON Schema, then built into a record (`records`); the checks
across records (`checks`) run once every file is read.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path

from . import schema
from .checks import CheckContext, check_all
from .document import Document, read_document
from .files import HINT, walk
from .model import DEFAULT_SCALE, ID, KIND_FOLDERS, Content, Rating
from .placeholders import Placeholders
from .problems import Problems
from .records import build_record
from .settings import Settings

_SUFFIXES = (".yml", ".yaml")


def shown_path(file: Path, root: Path) -> str:
    """A file's path as messages show it: relative to the repository where possible, with / separators."""
    try:
        return Path(os.path.relpath(file, root)).as_posix()
    except ValueError:  # another drive on Windows
        return file.as_posix()


def suggest_id(stem: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-") or "my-claim"


def content_files(content_dir: Path, root: Path | None = None) -> list[tuple[str, Path, str]]:
    """Every record file and folder under the content folder: (the kind its folder gives it, its path, and
    why it is refused: a symbolic link out of the repository, a special file, a folder name that is not an
    id)."""
    found = []
    content_dir = Path(content_dir)
    for path, why in walk(content_dir, root or content_dir):
        relative = path.relative_to(content_dir).parts
        kind = KIND_FOLDERS.get(relative[0], "claim") if len(relative) > 1 else "claim"
        if path.is_dir() and not why:
            if not ID.match(path.name):
                why = (f"invalid folder name `{path.name}`: folder names are part of page and edit "
                       "addresses, and are lowercase ASCII letters, digits and single hyphens")
            else:
                continue
        elif not path.name.endswith(_SUFFIXES) and not why:
            continue
        found.append((kind, path, why))
    return found


class Loader:
    """One load of one content folder. `load()` returns the content and every problem found."""

    def __init__(self, content_dir: Path, root: Path | None = None, scale: tuple[Rating, ...] = DEFAULT_SCALE,
                 settings: Settings | None = None):
        self.settings = settings or Settings(scale=scale)
        self.content_dir = Path(content_dir)
        self.root = Path(root) if root else Path.cwd()
        self.content = Content(scale=scale, folder=shown_path(self.content_dir, self.root))
        self.problems = Problems()
        self.documents: dict[tuple[str, str], Document] = {}  # (kind, id) -> document
        self.files: dict[tuple[str, str], str] = {}  # (kind, id) -> the first file that uses the id
        self.placeholders = Placeholders(self.problems)

    def load(self) -> tuple[Content, Problems]:
        if not self.content_dir.is_dir():
            self.problems.add(shown_path(self.content_dir, self.root), (1, 1),
                              "the content folder does not exist",
                              "create it, or set `content_dir` under the `claims` plugin in mkdocs.yml",
                              code="missing-content-folder")
            return self.content, self.problems
        root = str(self.root.resolve()) + os.sep
        for kind, file, why in content_files(self.content_dir.resolve(), self.root):
            # Files under the root: slicing the path is much faster than os.path.relpath for each.
            absolute = str(file)
            shown = (absolute[len(root):].replace(os.sep, "/") if absolute.startswith(root)
                     else shown_path(file, self.root))
            if why.startswith("invalid folder name"):
                self.problems.add(shown, (1, 1), why, f"rename it to `{suggest_id(file.name)}`",
                                  code="invalid-file-name")
            elif why:
                self.problems.add(shown, (1, 1), f"not read: {why}", HINT, code="refused-file")
            else:
                self._read(kind, file, shown)
        check_all(CheckContext(self.content, self.settings, self.problems, self.documents))
        self.placeholders.drop_wrong_values()
        return self.content, self.problems

    def _read(self, kind: str, file: Path, path: str) -> None:
        record_id = file.stem
        register = True  # a file with a bad or taken id is still checked, but not added to the content
        if not ID.match(record_id):
            self.problems.add(path, (1, 1), f"invalid file name `{file.name}`: the name is the record's id, "
                              "and ids are lowercase ASCII letters, digits and single hyphens",
                              f"rename it to `{suggest_id(record_id)}{file.suffix}`",
                              code="invalid-file-name")
            register = False
        elif (kind, record_id) in self.files:
            first = self.files[(kind, record_id)]
            self.problems.add(path, (1, 1),
                              f"duplicate {kind} id `{record_id}`: {first} has the same file name",
                              "ids are unique across all folders; rename one of the two files",
                              code="duplicate-id")
            register = False
        else:
            self.files[(kind, record_id)] = path
        document = read_document(file, path, self.problems)
        if document is None:
            if register:  # its id exists; references to it are not "unknown", its own error says all
                self.content.unreadable[(kind, record_id)] = path
            return
        # The verdict is checked against the site's scale by `checks.check_verdict`, which the schema cannot
        # know.
        schema.validate(kind, document, self.problems, ("verdict",) if kind == "claim" else ())
        self.placeholders.report(kind, document)
        if register:
            self.documents[(kind, record_id)] = document
            self.content.records(kind)[record_id] = build_record(kind, record_id, document.data, path)


def load_content(content_dir: Path, root: Path | None = None, scale: tuple[Rating, ...] = DEFAULT_SCALE,
                 settings: Settings | None = None) -> tuple[Content, Problems]:
    """The content of a folder and every problem in it; `settings` give the addresses of the site's pages."""
    # Loading creates a few hundred thousand objects that all stay alive (the records, and the YAML
    # nodes positions are read from); the cyclic garbage collector would rescan them again and again,
    # which doubled the load time of 4,000 claims. Nothing here makes reference cycles to collect.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Loader(content_dir, root, scale, settings).load()
    finally:
        if collecting:
            gc.enable()
