"""Kept files put into the site (cache_files.place): a hard link where the file system allows one, a copy
where it does not, and never a write into whatever was at the place before, which may be a link of another
kept file."""

from __future__ import annotations

import errno
import os

import pytest

from mkdocs_claims.cache_files import place


@pytest.fixture
def kept(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "site").mkdir()
    for name in ("a", "b"):
        (tmp_path / "cache" / name).write_bytes(f"kept {name}".encode())
    return tmp_path


def test_a_kept_file_is_linked_into_the_site(kept):
    place(kept / "cache/a", kept / "site/a")
    assert (kept / "site/a").stat().st_ino == (kept / "cache/a").stat().st_ino
    assert (kept / "site/a").read_bytes() == b"kept a"


def test_what_was_at_the_place_is_replaced_not_written_into(kept):
    place(kept / "cache/a", kept / "site/x")  # the last build's file, a link of kept file a
    place(kept / "cache/b", kept / "site/x")
    assert (kept / "site/x").read_bytes() == b"kept b"
    assert (kept / "cache/a").read_bytes() == b"kept a"


def test_across_devices_the_file_is_copied(kept, monkeypatch):
    place(kept / "cache/a", kept / "site/x")

    def no_link(*_):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "link", no_link)
    place(kept / "cache/b", kept / "site/x")
    assert (kept / "site/x").read_bytes() == b"kept b"
    assert (kept / "site/x").stat().st_ino != (kept / "cache/b").stat().st_ino
    assert (kept / "cache/a").read_bytes() == b"kept a"
