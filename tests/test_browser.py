"""The built site in a real browser: the reader's journey, accessibility, relation graph, citation previews.

Playwright for Python (pytest-playwright's fixtures) drives Debian's Chromium at /usr/bin/chromium; no browser
is ever downloaded. The frozen article (tests/fixtures/article) is built once and served on 127.0.0.1 at a
free port. Requests to any other host are blocked, so the tests run offline and never depend on third-party
servers.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytest.importorskip("playwright", reason="the playwright package is not installed (pip install -e '.[test]')")
pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import Page, expect

from conftest import Project, Watch, claim_yaml, serve

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

CLAIM = "claims/lavrov-no-european-peacekeepers/"
RATED_CLAIM = "claims/lavrov-root-causes/"  # a verdict, with its meter
REJECTED_CLAIM = "claims/hegseth-peacekeeping-troops/"



# --- Fixtures: the site on localhost, Debian's Chromium -----------------------------------------------------

@pytest.fixture(scope="session")
def site_url(article_site):
    """The article's site served on 127.0.0.1 at a free port, for the whole session."""
    with serve(article_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, site_url):
    return {**browser_context_args, "base_url": site_url, "color_scheme": "light", "locale": "en-GB"}


@pytest.fixture
def watch(context, site_url) -> Watch:
    return Watch(context, site_url)


@pytest.fixture
def site(page: Page, watch: Watch) -> Page:
    """A desktop page of the site whose console is watched; `page.goto('claims/x/')` is relative to the
    site."""
    page.set_viewport_size(DESKTOP)
    return page


def path_of(page: Page) -> str:
    """The page's URL path relative to the site root, e.g. 'claims/x/'."""
    return urlsplit(page.url).path.lstrip("/")


