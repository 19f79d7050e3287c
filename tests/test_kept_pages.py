"""Issue 13.5: a `mkdocs build` takes back, from the user's cache folder, the generated pages of the last
build whose records did not change, and writes the same site as a build with an empty cache folder.

(test_cache.py checks, edit by edit, that pages read back equal fresh ones; here, whole builds.)
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims import kept_pages
from mkdocs_claims.generated_page import GeneratedPage, Heading
from mkdocs_claims.kept_pages import KeptPages
from mkdocs_claims.sanitizer import Stash

ZELENSKY = "name: Volodymyr Zelensky\nrole: President of Ukraine\n"
ENERGY = "title: Energy\n"
GRID_REPORT = ("title: Grid status\npublisher: Ukrenergo\nurl: https://ua.energy/grid-status\n"
               "date: 2024-01-10\n")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """The builds' own cache folder (XDG_CACHE_HOME), empty at first."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def kept_files(cache: Path) -> dict[str, tuple[int, bytes]]:
    """src_uri -> (modification time, bytes) of each kept page."""
    kept = {}
    for file in (cache / "mkdocs-claims" / "pages").glob("*.z"):
        record = json.loads(zlib.decompress(file.read_bytes()))
        kept[record["src_uri"]] = (file.stat().st_mtime_ns, file.read_bytes())
    return kept


def site_files(site: Path) -> dict[str, bytes]:
    # Pagefind names its files anew on every run; test_search_cache compares what it indexed.
    return {path: file.read_bytes() for file in site.rglob("*")
            if file.is_file() and not (path := file.relative_to(site).as_posix()).startswith("pagefind/")}


def two_speakers(tmp_path: Path) -> Project:
    project = Project(tmp_path / "site-root").add_basics()
    project.write("claims/people/zelensky.yml", ZELENSKY)
    project.write("claims/topics/energy.yml", ENERGY)
    project.write("claims/sources/grid-report.yml", GRID_REPORT)
    project.write("claims/2025/concessions.yml", claim_yaml())
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01"))
    project.write("claims/2025/grid.yml", claim_yaml(title="Zelensky says the grid holds", speaker="zelensky",
                                                     date="2024-01-10", sources="[grid-report]",
                                                     body="Said it [@grid-report].",
                                                     extra="topics: [energy]\n"))
    return project


