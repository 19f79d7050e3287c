"""`claims check --changed-since REF`: the pages a change adds, changes or removes, and why.

The changed files come from git (`git diff --name-status REF` inside the content folder, plus
untracked files); the pages that change with them come from the loaded content: a claim's
page, the claims related to it in either direction, its speakers', topics' and shared sources'
pages; a person's, topic's or source's page and the pages of the claims that show it.
This module never imports MkDocs.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import KIND_FOLDERS, Content
from .settings import Settings
from .urls import Urls

_SUFFIXES = (".yml", ".yaml")
_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "changed", "C": "added", "T": "changed", "?": "added"}


class ChangesError(Exception):
    """The changes cannot be found: not a git repository, an unknown REF, git missing."""


@dataclass
class ChangedFile:
    status: str  # added, changed, removed
    path: Path  # absolute
    old_path: Path | None = None  # the file's path in REF, when it existed there


@dataclass
class ChangedPage:
    url: str
    kind: str
    id: str
    change: str  # added, changed, removed
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"url": self.url, "kind": self.kind, "id": self.id, "change": self.change, "reasons": self.reasons}

    def __str__(self) -> str:
        return f"{self.url} ({self.change}: {'; '.join(self.reasons)})"


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise ChangesError("git is not installed; --changed-since needs git") from None
    if done.returncode != 0:
        raise ChangesError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def changed_files(content_dir: Path, ref: str) -> list[ChangedFile]:
    """Files inside the content folder that differ between REF and the working tree, untracked ones included."""
    folder = Path(content_dir).resolve()
    if not folder.is_dir():
        raise ChangesError(f"the content folder {content_dir} does not exist")
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except ChangesError:
        raise ChangesError(f"{content_dir} is not inside a git repository; --changed-since compares with a git "
                           "commit") from None
    if ref.startswith("-"):
        raise ChangesError(f"unknown git revision `{ref}`")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"unknown git revision `{ref}`: name a branch, tag or commit, e.g. origin/main "
                           "(in a shallow CI checkout, fetch it first)") from None
    found: list[ChangedFile] = []
    fields = _git(folder, "diff", "--name-status", "-z", "-M", ref, "--", ".").split("\0")
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            found.append(ChangedFile(_STATUS[status], top / new, top / old))
            if status == "R":  # the old id's pages are gone
                found.append(ChangedFile("removed", top / old, top / old))
        else:
            path = top / fields[index + 1]
            index += 2
            found.append(ChangedFile(_STATUS.get(status, "changed"), path, None if status == "A" else path))
    for name in _git(folder, "ls-files", "--others", "--exclude-standard", "-z", "--", ".").split("\0"):
        if name:
            found.append(ChangedFile("added", folder / name))
    return [f for f in found if f.path.suffix in _SUFFIXES and not f.path.name.startswith(".")]


def _kind_of(file: Path, content_dir: Path) -> str | None:
    try:
        parts = file.resolve().relative_to(Path(content_dir).resolve()).parts
    except ValueError:
        return None
    if any(part.startswith(".") for part in parts):
        return None
    return KIND_FOLDERS.get(parts[0], "claim") if len(parts) > 1 else "claim"


def _old_data(content_dir: Path, ref: str, file: Path | None) -> dict:
    """The record as it was in REF (plain YAML), {} when absent or unreadable."""
    if file is None:
        return {}
    try:
        text = _git(Path(content_dir).resolve(), "show", f"{ref}:./{os.path.relpath(file, Path(content_dir).resolve())}")
        data = yaml.safe_load(text)
    except (ChangesError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _ids(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _claim_links(data: dict) -> dict[str, list[str]]:
    """Speakers, topics, shared sources and related claims named by a claim's raw data."""
    return {
        "person": _ids(data.get("speaker")),
        "topic": _ids(data.get("topics")),
        "source": _ids(data.get("sources")),
        "claim": [r["claim"] for r in data.get("related") or [] if isinstance(r, dict) and isinstance(r.get("claim"), str)],
    }


