"""Issue 6: contributor text can never run in a reader's browser.

Well-known XSS filter-evasion payloads (after OWASP's cheat sheet) go into every text field of every
kind; the site is built, every page is parsed for injected elements and event attributes, and opened
in Debian's Chromium, where no dialog may open and no injected script may run.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import Project, claim_yaml, serve
from mkdocs_claims.sanitizer import forbidden_urls

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
]


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def markdown_payload(payload: str) -> str:
    """The payload for a Markdown field: one with a forbidden link is refused by the check (tested below), so
    Markdown fields get it with the link's scheme taken out, keeping its tags and event handlers."""
    if not list(forbidden_urls(payload)):
        return payload
    return re.sub(r"(?i)(javascript|data|vbscript|&#106;[^:]*?&#58;)", "", payload)


def payload_project(project: Project) -> Project:
    """One person, topic, source and claim per payload, with the payload in every text field."""
    count = len(PAYLOADS)
    for i, payload in enumerate(PAYLOADS):
        markdown = markdown_payload(payload)
        project.write(f"claims/people/p{i}.yml", f"name: {q(payload)}\nrole: {q(payload)}\ndescription: {q(markdown)}\n")
        project.write(f"claims/topics/t{i}.yml", f"title: {q(payload)}\ndescription: {q(markdown)}\n")
        project.write(f"claims/sources/s{i}.yml", f"title: {q(payload)}\npublisher: {q(payload)}\n"
                                                   f"url: https://example.org/{i}\nquote: {q(payload)}\n")
        other = (i + 1) % count
        label = markdown_payload(payload).replace("[", "(").replace("]", ")").replace("|", "/")
        project.write(f"claims/2025/c{i}.yml", "\n".join([
            f"title: {q(payload)}", f"claim: {q(payload)}", f"speaker: p{i}", "date: 2025-03-06",
            f"venue: {q(payload)}", f"summary: {q(payload)}", "verdict: misleading", f"verdict_note: {q(payload)}",
            "quotes:", f"  - text: {q(payload)}", f"    original: {q(payload)}", "    lang: ru", f"    source: s{i}",
            f"topics: [t{i}]",
            "sources:", f"  - s{i}", f"  - id: inline{i}", f"    title: {q(payload)}", f"    publisher: {q(payload)}",
            "    url: https://example.org/inline",
            "related:", f"  - claim: c{other}", "    type: rejects", f"    note: {q(payload)}",
            "read_also:", f"  - title: {q(payload)}", f"    publisher: {q(payload)}", "    url: https://example.org/r",
            "updates:", "  - date: 2025-03-07", f"    note: {q(payload)}",
            "body: " + q(f"Text {markdown} more [@s{i}] and [[c{other}|{label}]]."),
        ]) + "\n")
    project.write("docs/index.md", "# Home\n\n<!-- claims:latest 30 -->\n")
    return project


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    project = payload_project(Project(tmp_path_factory.mktemp("payloads")))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def site_pages(build) -> list[str]:
    return sorted(str(p.relative_to(build.site).parent).replace(".", "") + "/"
                  for p in build.site.rglob("index.html") if "search" not in p.parts)


INJECTED_TAGS = ("iframe", "object", "embed", "form", "input", "button", "style", "math", "body", "textarea", "select")


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
                assert not value.strip().startswith(("javascript:", "data:", "vbscript:")), f"{url_path}: {element}"
        styled = [element for element in content.find_all(True) if "style" in element.attrs]
        assert not styled, f"{url_path}: a style attribute in the content: {styled[0]}"
        for tag in INJECTED_TAGS:
            assert not content.find_all(tag), f"{url_path}: an injected <{tag}>"
        scripts = [s for s in soup.find_all("script") if "alert(" in (s.string or "")]
        assert all(s.get("type") == "application/ld+json" for s in scripts), f"{url_path}: an injected <script>"


def test_payloads_show_as_typed_text(payload_site):
    for i, payload in enumerate(PAYLOADS):
        article = payload_site.article(f"claims/c{i}/")
        assert article.h1.get_text() == payload
        assert article.select_one(".claims-box__claim").get_text(strip=True) == payload
        assert payload_site.page(f"claims/c{i}/").title.get_text().startswith(payload)
        person = payload_site.article(f"people/p{i}/")
        assert person.h1.get_text() == payload
    # Template syntax is text, never evaluated.
    assert "49" not in payload_site.article("claims/c17/").get_text()


def test_json_outputs_keep_payloads_as_data(payload_site):
    data = json.loads((payload_site.site / "claims.json").read_text(encoding="utf-8"))
    assert {claim["title"] for claim in data["claims"]} == set(PAYLOADS)
    index = json.loads((payload_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("claims/c") and "#" not in doc["location"]}
    for title in titles:  # the search UI renders titles as HTML: they must arrive escaped
        assert "<script" not in title.lower() and "<img" not in title.lower(), title


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)",
    "java\\u0000script:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
])
def test_forbidden_urls_in_fields_are_errors_at_their_line(project, url):
    project.write("claims/sources/bad.yml", f"title: T\npublisher: P\nurl: {q(url)}\n")
    result = project.check()
    assert result.returncode == 1
    assert re.search(r"^claims/sources/bad\.yml:3:6: `url` is not a valid web address", result.stdout, re.M), result.stdout


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


# --- In Chromium ------------------------------------------------------------------------------------------------------

@pytest.fixture
def chromium(request):
    """pytest-playwright's browser on Debian's Chromium, or a skip saying what is missing."""
    pytest.importorskip("pytest_playwright", reason="pytest-playwright is not installed (pip install -e '.[test]')")
    return request.getfixturevalue("browser")


def test_no_payload_runs_in_chromium(payload_site, chromium):
    dialogs: list[str] = []
    with serve(payload_site.site) as url:
        context = chromium.new_context()
        context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for url_path in site_pages(payload_site):
            page.goto(url + url_path.lstrip("/"), wait_until="load")
            page.keyboard.press("Tab")  # focus-triggered payloads (autofocus, onfocus) get their chance
            page.wait_for_timeout(30)
            ran = page.evaluate("() => window.__xss === true")
            assert not ran, url_path
        context.close()
    assert not dialogs, "payloads ran: " + "; ".join(dialogs)


def test_the_browser_test_can_see_a_dialog(chromium):
    """Guards the test above: a page that does open a dialog is caught."""
    page = chromium.new_page()
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.set_content("<script>alert('caught')</script>")
    page.close()
    assert seen == ["caught"]


def test_payloads_are_plain_text_in_the_page_source(payload_site):
    source = (payload_site.site / "claims/c0/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(source, "html.parser")
    assert soup.select_one("article h1").decode_contents() == "&lt;script&gt;alert(1)&lt;/script&gt;"
