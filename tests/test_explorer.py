"""Issue 13.1: the explorer (search/), full-text search with facets on Pagefind's index, in Debian's Chromium.

A small site is built in a temporary folder and served over HTTP (Pagefind fetches its index chunks); requests
to any other origin are blocked and must not happen, and every Content-Security-Policy violation fails a test.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from markupsafe import escape

from conftest import REPO, Project, Watch, claim_yaml, search_records, serve

pytest.importorskip("playwright", reason="the playwright package is not installed (pip install -e '.[test]')")
pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import Page, expect

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# A name with every character that could end an attribute, a tag or a Pagefind value list.
ODD_NAME = 'Dmitry "Dima" <Peskov>, Jr. & co \\ 2'
ODD_TOPIC = 'Sanctions, "leverage" > talks'
CYRILLIC = "Россия не пойдёт ни на какие уступки"
CONFIG = """\
site_name: Explorer test
theme:
  name: material
  features: [navigation.instant, navigation.tabs]
  palette:
    - scheme: default
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
plugins:
  - claims
"""
CLAIMS = {  # id: (speaker, date, verdict, topics, title)
    "putin-2024": ("putin", "2024-05-01", "inaccurate", "[peace-talks]",
                   "Putin says Russia never attacked first"),
    "putin-2025a": ("putin", "2025-03-06", "inaccurate", "[peace-talks]", "Putin rules out any concessions"),
    "putin-2025b": ("putin", "2025-01-10", "accurate", "[peace-talks]",
                    "Putin says the talks have not started"),
    "putin-2025c": ("putin", "2025-02-10", "misleading", "[peace-talks]", "Putin says the sanctions failed"),
    "lavrov-2025": ("lavrov", "2025-02-01", "inaccurate", "[peace-talks]", "Lavrov denies any peacekeepers"),
    "odd-2025": ("odd", "2025-03-01", "misleading", "[odd-topic]",
                 "Peskov calls the <article> sanctions theft"),
}


def odd_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def explorer_site(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("explorer"), CONFIG).add_basics()
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\nrole: Foreign Minister of Russia\n")
    project.write("claims/people/odd.yml", f"name: {odd_yaml(ODD_NAME)}\n")
    project.write("claims/topics/odd-topic.yml", f"title: {odd_yaml(ODD_TOPIC)}\n")
    for claim_id, (speaker, date, verdict, topics, title) in CLAIMS.items():
        extra = f"verdict: {verdict}\nverdict_note: The record says otherwise.\ntopics: {topics}\n"
        if claim_id == "putin-2025a":
            extra += f"quotes:\n  - text: Russia will not make any concessions\n    original: {CYRILLIC}\n" \
                     "    lang: ru\n    source: isw\n"
        project.write(f"claims/{date[:4]}/{claim_id}.yml",
                      claim_yaml(title=title, speaker=speaker, date=date, extra=extra,
                                 body=f"{title}, the record shows otherwise [@isw]."))
    project.write("docs/method.md", "# Method\n\nHow we rate the claims of officials.\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield build, url


@pytest.fixture(scope="module")
def records(explorer_site):
    return search_records(explorer_site[0].site)


@pytest.fixture
def reader(new_context, explorer_site):
    """A desktop page of the explorer site, watched."""
    context = new_context(viewport=DESKTOP, base_url=explorer_site[1], color_scheme="light")
    watch = Watch(context, explorer_site[1])
    page = context.new_page()
    page.watch = watch
    return page


def results(page: Page):
    return page.locator("ol.claims-explorer__results > li.claims-explorer__result")


def titles(page: Page) -> list[str]:
    return results(page).locator("a.claims-explorer__title").all_inner_texts()


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def checkbox(page: Page, name: str, value: str):
    return page.locator(f"label.claims-explorer__option:has(input[name='{name}'])").filter(
        has=page.get_by_text(value, exact=True)).locator("input")


def facet(page: Page, label: str):
    return page.locator("details.claims-explorer__facet").filter(has=page.locator("summary", has_text=label))


def open_facet(page: Page, label: str) -> None:
    """One click on a facet's summary, as a reader opens it; its values arrive from the index."""
    facet(page, label).locator("summary").click()
    expect(facet(page, label).locator("label.claims-explorer__option").first).to_be_visible(timeout=15_000)


