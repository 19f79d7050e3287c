"""Issues 6 and 11: contributor text can never run in a reader's browser.

Well-known XSS filter-evasion payloads (after OWASP's cheat sheet), and payloads for the classes of issue 11
(attribute breakout through heading ids, DOM clobbering through ids and names such as `__config`, `ref-1`,
`cite-1-1`, titles that mkdocs-material's `content.tooltips` renders as HTML) go into every text field of
every kind and into a hand-written explainer (its Markdown, headings and front matter); the site is built
with `content.tooltips` off and on, every page is parsed for injected elements, event attributes, spoofed
ids and broken-out table-of-contents entries, and opened in Debian's Chromium, where no dialog may open,
no payload may set `window.__xss` and no Content-Security-Policy violation may happen.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import (
    MINIMAL_CONFIG,
    REPO,
    Project,
    build_without_the_html_check,
    claim_yaml,
    copy_site,
    search_records,
    serve,
)
from mkdocs_claims.sanitizer import forbidden_urls
from mkdocs_claims.search_index import FILTERS, filter_value

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg/onload=alert(3)>",
    '"><script>alert(4)</script>',
    "'><img src=x onerror=alert(5)>",
    "</title><script>alert(6)</script>",
    "</script><script>alert(7)</script>",
    "<iframe src=\"javascript:alert(8)\"></iframe>",
    "<a href=\"javascript:alert(9)\">click</a>",
    "<body onload=alert(10)>",
    "<IMG SRC=JaVaScRiPt:alert(11)>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(12)>",
    "<div style=\"background:url(javascript:alert(13))\">x</div>",
    "<details open ontoggle=alert(14)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(15)>",
    "<object data=\"data:text/html,<script>alert(16)</script>\"></object>",
    "<form action=\"javascript:alert(17)\"><button>go</button></form>",
    "{{ 7*7 }} {% raw %} ${alert(18)}",
    "<<SCRIPT>alert(19);//<</SCRIPT>",
    "<input autofocus onfocus=alert(20)>",
    # Issue 11. These set window.__xss instead of opening a dialog: the browser test checks both.
    "Breakout {: id='x\" onmouseover=\"window.__xss=true\" data-x=\"' }",
    "<a id=\"__config\" name=\"__config\" href=\"#ref-1\">clobber</a> "
    "<b id=\"cite-1-1\" name=\"ref-1\">b</b>",
    "<span id=\"ref-1\"><img src=x onerror=window.__xss=true>Fabricated reference</span>",
    "__config",
    "ref-1",
    "<abbr title=\"&lt;img src=x onerror=window.__xss=true&gt;\">tip</abbr>",
    "[tip](https://example.org/t \"<img src=x onerror=window.__xss=true>\")",
    "<img src=x alt=t title=\"<svg onload=window.__xss=true>\">",
    "Heading {: data-toc-label='<img src=x onerror=window.__xss=true>' }",
]
# Ids and names the theme or the plugin looks up, which contributor text must never take.
RESERVED_IDS = ("__config", "__search", "__drawer", "ref-1", "cite-1-1", "references", "claim")


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def markdown_payload(payload: str) -> str:
    """The payload for a Markdown field: one with a forbidden link is refused by the check (tested below), so
    Markdown fields get it with the link's scheme taken out, keeping its tags and event handlers."""
    if not list(forbidden_urls(payload)):
        return payload
    return re.sub(r"(?i)(javascript|data|vbscript|&#106;[^:]*?&#58;)", "", payload)


def markdown_text(payload: str) -> str:
    """A Markdown field's text: the payload inline, then as a heading (attr_list ids, heading slugs, the
    toc)."""
    markdown = markdown_payload(payload)
    return f"Text {markdown} more.\n\n## {markdown}\n\nAfter."