def changed_pages(content: Content, content_dir: Path, ref: str, settings: Settings | None = None) -> list[ChangedPage]:
    """Every page the change since REF adds, changes or removes, the directly changed ones first."""
    settings = settings or Settings()
    urls = Urls(settings)
    pages: dict[tuple[str, str], ChangedPage] = {}
    direct: list[tuple[str, str]] = []

    def mark(kind: str, record_id: str, change: str, reason: str) -> None:
        key = (kind, record_id)
        if key not in pages:
            pages[key] = ChangedPage(urls.url(urls.record(kind, record_id)), kind, record_id, change)
        elif change != "changed" and pages[key].change == "changed":
            pages[key].change = change
        if reason not in pages[key].reasons:
            pages[key].reasons.append(reason)

    files = changed_files(content_dir, ref)
    # The directly changed records first: a removed record whose id is re-added elsewhere has changed.
    for changed in files:
        kind = _kind_of(changed.path, content_dir)
        if kind is None:
            continue
        record_id = changed.path.stem
        exists = record_id in content.records(kind)
        change = changed.status if changed.status != "removed" or not exists else "changed"
        shown = Path(os.path.relpath(changed.path, Path(content_dir).resolve().parent)).as_posix()
        verb = {"added": "new file", "changed": "edited", "removed": "deleted"}[changed.status]
        mark(kind, record_id, change, f"{verb} {shown}")
        direct.append((kind, record_id))

    related_to: dict[str, set[str]] = {}
    for claim in content.claims.values():
        for relation in claim.related:
            related_to.setdefault(relation.target, set()).add(claim.id)

    for changed in files:
        kind = _kind_of(changed.path, content_dir)
        if kind is None:
            continue
        record_id = changed.path.stem
        old = _old_data(content_dir, ref, changed.old_path) if changed.status != "added" else {}
        if kind == "claim":
            claim = content.claims.get(record_id)
            now = {"person": list(claim.speakers), "topic": list(claim.topics),
                   "source": [s for s in claim.sources if s in content.sources],
                   "claim": [r.target for r in claim.related]} if claim else {}
            before = _claim_links(old)
            inbound = related_to.get(record_id, set())
            word = "the claim" if claim or not before else "the removed claim"
            reasons = {"person": f"lists {word} `{record_id}`", "topic": f"lists {word} `{record_id}`",
                       "source": f"lists {word} `{record_id}` among the claims citing it",
                       "claim": f"shows the relation with `{record_id}`"}
            for other_kind in ("person", "topic", "source", "claim"):
                targets = set(now.get(other_kind, [])) | set(before.get(other_kind, []))
                if other_kind == "claim":
                    targets |= inbound
                for target in sorted(targets):
                    if target in content.records(other_kind) and (other_kind, target) != ("claim", record_id):
                        mark(other_kind, target, "changed", reasons[other_kind])
        else:
            for claim in content.claims.values():
                shows = (kind == "person" and record_id in claim.speakers or kind == "topic" and record_id in claim.topics
                         or kind == "source" and record_id in claim.sources)
                if shows:
                    what = {"person": "speaker", "topic": "topic", "source": "source"}[kind]
                    mark("claim", claim.id, "changed", f"shows the {what} `{record_id}`")
    order = {key: index for index, key in enumerate(dict.fromkeys(direct))}
    listed = sorted(pages.values(), key=lambda p: (order.get((p.kind, p.id), len(order)), p.kind, p.url))
    if any(kind == "claim" for kind, _ in direct):
        # Pages that list every claim change with any of them.
        for src_uri, what in ((urls.index("claim"), "the index of all claims"), (urls.timeline(), "the timeline"),
                              (urls.graph(), "the graph of all claims")):
            listed.append(ChangedPage(urls.url(src_uri), "listing", src_uri[:-3], "changed", [f"{what} lists every claim"]))
    return listed


def as_text(pages: list[ChangedPage]) -> str:
    if not pages:
        return "Pages this change adds or changes: none."
    return "Pages this change adds or changes:\n" + "\n".join(f"  {page}" for page in pages)