def ready(page: Page) -> None:
    """The explorer has started and waits for words or a filter."""
    expect(page.locator(".claims-explorer__status")).to_have_text("Type a few words, or choose a filter.",
                                                                  timeout=15_000)


def filter_files(watch) -> list[str]:
    return [url for url in watch.requests if "/pagefind/filter/" in url]


# --- What Pagefind indexes ----------------------------------------------------------------------------------

def test_claim_pages_carry_their_facets_as_text_whatever_the_characters(records):
    odd = records["claims/odd-2025/"]
    # Not split at its comma, nor cut at its quote or bracket; `"` and `\\` as look-alikes Pagefind can match.
    look_alikes = str.maketrans({'"': "\uff02", "\\": "\uff3c", "&": "\uff06"})
    assert odd["filters"]["speaker"] == [ODD_NAME.translate(look_alikes)]
    assert odd["filters"]["topic"] == [ODD_TOPIC.translate(look_alikes)]
    assert odd["meta"]["speaker"] == ODD_NAME
    assert set(odd["filters"]) == {"kind", "speaker", "topic", "verdict", "year"}
    putin = records["claims/putin-2025a/"]
    assert putin["filters"]["verdict"] == ["Inaccurate"] and putin["filters"]["year"] == ["2025"]
    assert putin["meta"]["date"] == "2025-03-06" and putin["meta"]["when"] == "6 March 2025"
    assert CYRILLIC in putin["content"]


def test_the_marks_are_escaped_text_in_the_page(explorer_site):
    page = explorer_site[0].page("claims/odd-2025/")
    speaker = page.select_one('[data-pagefind-meta="speaker"]')
    assert speaker.get_text() == ODD_NAME and speaker.find_parent(attrs={"data-pagefind-ignore": True})
    assert [element.name
            for element in speaker.parent.find_all(True)] == ["span"] * len(speaker.parent.find_all(True))
    raw = (explorer_site[0].site / "claims" / "odd-2025" / "index.html").read_text(encoding="utf-8")
    assert f'<span data-pagefind-meta="speaker">{escape(ODD_NAME)}</span>' in raw


def test_only_the_themes_content_element_is_indexed(explorer_site, records):
    """Pagefind reads the theme's <article>, never the header, navigation or footer, nor an element a title
    makes."""
    for url_path, weight in (("claims/odd-2025/", "2"), ("people/odd/", None), ("method/", None)):
        marked = explorer_site[0].page(url_path).select("[data-pagefind-body]")
        assert [(element.name, element.get("class"), element.get("data-pagefind-weight"))
                for element in marked] == [
            ("article", ["md-content__inner", "md-typeset"], weight)], url_path
    assert "Peskov calls the <article> sanctions theft" in records["claims/odd-2025/"]["content"]
    # the site's name in the header is not indexed
    assert "Explorer test" not in records["method/"]["content"]


