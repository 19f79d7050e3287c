"""Issue 15, point 6: `claims render-md` output builds with Zensical, mkdocs-material's successor, into claim
pages that show what the plugin's pages show and link where they link."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLE, Build, copy_site, render_md
from site_links import file_of, internal_links, link_problems, resolve


def zensical_command() -> str:
    # The console script installed beside this Python; a skip where it is missing fails the run where CI is
    # set.
    command = Path(sys.executable).with_name("zensical")
    if not command.exists():
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    return str(command)


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory) -> Build:
    root = copy_site(ARTICLE, tmp_path_factory.mktemp("zensical"))
    out = render_md(root, "exported", "--engine", "zensical")
    # Built as the README says: `zensical build` in the exported folder, with the configuration render-md
    # wrote.
    done = subprocess.run([zensical_command(), "build", "--strict"], cwd=out, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "No issues found" in done.stderr, done.stdout + done.stderr
    return Build(done.returncode, done.stdout + done.stderr, out / "site")


THEME_PARTS = ".md-tags, .md-content__button"


def tags(build: Build, url_path: str) -> list[str]:
    # Sorted: mkdocs-material's tags plugin sorts a page's tags, Zensical keeps the front matter's order.
    return sorted(tag.get_text(strip=True) for tag in build.article(url_path).select(".md-tags .md-tag"))


def claim_pages(site: Path) -> list[str]:
    return [f"claims/{page.name}/" for page in sorted((site / "claims").iterdir())
            if (page / "index.html").is_file()]


def article_links(build: Build, url_path: str) -> list[str]:
    """Where each internal link of the page's article leads, in order, with its fragment."""
    links = []
    for href in internal_links(build.article(url_path)):
        fragment = href.partition("#")[2]
        links.append(resolve(url_path, href) + (f"#{fragment}" if fragment else ""))
    return links


def test_claim_pages_show_the_same_content_as_the_plugin(zensical_build, article_site):
    pages = claim_pages(article_site.site)
    assert len(pages) == 8
    assert claim_pages(zensical_build.site) == pages
    for url_path in pages:
        # The themes place the page's tags differently (Zensical below the content), and only
        # mkdocs-material's has an edit button (the claim's own "Edit this claim" link is in both): the rest
        # is the same text.
        assert (zensical_build.visible_text(url_path, without=THEME_PARTS)
                == article_site.visible_text(url_path, without=THEME_PARTS)), url_path
        assert tags(zensical_build, url_path) == tags(article_site, url_path), url_path
    assert tags(zensical_build, "claims/putin-own-territory/") == ["Occupied territories", "Peace talks"]


def test_claim_pages_link_where_the_plugin_links_and_every_link_resolves(zensical_build, article_site):
    for url_path in claim_pages(article_site.site):
        links = article_links(zensical_build, url_path)
        # Zensical's heading permalinks are the plugin's too (the same `toc` extension), so the lists are
        # equal.
        assert links == article_links(article_site, url_path), url_path
        for link in links:
            assert file_of(zensical_build.site, link.partition("#")[0]) is not None, (url_path, link)
    checked, broken = link_problems(zensical_build.site, fragments=True)
    assert checked > 500
    assert broken == []


def test_the_site_carries_the_assets_structured_data_and_open_data(zensical_build, article_site):
    page = zensical_build.page("claims/putin-own-territory/")
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    scripts = [script["src"] for script in page.select("script[src]")]
    assert "../../assets/claims.css" in stylesheets and "../../assets/claims.js" in scripts
    for asset in ("assets/claims.css", "assets/claims.js"):
        assert (zensical_build.site / asset).read_bytes() == (article_site.site / asset).read_bytes(), asset

    def structured(build: Build) -> list:
        found = build.page("claims/putin-own-territory/").select('script[type="application/ld+json"]')
        return [json.loads(script.string) for script in found]

    assert [data["@type"] for data in structured(zensical_build)] == ["ClaimReview"]
    assert structured(zensical_build) == structured(article_site)
    for name in ("claims.json", "claims.csv", "claims.schema.json", "feed.xml", "schema/claim.json",
                 "claims/putin-own-territory.json"):
        assert (zensical_build.site / name).read_bytes() == (article_site.site / name).read_bytes(), name
    # The configuration render-md writes for Zensical is not published.
    assert not (zensical_build.site / "mkdocs.yml").exists()


def test_the_site_loads_nothing_from_another_origin(zensical_build):
    for file in zensical_build.site.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("script[src], link[href], img[src], iframe[src]"):
            address = element.get("src") or element.get("href")
            if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert "//" not in address, (file, str(element))
        # The repository facts, which the theme fetches from GitHub's API (the site's mkdocs.yml sets
        # repo_url).
        assert soup.select('[data-md-component="source"]') == [], file


def test_zensical_renders_raw_html_unsanitised(zensical_build, tmp_path):
    """What the README's warning rests on: Zensical passes a page's raw HTML through, so bodies must be
    trusted or sanitised before they reach it. If a Zensical release sanitises, this fails and the README can
    change."""
    shutil.copytree(zensical_build.site.parent, tmp_path / "exported",
                    ignore=shutil.ignore_patterns("site", ".cache"))
    (tmp_path / "exported/raw.md").write_text("# Raw\n\n<script>window.hostile = 1</script>\n",
                                              encoding="utf-8")
    done = subprocess.run([zensical_command(), "build"], cwd=tmp_path / "exported", capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    page = BeautifulSoup((tmp_path / "exported/site/raw/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert [script.string for script in page.select("article script")] == ["window.hostile = 1"]