def payload_project(project: Project, tooltips: bool = False) -> Project:
    """One person, topic, source and claim per payload, with the payload in every text field; an explainer
    with every payload in its Markdown, headings and front matter."""
    if tooltips:
        project.write("mkdocs.yml",
                      MINIMAL_CONFIG.replace("  name: material\n",
                                             "  name: material\n  features: [content.tooltips]\n")
                      + "markdown_extensions: [attr_list, md_in_html, admonition, footnotes, "
                        "{toc: {permalink: true}}]\n")
    else:
        project.write("mkdocs.yml", MINIMAL_CONFIG
                      + "markdown_extensions: [attr_list, md_in_html, admonition, footnotes,"
                                                     " {toc: {permalink: true}}]\n")
    count = len(PAYLOADS)
    for i, payload in enumerate(PAYLOADS):
        markdown = markdown_text(payload)
        project.write(f"claims/people/p{i}.yml",
                      f"name: {q(payload)}\nrole: {q(payload)}\ndescription: {q(markdown)}\n")
        project.write(f"claims/topics/t{i}.yml", f"title: {q(payload)}\ndescription: {q(markdown)}\n")
        project.write(f"claims/sources/s{i}.yml", f"title: {q(payload)}\npublisher: {q(payload)}\n"
                                                   f"url: https://example.org/{i}\nquote: {q(payload)}\n")
        other = (i + 1) % count
        label = markdown_payload(payload).replace("[", "(").replace("]", ")").replace("|", "/")
        project.write(f"claims/2025/c{i}.yml", "\n".join([
            f"title: {q(payload)}", f"claim: {q(payload)}", f"speaker: p{i}", "date: 2025-03-06",
            f"venue: {q(payload)}", f"summary: {q(payload)}", "verdict: misleading",
            f"verdict_note: {q(payload)}", "quotes:", f"  - text: {q(payload)}",
            f"    original: {q(payload)}", "    lang: ru", f"    source: s{i}", f"topics: [t{i}]",
            "sources:", f"  - s{i}", f"  - id: inline{i}", f"    title: {q(payload)}",
            f"    publisher: {q(payload)}", "    url: https://example.org/inline",
            "related:", f"  - claim: c{other}", "    type: rejects", f"    note: {q(payload)}",
            "read_also:", f"  - title: {q(payload)}", f"    publisher: {q(payload)}", "    url: https://example.org/r",
            "updates:", "  - date: 2025-03-07", f"    note: {q(payload)}",
            "body: " + q(f"Text {markdown_payload(payload)} more [@s{i}] and [[c{other}|{label}]].\n\n"
                         f"## {markdown_payload(payload)}\n\nAfter [@inline{i}] and [x](#ref-1)."),
        ]) + "\n")
    # The front page shows every claim's card and every explainer (featured), and the explainers index lists
    # them.
    project.write("docs/index.md", "# Home\n\n<!-- claims:latest 30 -->\n\n<!-- claims:front 30 -->\n")
    # one explainer each: a payload that opens <style> eats what follows
    for i, payload in enumerate(PAYLOADS):
        project.write(f"docs/explainers/e{i}.md", f"---\ntitle: {q(payload)}\ndescription: {q(payload)}\n"
                                                  f"tags: [{q(payload)}]\ndate: 2025-03-07\nfeatured: "
                                                  "true\n---\n\n"
                                       f"# {payload}\n\n{payload}\n\n## {payload}\n\n![[c{i}]]\n\n"
                                       f"[back](#__config) [[c{i}]] and a note[^1].\n\n[^1]: The note "
                                       f"{payload}\n")
    return project


@pytest.fixture(scope="module", params=[False, True], ids=["tooltips-off", "tooltips-on"])
def payload_site(request, tmp_path_factory):
    project = payload_project(Project(tmp_path_factory.mktemp("payloads")), tooltips=request.param)
    if not request.param:  # the check and the refusal read no theme feature: once is enough
        checked = project.check()
        assert checked.returncode == 1, checked.stdout + checked.stderr
        for path, what in (("claims/2025/c0.yml", "`<script>` is not allowed HTML"),
                           ("docs/explainers/e0.md", "`<script>` is not allowed HTML"),
                           ("claims/2025/c1.yml", "the attribute `onerror` of `<img>`"),
                           ("docs/explainers/e1.md", "the attribute `onerror` of `<img>`")):
            assert any(line.startswith(path + ":") and what in line
                       for line in checked.stdout.splitlines()), checked.stdout
        refused = project.build("--strict")
        assert refused.returncode != 0 and "is not allowed HTML and would be removed" in refused.output, \
            refused.output
    build = build_without_the_html_check(project)
    assert build.returncode == 0, build.output
    build.tooltips = request.param
    return build