def test_every_page_has_the_search_link_in_its_header(explorer_site):
    build = explorer_site[0]
    pages = [p for p in build.site.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 10
    for file in pages:
        url_path = file.parent.relative_to(build.site).as_posix()
        url_path = "" if url_path == "." else url_path + "/"
        links = build.page(url_path).select("header a.claims-search-link")
        assert len(links) == 1, url_path
        assert urljoin("http://site/" + url_path, links[0]["href"]) == "http://site/search/", url_path
        assert links[0]["aria-label"] == "Search"


def test_the_header_is_the_themes_own_but_for_the_search_link():
    """theme/partials/header.html copies mkdocs-material's: after a theme update, copy it again."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/header.html").read_text(encoding="utf-8")
    ours = (REPO / "plugins/mkdocs_claims/theme/partials/header.html").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.DOTALL)
    ours = re.sub(r"    \{#- mkdocs-claims:.*?\{% endif %\}\n", "", ours, flags=re.DOTALL)
    theirs = re.sub(r"\A\{#-.*?-#\}\n", "", theirs, flags=re.DOTALL)
    assert ours == theirs


# --- The explorer in Chromium -------------------------------------------------------------------------------

def test_type_a_query_and_see_title_speaker_date_and_verdict(reader: Page):
    reader.goto("search/")
    ready(reader)
    reader.locator("#claims-explorer-query").press_sequentially("concessions", delay=20)
    # The results of the first letters may show before the last is typed (seen once under load: "co").
    expect(reader).to_have_url(re.compile(r"[?&]q=concessions(?:&|$)"), timeout=15_000)
    expect(results(reader).first).to_be_visible(timeout=15_000)
    first = results(reader).first
    expect(first.locator("a.claims-explorer__title")).to_have_text("Putin rules out any concessions")
    expect(first.locator(".claims-explorer__speaker")).to_have_text("Vladimir Putin")
    expect(first.locator("time")).to_have_text("6 March 2025")
    expect(first.locator("time")).to_have_attribute("datetime", "2025-03-06")
    expect(first.locator(".claims-explorer__verdict")).to_have_text("Inaccurate")
    # in its colour, as on the claim's page and in every list (it was plain bold text here alone)
    expect(first.locator(".claims-explorer__verdict .claims-verdict--inaccurate")).to_have_css(
        "background-color", "rgb(155, 17, 17)")
    expect(first.locator(".claims-explorer__excerpt mark").first).to_have_text(
        re.compile("concessions", re.IGNORECASE))
    # a window on the page's text, which goes on before and after it
    excerpt = first.locator(".claims-explorer__excerpt").inner_text()
    assert excerpt.startswith("… ") and excerpt.endswith(" …") and "concessions" in excerpt, excerpt
    # every result is shown: nothing more to ask for
    expect(reader.locator(".claims-explorer__more")).to_be_hidden()
    assert query_of(reader) == {"q": ["concessions"]}
    first.locator("a").click()
    expect(reader).to_have_url(re.compile(r"/claims/putin-2025a/$"))
    reader.watch.assert_clean()


def test_one_speakers_inaccurate_claims_of_one_year_in_a_few_clicks_and_as_a_link(reader: Page):
    reader.goto("search/")
    ready(reader)
    open_facet(reader, "Speaker")
    checkbox(reader, "speaker", "Vladimir Putin").check()
    expect(results(reader)).to_have_count(4, timeout=15_000)
    open_facet(reader, "Verdict")
    checkbox(reader, "verdict", "Inaccurate").check()
    expect(results(reader)).to_have_count(2)
    # A facet's counts are of the current results: two of Putin's four claims are inaccurate.
    expect(checkbox(reader, "verdict", "Inaccurate").locator("xpath=..").locator(".claims-explorer__count")
           ).to_have_text("2")
    open_facet(reader, "Year")
    checkbox(reader, "year", "2025").check()
    expect(results(reader)).to_have_count(1)
    assert titles(reader) == ["Putin rules out any concessions"]
    link = reader.url
    assert query_of(reader) == {"speaker": ["Vladimir Putin"], "verdict": ["Inaccurate"], "year": ["2025"]}
    # The address is the list: opened afresh, it shows the same claims with the same boxes ticked.
    reader.goto("claims/")
    reader.goto(link)
    expect(results(reader)).to_have_count(1, timeout=15_000)
    expect(checkbox(reader, "verdict", "Inaccurate")).to_be_checked()
    # Without words, a filtered list shows the newest first; the order can be reversed.
    checkbox(reader, "year", "2025").uncheck()
    expect(results(reader)).to_have_count(2)
    assert titles(reader) == ["Putin rules out any concessions", "Putin says Russia never attacked first"]
    reader.select_option("#claims-explorer-sort", "oldest")
    first = results(reader).first.locator("a.claims-explorer__title")
    expect(first).to_have_text("Putin says Russia never attacked first")
    assert query_of(reader)["sort"] == ["oldest"]
    reader.watch.assert_clean()


def test_a_query_lists_claims_newest_first_and_names_the_pages_it_finds_above(reader: Page):
    """By date, the list holds claims; the person, topic and other pages the words find are named above it.
    The best match ranks them all together."""
    reader.goto("search/?q=lavrov")
    pages = reader.locator(".claims-explorer__pages")
    expect(pages.get_by_role("link", name="Sergei Lavrov")).to_have_attribute(
        "href", re.compile(r"/people/lavrov/$"), timeout=15_000)
    expect(pages.locator(".claims-explorer__kind")).to_have_text(" (Person)")
    expect(results(reader)).to_have_count(1)
    assert titles(reader) == ["Lavrov denies any peacekeepers"]
    reader.goto("search/?q=putin")
    expect(pages.get_by_role("link", name="Vladimir Putin")).to_be_visible(timeout=15_000)
    expect(results(reader)).to_have_count(4)
    assert titles(reader) == ["Putin rules out any concessions", "Putin says the sanctions failed",
                              "Putin says the talks have not started",
                              "Putin says Russia never attacked first"]
    reader.select_option("#claims-explorer-sort", "best")
    expect(results(reader).filter(has_text="Vladimir Putin").locator(".claims-explorer__kind")).to_have_text(
        "Person", timeout=15_000)
    expect(pages).to_be_hidden()
    assert query_of(reader) == {"q": ["putin"], "sort": ["best"]}
    reader.watch.assert_clean()


def test_a_facet_counts_what_each_of_its_values_would_add(reader: Page):
    """Values of one facet add up (any of them): with Putin chosen, Lavrov's count is what ticking him adds,
    not 0. A list sent as a link opens without the keyboard over it; a choice of people lists people."""
    reader.goto("search/?speaker=Vladimir+Putin")
    expect(results(reader)).to_have_count(4, timeout=15_000)
    expect(reader.locator("#claims-explorer-query")).not_to_be_focused()
    lavrov = checkbox(reader, "speaker", "Sergei Lavrov").locator("xpath=..")
    expect(lavrov.locator(".claims-explorer__count")).to_have_text("1", timeout=15_000)
    open_facet(reader, "Verdict")  # another facet counts among the results: Putin's inaccurate claims
    inaccurate = checkbox(reader, "verdict", "Inaccurate").locator("xpath=..")
    expect(inaccurate.locator(".claims-explorer__count")).to_have_text("2")
    checkbox(reader, "speaker", "Sergei Lavrov").check()
    expect(results(reader)).to_have_count(5)
    expect(reader.locator(".claims-explorer__status")).to_have_text("5 claims.")
    expect(inaccurate.locator(".claims-explorer__count")).to_have_text("3")
    reader.goto("search/?kind=Person")
    expect(reader.locator(".claims-explorer__status")).to_have_text("3 results.", timeout=15_000)
    assert sorted(titles(reader)) == sorted([ODD_NAME, "Sergei Lavrov", "Vladimir Putin"])
    reader.goto("search/")
    expect(reader.locator("#claims-explorer-query")).to_be_focused(timeout=15_000)
    reader.watch.assert_clean()


def test_the_verdicts_are_listed_in_the_order_of_the_scale(reader: Page):
    """Best first, as on the method page and the scorecards, not by how many claims each has (3 inaccurate,
    2 misleading, 1 accurate here), which put "Not rated" or the worst verdict on top."""
    reader.goto("search/")
    ready(reader)
    open_facet(reader, "Verdict")
    values = facet(reader, "Verdict").locator(".claims-explorer__value")
    expect(values).to_have_text(["Accurate", "Misleading", "Inaccurate"])
    reader.watch.assert_clean()


def test_a_hostile_name_is_a_facet_like_any_other(reader: Page):
    reader.goto("search/?" + urlencode({"speaker": ODD_NAME}))  # as typed: the explorer finds its look-alikes
    expect(results(reader)).to_have_count(1, timeout=15_000)
    first = results(reader).first
    expect(first.locator(".claims-explorer__speaker")).to_have_text(ODD_NAME)
    expect(checkbox(reader, "speaker", ODD_NAME)).to_be_checked()
    open_facet(reader, "Topic")
    expect(checkbox(reader, "topic", ODD_TOPIC)).to_be_attached()
    assert reader.locator("ol.claims-explorer__results peskov").count() == 0
    reader.watch.assert_clean()


# An address anyone can send a reader: every field of the form and unknown ones, with markup and schemes.
HOSTILE_ADDRESS = {
    "q": '"><img src=x onerror="window.__pwned=1">putin',
    "speaker": ["<svg/onload=window.__pwned=1>", ODD_NAME],
    "topic": "</legend><script>window.__pwned=1</script>",
    "verdict": "Inaccurate' onmouseover='window.__pwned=1",
    "year": "2025\u202e<b>",
    "kind": "Claim",
    "sort": "javascript:window.__pwned=1",
    "__proto__": "x",
    "constructor": "<img src=x onerror=window.__pwned=1>",
}


def test_a_hostile_address_and_history_state_stay_text(reader: Page):
    """The address fills the form and the history entry's state brings a reader back to a result: both are
    anyone's to write. Values show as typed, in the query box and as ticked boxes, no element or attribute
    comes of them, an unknown order is the default one, and a state that names a script or an absurd length
    neither runs nor stalls the list."""
    reader.goto("search/?" + urlencode(HOSTILE_ADDRESS, doseq=True))
    expect(reader.locator(".claims-explorer__status")).to_have_text("No claims.", timeout=15_000)
    expect(reader.locator("#claims-explorer-query")).to_have_value(HOSTILE_ADDRESS["q"])
    assert reader.locator("#claims-explorer-sort").input_value() == ""  # newest first
    for name, values in HOSTILE_ADDRESS.items():
        if name in ("speaker", "topic", "verdict", "year"):
            for value in values if isinstance(values, list) else [values]:
                expect(checkbox(reader, name, value)).to_be_checked()
    assert reader.locator("#claims-explorer img, #claims-explorer svg, #claims-explorer script, "
                          "#claims-explorer b, #claims-explorer [onerror], #claims-explorer [onload], "
                          "#claims-explorer [onmouseover]").count() == 0
    # Every id in the explorer is its own, unique on the page.
    ids = reader.evaluate("() => [...document.querySelectorAll('#claims-explorer [id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)) and all(i.startswith("claims-") for i in ids), ids
    # Back to a list from a result whose state someone wrote: a script URL, a length no list has.
    reader.goto("search/?q=putin")
    expect(results(reader)).to_have_count(4, timeout=15_000)
    reader.evaluate("() => history.replaceState({claimsOpened: 'javascript:window.__pwned=1', "
                    "claimsShown: 1e9}, '')")
    reader.reload()
    expect(results(reader)).to_have_count(4, timeout=15_000)
    reader.evaluate("() => history.replaceState({claimsOpened: {toString: null}, claimsShown: '<b>'}, '')")
    reader.reload()
    expect(results(reader)).to_have_count(4, timeout=15_000)
    hrefs = reader.evaluate("() => [...document.querySelectorAll('#claims-explorer a')].map(a => a.href)")
    assert hrefs and all(href.startswith(reader.watch.site_url) for href in hrefs), hrefs
    assert reader.evaluate("() => window.__pwned") is None
    reader.watch.assert_clean()


def test_a_cyrillic_query_finds_the_cyrillic_original(reader: Page):
    reader.goto("search/?q=" + "уступки")
    expect(results(reader)).to_have_count(1, timeout=15_000)
    assert titles(reader) == ["Putin rules out any concessions"]
    expect(results(reader).first.locator(".claims-explorer__excerpt mark")).to_have_text(
        re.compile("уступки"))
    reader.watch.assert_clean()


def test_search_from_a_claim_page_with_the_keyboard_only(reader: Page):
    reader.goto("claims/lavrov-2025/")
    for _ in range(40):  # Tab through the header to the search link, as a keyboard user does
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.matches('a.claims-search-link')"):
            break
    else:
        pytest.fail("the header's search link is not reachable with Tab")
    reader.keyboard.press("Enter")  # instant navigation: the claim page's policy still governs the explorer
    expect(reader).to_have_url(re.compile(r"/search/$"))
    expect(reader.locator("#claims-explorer-query")).to_be_focused(timeout=15_000)
    reader.keyboard.type("peacekeepers")
    expect(results(reader).first.locator("a")).to_have_text("Lavrov denies any peacekeepers", timeout=15_000)
    for _ in range(60):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.matches('a.claims-explorer__title')"):
            break
    else:
        pytest.fail("the first result is not reachable with Tab")
    reader.keyboard.press("Enter")
    expect(reader).to_have_url(re.compile(r"/claims/lavrov-2025/$"))
    reader.watch.assert_clean()


# mkdocs-material writes its own state (the scroll position) into the history entry, in place of the
# explorer's; when it did so before the way back was read, the keyboard was left on the page's body.
CLOBBERED_STATE = """
const replace = history.replaceState.bind(history);
history.replaceState = (state, title, url) => replace({x: 0, y: 0}, title, url);
"""


@pytest.mark.parametrize("state", ["kept", "replaced by the theme"])
def test_back_from_a_result_the_keyboard_is_on_it_again(reader: Page, state):
    if state != "kept":
        reader.add_init_script(CLOBBERED_STATE)
    reader.goto("search/?q=putin")
    expect(results(reader)).to_have_count(4, timeout=15_000)
    third = results(reader).nth(2).locator("a.claims-explorer__title")
    title = third.inner_text()
    third.focus()
    reader.keyboard.press("Enter")
    expect(reader.locator("article h1")).to_have_text(title, timeout=15_000)
    reader.go_back()
    expect(reader).to_have_url(re.compile(r"/search/\?q=putin$"))
    expect(results(reader).nth(2).locator("a.claims-explorer__title")).to_be_focused(timeout=15_000)
    reader.watch.assert_clean()


def test_a_facet_with_the_keyboard(reader: Page):
    reader.goto("search/")
    ready(reader)
    # Tab from the query box to the verdict facet, open it with Enter, tick a value with Space
    for _ in range(20):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.matches('details.claims-explorer__facet > summary')"
                           " && document.activeElement.textContent === 'Verdict'"):
            break
    else:
        pytest.fail("the verdict facet is not reachable with Tab")
    reader.keyboard.press("Enter")
    expect(checkbox(reader, "verdict", "Accurate")).to_be_visible(timeout=15_000)
    while not reader.evaluate("document.activeElement.matches('input[name=verdict]')"):
        reader.keyboard.press("Tab")
    while reader.evaluate("document.activeElement.value") != "Accurate":
        reader.keyboard.press("Tab")
    reader.keyboard.press("Space")
    expect(results(reader)).to_have_count(1, timeout=15_000)
    assert titles(reader) == ["Putin says the talks have not started"]


def test_a_facets_values_load_only_when_it_is_opened(reader: Page, records):
    """Each filter's values are a file of Pagefind's that grows with the archive: opening the explorer and
    searching fetch none of them; opening one facet fetches that facet's file only, once."""
    reader.goto("search/")
    ready(reader)
    reader.locator("#claims-explorer-query").fill("theft")
    expect(results(reader).first).to_be_visible(timeout=15_000)
    reader.wait_for_load_state("networkidle")
    assert filter_files(reader.watch) == []
    assert reader.locator("details.claims-explorer__facet[open]").count() == 0
    assert reader.locator(".claims-explorer__facets input").count() == 0
    open_facet(reader, "Verdict")
    reader.wait_for_load_state("networkidle")
    assert len(filter_files(reader.watch)) == 1
    # Every verdict of the archive, each counted among the current results: the pages that speak of theft.
    verdicts = [record["filters"].get("verdict", [None])[0] for record in records.values()]
    expected = {verdict: str(sum(1 for record in records.values() if "theft" in record["content"].lower()
                                 and record["filters"].get("verdict") == [verdict]))
                for verdict in verdicts if verdict}
    expect(facet(reader, "Verdict").locator(".claims-explorer__count").first).not_to_have_text("")
    counts = {label.locator(".claims-explorer__value").inner_text():
              label.locator(".claims-explorer__count").inner_text()
              for label in facet(reader, "Verdict").locator("label.claims-explorer__option").all()}
    assert counts == expected and counts["Misleading"] == "1", counts
    facet(reader, "Verdict").locator("summary").click()  # closed and opened again: nothing fetched twice
    facet(reader, "Verdict").locator("summary").click()
    open_facet(reader, "Year")
    reader.wait_for_load_state("networkidle")
    assert len(filter_files(reader.watch)) == 2
    assert len(set(filter_files(reader.watch))) == 2
    reader.watch.assert_clean()


def test_the_explorer_fetches_no_sitemap_and_the_feed_is_still_advertised(new_context, tmp_path):
    """The theme fetches the sitemap.xml beside every rel="alternate" link, taking it for a translation: for
    the site's feed, the whole sitemap on every page (about 100 KiB compressed at 25,000 claims). A site
    without the theme's instant navigation, which fetches the sitemap for itself, now fetches none."""
    project = Project(tmp_path,
                      "site_name: Plain\ntheme:\n  name: material\nplugins:\n  - claims\n").add_basics()
    project.write("claims/2025/putin.yml", claim_yaml(body="Putin rules out any concessions [@isw]."))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "sitemap.xml").is_file()
    with serve(build.site) as url:
        context = new_context(viewport=DESKTOP, base_url=url)
        watch = Watch(context, url)
        page = context.new_page()
        page.goto("search/?q=concessions")
        expect(results(page).first).to_be_visible(timeout=15_000)
        page.wait_for_load_state("networkidle")
        assert not [address for address in watch.requests if address.endswith("sitemap.xml")], watch.requests
        watch.assert_clean()
        context.close()
    feeds = build.page("search/").select('head link[type="application/atom+xml"]')
    assert [(feed["rel"], urljoin("http://site/search/", feed["href"])) for feed in feeds] == [
        (["alternate", "feed"], "http://site/feed.xml")]


