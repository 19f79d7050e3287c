"""Issue 13.5: the search index reused between builds (search_cache.py). A part of the index whose pages did
not change is copied from the user's cache folder instead of running Pagefind; a changed page, a changed
setting of Pagefind's or a damaged cache entry makes Pagefind run again.

The builds count Pagefind's runs through a wrapper (PAGEFIND_BINARY_PATH) that notes the folder each run
writes, so the tests see which part of the index was made again.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import Project, claim_yaml, search_records
from mkdocs_claims import search_cache
from mkdocs_claims.search_index import EXCLUDED, executable

CONFIG = """\
site_name: Search cache test
theme:
  name: material
plugins:
  - claims:
      search_part_size: 2
"""
# Three parts of two claims each: 2025 (with every other page), 2024 and 2023.
CLAIMS = {"c-2025-a": "2025-05-01", "c-2025-b": "2025-02-01", "c-2024-a": "2024-06-01",
          "c-2024-b": "2024-01-01", "c-2023-a": "2023-09-01", "c-2023-b": "2023-03-01"}
BUNDLES = {"pagefind": ("2025",), "pagefind/part-1": ("2024",), "pagefind/part-2": ("2023",)}
WRAPPER = """#!/bin/sh
previous=""
for argument in "$@"; do
  if [ "$previous" = "--output-path" ]; then printf '%s\\n' "$argument" >> "{log}"; fi
  previous="$argument"
done
exec "{binary}" "$@"
"""


class Counted:
    """A project whose builds run Pagefind through the counting wrapper, with a cache folder of its own."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch):
        self.project = Project(root / "project", CONFIG).add_basics()
        for claim_id, date in CLAIMS.items():
            self.write(claim_id, date, f"About the {claim_id.replace('-', ' ')} talks [@isw].")
        self.log = root / "pagefind-runs.log"
        wrapper = root / "pagefind"
        wrapper.write_text(WRAPPER.format(log=self.log, binary=executable()), encoding="utf-8")
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
        self.cache = root / "cache"
        monkeypatch.setenv("XDG_CACHE_HOME", str(self.cache))

    def write(self, claim_id: str, date: str, body: str) -> None:
        self.project.write(f"claims/{date[:4]}/{claim_id}.yml",
                           claim_yaml(title=f"Claim {claim_id}", date=date, body=body))

    def build(self) -> list[str]:
        """Build; the bundles Pagefind wrote in this build (relative to the site, e.g. 'pagefind/part-1')."""
        self.log.unlink(missing_ok=True)
        build = self.project.build("--strict")
        assert build.returncode == 0, build.output
        self.site = build.site
        runs = self.log.read_text(encoding="utf-8").split() if self.log.exists() else []
        return sorted(Path(os.path.relpath(run, build.site)).as_posix() for run in runs)

    def records(self) -> dict[str, dict[str, dict]]:
        return {bundle: search_records(self.site, bundle) for bundle in BUNDLES}

    def entry(self, part: str) -> Path:
        return self.cache / "mkdocs-claims" / search_cache.FOLDER / part


@pytest.fixture
def counted(tmp_path, monkeypatch) -> Counted:
    return Counted(tmp_path, monkeypatch)


def claims_of(records: dict[str, dict]) -> list[str]:
    return sorted(url.split("/")[1] for url in records if url.startswith("claims/"))


def test_a_warm_build_reuses_every_part_and_an_edit_reindexes_only_the_part_that_holds_it(counted):
    assert counted.build() == sorted(BUNDLES)  # cold: every part indexed
    cold = counted.records()
    for bundle, years in BUNDLES.items():  # each part holds its years' claims
        assert claims_of(cold[bundle]) == sorted(c for c, date in CLAIMS.items() if date[:4] in years)

    assert counted.build() == []  # warm: Pagefind not run at all
    assert counted.records() == cold

    counted.write("c-2023-a", CLAIMS["c-2023-a"], "About the armistice line [@isw].")
    assert counted.build() == ["pagefind/part-2"]  # only the part that holds the edited claim
    edited = counted.records()
    assert {bundle: edited[bundle] for bundle in BUNDLES if bundle != "pagefind/part-2"} == {
        bundle: cold[bundle] for bundle in BUNDLES if bundle != "pagefind/part-2"}
    page = edited["pagefind/part-2"]["claims/c-2023-a/"]["content"]
    assert "armistice line" in page and "2023 a talks" not in page  # the explorer finds the edited words
    assert counted.build() == []