def site_pages(build) -> list[str]:
    return sorted(str(p.relative_to(build.site).parent).replace(".", "") + "/"
                  for p in build.site.rglob("index.html") if "search" not in p.parts)


INJECTED_TAGS = ("iframe", "object", "embed", "form", "input", "button", "style", "math",
                 "body", "textarea", "select")


def is_copy_link_button(element) -> bool:
    """The plugin's own "Copy link" button of a claim page's Share section, exactly as the template writes
    it."""
    return (element.name == "button" and element.get_text() == "Copy link" and element.get("type") == "button"
            and element.parent.get("class") == ["claims-share__copy"]
            and element.has_attr("data-claims-copy"))


def test_no_injected_element_or_event_attribute_on_any_page(payload_site):
    pages = site_pages(payload_site)
    assert len(pages) > 4 * len(PAYLOADS)
    for url_path in pages:
        soup = payload_site.page(url_path.lstrip("/"))
        content = soup.select_one("article") or soup
        for element in soup.find_all(True):
            events = [name for name in element.attrs if name.lower().startswith("on")]
            assert not events, f"{url_path}: <{element.name} {events}>"
            for name in ("href", "src", "action", "data", "xlink:href", "formaction"):
                value = html.unescape(str(element.get(name, ""))).replace("\t", "").replace("\n", "").lower()
                assert not value.strip().startswith(("javascript:", "data:", "vbscript:")), \
                    f"{url_path}: {element}"
        styled = [element for element in content.find_all(True) if "style" in element.attrs]
        assert not styled, f"{url_path}: a style attribute in the content: {styled[0]}"
        for tag in INJECTED_TAGS:
            assert not [e for e in content.find_all(tag)
                        if not is_copy_link_button(e)], f"{url_path}: an injected <{tag}>"
        scripts = [s for s in soup.find_all("script") if "alert(" in (s.string or "")]
        assert all(s.get("type") == "application/ld+json" for s in scripts), \
            f"{url_path}: an injected <script>"


def test_contributor_ids_and_names_never_take_the_themes_or_the_plugins(payload_site):
    """DOM clobbering: a contributor's id or name (written, or a heading's slug) is namespaced
    `user-content-`."""
    for url_path in site_pages(payload_site):
        soup = payload_site.page(url_path.lstrip("/"))
        owned = [element["id"] for element in soup.find_all(id=True)
                 if not element["id"].startswith("user-content-")]
        twice = sorted(i for i in owned if owned.count(i) > 1)
        assert not twice, f"{url_path}: an id twice: {twice}"
        config = soup.find_all(id="__config")
        assert [element.name for element in config] == ["script"], url_path
        for element in soup.find_all(id=re.compile(r"^ref-")):
            assert element.name == "li", f"{url_path}: {element}"
            assert "claims-references" in element.parent.get("class", []), f"{url_path}: {element}"
        for element in soup.find_all(id=re.compile(r"^cite-")):
            assert element.name == "sup" and "claims-cite" in element.get("class", []), \
                f"{url_path}: {element}"
        article = soup.select_one("article")
        for element in article.find_all(attrs={"name": True}):
            assert element["name"].startswith("user-content-"), f"{url_path}: {element}"
        ids = {element["id"] for element in soup.find_all(id=True)}
        for link in article.find_all("a", href=re.compile(r"^#.")):
            if link.find_parent(class_=["claims-references", "claims-cite"]):
                continue  # the plugin's own links between markers and references (a payload may eat a marker)
            target = unquote(link["href"][1:])
            assert target in ids or target.startswith("user-content-"), f"{url_path}: {link}"
    # The payloads did try: in claims, descriptions and explainers, written and as heading slugs.
    for page in ("claims/c21/", "claims/c22/", "claims/c23/", "claims/c24/", "people/p23/", "topics/t24/",
                 "explainers/e21/", "explainers/e22/", "explainers/e23/", "explainers/e24/"):
        found = {element["id"] for element in payload_site.page(page).find_all(id=True)}
        assert found & {f"user-content-{reserved}" for reserved in RESERVED_IDS}, (page, sorted(found))


