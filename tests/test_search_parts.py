"""Issue 13: a large archive's search index in parts of whole years (search_index.parts), which bounds
Pagefind's memory in the build (it needs about 140 KB a page), merged again by the explorer in Chromium.

The site here has 11 claims over four years and `search_part_size: 4`, so its index comes in three parts.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import Project, claim_yaml, serve
from mkdocs_claims.search_index import PARTS_FILE, parts

pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import Page, expect

CONFIG = """\
site_name: Parts test
theme:
  name: material
plugins:
  - claims:
      search_part_size: 4
"""
# id: date; every claim's body has the word "ceasefire", and the 2024 ones "grain" too.
DATES = {f"c{n:02d}": date for n, date in enumerate([
    "2025-06-01", "2025-05-01", "2025-04-01",
    "2024-09-01", "2024-08-01", "2024-07-01", "2024-03-01",
    "2023-11-01", "2023-02-01",
    "2022-10-01", "2022-03-01"])}


@pytest.mark.parametrize(("per_year", "size", "groups"), [
    ({}, 5, []),
    ({2025: 3}, 5, [[2025]]),
    ({2025: 3, 2024: 2, 2023: 1}, 5, [[2025, 2024], [2023]]),  # whole years, newest first
    # A year over the size stands alone.
    ({2025: 3, 2024: 9, 2023: 1, 2022: 1}, 5, [[2025], [2024], [2023, 2022]]),
    ({2023: 1, 2025: 1, 2024: 1}, 1, [[2025], [2024], [2023]]),
])
def test_years_are_grouped_whole_newest_first_within_the_size(per_year, size, groups):
    claim_years = {f"claims/{year}-{n}/index.html": year
                   for year, count in per_year.items() for n in range(count)}
    assert parts(claim_years, size) == groups


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("parts"), CONFIG).add_basics()
    for claim_id, date in DATES.items():
        words = "ceasefire grain" if date.startswith("2024") else "ceasefire"
        project.write(f"claims/{date[:4]}/{claim_id}.yml",
                      claim_yaml(title=f"Claim {claim_id} of {date}", date=date,
                                 body=f"About the {words} [@isw]."))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield build, url


def bundle_pages(bundle: Path) -> list[str]:
    pages = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        pages.append(json.loads(data[len(b"pagefind_dcd"):])["url"].strip("/"))
    return pages


def test_each_page_is_in_exactly_one_part_of_whole_years(parted_site):
    index = parted_site[0].site / "pagefind"
    listed = json.loads((index / PARTS_FILE).read_text())
    assert listed == {"parts": ["part-1/", "part-2/"], "years": ["2025", "2024", "2023", "2022"]}
    first, *older = [bundle_pages(index), *(bundle_pages(index / part) for part in listed["parts"])]
    claims = [[page for page in pages if page.startswith("claims/")] for pages in (first, *older)]
    # 2025 (3 claims) is the first part with every other page; 2024 (4) the second; 2023 and 2022 (2 + 2)
    # the third.
    assert [sorted(DATES[page.split("/")[1]][:4] for page in part) for part in claims] == [
        ["2025"] * 3, ["2024"] * 4, ["2022"] * 2 + ["2023"] * 2]
    assert "people/putin" in first and "method" not in first  # the other pages are in the first part
    everything = [page for part in (first, *older) for page in part]
    assert len(everything) == len(set(everything))  # no page twice


@pytest.fixture
def explorer(new_context, parted_site):
    context = new_context(viewport={"width": 1280, "height": 900}, base_url=parted_site[1])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    return page


def dates_shown(page: Page) -> list[str]:
    return page.locator("ol.claims-explorer__results time.claims-explorer__date").evaluate_all(
        "times => times.map(time => time.dateTime)")


def show_all(page: Page, count: int) -> None:
    results = page.locator("ol.claims-explorer__results > li.claims-explorer__result")
    expect(results).to_have_count(min(count, 10), timeout=15_000)
    if count > 10:
        page.locator(".claims-explorer__more").click()
        expect(results).to_have_count(count)
    expect(page.locator(".claims-explorer__more")).to_be_hidden()


def test_a_list_in_date_order_runs_through_every_part_in_order(explorer: Page):
    explorer.goto("search/?kind=Claim")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("11 results.", timeout=15_000)
    show_all(explorer, 11)
    assert dates_shown(explorer) == sorted(DATES.values(), reverse=True)
    explorer.select_option("#claims-explorer-sort", "oldest")
    show_all(explorer, 11)
    assert dates_shown(explorer) == sorted(DATES.values())
    wasm = [url for url in explorer.requests if url.endswith(".pagefind") and "/wasm." in url]
    assert len(wasm) == 1, wasm  # the merged parts share the first part's WebAssembly


def test_a_query_and_a_years_list_find_claims_in_every_part(explorer: Page):
    explorer.goto("search/?q=ceasefire")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("11 results.", timeout=15_000)
    explorer.goto("search/?q=grain&sort=newest")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("4 results.", timeout=15_000)
    show_all(explorer, 4)
    assert dates_shown(explorer) == sorted((d for d in DATES.values() if d.startswith("2024")), reverse=True)
    explorer.goto("search/?year=2022&year=2023&sort=oldest")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("4 results.", timeout=15_000)
    show_all(explorer, 4)
    assert dates_shown(explorer) == sorted(d for d in DATES.values() if d[:4] in ("2022", "2023"))
