"""Issue 13.1: what the explorer shows of a result and of a facet, exactly: a title's character references as
typed (Pagefind's excerpt leaves a text's `&` unescaped, so it read once more as HTML), and a facet's values
in the order of the counts it shows, not of the whole archive's.

Vladimir Putin has three claims about drones, Sergei Lavrov one about ports (and one more, titled with
character references, about zugzwang).
"""

from __future__ import annotations

import re

import pytest

from conftest import Project, Watch, claim_yaml, serve

pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import Page, expect

TITLE = "Lavrov&amp;co say &#106; &lt;b&gt; zugzwang"  # a contributor's text, not HTML
CLAIMS = {  # id: (speaker, date, title, body)
    "drones-1": ("putin", "2025-03-01", "Putin on drones", "About drones [@isw]."),
    "drones-2": ("putin", "2025-02-01", "Putin again on drones", "About drones [@isw]."),
    "drones-3": ("putin", "2025-01-01", "Putin once more on drones", "About drones [@isw]."),
    "ports": ("lavrov", "2025-03-02", "Lavrov on the ports", "About the ports [@isw]."),
    "refs": ("lavrov", "2024-03-02", TITLE, "Nothing more [@isw]."),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("shown")).add_basics()
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\n")
    for claim_id, (speaker, date, title, body) in CLAIMS.items():
        project.write(f"claims/{date[:4]}/{claim_id}.yml",
                      claim_yaml(title=f'"{title}"', speaker=speaker, date=date, body=body))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.fixture
def reader(new_context, site_url) -> Page:
    context = new_context(viewport={"width": 1280, "height": 900}, base_url=site_url)
    page = context.new_page()
    page.watch = Watch(context, site_url)
    return page


def results(page: Page):
    return page.locator("ol.claims-explorer__results > li.claims-explorer__result")


def test_a_title_with_character_references_is_shown_as_typed(reader: Page):
    reader.goto("search/?q=zugzwang")
    first = results(reader).first
    expect(first.locator("a.claims-explorer__title")).to_have_text(TITLE, timeout=15_000)
    excerpt = first.locator(".claims-explorer__excerpt")
    expect(excerpt.locator("mark")).to_have_text(re.compile(r"^zugzwang"))
    assert TITLE in excerpt.inner_text()  # the page's text, as on the page: not "Lavrov&co say j <b> …"
    assert excerpt.locator("b").count() == 0
    reader.watch.assert_clean()


def test_a_facets_values_come_in_the_order_of_the_counts_it_shows(reader: Page):
    """Without words, by the archive's counts (Putin's three claims first); for "ports", Lavrov's first."""
    reader.goto("search/?speaker=Vladimir+Putin")
    facet = reader.locator("details.claims-explorer__facet[data-filter=speaker]")
    values, counts = facet.locator(".claims-explorer__value"), facet.locator(".claims-explorer__count")
    expect(counts).to_have_text(["3", "2"], timeout=15_000)
    expect(values).to_have_text(["Vladimir Putin", "Sergei Lavrov"])
    facet.locator("input[value='Vladimir Putin']").uncheck()
    reader.locator("#claims-explorer-query").fill("ports")
    expect(counts).to_have_text(["1", "0"], timeout=15_000)
    expect(values).to_have_text(["Sergei Lavrov", "Vladimir Putin"])
    reader.locator("#claims-explorer-query").fill("drones")
    expect(counts).to_have_text(["3", "0"], timeout=15_000)
    expect(values).to_have_text(["Vladimir Putin", "Sergei Lavrov"])
    reader.watch.assert_clean()