def fresh_site(project: Project, tmp_path: Path, monkeypatch, name: str) -> dict[str, bytes]:
    """The site as a build with an empty cache folder writes it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"empty-{name}"))
    built = project.build("--strict")
    assert built.returncode == 0, built.output
    return site_files(built.site)


def test_a_second_build_takes_every_page_back_and_writes_the_same_site(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    kept = kept_files(cache)
    assert {"claims/concessions.md", "claims/grid.md", "people/putin.md"} <= set(kept), sorted(kept)
    written = site_files(first.site)
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    assert kept_files(cache) == kept  # no page built again, so none kept anew
    assert site_files(second.site) == written
    assert written == fresh_site(project, tmp_path, monkeypatch, "1")


def test_an_edit_builds_again_only_the_pages_that_show_it(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    assert project.build("--strict").returncode == 0
    kept = kept_files(cache)
    project.write("claims/2025/talks.yml",
                  claim_yaml(title="Putin says the talks are off", date="2025-04-01"))
    edited = project.build("--strict")
    assert edited.returncode == 0, edited.output
    now = kept_files(cache)
    assert now["claims/talks.md"] != kept["claims/talks.md"]
    assert now["people/putin.md"] != kept["people/putin.md"]  # lists the claim's title
    assert now["claims/grid.md"] == kept["claims/grid.md"]  # another speaker, topic and source
    assert now["people/zelensky.md"] == kept["people/zelensky.md"]
    assert "Putin says the talks are off" in edited.article("claims/talks/").get_text()
    assert site_files(edited.site) == fresh_site(project, tmp_path, monkeypatch, "2")


@pytest.mark.parametrize("folder, forge, forge_for_others, forged", [
    ("pages", lambda record: record["page"]["stash"].__setitem__(0, "evil"),  # not a stash's key
     lambda record: record["page"].__setitem__("title", "A title nobody wrote"), "A title nobody wrote"),
    ("renders", lambda record: record["render"].__setitem__("toc", [["A heading", "x", "not a level", []]]),
     lambda record: record["render"].__setitem__("content", "<p>Words nobody wrote</p>"),
     "Words nobody wrote"),
])
def test_damaged_or_forged_kept_files_are_made_again(tmp_path, cache, monkeypatch, folder, forge,
                                                     forge_for_others, forged):
    """Kept pages and kept conversions: one file not zlib, one cut short, one forged, one forged and said to
    be written for other records."""
    project = two_speakers(tmp_path)
    assert project.build("--strict").returncode == 0
    files = sorted((cache / "mkdocs-claims" / folder).glob("*.z"))
    assert len(files) > 3
    files[0].write_bytes(b"not zlib")
    files[1].write_bytes(files[1].read_bytes()[:40])
    for file, change in ((files[2], forge), (files[3], forge_for_others)):
        record = json.loads(zlib.decompress(file.read_bytes()))
        change(record)
        if file == files[3]:
            record["digest"] = "0" * 64
        file.write_bytes(zlib.compress(json.dumps(record).encode()))
    rebuilt = project.build("--strict")
    assert rebuilt.returncode == 0, rebuilt.output
    served = site_files(rebuilt.site)
    assert forged not in "".join(page.decode("utf-8", "replace") for page in served.values())
    assert served == fresh_site(project, tmp_path, monkeypatch, folder)
    for file in files[:4]:  # each made again and kept anew
        assert json.loads(zlib.decompress(file.read_bytes()))["digest"] != "0" * 64


def test_a_page_kept_by_other_code_is_not_taken(tmp_path, monkeypatch):
    page = GeneratedPage("claims/a.md", "A", "claim", head="<p>head</p>", markdown="Body",
                         head_headings=[Heading(2, "in-their-words", "In their words")])
    KeptPages(tmp_path).put("claims/a.md", b"digest", page)
    assert KeptPages(tmp_path).get("claims/a.md", b"digest") == page
    assert KeptPages(tmp_path).get("claims/a.md", b"another digest") is None
    assert KeptPages(tmp_path).get("claims/b.md", b"digest") is None
    monkeypatch.setattr(kept_pages, "measurer", lambda: "FreeType after an upgrade")  # the graphs' boxes
    assert KeptPages(tmp_path).get("claims/a.md", b"digest") is None
    monkeypatch.undo()
    assert KeptPages(tmp_path).get("claims/a.md", b"digest") == page
    monkeypatch.setattr(kept_pages, "package_digest", lambda: b"the package after an upgrade")
    assert KeptPages(tmp_path).get("claims/a.md", b"digest") is None


def test_a_kept_page_keeps_its_stash(tmp_path):
    stash = Stash("claims/a.md")
    token = stash.hold('<sup class="claims-cite">[1]</sup>')
    page = GeneratedPage("claims/a.md", "A", "claim", markdown=f"Said it.{token}", stash=stash)
    KeptPages(tmp_path).put("claims/a.md", b"digest", page)
    back = KeptPages(tmp_path).get("claims/a.md", b"digest")
    assert back is not None
    assert back.stash.restore(back.markdown) == 'Said it.<sup class="claims-cite">[1]</sup>'
    with pytest.raises(ValueError):
        Stash.kept("claimsstash0123", ["<b>too short a key</b>"])


@pytest.fixture
def failing_dot(tmp_path, monkeypatch):
    """A `dot` on PATH that fails, before the rest of PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    dot = folder / "dot"
    dot.write_text("#!/bin/sh\necho 'dot: out of memory' >&2\nexit 1\n")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_pages_built_while_dot_fails_are_not_kept(tmp_path, cache, failing_dot):
    # Kept, they would show no graph after dot is mended, and the next build would not say so.
    project = two_speakers(tmp_path)
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      extra="related:\n  - claim: concessions\n"
                                                            "    type: repeats\n"))
    for _ in range(2):
        built = project.build()
        assert built.returncode == 0, built.output
        assert "relation graphs are left out" in built.output
        assert kept_files(cache) == {}


def test_without_dot_no_page_is_kept(tmp_path, cache, monkeypatch):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    page = GeneratedPage("claims/a.md", "A", "claim")
    looked = []
    monkeypatch.setattr(kept_pages.shutil, "which", lambda name: looked.append(name))
    kept = KeptPages(tmp_path / "kept")
    for _ in range(3):
        kept.put("claims/a.md", b"digest", page)
        assert kept.get("claims/a.md", b"digest") is None
    assert not (tmp_path / "kept").exists()
    assert looked == ["dot"]  # once a build, not once a page


# What MkDocs' Markdown made of a generated page is kept too (kept_renders): a second build converts no page
# whose Markdown and converter are the last build's, unless its conversion looked up a file or said something.

def kept_renders(cache: Path) -> dict[str, bytes]:
    """src_uri -> the bytes of each kept conversion."""
    return {json.loads(zlib.decompress(file.read_bytes()))["src_uri"]: file.read_bytes()
            for file in (cache / "mkdocs-claims" / "renders").glob("*.z")}