def expect_path(page: Page, path: str, timeout: float | None = None):
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/" + re.escape(path) + r"(?:[?#].*)?$"),
                             timeout=timeout)


def assert_no_horizontal_scroll(page: Page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], \
        f"{path_of(page)} scrolls sideways at {page.viewport_size}: {widths[0]} > {widths[1]}"


# --- 0. Only the site's own origin, under its Content-Security-Policy ---------------------------------------

PAGE_KINDS = ["", "claims/", CLAIM, "people/", "people/vladimir-putin/", "topics/", "topics/peace-talks/",
              "sources/", "sources/isw-2025-03-06/", "timeline/", "graph/",
              "explainers/russia-rejects-concessions/", "format/", "search/?q=peacekeepers"]
# (404.html links its assets from site_url's path, which this local server does not have: its policy is
# checked in the HTML by test_untrusted.py.)


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_every_page_kind_loads_only_from_the_site_under_its_policy(site: Page, watch: Watch, path: str):
    requests: list[str] = []
    site.on("request", lambda request: requests.append(request.url))
    site.goto(path)
    site.wait_for_load_state("networkidle")
    policy = site.locator('head meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_count(1)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy.get_attribute("content")
    assert "'unsafe-inline'" not in policy.get_attribute("content").split("script-src")[1].split(";")[0]
    assert site.evaluate("document.head.querySelector('script, meta[http-equiv]') === "
                         "document.head.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')"), \
        "a script comes before the policy"
    assert requests and all(url.startswith(watch.site_url) for url in requests), \
        [url for url in requests if not url.startswith(watch.site_url)]
    watch.assert_clean()


# --- 1. The reader's journey --------------------------------------------------------------------------------

def test_reach_a_claim_through_the_index_a_person_and_a_topic(site: Page, watch: Watch):
    site.goto("")
    expect(site.locator("article h1")).to_have_text(re.compile("Claims explained"))

    site.locator(".md-tabs a.md-tabs__link", has_text="Claims").click()
    expect_path(site, "claims/")
    site.locator(".claims-table table a", has_text="Lavrov rejects European peacekeepers").click()
    expect_path(site, CLAIM)
    expect(site.locator("article h1")).to_have_text("Lavrov rejects European peacekeepers in Ukraine")

    site.locator(".claims-box a.claims-speaker").click()
    expect_path(site, "people/sergei-lavrov/")
    site.locator("ul.claims-list a", has_text="Lavrov says a peace deal must address").click()
    expect_path(site, "claims/lavrov-root-causes/")

    site.locator("p.claims-topics a.claims-topic").first.click()
    assert path_of(site).startswith("topics/")
    topic = site.locator("article h1").inner_text()
    site.locator("ul.claims-list > li > a").first.click()
    assert re.fullmatch(r"claims/[a-z0-9-]+/", path_of(site)), site.url
    expect(site.locator("p.claims-topics a.claims-topic", has_text=topic)).to_have_count(1)
    watch.assert_clean()


def test_citation_marker_to_the_references_and_back(site: Page, watch: Watch):
    site.goto(CLAIM)
    marker = site.locator("sup.claims-cite a").first
    sup_id = site.locator("sup.claims-cite").first.get_attribute("id")  # cite-N-K
    target = "#" + urlsplit(marker.get_attribute("href")).fragment  # #ref-N (the theme makes hrefs absolute)
    assert re.fullmatch(r"#ref-\d+", target) and re.fullmatch(r"cite-\d+-\d+", sup_id)

    marker.click()
    expect(site).to_have_url(re.compile(re.escape(target) + "$"))
    expect(site.locator(f"li{target}")).to_be_in_viewport()
    expect(site.locator(f"sup#{sup_id}")).not_to_be_in_viewport()  # the references are below the fold here

    site.locator(f"li{target} .claims-backlink a[href$='#{sup_id}']").click()
    expect(site).to_have_url(re.compile(f"#{sup_id}$"))
    expect(site.locator(f"sup#{sup_id}")).to_be_in_viewport()
    expect_path(site, CLAIM)
    watch.assert_clean()


def test_follow_a_rejected_by_relation(site: Page, watch: Watch):
    site.goto(REJECTED_CLAIM)
    expect(site.locator("h3#relations-rejected-by")).to_have_text("Rejected by")
    rejected_by = site.locator("h3#relations-rejected-by + ul.claims-relations li.claims-relation--rejects")
    expect(rejected_by).to_have_count(2)
    rejected_by.first.locator("a").click()
    expect_path(site, CLAIM)
    # ... and the rejecting claim shows the relation from its side.
    expect(site.locator("h3#relations-rejects")).to_have_text("Rejects")
    back = site.locator("h3#relations-rejects + ul.claims-relations li.claims-relation--rejects")
    expect(back.locator(f"a[href$='/{REJECTED_CLAIM}']")).to_have_count(1)
    watch.assert_clean()


def search(page: Page, words: str):
    """Search as a reader does: the header's search link, then words typed into the explorer."""
    page.locator("header a.claims-search-link").click()
    query = page.locator("#claims-explorer-query")
    query.click()
    query.press_sequentially(words, delay=15)
    # The results of the whole words, not of a part typed before a pause (the explorer searches as one types).
    typed = re.compile(r"[?&]q=" + re.escape(urlencode({"q": words})[2:]) + "$")
    expect(page).to_have_url(typed, timeout=10_000)
    expect(page.locator("ol.claims-explorer__results[aria-busy]")).to_have_count(0, timeout=10_000)
    results = page.locator("ol.claims-explorer__results a.claims-explorer__title")
    expect(results.first).to_be_visible(timeout=10_000)
    return results


def test_search_words_of_a_quote_and_open_the_result(site: Page, watch: Watch):
    site.goto("")
    search(site, "no room for compromise")  # from "Russia sees no room for compromise on this issue"
    # Claims that relate to it quote it too: the claim itself is among the first results.
    site.locator("ol.claims-explorer__results > li:nth-child(-n+3) a.claims-explorer__title",
                 has_text="Lavrov rejects European peacekeepers in Ukraine").click()
    expect_path(site, CLAIM)
    expect(site.locator("blockquote.claims-quote__text", has_text="no room for compromise")).to_be_visible()
    watch.assert_clean()


def test_search_rarer_words_of_a_quote_rank_the_claim_first(site: Page):
    site.goto("")
    search(site, "undisguised involvement").first.click()
    expect_path(site, CLAIM, timeout=1500)


def test_dark_palette(site: Page, watch: Watch):
    site.goto(CLAIM)
    expect(site.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    site.locator("form[data-md-component='palette'] label[title='Switch to dark mode']").click()
    expect(site.locator("body[data-md-color-scheme='slate']")).to_have_count(1)
    site.reload()  # the choice is remembered
    expect(site.locator("body[data-md-color-scheme='slate']")).to_have_count(1)
    watch.assert_clean()


def test_claim_page_on_a_phone(new_context, site_url):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    watch = Watch(context, site_url)
    page = context.new_page()
    page.goto(CLAIM)
    expect(page.locator("article h1")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.locator("sup.claims-cite a").first.tap()
    expect(page.locator("li#ref-1")).to_be_in_viewport()
    for path in ("", "claims/", "timeline/", REJECTED_CLAIM, "explainers/russia-rejects-concessions/"):
        page.goto(path)
        assert_no_horizontal_scroll(page)
    watch.assert_clean()


FOCUSED = """() => { const e = document.activeElement; return [e.tagName, e.className || "",
    !!e.closest(".md-sidebar--primary"), e.getAttribute("href") || ""]; }"""


def tab_through(page: Page, presses: int) -> list[list]:
    """What the keyboard lands on, Tab after Tab from the top of the page."""
    page.locator("body").focus()
    landed = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        landed.append(page.evaluate(FOCUSED))
    return landed


def test_the_closed_drawer_is_out_of_the_tab_order_and_its_button_is_a_button(new_context, site_url):
    """On a phone, mkdocs-material's closed navigation drawer is out of sight, but the keyboard went through
    its links (dozens of Tabs through nothing visible), and its menu button, a label, never took focus."""
    context = new_context(viewport=PHONE)
    watch = Watch(context, site_url)
    page = context.new_page()
    page.goto(CLAIM)
    landed = tab_through(page, 25)
    assert not [stop for stop in landed if stop[2]], landed
    button = page.locator("button.claims-drawer-button")
    assert [stop for stop in landed if stop[0] == "BUTTON" and "claims-drawer-button" in stop[1]], landed
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_accessible_name("Navigation")
    # Enter opens it, and the keyboard goes into it, onto links in sight.
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_be_in_viewport()
    assert page.evaluate(FOCUSED)[2]
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)[2] and page.evaluate("() => document.activeElement.checkVisibility()")
    # Escape closes it and gives the keyboard back to the button; once closed, it is out of the order again.
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(drawer).to_have_css("visibility", "hidden")
    assert not [stop for stop in tab_through(page, 25) if stop[2]]
    # The pointer still opens it (Space as well), and the theme's slide is kept.
    button.click()
    expect(drawer).to_be_in_viewport()
    assert "transform" in drawer.evaluate("e => getComputedStyle(e).transitionProperty")
    page.locator("label.md-overlay").click(position={"x": 370, "y": 400})
    expect(drawer).to_have_css("visibility", "hidden")
    button.focus()
    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")
    watch.assert_clean()


def test_the_open_drawer_keeps_the_keyboard_inside(new_context, site_url):
    """On a phone the open drawer covers the page, as a dialog does: Tab and Shift+Tab go round its links in
    sight and never into the page behind it; Escape still closes it and gives the keyboard back to the
    button."""
    context = new_context(viewport=PHONE)
    watch = Watch(context, site_url)
    page = context.new_page()
    page.goto(CLAIM)
    button = page.locator("button.claims-drawer-button")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    # Where the keyboard is: the focused element's place among the drawer's elements (None: outside it), and
    # whether a reader sees it.
    where = """() => {
        const e = document.activeElement, drawer = document.querySelector(".md-sidebar--primary");
        const place = Array.prototype.indexOf.call(drawer.querySelectorAll("*"), e);
        return [place < 0 ? null : place, e.checkVisibility({checkVisibilityCSS: true}),
                e.outerHTML.slice(0, 80)];
    }"""
    start = page.evaluate(where)
    forward = [start]
    for _ in range(60):  # more than the drawer holds: the keyboard comes round to where it started
        page.keyboard.press("Tab")
        stop = page.evaluate(where)
        assert stop[0] is not None and stop[1], (forward, stop)
        if stop == start:
            break
        forward.append(stop)
    else:
        pytest.fail(f"Tab never came round to where it started in the drawer: {forward}")
    assert len(forward) > 3 and len({stop[0] for stop in forward}) == len(forward), forward
    # Backwards: the same stops in the opposite order, round again to where it started.
    backward = []
    for _ in forward:
        page.keyboard.press("Shift+Tab")
        backward.append(page.evaluate(where))
    assert backward == forward[1:][::-1] + [start], (forward, backward)
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    watch.assert_clean()


def test_on_a_desktop_the_navigation_is_in_the_tab_order_and_there_is_no_menu_button(site: Page):
    site.goto("method/")
    expect(site.locator(".md-sidebar--primary")).to_have_css("visibility", "visible")
    expect(site.locator("button.claims-drawer-button")).to_be_hidden()
    assert [stop for stop in tab_through(site, 40) if stop[2]]


@pytest.mark.parametrize("width", [320, 1280])
def test_byline_under_the_headline_on_the_first_screen(new_context, site_url, width: int):
    """Issue 14.4: who wrote and reviewed the explainer, and when, is read before the claim, on a phone
    too."""
    context = new_context(viewport={"width": width, "height": 640}, is_mobile=width < 400)
    page = context.new_page()
    page.goto(CLAIM)
    byline = page.locator("article .claims-byline")
    expect(byline).to_be_in_viewport()
    assert re.sub(r"\s+", " ", byline.inner_text()).strip() == \
        "By David Marsh · Reviewed by Inês Duarte · Published 9 March 2025"
    assert byline.locator("time").get_attribute("datetime") == "2025-03-09"
    assert byline.evaluate(WHOLLY_VISIBLE)
    assert_no_horizontal_scroll(page)


# --- 2. Accessibility: axe-core -----------------------------------------------------------------------------

A11Y_PAGES = [
    pytest.param("", id="home"),
    pytest.param(CLAIM, id="claim"),
    pytest.param("people/sergei-lavrov/", id="person"),
    pytest.param("topics/peacekeeping-forces/", id="topic"),
    pytest.param("sources/isw-2025-03-06/", id="source"),
    pytest.param("claims/", id="index"),
    pytest.param("timeline/", id="timeline"),
    pytest.param("explainers/russia-rejects-concessions/", id="explainer"),
    pytest.param("graph/", id="graph"),
    pytest.param("search/?q=peacekeepers", id="search"),
]

def axe_violations(page: Page) -> list[dict]:
    # Evaluated through DevTools, which the site's Content-Security-Policy does not govern (a <script> tag it
    # would).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                      summary: n.failureSummary}))}));
    }""")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}  {node['html']!r}")
            lines.extend("        " + line for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


@pytest.mark.parametrize("path", A11Y_PAGES)
def test_no_serious_accessibility_violation(site: Page, path: str):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci` or `npm install` at "
                    "the repository root)")
    response = site.goto(path)
    assert response and response.ok, f"no page at {path!r}"
    violations = [v for v in axe_violations(site) if v["impact"] in ("serious", "critical")]
    assert not violations, f"axe-core: serious or critical violations on /{path}:\n{describe(violations)}"


# --- 3. Relation graph --------------------------------------------------------------------------------------

def claim_paths(article_site) -> list[str]:
    return sorted(f"claims/{p.parent.name}/" for p in (article_site.site / "claims").glob("*/index.html"))


def node_paths(page: Page, scope: str) -> list[str]:
    """The site paths the graph's node links point at (SVG links may use href or xlink:href)."""
    return page.eval_on_selector_all(
        f"{scope} a.claims-graph__node",
        """nodes => nodes.map(a => new URL(a.getAttribute('href') || a.getAttribute('xlink:href'),
                                            location.href).pathname.replace(/^\\//, ''))""")


def expected_neighbours(page: Page) -> tuple[set[str], list[str]]:
    """Related claims (both directions) and their labels, as the page's relations (grouped under a heading per
    label) show them."""
    current = path_of(page)
    links = page.locator("ul.claims-relations li.claims-relation > a")
    paths = {urlsplit(urljoin(page.url, href)).path.lstrip("/") for href in
             (links.nth(i).get_attribute("href") for i in range(links.count()))}
    labels = page.eval_on_selector_all("ul.claims-relations > li.claims-relation", """items => items.map(
        li => li.parentElement.previousElementSibling.textContent.trim().toLowerCase())""")
    return paths | {current}, labels


def test_each_claim_page_shows_its_relation_graph(site: Page, article_site, watch: Watch):
    for path in claim_paths(article_site):
        site.goto(path)
        figure = site.locator("article figure.claims-graph")
        expect(figure, f"no figure.claims-graph on {path}").to_have_count(1)
        svg = figure.locator("svg").first
        # role=group, not img: an image's content is presentational, which would hide the node links.
        expect(svg).to_have_attribute("role", "group")
        expect(svg,
               f"the graph's svg on {path} has no accessible name").to_have_accessible_name(re.compile(r"\S"))
        nodes, labels = expected_neighbours(site)
        shown = node_paths(site, "article figure.claims-graph")
        assert sorted(shown) == sorted(nodes), \
            f"{path}: graph nodes {shown}, expected the claim and its relations {nodes}"
        edge_labels = [t.strip().casefold()
                       for t in figure.locator(".claims-graph__label text").all_text_contents()]
        # Arrows run from the claim that declares a relation, so edges carry the declared wording ("rejects").
        declared = [AS_DECLARED.get(label, label) for label in labels]
        assert sorted(edge_labels) == sorted(declared), \
            f"{path}: edge labels {edge_labels}, relations {labels}"
        for node in shown:
            assert site.request.get(node).ok, f"{path}: graph node links to {node}, which is not a page"
    watch.assert_clean()


AS_DECLARED = {"supported by": "supports", "rejected by": "rejects", "responded to by": "responds to",
               "repeated by": "repeats"}


def test_relation_graph_arrows_come_from_the_rejecting_claims(site: Page):
    site.goto(REJECTED_CLAIM)
    figure = site.locator("figure.claims-graph")
    labels = [t.strip().casefold() for t in figure.locator(".claims-graph__label text").all_text_contents()]
    assert labels.count("rejects") == 2, labels
    # The two rejecting claims stand above this one, so both arrows point down at it and end on its box.
    current = figure.locator("a.claims-graph__node--current rect")
    top = float(current.get_attribute("y"))
    edges = figure.locator("path.claims-graph__edge")
    assert edges.count() == 2
    for index in range(edges.count()):
        numbers = [float(n) for n in re.findall(r"-?[0-9.]+", edges.nth(index).get_attribute("d"))]
        (_, y1), (_, y2) = numbers[:2], numbers[-2:]
        assert y1 < y2 and abs(y2 - top) < 2, "an arrow does not point down at the rejected claim"
        assert edges.nth(index).get_attribute("marker-end")


def test_relation_graph_with_the_keyboard(site: Page, watch: Watch):
    site.goto(REJECTED_CLAIM)
    figure = site.locator("article figure.claims-graph")
    expect(figure).to_have_count(1)
    # Start sequential focus navigation at the figure itself, as if the reader had tabbed up to it.
    figure.evaluate("f => { f.setAttribute('tabindex', '-1'); f.focus(); }")
    site.keyboard.press("Tab")
    focused = site.evaluate("""() => { const a = document.activeElement;
        return a && a.matches('a.claims-graph__node')
            ? (a.getAttribute('href') || a.getAttribute('xlink:href')) : null; }""")
    assert focused, "Tab from the graph does not land on a.claims-graph__node; focus is on " + site.evaluate(
        "document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    target = urlsplit(urljoin(site.url, focused)).path.lstrip("/")
    site.keyboard.press("Enter")
    expect_path(site, target)
    watch.assert_clean()


def related_claim_paths(article_site) -> set[str]:
    """The claims that have relations: those the graph page draws (the others are in the index)."""
    related = set()
    for path in claim_paths(article_site):
        page = BeautifulSoup((article_site.site / path / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        if page.select("ul.claims-relations"):
            related.add(path)
    return related


def test_site_wide_graph_page(site: Page, article_site, watch: Watch):
    response = site.goto("graph/")
    assert response and response.ok, "no page at graph/"
    figures = site.locator("article figure.claims-graph--site")
    expect(figures.first.locator("svg")).to_be_visible()
    sizes = [figures.nth(i).locator("a.claims-graph__node").count() for i in range(figures.count())]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) > 1, sizes  # clusters, largest first
    shown = node_paths(site, "article")
    assert sorted(shown) == sorted(related_claim_paths(article_site)), \
        "the graph draws each related claim once"
    watch.assert_clean()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_graphs_are_never_clipped(new_context, site_url, viewport):
    """Each graph starts at the column's left edge and, where wider than the column, scrolls sideways to its
    end; the page itself never scrolls sideways, and the text stays 13 px."""
    context = new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page = context.new_page()
    for path in ("graph/", REJECTED_CLAIM):
        page.goto(site_url + path)
        assert_no_horizontal_scroll(page)
        figures = page.locator("article figure.claims-graph")
        assert figures.count()
        for index in range(figures.count()):
            box = figures.nth(index).evaluate("""f => {
                const s = f.querySelector('svg'), a = f.getBoundingClientRect();
                const b = s.getBoundingClientRect();
                return {left: b.left - a.left, width: b.width, natural: +s.getAttribute('width'),
                        scroll: f.scrollWidth, client: f.clientWidth,
                        text: parseFloat(getComputedStyle(s.querySelector('text')).fontSize)}; }""")
            assert box["left"] >= 0 and abs(box["width"] - box["natural"]) < 1, (path, box)
            # the whole drawing can be scrolled into view
            assert box["scroll"] >= box["natural"] - 1, (path, box)
            assert box["text"] >= 12, (path, box)
    context.close()


@pytest.fixture(scope="module")
def site_of_200_claims(tmp_path_factory):
    """A generated site of 200 claims of a realistic shape (the benchmark's generator), built and served."""
    import subprocess
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    from run import generate

    root = tmp_path_factory.mktemp("two-hundred")
    generate(root, 200)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(root / "site") as url:
        yield url


def test_site_wide_graph_stays_readable_at_200_claims(new_context, site_of_200_claims):
    context = new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_of_200_claims + "graph/")
    nodes = page.locator("article a.claims-graph__node")
    expect(nodes.first).to_be_visible()
    boxes = page.evaluate("""() => [
      ...document.querySelectorAll('article a.claims-graph__node')].map(node => {
        const box = node.querySelector('rect').getBoundingClientRect();
        const text = node.querySelector('text').getBoundingClientRect();
        return {x: box.x, y: box.y, w: box.width, h: box.height, tw: text.width, th: text.height,
                lineHeight: node.querySelector('tspan').getBoundingClientRect().height};
    })""")
    # No two boxes overlap, each is big enough to read, its text fits in it and is at least 9 px high.
    ordered = sorted(boxes, key=lambda b: (round(b["y"]), b["x"]))
    for index, box in enumerate(ordered):
        assert box["w"] >= 60 and box["h"] >= 30 and box["tw"] <= box["w"] and box["th"] <= box["h"], box
        assert box["lineHeight"] >= 9, box
        for other in ordered[index + 1:]:
            apart = (other["x"] >= box["x"] + box["w"] or box["x"] >= other["x"] + other["w"]
                     or other["y"] >= box["y"] + box["h"] or box["y"] >= other["y"] + other["h"])
            assert apart, (box, other)
    # The generator relates every claim to earlier ones: one cluster of 198, drawn in parts, over pages.
    assert page.locator("article figure.claims-graph--site").count() >= 2
    expect(page.locator("article a[rel=next]").first).to_be_visible()
    context.close()


# --- 4. Citation previews -----------------------------------------------------------------------------------

def reference_parts(page: Page, ref: str) -> list[str]:
    item = page.locator(f"li{ref}")
    return [item.locator(".claims-ref__publisher").inner_text().strip(),
            item.locator(".claims-ref__title").inner_text().strip(),
            item.locator("time").first.inner_text().strip()]


def visible_preview(page: Page):
    preview = page.locator(".claims-preview[role='tooltip']:visible")
    expect(preview).to_have_count(1)
    return preview


def expect_no_preview(page: Page):
    expect(page.locator(".claims-preview[role='tooltip']:visible")).to_have_count(0)


def test_citation_preview_on_hover(site: Page, watch: Watch):
    site.goto(CLAIM)
    url = site.url
    marker = site.locator("sup.claims-cite a").first
    expected = reference_parts(site, marker.evaluate("a => a.hash"))
    marker.hover()
    preview = visible_preview(site)
    for part in expected:
        expect(preview).to_contain_text(part)
    assert site.url == url, "hovering a citation marker changed the URL"
    site.mouse.move(5, DESKTOP["height"] - 5)  # mouse leaves
    expect_no_preview(site)
    marker.hover()
    visible_preview(site)
    site.keyboard.press("Escape")
    expect_no_preview(site)
    assert site.url == url
    watch.assert_clean()


def test_citation_preview_with_the_keyboard(site: Page, watch: Watch):
    site.goto("claims/graham-expects-sanctions/")  # two references: each marker previews its own
    url = site.url
    markers = site.locator("sup.claims-cite a")
    seen = set()
    for _ in range(120):
        site.keyboard.press("Tab")
        ref = site.evaluate("""() => { const a = document.activeElement;
            return a && a.matches('sup.claims-cite a') ? a.hash : null; }""")
        if ref and ref not in seen:
            seen.add(ref)
            preview = visible_preview(site)
            for part in reference_parts(site, ref):
                expect(preview).to_contain_text(part)
            assert site.url == url, "focusing a citation marker changed the URL"
            site.keyboard.press("Escape")
            expect_no_preview(site)
            assert site.evaluate("document.activeElement.matches('sup.claims-cite a')"), \
                "Escape moved the focus"
        if len(seen) == len(set(markers.evaluate_all("as => as.map(a => a.hash)"))):
            break
    assert len(seen) >= 2, f"Tab reached the citation markers {sorted(seen)} only"
    # Blur hides it.
    first = markers.first
    first.focus()
    visible_preview(site)
    first.evaluate("a => a.blur()")
    expect_no_preview(site)
    assert site.url == url
    watch.assert_clean()


# --- 5. The README's screenshots: a script, run by hand; here it writes to a temporary folder ---------------

def test_screenshot_script_photographs_a_claim_page_on_desktop_and_phone(tmp_path):
    import subprocess
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from screenshots import SHOTS, png_pixels

    done = subprocess.run([sys.executable, str(REPO / "scripts" / "screenshots.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for name, _, viewport, _ in SHOTS:
        header, pixels = png_pixels((tmp_path / name).read_bytes())
        width, height = struct.unpack(">II", header[:8])
        assert width == viewport["width"] and height >= viewport["height"], (name, width, height)
        assert len(set(pixels)) > 16, f"{name} is blank"  # a page, not a plain colour


# --- 6. Pages that build themselves: the explainers index and the home page's generated lists ---------------


@pytest.fixture(scope="module")
def self_building_site(tmp_path_factory):
    """A site whose home page lists explainers, people and topics through placeholders, built and served."""
    from conftest import Project
    from test_explainers import HOME, explainer

    project = Project(tmp_path_factory.mktemp("self-building"))
    project.add_basics()
    project.write("claims/2025/03/no-concessions.yml",
                  "title: Putin rules out concessions\nclaim: No compromises.\n"
                  "speaker: putin\ndate: 2025-03-06\nsources: [isw]\ntopics: [peace-talks]\nbody: Said it "
                  "[@isw].\n")
    project.write("docs/index.md", HOME)
    project.write("docs/explainers/story.md", explainer("The story", "2025-03-09",
                                                        "![[no-concessions]]", "Why."))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "explainers/", "people/putin/", "topics/peace-talks/"])
def test_generated_lists_have_no_serious_accessibility_violation(new_context, self_building_site, path):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci`)")
    page = new_context(viewport=DESKTOP).new_page()
    response = page.goto(self_building_site + path)
    assert response and response.ok, path
    assert page.locator("article ul.claims-explainers, article ul.claims-explained-in").count() >= 1
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, f"axe-core: serious or critical violations on /{path}:\n{describe(violations)}"


# --- 7. Both palettes: every colour the stylesheet uses follows the reader's palette ------------------------

PALETTE_PAGES = ["", CLAIM, RATED_CLAIM, "timeline/", "people/sergei-lavrov/"]


def choose_palette(page: Page, scheme: str):
    """The palette a reader picks with the header's toggle; the theme remembers it for the following pages."""
    page.goto("")
    if scheme == "slate":
        page.locator("form[data-md-component='palette'] label[title='Switch to dark mode']").click()
    expect(page.locator(f"body[data-md-color-scheme='{scheme}']")).to_have_count(1)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PALETTE_PAGES)
def test_no_serious_accessibility_violation_in_either_palette(site: Page, scheme: str, path: str):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci`)")
    choose_palette(site, scheme)
    site.goto(path)
    expect(site.locator(f"body[data-md-color-scheme='{scheme}']")).to_have_count(1)
    violations = [v for v in axe_violations(site) if v["impact"] in ("serious", "critical")]
    assert not violations, \
        f"axe-core ({scheme}): serious or critical violations on /{path}:\n{describe(violations)}"


# The stylesheet's secondary text: labels, roles, dates in lists, relation notes, "Not rated".
MUTED = {".claims-box__label": CLAIM, ".claims-box__role": CLAIM, ".claims-relation__note": CLAIM,
         ".claims-byline": CLAIM,
         ".claims-list__meta": "people/sergei-lavrov/", ".claims-unrated": "claims/",
         ".claims-section__note": CLAIM, ".claims-meter__text": RATED_CLAIM, ".claims-cards__meta": "",
         ".claims-browse__count": ""}

# The contrast of an element's text with what is behind it, both composited the way the screen shows them: a
# 1x1 canvas paints the backgrounds of the element's ancestors from the outermost in, then the text's colour
# on top (a canvas reads any CSS colour syntax, color-mix() results included).
CONTRAST = """element => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const paint = canvas.getContext('2d', {willReadFrequently: true});
    const pixel = () => Array.from(paint.getImageData(0, 0, 1, 1).data.slice(0, 3));
    paint.fillStyle = '#fff';
    paint.fillRect(0, 0, 1, 1);
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
        layers.unshift(getComputedStyle(node).backgroundColor);
    }
    for (const colour of layers) { paint.fillStyle = colour; paint.fillRect(0, 0, 1, 1); }
    const back = pixel();
    paint.fillStyle = getComputedStyle(element).color;
    paint.fillRect(0, 0, 1, 1);
    const fore = pixel();
    const luminance = rgb => { const [r, g, b] = rgb.map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_muted_text_is_readable_in_either_palette(site: Page, scheme: str):
    choose_palette(site, scheme)
    for selector, path in MUTED.items():
        site.goto(path)
        expect(site.locator(f"body[data-md-color-scheme='{scheme}']")).to_have_count(1)
        elements = site.locator(f"article {selector}")
        assert elements.count(), f"no {selector} on /{path}"
        for index in range(elements.count()):
            ratio = elements.nth(index).evaluate(CONTRAST)
            assert ratio >= 4.5, \
                f"{selector} on /{path} ({scheme}): contrast {ratio:.2f}:1, below WCAG AA's 4.5:1"


# --- 8. Listings on narrow phones: every claim's title and verdict without sideways scrolling ---------------

# Whether an element is wholly on screen: inside the viewport's width and not cut off by an ancestor that
# clips or scrolls its overflow (a table in a scrolling wrapper hides its last column there).
WHOLLY_VISIBLE = """element => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.left < -0.5 || box.right > document.documentElement.clientWidth + 0.5) {
        return false;
    }
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX === 'visible') continue;
        const clip = node.getBoundingClientRect();
        if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) return false;
    }
    return true;
}"""

# Each listing's rows, and in each row what says the verdict (a badge, or "Not rated" in the index).
LISTINGS = {"claims/": (".claims-table tbody tr", ".claims-verdict, .claims-unrated"),
            "": ("ul.claims-cards > li", None),  # the front page's cards
            "timeline/": ("ul.claims-list > li", ".claims-verdict"),
            "people/sergei-lavrov/": ("ul.claims-list > li", ".claims-verdict"),
            "topics/peace-talks/": ("ul.claims-list > li", ".claims-verdict"),
            "people/": ("ul.claims-records > li", None)}


@pytest.mark.parametrize("width", [320, 390])
def test_listings_fit_a_narrow_phone(new_context, site_url, width: int):
    context = new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    verdicts = 0
    for path, (rows, verdict) in LISTINGS.items():
        page.goto(path)
        assert_no_horizontal_scroll(page)
        items = page.locator(f"article {rows}")
        assert items.count(), f"no {rows} on /{path}"
        for index in range(items.count()):
            row = items.nth(index)
            for element in [row, *row.locator("*:not(br)").all()]:
                assert element.evaluate(WHOLLY_VISIBLE), \
                    f"/{path} at {width} px: {element.evaluate('e => e.outerHTML.slice(0, 120)')} is cut off"
            if verdict:
                shown = row.locator(verdict)
                verdicts += shown.count()
                assert path != "claims/" or shown.count() == 1, f"/{path}: row {index} has no verdict"
    assert verdicts >= 8, verdicts  # the article's 8 claims in the index, and more in the other listings
    context.close()


# Each `code` in a table that is one word (`misleading`, `description`), with the number of lines it takes.
ONE_WORD_CODES_IN_TABLES = """() => [...document.querySelectorAll('article table code')]
    .filter(code => /^[\\w]+$/.test(code.textContent))
    .map(code => [code.textContent, code.getClientRects().length])"""


@pytest.mark.parametrize("path", ["method/", "format/"])
def test_ids_in_tables_are_never_broken_inside_a_word_on_a_phone(new_context, site_url, path: str):
    """The rating scale's ids (`misleadin` / `g`) and the format's field names were cut between letters."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(path)
    codes = page.evaluate(ONE_WORD_CODES_IN_TABLES)
    assert len(codes) >= 5, codes
    assert [text for text, lines in codes if lines != 1] == [], f"/{path}: ids set on more than one line"
    assert_no_horizontal_scroll(page)  # a table wider than the phone scrolls in its own box


LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsbeitragsbemessungsgrenze"


def test_a_long_word_in_a_quote_or_a_title_wraps_on_a_narrow_phone(new_context, tmp_path):
    """A word longer than a phone is wide (a compound, an address), in a quote or a claim's title: the quote's
    grid and the index's row grew to it, and the page scrolled sideways (905 px of 320)."""
    project = Project(tmp_path, "site_name: Long words\ntheme:\n  name: material\nplugins:\n  - claims\n")
    project.add_basics()
    project.write("claims/2025/long.yml", claim_yaml(
        title=f"Putin says {LONG_WORD} is too high",
        extra=f"quotes:\n  - text: {LONG_WORD}\n    source: isw\n"
              f"  - text: {LONG_WORD}\n    original: {LONG_WORD}\n    lang: de\n    source: isw\n"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    page = new_context(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True).new_page()
    with serve(build.site) as url:
        for path, selector in (("claims/long/", "article .claims-quote blockquote"),
                               ("claims/", "article .claims-table td a")):
            page.goto(url + path)
            assert_no_horizontal_scroll(page)
            shown = page.locator(selector)
            assert shown.count() >= 1
            for element in shown.all():
                assert element.evaluate(WHOLLY_VISIBLE), f"/{path}: {selector} is cut off"


# --- 9. Reading: line length, the exact words, markers that never wrap alone, print -------------------------

# Characters on each full line of the article's running text (paragraphs of the body), the last line of each
# left out.
CHARACTERS_PER_LINE = """() => [...document.querySelectorAll('article > p')].flatMap(p => {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('sup')) continue;  // a marker sits higher, as if on a line of its own
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            if (box) lines.set(Math.round(box.bottom), (lines.get(Math.round(box.bottom)) || 0) + 1);
        }
    }
    return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(entry => entry[1]).slice(0, -1);
})"""


@pytest.mark.parametrize("path", [RATED_CLAIM, "explainers/russia-rejects-concessions/"])
def test_running_text_is_65_to_75_characters_a_line_on_a_desktop(new_context, site_url, path: str):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(path)
    lines = page.evaluate(CHARACTERS_PER_LINE)
    assert len(lines) >= 5, lines
    average = sum(lines) / len(lines)
    assert 60 <= average <= 80 and max(lines) <= 90, \
        f"/{path}: {average:.0f} characters a line on average: {lines}"
    height = page.locator("article h1 ~ p:not([class])").first.evaluate(
        "p => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize)")
    assert 1.5 <= height <= 1.8, height


def test_the_paraphrase_has_no_quotes_bar(site: Page):
    """Only the exact words stand beside a quote's bar: the claim in the site's words, and the box around it,
    have no left border like it (the box had the quote's bar, and the paraphrase read as a quote)."""
    site.goto(RATED_CLAIM)
    border = "e => [getComputedStyle(e).borderLeftWidth, getComputedStyle(e).borderLeftColor]"
    bar = site.locator(".claims-quote__text").first.evaluate(border)
    assert float(bar[0].removesuffix("px")) >= 2, bar
    paraphrase = site.locator(".claims-box__claim")
    for element in (paraphrase, site.locator(".claims-box")):
        assert element.evaluate(border) != bar, element
    assert paraphrase.evaluate("element => element.closest('blockquote, q')") is None


def test_the_exact_words_are_at_least_as_prominent_as_the_paraphrase(site: Page):
    site.goto(RATED_CLAIM)
    style = """element => { const s = getComputedStyle(element);
        return [parseFloat(s.fontSize), parseInt(s.fontWeight), s.color]; }"""
    size, weight, _colour = site.locator(".claims-box__claim").evaluate(style)
    body_colour = site.locator("article h2#explanation ~ p").first.evaluate("p => getComputedStyle(p).color")
    quotes = site.locator(".claims-quote__text p")
    assert quotes.count()
    for index in range(quotes.count()):
        quote_size, quote_weight, quote_colour = quotes.nth(index).evaluate(style)
        assert quote_size >= size and quote_weight >= weight, (quote_size, size, quote_weight, weight)
        # the text's own colour, not a light grey
        assert quote_colour == body_colour, (quote_colour, body_colour)


# Each citation marker and the character before it: on the same line, or the marker wrapped alone.
MARKERS_ALONE = """() => [...document.querySelectorAll('article sup.claims-cite, article sup.claims-marker')]
  .flatMap(sup => {
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    walker.currentNode = sup;
    let node = walker.previousNode();
    while (node && !node.textContent.trim()) node = walker.previousNode();
    // no text before it in its block: it starts the block
    if (!node || !sup.closest('p, li, td, figcaption, h2, h3').contains(node)) return [];
    const range = document.createRange();
    const end = node.textContent.trimEnd().length;
    range.setStart(node, end - 1);
    range.setEnd(node, end);
    const before = range.getClientRects()[0], marker = sup.getClientRects()[0];
    return before && marker && marker.top >= before.bottom - 1 ? [sup.outerHTML.slice(0, 80)] : [];
})"""


def test_a_citation_marker_never_wraps_alone_onto_a_new_line(new_context, site_url):
    page = new_context(viewport={"width": 320, "height": 800}, is_mobile=True).new_page()
    markers = 0
    for path in (RATED_CLAIM, CLAIM, REJECTED_CLAIM):
        page.goto(path)
        assert page.locator("article sup.claims-cite").count(), path
        markers += page.locator("article sup.claims-marker").count()  # under the quotes
        for width in range(300, 420, 3):  # every few pixels, so that some line ends fall right at a marker
            page.set_viewport_size({"width": width, "height": 800})
            alone = page.evaluate(MARKERS_ALONE)
            assert not alone, f"/{path} at {width} px: a marker starts a line: {alone}"
    assert markers


def test_a_printed_claim_page_shows_the_references_full_addresses_and_no_navigation(new_context, site_url):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(RATED_CLAIM)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".claims-share", "h2#share", ".claims-edit"):
        hidden = page.locator(selector)
        assert hidden.count(), selector
        expect(hidden.first).to_be_hidden()
    for visible in ("article h1", ".claims-box", "ol.claims-references", ".claims-how-to-cite"):
        expect(page.locator(visible).first).to_be_visible()
    links = page.locator("ol.claims-references a.claims-ref__title, ol.claims-references "
                         "a.claims-ref__archive")
    assert links.count()
    for index in range(links.count()):
        link = links.nth(index)
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href").startswith("https://") and link.get_attribute("href") in after, \
            after
    # The site's own links (back to the text, the source's page) print as they read, without an address.
    own = page.locator("ol.claims-references a.claims-ref__page, ol.claims-references .claims-backlink a, "
                       "ol.claims-references a.claims-backlink")
    assert own.count()
    for index in range(own.count()):
        assert own.nth(index).evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    page.emulate_media(media="screen")
    assert links.first.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal", "")


@pytest.fixture(scope="module")
def generated_home(tmp_path_factory):
    """A site without docs/index.md, whose home page the plugin writes, built and served."""
    from conftest import Project
    from test_front_page import CONFIG, write_content

    project = write_content(Project(tmp_path_factory.mktemp("generated-home"), CONFIG))
    (project.root / "docs" / "index.md").unlink()
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


@pytest.mark.parametrize("width", [320, 1280])
def test_a_generated_home_page_is_accessible_fits_and_loads_only_from_the_site(new_context, generated_home,
                                                                                width):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE.relative_to(REPO)} (run `npm ci`)")
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(generated_home, wait_until="networkidle")
    # six claims, one featured explainer
    expect(page.locator("article ul.claims-cards > li")).to_have_count(7)
    assert_no_horizontal_scroll(page)
    for index in range(7):
        assert page.locator("article ul.claims-cards > li").nth(index).evaluate(WHOLLY_VISIBLE), index
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, f"axe-core at {width} px:\n{describe(violations)}"
    assert requests and all(url.startswith(generated_home) for url in requests), requests