def test_table_of_contents_entries_are_text_and_reach_their_headings(payload_site):
    """Heading ids set with attr_list (`{: id=… }`) or made from hostile text never break out of the toc's
    link."""
    checked = 0
    for url_path in site_pages(payload_site):
        soup = payload_site.page(url_path.lstrip("/"))
        ids = {element["id"] for element in soup.find_all(id=True)}
        for link in soup.select("nav.md-nav--secondary a"):
            assert set(link.attrs) <= {"href", "class"}, f"{url_path}: {link}"
            assert [element.name for element in link.find_all(True)] == ["span"], f"{url_path}: {link}"
            assert link["href"].startswith("#") and unquote(link["href"][1:]) in ids, f"{url_path}: {link}"
            checked += 1
    assert checked > 4 * len(PAYLOADS)


def test_no_title_with_markup_for_the_tooltips_to_render(payload_site):
    """mkdocs-material's `content.tooltips` puts a title into the page as HTML: no title may hold markup."""
    for url_path in site_pages(payload_site):
        # the head is not shown
        for element in payload_site.page(url_path.lstrip("/")).body.find_all(title=True):
            assert not re.search(r"[<>&]", element["title"]), f"{url_path}: {element}"


def shown_title(payload: str, tooltips: bool) -> str:
    """A title in the nav, toc and <title>: with `content.tooltips`, angle brackets are look-alikes (‹ ›)."""
    return payload.replace("<", "\u2039").replace(">", "\u203a") if tooltips else payload


def test_the_front_page_shows_hostile_titles_and_summaries_as_text(payload_site):
    front = payload_site.article("").select_one(".claims-front")
    claims = front.select("ul.claims-cards:not(.claims-cards--explainers) > li")
    assert sorted(card.h3.get_text() for card in claims) == sorted(PAYLOADS)
    assert sorted(card.select_one(".claims-cards__summary").get_text() for card in claims) == sorted(PAYLOADS)
    explainers = front.select("ul.claims-cards--explainers > li")
    assert sorted(card.h3.get_text() for card in explainers) == sorted(p.strip() for p in PAYLOADS)


def test_front_matter_the_theme_prints_raw_is_escaped(payload_site):
    for i, payload in enumerate(PAYLOADS):
        soup = payload_site.page(f"explainers/e{i}/")
        assert soup.title.get_text() == f"{shown_title(payload, payload_site.tooltips)} - Test claims"
        assert soup.find("meta", attrs={"name": "description"})["content"] == payload
        nav = [link.get_text(" ", strip=True) for link in soup.select("nav.md-nav--primary a")]
        assert shown_title(payload, payload_site.tooltips) in nav, nav


def test_payloads_show_as_typed_text(payload_site):
    for i, payload in enumerate(PAYLOADS):
        article = payload_site.article(f"claims/c{i}/")
        assert article.h1.get_text() == payload
        assert article.select_one(".claims-box__claim").get_text(strip=True) == payload
        title = payload_site.page(f"claims/c{i}/").title.get_text()
        assert title.startswith(shown_title(payload, payload_site.tooltips))
        person = payload_site.article(f"people/p{i}/")
        assert person.h1.get_text() == payload
    # Template syntax is text, never evaluated.
    assert "49" not in payload_site.article("claims/c17/").get_text()