def test_a_filtered_list_from_the_address_fetches_only_its_filters(reader: Page):
    reader.goto("search/?" + urlencode({"verdict": "Inaccurate", "year": "2025"}))
    expect(results(reader)).to_have_count(2, timeout=15_000)
    reader.wait_for_load_state("networkidle")
    # the verdict's and the year's, not the speakers' nor the topics'
    assert len(set(filter_files(reader.watch))) == 2
    expect(facet(reader, "Verdict")).to_have_attribute("open", "")
    expect(checkbox(reader, "verdict", "Inaccurate")).to_be_checked()
    # the facet's other values, to widen the list
    expect(checkbox(reader, "verdict", "Accurate")).not_to_be_checked()
    assert reader.locator("details.claims-explorer__facet[open]").count() == 2
    reader.watch.assert_clean()


def test_the_explorer_loads_only_from_the_site_under_its_policy(reader: Page, explorer_site):
    reader.goto("search/?q=sanctions")
    expect(results(reader).first).to_be_visible(timeout=15_000)
    policy = reader.locator('head meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    script_src = policy.split("script-src", 1)[1].split(";")[0]
    assert "'wasm-unsafe-eval'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    fetched = reader.watch.requests
    # the WebAssembly
    assert any("/pagefind/" in url and url.endswith(".pagefind") for url in fetched), fetched
    assert all(url.startswith(explorer_site[1]) for url in fetched)
    reader.watch.assert_clean()


def test_pagefind_runs_on_the_page_under_the_policy_without_its_worker(new_context, explorer_site):
    """Pagefind compiles its WebAssembly on the page, where only the policy's 'wasm-unsafe-eval' lets it run,
    whether or not the browser has workers: its worker script would be 12 KiB more to download before the
    first results (benchmarks/RESULTS.md)."""
    for workers in (True, False):
        context = new_context(viewport=DESKTOP, base_url=explorer_site[1])
        if not workers:
            context.add_init_script("Object.defineProperty(window, 'Worker', {value: undefined})")
        watch = Watch(context, explorer_site[1])
        page = context.new_page()
        page.goto("search/?q=concessions")
        expect(results(page).first.locator("a")).to_have_text("Putin rules out any concessions",
                                                              timeout=15_000)
        assert not any(url.endswith("/pagefind/pagefind-worker.js") for url in watch.requests), watch.requests
        watch.assert_clean()
        context.close()


def test_the_explorer_on_a_phone(new_context, explorer_site):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=explorer_site[1])
    watch = Watch(context, explorer_site[1])
    page = context.new_page()
    page.goto("claims/putin-2024/")
    link = page.locator("header a.claims-search-link")
    expect(link).to_be_visible()  # one tap from the page
    link.tap()
    expect(page).to_have_url(re.compile(r"/search/$"))
    page.locator("#claims-explorer-query").fill("sanctions")
    expect(results(page).first).to_be_visible(timeout=15_000)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    watch.assert_clean()


def axe_violations(page: Page) -> list[dict]:
    # through DevTools, outside the page's policy
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_either_palette(new_context, explorer_site, scheme):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci`)")
    context = new_context(viewport=DESKTOP, base_url=explorer_site[1], color_scheme=scheme)
    page = context.new_page()
    page.goto("")
    if scheme == "dark":
        page.locator("form[data-md-component='palette'] label[title='Switch to dark mode']").click()
    page.goto("search/?q=putin&verdict=Inaccurate")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme",
                                                   "slate" if scheme == "dark" else "default")
    expect(results(page).first).to_be_visible(timeout=15_000)
    assert axe_violations(page) == []
    page.goto("search/?q=putin")  # and the pages the words find, named above the claims
    expect(page.locator(".claims-explorer__pages a").first).to_be_visible(timeout=15_000)
    assert axe_violations(page) == []