def test_a_second_build_converts_no_kept_page_and_writes_the_same_site(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    project.write("claims/2025/talks.yml", claim_yaml(
        title="Putin says talks are over", date="2025-04-01",
        body="## What he said\n\nSaid it [@isw], see [[concessions]] and [the method](#what-he-said)."))
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    kept = kept_renders(cache)
    assert {"claims/talks.md", "claims/grid.md", "people/putin.md", "claims/index.md"} <= set(kept)
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    assert kept_renders(cache) == kept  # none converted again
    written = site_files(second.site)
    assert written == site_files(first.site) == fresh_site(project, tmp_path, monkeypatch, "renders")
    article = second.article("claims/talks/")
    heading = article.find("h2", string=lambda text: text and "What he said" in text)
    assert heading is not None and article.select_one('a[href="#user-content-what-he-said"]') is not None


def test_a_verbose_build_keeps_no_conversion_whose_anchors_it_did_not_record(tmp_path, cache):
    # `mkdocs build -v` does not record a page's links to anchors: kept, its conversion would hand the next
    # build none to check, and a link to a missing anchor would pass a strict build.
    project = two_speakers(tmp_path)
    project.write("mkdocs.yml", MINIMAL_CONFIG + "validation:\n  anchors: warn\n")
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      body="Said it [@isw]. See [below](#nowhere)."))
    assert project.build("-v").returncode == 0
    built = project.build("--strict")
    assert built.returncode == 1
    assert "contains a link '#nowhere', but there is no such anchor on this page" in built.output


def test_a_page_whose_link_was_looked_up_is_converted_again(tmp_path, cache):
    # Kept, the link to a page since removed would be published without the warning that fails the build.
    project = two_speakers(tmp_path)
    project.write("docs/method.md", "# How we check\n\nOur method.\n")
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      body="Said it [@isw]. See [the method](../method.md)."))
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    assert first.article("claims/talks/").select_one('a[href="../../method/"]') is not None
    assert "claims/talks.md" not in kept_renders(cache)
    (project.root / "docs" / "method.md").unlink()
    second = project.build("--strict")
    assert second.returncode == 1
    assert "claims/talks.md' contains a link '../method.md'" in second.output


# A Markdown extension of the site's own (`python -m mkdocs` finds it in the site's folder) that warns of what
# it finds and marks every paragraph.
LOCAL_EXTENSION = """
import logging
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

class Marker(Treeprocessor):
    def run(self, root):
        for paragraph in root.iter("p"):
            paragraph.set("class", "CLASS")
            if "TODO" in "".join(paragraph.itertext()):
                logging.getLogger("mkdocs.local").warning("a TODO is left in the text")

class LocalExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Marker(md), "local_marker", 1)
"""
LOCAL_CONFIG = MINIMAL_CONFIG + "markdown_extensions:\n  - local_extension:LocalExtension\n"


def test_a_conversion_that_said_something_is_converted_again(tmp_path, cache):
    project = two_speakers(tmp_path)
    project.write("mkdocs.yml", LOCAL_CONFIG)
    project.write("local_extension.py", LOCAL_EXTENSION.replace("CLASS", "marked"))
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      body="Said it [@isw]. TODO: the second source."))
    for _ in range(2):
        built = project.build("--strict")
        assert built.returncode == 1
        assert "a TODO is left in the text" in built.output
    assert "claims/talks.md" not in kept_renders(cache)
    assert "claims/grid.md" in kept_renders(cache)


def test_an_edited_extension_converts_again(tmp_path, cache):
    project = two_speakers(tmp_path)
    project.write("mkdocs.yml", LOCAL_CONFIG)
    extension = project.write("local_extension.py", LOCAL_EXTENSION.replace("CLASS", "marked"))
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    assert first.article("claims/grid/").select_one("p.marked") is not None
    extension.write_text(LOCAL_EXTENSION.replace("CLASS", "remarked"), encoding="utf-8")
    os.utime(extension, ns=(extension.stat().st_atime_ns, extension.stat().st_mtime_ns + 10**9))
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    article = second.article("claims/grid/")
    assert article.select_one("p.remarked") is not None and article.select_one("p.marked") is None


@pytest.mark.parametrize("validation, body, warning, kept", [
    # MkDocs checks a page's links to its own anchors after every page is converted: a kept conversion hands
    # them over again.
    ("anchors", "See [below](#nowhere).",
     "contains a link '#nowhere', but there is no such anchor on this page", True),
    # said while converting: converted again
    ("absolute_links", "See [the archive](/archive/).", "contains an absolute link '/archive/'", False),
])
def test_what_mkdocs_says_of_a_pages_links_it_says_on_every_build(tmp_path, cache, validation, body, warning,
                                                                   kept):
    project = two_speakers(tmp_path)
    project.write("mkdocs.yml", MINIMAL_CONFIG + f"validation:\n  {validation}: warn\n")
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      body=f"Said it [@isw]. {body}"))
    for _ in range(2):
        built = project.build("--strict")
        assert built.returncode == 1
        assert warning in built.output
    assert ("claims/talks.md" in kept_renders(cache)) == kept


