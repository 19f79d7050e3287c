"""Issue 7: `claims render-md` writes pages any engine can build, showing what the plugin's fast path
shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ARTICLE, Build, claim_yaml, copy_site, render_md

FLOOR_CONFIG = """\
site_name: Claims explained
site_url: https://mkdocs-claims.github.io/mkdocs-claims/
docs_dir: rendered
theme:
  name: material
plugins:
  - tags
extra_css: [assets/claims.css]
extra_javascript: [assets/claims.js]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory, article_site):
    root = copy_site(ARTICLE, tmp_path_factory.mktemp("render-md"))
    render_md(root, "rendered")
    (root / "floor.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "floor.yml",
                             "-d", str(root / "floor-site")], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return article_site, Build(0, "", root / "floor-site"), root


def generated_pages(site: Path) -> list[str]:
    pages = []
    for folder in ("claims", "people", "topics", "sources"):
        pages += [f"{folder}/{p.name}/" for p in sorted((site / folder).iterdir())
                  if (p / "index.html").is_file()]
        pages.append(f"{folder}/")
    return pages + ["timeline/", "graph/", "", "explainers/russia-rejects-concessions/"]


def test_render_md_pages_show_the_same_content_as_the_plugin(both_builds):
    plugin_build, floor_build, _ = both_builds
    pages = generated_pages(plugin_build.site)
    assert len(pages) > 25
    for url_path in pages:
        assert floor_build.visible_text(url_path) == plugin_build.visible_text(url_path), url_path


def test_render_md_writes_front_matter_and_data(both_builds):
    _, _, root = both_builds
    page = (root / "rendered/claims/putin-own-territory.md").read_text(encoding="utf-8")
    front, _, rest = page.removeprefix("---\n").partition("\n---\n")
    meta = yaml.safe_load(front)
    assert meta["title"] == 'Putin says Russia "will not give up" its "own" territory'
    assert meta["tags"] == ["Occupied territories", "Peace talks"]
    assert '<h1 id="claim">' in rest  # a fixed id: a record's id could be `ref-1`
    for name in ("claims.json", "claims.csv", "feed.xml", "schema/claim.json", "assets/claims.css"):
        assert (root / "rendered" / name).is_file(), name


def test_render_md_refuses_a_folder_that_is_not_empty(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml())
    project.write("out/keep.txt", "mine")
    done = subprocess.run([str(Path(sys.executable).with_name("claims")), "render-md", "--out", "out"],
                          cwd=project.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "not empty; nothing was written" in done.stderr
    assert sorted(p.name for p in (project.root / "out").iterdir()) == ["keep.txt"]


def test_render_md_refuses_invalid_content(project):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml(speaker="nobody"))
    done = subprocess.run([str(Path(sys.executable).with_name("claims")), "render-md", "--out", "out"],
                          cwd=project.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "claims/2025/one.yml:3:10: unknown person `nobody`" in done.stdout
    assert not (project.root / "out").exists()