def test_json_outputs_keep_payloads_as_data(payload_site):
    data = json.loads((payload_site.site / "claims.json").read_text(encoding="utf-8"))
    assert {claim["title"] for claim in data["claims"]} == set(PAYLOADS)
    # The search index holds each claim's title, speaker and topic as the text a contributor typed, whole: no
    # quote or bracket cut a value short or added a filter (the explorer shows them as text, tested below).
    records = search_records(payload_site.site)
    for i, payload in enumerate(PAYLOADS):
        record = records[f"claims/c{i}/"]
        assert record["meta"]["title"] == payload and record["meta"]["speaker"] == payload
        assert record["filters"]["speaker"] == record["filters"]["topic"] == [filter_value(payload)]
        assert set(record["filters"]) == set(FILTERS), record["filters"]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)",
    "java\\u0000script:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
])
def test_forbidden_urls_in_fields_are_errors_at_their_line(project, url):
    project.write("claims/sources/bad.yml", f"title: T\npublisher: P\nurl: {q(url)}\n")
    result = project.check()
    assert result.returncode == 1
    assert re.search(r"^claims/sources/bad\.yml:3:6: `url` is not a valid web address", result.stdout,
                     re.M), result.stdout


@pytest.mark.parametrize("body", [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#x09;script:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)", "<javascript:alert(1)>", "![i](javascript:alert(1))",
    '<a href="jav&#x61;script:alert(1)">x</a>', "[x](data:text/html,hi)", "<img src='vbscript:x'>",
])
def test_forbidden_urls_in_bodies_are_reported(project, body):
    project.add_basics()
    project.write("claims/c.yml", claim_yaml(body=body))
    result = project.check()
    assert result.returncode == 1, result.stdout
    assert re.search(r"^claims/c\.yml:\d+:\d+: forbidden link `", result.stdout, re.M), result.stdout


# --- In Chromium --------------------------------------------------------------------------------------------

@pytest.fixture
def chromium(request):
    """pytest-playwright's browser on Debian's Chromium, or a skip saying what is missing."""
    pytest.importorskip("pytest_playwright",
                        reason="pytest-playwright is not installed (pip install -e '.[test]')")
    return request.getfixturevalue("browser")


# Every Content-Security-Policy violation of a page, recorded before any of its scripts runs.
WATCH_VIOLATIONS = ("window.__violations = [];"
                    "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
                    "e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' "
                    "+ e.lineNumber));")
# Hover and focus everything with a title, as a reader would, so that `content.tooltips` renders each one.
SHOW_TOOLTIPS = """() => {
  for (const element of document.querySelectorAll('[title]')) {
    element.dispatchEvent(new MouseEvent('mouseenter'));
    if (element.focus) element.focus();
  }
}"""
INJECTED_IN_TOOLTIPS = ".md-tooltip2 *:not(.md-tooltip2__inner), .md-tooltip *:not(.md-tooltip__inner)"
# What a page shows after its payloads had their chance: tooltips, a payload that ran, markup in a tooltip,
# violations.
WHAT_RAN = f"""() => ({{tooltips: document.querySelectorAll('.md-tooltip2').length,
  ran: window.__xss === true,
  injected: document.querySelectorAll('{INJECTED_IN_TOOLTIPS}').length, violations: window.__violations}})"""


