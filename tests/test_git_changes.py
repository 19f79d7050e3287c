"""The git output `claims check --changed-since` reads, parsed in-process and table-driven (no repository
needed; tests/test_changes.py runs the whole command in real repositories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_claims.changes import ChangedFile, parse_name_status

TOP = Path("/repo")


def z(*fields: str) -> str:
    """`git diff --name-status -z` output: every field ends with a NUL."""
    return "".join(field + "\0" for field in fields)


@pytest.mark.parametrize(("output", "files"), [
    ("", []),
    (z("A", "claims/new.yml"), [ChangedFile("added", TOP / "claims/new.yml", None)]),
    (z("M", "claims/a.yml"), [ChangedFile("changed", TOP / "claims/a.yml", TOP / "claims/a.yml")]),
    (z("D", "claims/gone.yml"), [ChangedFile("removed", TOP / "claims/gone.yml", TOP / "claims/gone.yml")]),
    (z("T", "claims/link.yml"), [ChangedFile("changed", TOP / "claims/link.yml", TOP / "claims/link.yml")]),
    # A rename (with its similarity score) changes the new id's pages and removes the old id's.
    (z("R097", "claims/old.yml", "claims/new.yml"),
     [ChangedFile("changed", TOP / "claims/new.yml", TOP / "claims/old.yml"),
      ChangedFile("removed", TOP / "claims/old.yml", TOP / "claims/old.yml")]),
    # A copy adds the new file; the old one stays.
    (z("C075", "claims/a.yml", "claims/b.yml"),
     [ChangedFile("added", TOP / "claims/b.yml", TOP / "claims/a.yml")]),
    # An unknown status letter is a change.
    (z("X", "claims/odd.yml"), [ChangedFile("changed", TOP / "claims/odd.yml", TOP / "claims/odd.yml")]),
    # Several entries, and names git would quote without -z: spaces, tabs, newlines, quotes, non-ASCII.
    (z("M", "claims/a b.yml", "A", "claims/tab\there.yml", "D", 'claims/"q"\n.yml', "M", "claims/ünï.yml"),
     [ChangedFile("changed", TOP / "claims/a b.yml", TOP / "claims/a b.yml"),
      ChangedFile("added", TOP / "claims/tab\there.yml", None),
      ChangedFile("removed", TOP / 'claims/"q"\n.yml', TOP / 'claims/"q"\n.yml'),
      ChangedFile("changed", TOP / "claims/ünï.yml", TOP / "claims/ünï.yml")]),
    (z("R100", "a.yml", "b.yml", "M", "c.yml"),
     [ChangedFile("changed", TOP / "b.yml", TOP / "a.yml"),
      ChangedFile("removed", TOP / "a.yml", TOP / "a.yml"),
      ChangedFile("changed", TOP / "c.yml", TOP / "c.yml")]),
])
def test_git_name_status_output(output, files):
    assert parse_name_status(output, TOP) == files