def test_an_index_file_written_into_in_the_site_is_not_what_the_next_build_serves(counted):
    # The kept index goes into the site as hard links (no bytes written): a tool that writes into a site's
    # file in place writes into the cache entry too, which the next build's check of its SHA-256 finds.
    counted.build()
    assert counted.build() == []
    cold = counted.records()
    site_files = sorted(file for file in (counted.site / "pagefind/part-1").rglob("*") if file.is_file())
    kept = {file.stat().st_ino for file in (counted.entry("part-1") / "files").rglob("*") if file.is_file()}
    assert {file.stat().st_ino for file in site_files} == kept, "the index is not linked"
    fragment = next(file for file in site_files if file.suffix == ".pf_fragment")
    with fragment.open("r+b") as written:  # as a tool that rewrites the site's files in place
        written.write(b"written into")
    assert counted.build() == ["pagefind/part-1"]  # that part indexed again, the others reused
    assert counted.records() == cold
    assert counted.build() == []  # the entry was made good again


@pytest.mark.parametrize("damage", ["a kept file changed", "a kept file missing", "no manifest",
                                    "a manifest cut short", "a manifest naming a file outside the entry"])
def test_a_damaged_cache_entry_falls_back_to_running_pagefind(counted, damage):
    assert counted.build() == sorted(BUNDLES)
    cold = counted.records()
    entry = counted.entry("part-1")
    kept = sorted(file for file in (entry / "files").rglob("*") if file.is_file())
    manifest = entry / search_cache.MANIFEST
    if damage == "a kept file changed":
        fragment = next(file for file in kept if file.suffix == ".pf_fragment")
        data = bytearray(fragment.read_bytes())
        data[-1] ^= 1
        fragment.write_bytes(bytes(data))
    elif damage == "a kept file missing":
        kept[len(kept) // 2].unlink()
    elif damage == "no manifest":
        manifest.unlink()
    elif damage == "a manifest cut short":
        manifest.write_bytes(manifest.read_bytes()[: manifest.stat().st_size // 2])
    else:  # a file that passes its check but would land out of the index (site/pagefind/part-1/../../..)
        manifest.write_text(manifest.read_text().replace('"pagefind-entry.json"', '"../../../escaped.json"'))
        (entry / "files" / "pagefind-entry.json").rename(entry.parent.parent / "escaped.json")
    assert counted.build() == ["pagefind/part-1"]
    assert counted.records() == cold
    assert not (counted.site.parent / "escaped.json").exists()
    assert counted.build() == []  # the entry was made good again


@pytest.fixture
def pages(tmp_path, monkeypatch) -> Path:
    site = tmp_path / "site"
    for path, text in {"index.html": "<h1>Home</h1>", "claims/a/index.html": "<h1>A</h1>",
                       "claims/b/index.html": "<h1>B</h1>", "share/a.png": "not a page"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("PAGEFIND_")]:
        monkeypatch.delenv(name)
    return site


OPTIONS = ["--exclude-selectors", EXCLUDED, "--silent"]


def change_bytes(site: Path, _: pytest.MonkeyPatch) -> None:  # the same length, one letter changed
    (site / "claims/a/index.html").write_text("<h1>a</h1>", encoding="utf-8")


CHANGES = {
    "a page's bytes": change_bytes,
    "a page's path": lambda site, _: (site / "claims/a").rename(site / "claims/c"),
    "a page added": lambda site, _: (site / "claims/a/more.HTML").write_text("<p>x</p>", encoding="utf-8"),
    "a page removed": lambda site, _: (site / "claims/b/index.html").unlink(),
    "an empty page's path": lambda site, _: (site / "e.html").touch(),
    "Pagefind's environment": lambda _, monkeypatch: monkeypatch.setenv("PAGEFIND_GLOB", "claims/*/*.html"),
    "Pagefind's configuration file": lambda site, _: Path("pagefind.yml").write_text("glob: x\n"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_whatever_pagefind_reads_changes_the_fingerprint(pages, change, monkeypatch):
    before = search_cache.fingerprint(pages, executable(), OPTIONS, "part-0")
    assert before is not None
    assert search_cache.fingerprint(pages, executable(), OPTIONS, "part-0") == before
    CHANGES[change](pages, monkeypatch)
    assert search_cache.fingerprint(pages, executable(), OPTIONS, "part-0") not in (before, None)


def test_the_binary_the_options_and_the_part_change_the_fingerprint(pages, tmp_path):
    key = search_cache.fingerprint(pages, executable(), OPTIONS, "part-0")
    other_binary = tmp_path / "other-pagefind"
    other_binary.write_text(f"#!/bin/sh\nexec \"{executable()}\" \"$@\"\n", encoding="utf-8")
    other_binary.chmod(0o755)
    assert search_cache.fingerprint(pages, str(other_binary), OPTIONS, "part-0") not in (key, None)
    assert search_cache.fingerprint(pages, executable(), [*OPTIONS[:-1]], "part-0") not in (key, None)
    assert search_cache.fingerprint(pages, executable(), OPTIONS, "part-1") not in (key, None)
    # A change to a file Pagefind does not read keeps the key: the share images are not pages.
    (pages / "share/a.png").write_text("another image", encoding="utf-8")
    assert search_cache.fingerprint(pages, executable(), OPTIONS, "part-0") == key


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_site_with_a_symbolic_link_is_never_reused(pages, tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_text("<h1>Out</h1>", encoding="utf-8")
    (pages / "claims/link.html").symlink_to(outside)
    assert search_cache.fingerprint(pages, executable(), OPTIONS, "part-0") is None


def test_an_entry_replaced_while_it_is_put_back_is_not_mixed_into_the_site(pages, tmp_path, monkeypatch):
    # Two builds share the user's cache folder: one puts a part's kept index back while the other replaces
    # that entry with its own run's, for the same pages (Pagefind fills its files anew on every run). Forced
    # here: the other build replaces it just after the last file was checked and before it is put in the site.
    folder = tmp_path / "cache"

    def run_of(number: int) -> Path:
        output = tmp_path / f"run-{number}"
        for path in ("fragment/a.pf_fragment", "pagefind-entry.json"):
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_text(f"{path} of run {number}", encoding="utf-8")
        return output

    search_cache.KeptIndex("part-0", pages, executable(), OPTIONS, folder).keep(run_of(1))
    place, replaced = search_cache.cache_files.place, []

    def another_build_first(kept: Path, target: Path) -> None:
        if target.parent == output and target.name == "pagefind-entry.json" and not replaced:
            replaced.append(True)
            search_cache.KeptIndex("part-0", pages, executable(), OPTIONS, folder).keep(run_of(2))
        place(kept, target)

    output = tmp_path / "site-index"
    output.mkdir()
    monkeypatch.setattr(search_cache.cache_files, "place", another_build_first)
    restored = search_cache.KeptIndex("part-0", pages, executable(), OPTIONS, folder).restore(output)
    shown = {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
             for path in output.rglob("*") if path.is_file()}
    # one run's index whole, or nothing (then Pagefind runs): never the files of two runs
    runs = {text.rsplit(" ", 1)[1] for text in shown.values()}
    assert replaced and ((restored and len(runs) == 1) or (not restored and shown == {})), shown