class Reader:
    """Chromium tabs on a served site that record dialogs, CSP violations and requests to other origins."""

    def __init__(self, chromium, url: str, tabs: int = 1):
        self.url = url
        self.dialogs: list[str] = []
        self.elsewhere: list[str] = []
        self.context = chromium.new_context()
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.context.route(lambda u: not u.startswith(url), self._elsewhere)
        self.tabs = [self._tab() for _ in range(tabs)]
        self.page = self.tabs[0]

    def _tab(self):
        tab = self.context.new_page()
        tab.on("dialog",
               lambda dialog: (self.dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
        return tab

    def _elsewhere(self, route):
        self.elsewhere.append(route.request.url)
        route.abort()

    def visit(self, url_path: str) -> None:
        self.page.goto(self.url + url_path.lstrip("/"), wait_until="load")

    def ran(self) -> bool:
        return self.page.evaluate("() => window.__xss === true")

    def violations(self) -> list[str]:
        return self.page.evaluate("() => window.__violations")


TABS = 4  # pages open at once: their loads, and the delay before tooltips show, overlap


def test_no_payload_runs_in_chromium(payload_site, chromium):
    tooltips_shown = 0
    pages = site_pages(payload_site)
    with serve(payload_site.site) as url:
        reader = Reader(chromium, url, TABS)
        for start in range(0, len(pages), TABS):
            # the last batch may be short
            batch = list(zip(reader.tabs, pages[start:start + TABS], strict=False))
            for tab, url_path in batch:  # each starts loading; the next starts before it has finished
                tab.goto(url + url_path.lstrip("/"), wait_until="commit")
            for tab, _ in batch:
                tab.wait_for_load_state("load")
                tab.keyboard.press("Tab")  # focus-triggered payloads (autofocus, onfocus) get their chance
                tab.evaluate(SHOW_TOOLTIPS)
            # a tooltip shows after a delay
            batch[-1][0].wait_for_timeout(300 if payload_site.tooltips else 30)
            for tab, url_path in batch:
                seen = tab.evaluate(WHAT_RAN)  # one round trip per page
                tooltips_shown += seen["tooltips"]
                assert not seen["ran"], f"a payload set window.__xss on {url_path}"
                assert seen["injected"] == 0, f"markup in a tooltip on {url_path}"
                assert seen["violations"] == [], url_path
        reader.context.close()
    assert not reader.dialogs, "payloads ran: " + "; ".join(reader.dialogs)
    assert not reader.elsewhere, reader.elsewhere[:5]
    # The tooltips were really there to attack when the feature was on, and not otherwise.
    assert (tooltips_shown > 0) == payload_site.tooltips, tooltips_shown


def test_no_payload_runs_in_the_explorer(payload_site, chromium):
    """Search results and facets show every payload (titles, names, topics, excerpts) as text."""
    with serve(payload_site.site) as url:
        reader = Reader(chromium, url)
        reader.visit("search/?q=alert&kind=Claim")
        results = reader.page.locator("ol.claims-explorer__results a.claims-explorer__title")
        reader.page.wait_for_function("() => document.querySelectorAll('.claims-explorer__result').length >= "
                                      "10")
        more = reader.page.locator(".claims-explorer__more")
        for _ in range(len(PAYLOADS)):  # every claim the index has for "alert", ten at a time
            if more.is_hidden():
                break
            shown = results.count()
            more.click()  # the next ten are appended, or the button hides when none are left
            reader.page.wait_for_function(
                "n => document.querySelectorAll('.claims-explorer__result').length > n"
                " || document.querySelector('.claims-explorer__more').hidden", arg=shown)
        shown = set(results.all_inner_texts())
        assert {payload.strip() for payload in PAYLOADS
                if "alert" in payload} <= {text.strip() for text in shown}
        # A facet's values load when it is opened: every hostile speaker becomes one checkbox.
        reader.page.locator("details.claims-explorer__facet[data-filter=speaker] > summary").click()
        speakers = reader.page.locator("input[name=speaker]")
        reader.page.wait_for_function("n => document.querySelectorAll('input[name=speaker]').length === n",
                                      arg=len(PAYLOADS))
        for checkbox in speakers.all()[:5]:
            checkbox.check()
        reader.page.wait_for_timeout(500)
        injected = reader.page.evaluate(
            "() => document.querySelectorAll('#claims-explorer img, #claims-explorer script, "
            "#claims-explorer iframe, #claims-explorer svg, #claims-explorer [onerror]').length")
        assert injected == 0
        assert not reader.ran() and reader.violations() == []
        reader.context.close()
    assert not reader.dialogs, "payloads ran: " + "; ".join(reader.dialogs)
    assert not reader.elsewhere, reader.elsewhere[:5]


def test_the_browser_test_can_see_a_payload_run(chromium):
    """Guards the test above: a page that opens a dialog, or sets window.__xss, is caught."""
    page = chromium.new_page()
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.set_content("<script>alert('caught')</script><img src=x onerror=window.__xss=true>")
    page.wait_for_function("() => window.__xss === true")
    page.close()
    assert seen == ["caught"]


def test_with_trusted_docs_the_policy_still_stops_inline_script(tmp_path, chromium):
    """`trusted_docs: true` publishes a page's HTML as written; the Content-Security-Policy still runs none of
    it."""
    project = Project(tmp_path)
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n",
                                                       "  - claims:\n      trusted_docs: true\n"))
    project.write("docs/index.md", "# Home\n\n<img src=x onerror=\"window.__xss=true\">\n\n"
                                   "<script>window.__xss = true</script>\n\n<p "
                                   "onclick=\"window.__xss=true\">p</p>\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    soup = build.page("")
    assert (soup.select_one("article script") is not None
            and soup.select_one("article img[onerror]") is not None)
    with serve(build.site) as url:
        reader = Reader(chromium, url)
        reader.visit("")
        reader.page.click("article p")
        reader.page.wait_for_timeout(200)
        assert not reader.ran()
        blocked = reader.violations()
        assert any(v.startswith("script-src") for v in blocked), blocked
        # Without the policy the same page would have run them: the wall is what stops them.
        reader.context.route(url, lambda route: route.fulfill(
            body=re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", route.fetch().text()),
            content_type="text/html"))
        reader.visit("")
        reader.page.wait_for_function("() => window.__xss === true")
        reader.context.close()


def test_payloads_are_plain_text_in_the_page_source(payload_site):
    source = (payload_site.site / "claims/c0/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "html.parser")
    assert soup.select_one("article h1").decode_contents() == "&lt;script&gt;alert(1)&lt;/script&gt;"


# --- The second wall: a Content-Security-Policy on every page the build writes ------------------------------

def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    return {name: sources for name, *sources in (part.split() for part in meta["content"].split(";"))}


def inline_script_hashes(soup: BeautifulSoup) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode() + "'"
            for script in soup.find_all("script") if not script.get("src") and script.get("type") is None
            and script.string}


def test_every_html_file_carries_the_policy_before_any_script(project):
    project.add_basics()
    project.write("claims/new-name.yml", claim_yaml(extra="aliases: [old-name]\n"))
    project.write("docs/index.md", "# Home\n\n<script>window.__xss = true</script>\n")
    # the check refuses the script; the sanitizer is tested here
    build = build_without_the_html_check(project)
    assert build.returncode == 0, build.output
    files = sorted(build.site.rglob("*.html"))
    assert {"404.html", "claims/old-name/index.html", "claims/new-name/index.html"} <= {
        f.relative_to(build.site).as_posix() for f in files}
    for file in files:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        first = next(element for element in soup.head.find_all(True) if not element.has_attr("charset"))
        assert first.get("http-equiv") == "Content-Security-Policy", f"{file}: {first}"
        policy = policy_of(soup)
        scripts = policy["script-src"]
        # WebAssembly for the explorer's Pagefind (never JavaScript from a string), then the theme's scripts'
        # hashes.
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"], file
        assert all(s.startswith("'sha256-") for s in scripts[2:]), file
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], file
        assert policy["default-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"], file
        # The hashes are those of the theme's inline scripts, never of one in the page's content.
        content = soup.select_one("article")
        theme_scripts = inline_script_hashes(soup) - (inline_script_hashes(content) if content else set())
        assert set(scripts[2:]) == theme_scripts, file
    # (`<script>` in docs/ is sanitized away by default; with trusted_docs it stays, unhashed: see the
    # Chromium test.)


