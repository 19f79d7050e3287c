"""Issue 13: a large archive's search index in parts of whole years (search_index.parts), which bounds
Pagefind's memory in the build (it needs about 140 KB a page), merged again by the explorer in Chromium.

The site here has 11 claims over four years and `search_part_size: 4`, so its index comes in three parts.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from conftest import Project, claim_yaml, serve
from mkdocs_claims import search_index, search_order
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
    assert listed == {"years": ["2025", "2024", "2023", "2022"],
                      "parts": [{"path": "part-1/", "years": ["2024"]},
                                {"path": "part-2/", "years": ["2023", "2022"]}]}
    first, *older = [bundle_pages(index), *(bundle_pages(index / part["path"]) for part in listed["parts"])]
    claims = [[page for page in pages if page.startswith("claims/")] for pages in (first, *older)]
    # 2025 (3 claims) is the first part with every other page; 2024 (4) the second; 2023 and 2022 (2 + 2)
    # the third.
    assert [sorted(DATES[page.split("/")[1]][:4] for page in part) for part in claims] == [
        ["2025"] * 3, ["2024"] * 4, ["2022"] * 2 + ["2023"] * 2]
    assert "people/putin" in first and "method" not in first  # the other pages are in the first part
    everything = [page for part in (first, *older) for page in part]
    assert len(everything) == len(set(everything))  # no page twice


def reader_of(new_context, url: str) -> Page:
    """A desktop page on the site at `url`, with every address it requests in `page.requests`."""
    context = new_context(viewport={"width": 1280, "height": 900}, base_url=url)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    return page


@pytest.fixture
def explorer(new_context, parted_site):
    return reader_of(new_context, parted_site[1])


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
    expect(explorer.locator(".claims-explorer__status")).to_have_text("11 claims.", timeout=15_000)
    show_all(explorer, 11)
    assert dates_shown(explorer) == sorted(DATES.values(), reverse=True)
    explorer.select_option("#claims-explorer-sort", "oldest")
    show_all(explorer, 11)
    assert dates_shown(explorer) == sorted(DATES.values())
    wasm = [url for url in explorer.requests if url.endswith(".pagefind") and "/wasm." in url]
    assert len(wasm) == 1, wasm  # the merged parts share the first part's WebAssembly


@pytest.fixture(scope="module")
def pagefinds_names(parted_site, tmp_path_factory):
    """The parted site indexed again with its pages under Pagefind's own names and its sort by date, as an
    index of a Pagefind version whose files search_order does not know is left."""
    site = tmp_path_factory.mktemp("names") / "site"
    shutil.copytree(parted_site[0].site, site)
    claim_years = {f"claims/{claim_id}/index.html": int(date[:4]) for claim_id, date in DATES.items()}
    assert all((site / path).is_file() for path in claim_years)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_order, "name_by_date", lambda output: None)
        patch.setenv("XDG_CACHE_HOME", str(site.parent / "cache"))
        search_index.build(site, claim_years, part_pages=4)
    assert not list((site / "pagefind" / "fragment").glob("*.*.pf_fragment"))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("names", ["ranks", "Pagefind's"])
def test_a_list_in_date_order_by_the_ranks_or_by_pagefinds_sort(names, new_context, parted_site,
                                                                 pagefinds_names):
    """The date order comes from the fragments' names (search_order); in an index that kept Pagefind's names,
    from its sort, which the explorer still asks for."""
    page = reader_of(new_context, parted_site[1] if names == "ranks" else pagefinds_names)
    page.goto("search/?q=ceasefire&sort=oldest")
    expect(page.locator(".claims-explorer__status")).to_have_text("11 claims.", timeout=15_000)
    show_all(page, 11)
    assert dates_shown(page) == sorted(DATES.values())


def test_a_query_and_a_years_list_find_claims_in_every_part(explorer: Page):
    explorer.goto("search/?q=ceasefire")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("11 claims.", timeout=15_000)
    explorer.goto("search/?q=grain&sort=newest")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("4 claims.", timeout=15_000)
    show_all(explorer, 4)
    assert dates_shown(explorer) == sorted((d for d in DATES.values() if d.startswith("2024")), reverse=True)
    explorer.goto("search/?year=2022&year=2023&sort=oldest")
    expect(explorer.locator(".claims-explorer__status")).to_have_text("4 claims.", timeout=15_000)
    show_all(explorer, 4)
    assert dates_shown(explorer) == sorted(d for d in DATES.values() if d[:4] in ("2022", "2023"))


# --- Older parts are merged only when a search reaches their years -----------------------------------------

LAZY_CONFIG = CONFIG.replace("search_part_size: 4", "search_part_size: 12")


@pytest.fixture(scope="module")
def lazy_site(tmp_path_factory):
    """Twelve claims of 2025 (the newest part, with every other page) and three of 2024 (the older part), all
    about drones."""
    project = Project(tmp_path_factory.mktemp("lazy"), LAZY_CONFIG).add_basics()
    dates = [f"2025-{month:02d}-01" for month in range(1, 13)] + ["2024-03-01", "2024-02-01", "2024-01-01"]
    for number, date in enumerate(dates):
        project.write(f"claims/{date[:4]}/d{number:02d}.yml",
                      claim_yaml(title=f"Drone claim {number} of {date}", date=date,
                                 body="About the drones [@isw]."))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    listed = json.loads((build.site / "pagefind" / PARTS_FILE).read_text())
    assert listed["parts"] == [{"path": "part-1/", "years": ["2024"]}]
    with serve(build.site) as url:
        yield build, url


@pytest.fixture
def lazy(new_context, lazy_site):
    return reader_of(new_context, lazy_site[1])


def older_part_requests(page: Page) -> list[str]:
    return [url for url in page.requests if "/pagefind/part-1/" in url]


def test_the_newest_claims_of_a_query_come_from_the_newest_part_alone(lazy: Page):
    """A reader of the newest results downloads the newest part only; asking for more reads the older years,
    merging their part then, and the count becomes exact."""
    lazy.goto("search/?q=drones")
    results = lazy.locator("ol.claims-explorer__results > li.claims-explorer__result")
    expect(results).to_have_count(10, timeout=15_000)
    status = lazy.locator(".claims-explorer__status")
    expect(status).to_have_text("At least 12 claims; earlier years are searched as you show more.")
    lazy.wait_for_load_state("networkidle")
    assert older_part_requests(lazy) == []
    assert dates_shown(lazy) == [f"2025-{month:02d}-01" for month in range(12, 2, -1)]
    lazy.locator(".claims-explorer__more").click()  # ten more: the older years' part is merged now
    expect(results).to_have_count(15)
    expect(status).to_have_text("15 claims.")
    expect(lazy.locator(".claims-explorer__more")).to_be_hidden()
    assert dates_shown(lazy)[-3:] == ["2024-03-01", "2024-02-01", "2024-01-01"]
    assert older_part_requests(lazy)


def test_a_best_match_and_a_facet_count_the_whole_archive(lazy: Page):
    lazy.goto("search/?q=drones&sort=best")
    expect(lazy.locator(".claims-explorer__status")).to_have_text("15 results.", timeout=15_000)
    assert older_part_requests(lazy)
    expect(lazy.locator("#claims-explorer-sort")).to_have_value("best")
    lazy.requests.clear()
    lazy.goto("search/?year=2025")  # the newest year's list needs only its own part...
    expect(lazy.locator(".claims-explorer__status")).to_have_text("12 claims.", timeout=15_000)
    # ...and its facet, open since the address chose a year, lists every year of the whole archive (2024 is in
    # the older part's filter file alone), with the claims each would add
    year_2024 = lazy.locator("label.claims-explorer__option:has(input[value='2024'])")
    expect(year_2024.locator(".claims-explorer__count")).to_have_text("3", timeout=15_000)
    assert older_part_requests(lazy)
    lazy.locator("#claims-explorer-query").fill("")
    year_2024.locator("input").check()
    expect(lazy.locator(".claims-explorer__status")).to_have_text("15 claims.", timeout=15_000)
