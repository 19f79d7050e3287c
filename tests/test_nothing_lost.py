"""Issue 6, item 6: a build writes only its site folder, and a failed build never leaves a half-written
site."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import claim_yaml


def snapshot(root: Path, skip: str = "site") -> dict[str, str]:
    """Every file under root except the site folder, with a hash of its bytes."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file() and path.relative_to(root).parts[0] != skip}


def test_a_build_writes_only_the_site_folder(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml())
    project.write("docs/story.md", "# Story\n\n![[one]]\n\nSee [[one|the claim]].\n")
    before = snapshot(project.root)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert snapshot(project.root) == before
    assert (build.site / "claims/one/index.html").is_file()


def test_a_removed_claim_disappears_on_the_next_build(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml())
    second = project.write("claims/2025/two.yml", claim_yaml(title="Second"))
    assert project.build("--strict").returncode == 0
    assert (project.root / "site/claims/two/index.html").is_file()
    second.unlink()
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert not (build.site / "claims/two").exists()
    assert not (build.site / "claims/two.json").exists()
    assert (build.site / "claims/one/index.html").is_file()


def test_invalid_content_leaves_the_previous_site_untouched(project):
    project.add_basics()
    claim = project.write("claims/2025/one.yml", claim_yaml())
    assert project.build("--strict").returncode == 0
    before = snapshot(project.root / "site", skip="")
    claim.write_text(claim_yaml(speaker="nobody"), encoding="utf-8")
    build = project.build()
    assert build.returncode == 1
    assert "claims/2025/one.yml:3:10: unknown person `nobody`" in build.output
    assert snapshot(project.root / "site", skip="") == before


def test_a_broken_link_in_a_page_leaves_no_site_that_looks_complete(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml())
    assert project.build("--strict").returncode == 0
    project.write("docs/story.md", "# Story\n\nSee [[missing]].\n")
    build = project.build()
    assert build.returncode == 1
    assert "docs/story.md:3:5: broken link: no claim `missing`" in build.output
    # MkDocs empties the site folder before it renders pages; the failed build stops before writing any.
    assert not any(path.suffix == ".html" for path in (project.root / "site").rglob("*"))