def test_a_site_extends_the_policy_and_cannot_open_it_to_inline_script(project):
    project.add_basics()
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      csp:\n"
                                                       "        script-src: [https://plausible.io]\n"
                                                       "        frame-src: [https://www.youtube-nocookie.com]\n"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    policy = policy_of(build.page(""))
    assert "https://plausible.io" in policy["script-src"] and policy["script-src"][0] == "'self'"
    assert policy["frame-src"] == ["'self'", "https://www.youtube-nocookie.com"]
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      csp:\n"
                                                       "        script-src: [\"'unsafe-inline'\"]\n"))
    build = project.build("--strict")
    assert build.returncode == 1, build.output
    assert "`'unsafe-inline'` under `script-src` would let injected script run" in build.output


def test_no_google_fonts_and_no_github_api(project):
    project.write("mkdocs.yml", "repo_url: https://github.com/example/site\n" + MINIMAL_CONFIG)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    soup = build.page("")
    assert not [link for link in soup.find_all("link", href=True) if not link["href"].startswith((".", "/"))
                and "://" in link["href"] and link.get("rel") not in (["canonical"],)]
    source = soup.select_one("a.md-source")
    # the link stays; the theme no longer fetches facts
    assert source["href"] == "https://github.com/example/site"
    assert not soup.select('[data-md-component="source"]')


