"""When each explainer was first published and last updated: written in its file (`published`, `updated`),
else read from git history (its first and last commit), else its file's modification date; a correction
updates it too.

The review's dates, not the claim's: `date` says when the claim was made."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Content


@dataclass(frozen=True)
class History:
    first: dt.date  # the commit that added the file (following renames)
    last: dt.date  # the latest commit that changed it


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              timeout=300, check=False)
    except (OSError, subprocess.SubprocessError):  # no git installed, or it hung
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def history(folder: Path) -> dict[str, History] | None:
    """Every file under `folder` that git has committed, by its path relative to `folder` (with /), with the
    dates of its first and last commit, from one `git log` for all of them. None outside a git repository."""
    log = _git(folder, "log", "-z", "--no-color", "--no-show-signature", "--format=%x01%cs", "--name-status",
               "-M", "--relative", "--", ".")
    if log is None:
        return None
    shallow = (_git(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    found: dict[str, list[dt.date]] = {}  # current path -> [first, last]
    # a path in older commits -> the file's current path; None: another file's
    owner: dict[str, str | None] = {}
    tokens = log.split("\0")
    index, day = 0, None
    while index < len(tokens):  # newest commit first; -z: no quoting, each field ends with a NUL
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith("\x01"):
            day = dt.date.fromisoformat(token[1:11])
            continue
        if not token or day is None:
            continue
        paths = tokens[index:index + (2 if token[0] in "RC" else 1)]
        index += len(paths)
        current = owner.get(paths[-1], paths[-1])
        if current is not None and token[0] != "D":
            dates = found.setdefault(current, [day, day])
            dates[0] = day
        if token[0] in "AR":  # older commits touched another file of that name, or none
            owner[paths[-1]] = None
        if token[0] == "R":
            owner[paths[0]] = current
    # A shallow clone lacks the older commits: its first commit is not when a file was added.
    return {path: History(dates[0] if not shallow else dt.date.min, dates[1])
            for path, dates in found.items()}


def complete(content: Content, content_dir: Path, root: Path) -> None:
    """Fill in every claim's `published` and `updated`, linearly: one git process for all files.

    A file that writes `published` keeps its dates by hand (`updated`, or its latest correction); otherwise
    git gives them; a file git has not committed (a new claim in a preview, or no repository) is dated by its
    modification time. An update on the day of publication is no update."""
    content_dir = Path(content_dir)
    commits = history(content_dir) if content.claims else None
    prefix = Path(os.path.relpath(content_dir.resolve(), Path(root).resolve())).as_posix().rstrip("/") + "/"
    for claim in content.claims.values():
        corrected = max((u.date for u in claim.updates if u.date != dt.date.min), default=None)
        updates = [d for d in (claim.updated, corrected) if d]
        if claim.published is None:
            inside = claim.path[len(prefix):] if claim.path.startswith(prefix) else \
                Path(os.path.relpath(Path(root) / claim.path, content_dir)).as_posix()
            dates = commits.get(inside) if commits is not None else None
            if dates is not None:
                claim.published = dates.first if dates.first != dt.date.min else None
                updates.append(dates.last)
            else:
                try:
                    claim.published = dt.date.fromtimestamp(os.stat(Path(root) / claim.path).st_mtime)
                except OSError:
                    claim.published = None
        latest = max(updates, default=None)
        claim.updated = latest if latest and (claim.published is None or latest > claim.published) else None