def test_another_converter_converts_again(tmp_path, cache):
    project = two_speakers(tmp_path)
    project.write("claims/2025/talks.yml", claim_yaml(title="Putin says talks are over", date="2025-04-01",
                                                      body="## What he said\n\nSaid it [@isw]."))
    project.write("mkdocs.yml", MINIMAL_CONFIG + "markdown_extensions:\n  - toc:\n      permalink: true\n")
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    assert first.article("claims/talks/").select_one("h2 a.headerlink") is not None
    project.write("mkdocs.yml", MINIMAL_CONFIG + "markdown_extensions:\n  - toc:\n      permalink: false\n")
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    article = second.article("claims/talks/")
    assert article.find("h2", string=lambda text: text and "What he said" in text) is not None
    assert article.select_one("h2 a.headerlink") is None


def kept_beside(cache: Path) -> dict[str, int]:
    """File name -> inode of each kept file beside the pages (open data, feeds, scripts)."""
    return {file.name: file.stat().st_ino for file in (cache / "mkdocs-claims" / "files").glob("*/*")}


def test_the_files_beside_the_pages_are_links_of_kept_files(tmp_path, cache, monkeypatch):
    """MkDocs empties the site folder on every build: open data, feeds and scripts are linked from the cache
    folder, not made anew (a claim's JSON is one file a claim)."""
    project = two_speakers(tmp_path)
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    kept = kept_beside(cache)
    for path in ("claims/grid.json", "claims.json", "feed.xml", "people/putin/feed.xml", "claims.csv"):
        assert (first.site / path).stat().st_ino in kept.values(), path
    assert json.loads((first.site / "claims/grid.json").read_text("utf-8"))["title"] == \
        "Zelensky says the grid holds"
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    assert kept_beside(cache) == kept  # nothing written again
    grid = second.site / "claims/grid.json"
    assert grid.stat().st_ino == kept_inode(cache, grid)
    assert site_files(second.site) == fresh_site(project, tmp_path, monkeypatch, "beside")


def kept_inode(cache: Path, site_file: Path) -> int:
    """The inode of the kept file with the bytes of `site_file`."""
    data = site_file.read_bytes()
    found = [file.stat().st_ino for file in (cache / "mkdocs-claims" / "files").glob("*/*")
             if file.read_bytes() == data]
    assert len(found) == 1, found
    return found[0]


def test_a_kept_file_written_into_through_the_site_is_written_again(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    with (first.site / "claims/grid.json").open("r+b") as linked:  # in place: the kept file changes too
        linked.write(b'{"title": "Forged"}')
    second = project.build("--strict")
    assert second.returncode == 0, second.output
    assert json.loads((second.site / "claims/grid.json").read_text("utf-8"))["title"] == \
        "Zelensky says the grid holds"
    assert site_files(second.site) == fresh_site(project, tmp_path, monkeypatch, "forged")


def test_the_cache_keeps_one_file_a_path_and_none_of_a_deleted_claim(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    assert project.build("--strict").returncode == 0
    first = len(kept_beside(cache))
    project.write("claims/2025/talks.yml",
                  claim_yaml(title="Putin says the talks are off", date="2025-04-01"))
    edited = project.build("--strict")
    assert edited.returncode == 0, edited.output
    assert len(kept_beside(cache)) == first  # the edited claim's JSON replaced, not added
    (project.root / "claims/2025/talks.yml").unlink()
    deleted = project.build("--strict")
    assert deleted.returncode == 0, deleted.output
    assert len(kept_beside(cache)) == first - 1
    kept_text = b"".join(file.read_bytes() for file in (cache / "mkdocs-claims" / "files").glob("*/*"))
    assert b"talks are off" not in kept_text
    assert site_files(deleted.site) == fresh_site(project, tmp_path, monkeypatch, "deleted")


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, cache, monkeypatch):
    project = two_speakers(tmp_path)
    cache.mkdir()
    (cache / "mkdocs-claims").write_text("a file where the cache folder would be")
    built = project.build("--strict")
    assert built.returncode == 0, built.output
    assert json.loads((built.site / "claims/grid.json").read_text("utf-8"))["title"] == \
        "Zelensky says the grid holds"
    assert site_files(built.site) == fresh_site(project, tmp_path, monkeypatch, "unwritable")