@pytest.mark.parametrize("front", ["template: redirect.html\nlocation: \"javascript:alert(1)\"",
                                   "icon: material/home", "hide: [\"<script>\"]", "title: [1, 2]"])
def test_front_matter_the_theme_would_obey_is_refused_in_docs(project, front):
    project.write("docs/page.md", f"---\n{front}\n---\n\n# Page\n")
    build = project.build("--strict")
    assert build.returncode == 1, build.output
    assert re.search(r"docs/page\.md:2:\d+: front matter `\w+` ", build.output), build.output
    check = project.check()  # what the check accepts builds: it refuses the same
    assert check.returncode == 1, check.stdout
    assert re.search(r"^docs/page\.md:2:\d+: front matter `\w+` ", check.stdout, re.M), check.stdout
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n",
                                                       "  - claims:\n      trusted_docs: true\n"))
    if "template" not in front and "title" not in front:
        assert project.build("--strict").returncode == 0


def test_docs_file_names_cannot_break_out_of_the_edit_link(project):
    project.write("mkdocs.yml", "repo_url: https://github.com/example/site\nedit_uri: edit/main/docs/\n"
                  + MINIMAL_CONFIG.replace("  name: material\n",
                                           "  name: material\n  features: [content.action.edit]\n"))
    project.write('docs/a" onmouseover="window.__xss=true.md', "# Page\n")
    build = project.build()
    assert build.returncode == 0, build.output
    page = next(build.site.glob("a*/index.html"))
    edit = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("a[rel=edit]")
    assert set(edit.attrs) == {"href", "title", "class", "rel"}, edit
    assert edit["href"].startswith("https://github.com/example/site/edit/main/docs/a%22%20onmouseover"), \
        edit["href"]


def test_the_repositorys_own_docs_look_the_same_sanitized(tmp_path):
    """Sanitizing docs/ (the default) keeps the repository's own pages as written with `trusted_docs: true`,
    but for the namespaced ids and `rel="noopener"`."""
    builds = []
    for trusted in (False, True):
        site = Project.__new__(Project)
        site.root = copy_site(REPO, tmp_path / str(trusted))
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - claims:\n" in config
        site.write("mkdocs.yml",
                   config.replace("  - claims:\n",
                                  f"  - claims:\n      trusted_docs: {str(trusted).lower()}\n"))
        builds.append(site.build("--strict"))
        assert builds[-1].returncode == 0, builds[-1].output

    def shown(build, path):
        article = copy.copy(build.page(path).select_one("article"))  # changed below: not the shared parse
        for element in article.find_all(True):
            if element.get("rel") == ["noopener"]:
                del element["rel"]
            for name in ("id", "href"):
                if name in element.attrs:
                    element[name] = element[name].replace("user-content-", "")
        return str(article)

    pages = [p.relative_to(REPO / "docs").with_suffix("").as_posix() for p in (REPO / "docs").rglob("*.md")]
    assert len(pages) >= 5
    for page in pages:
        path = "" if page == "index" else page.removesuffix("/index") + "/"
        assert shown(builds[0], path) == shown(builds[1], path), path
