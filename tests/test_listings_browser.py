"""Issues 13.2 and 13.3 in Chromium: a page of a paged list (the people index's too) and a scorecard have no
serious accessibility violation in either palette, and neither scrolls sideways on a 320 px phone."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="the playwright package is not installed (pip install -e '.[test]')")
pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import expect

from conftest import Project, serve
from test_browser import AXE, REPO, assert_no_horizontal_scroll, axe_violations, describe
from test_listings import FACTS, PAGED_CONFIG, write_claims, write_people

PALETTES = """  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
"""
PAGES = ["claims/page/2/", "people/putin/", "topics/peace-talks/page/2/", "timeline/2025/03/page/2/",
         "people/page/2/", "people/page/6/"]


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("paged-browser"),
                      PAGED_CONFIG.replace("  name: material\n", "  name: material\n" + PALETTES))
    write_claims(project, FACTS)
    write_people(project)  # the people index takes pages, under letters
    project.write("docs/explainers/story.md",
                  "---\ntitle: The story\ndate: 2025-03-09\n---\n\nWhat [[people/putin]] said.\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
@pytest.mark.parametrize("path", PAGES)
def test_paged_lists_and_scorecards_have_no_serious_violation(new_context, paged_url, path, scheme, palette):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci`)")
    page = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
    response = page.goto(paged_url + path)
    assert response and response.ok, path
    expect(page.locator(f"body[data-md-color-scheme='{palette}']")).to_have_count(1)
    assert page.locator("article nav.claims-pager, article section.claims-scorecard").count() >= 1
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, \
        f"axe-core ({palette}): serious or critical violations on /{path}:\n{describe(violations)}"


@pytest.mark.parametrize("width", [320, 390])
def test_pager_and_scorecard_fit_a_narrow_phone(new_context, paged_url, width):
    page = new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True).new_page()
    for path in PAGES:
        page.goto(paged_url + path)
        assert_no_horizontal_scroll(page)
    page.goto(paged_url + "people/putin/")
    chart = page.locator("article svg.claims-chart").bounding_box()
    assert chart and chart["x"] >= 0 and chart["x"] + chart["width"] <= width, chart
