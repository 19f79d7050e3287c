"""Issue 13.2: listings that stay small at any size. The index of claims, the timeline and the claims of a person,
topic or source are cut into pages of `page_size`, newest first, linked by a pager and `rel="prev"`/`"next"`, and
every claim is a few clicks from the index (its pager, or its years and months)."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from conftest import MINIMAL_CONFIG, PERSON, SOURCE, Build, Project
from mkdocs_claims import handwritten
from mkdocs_claims.listing_pages import addresses
from mkdocs_claims.loader import load_content
from mkdocs_claims.settings import Settings
from mkdocs_claims.site import Site
from mkdocs_claims.urls import Urls
from site_links import resolve

PAGE_SIZE = 3
COUNT = 60
VERDICTS = ["accurate", "mixed", "misleading", "inaccurate", ""]
PAGED_CONFIG = MINIMAL_CONFIG.replace("  - claims\n", f"  - claims:\n      page_size: {PAGE_SIZE}\n")


def claim_facts(index: int) -> dict:
    """Claim `index` of the fixture: 60 claims, nine days apart from 28 March 2025 back to September 2023."""
    return {"id": f"c{index:02d}", "date": dt.date(2025, 3, 28) - dt.timedelta(days=9 * index),
            "speaker": "lavrov" if index % 3 == 2 else "putin",
            "topics": [t for t, wanted in (("peace-talks", index % 2 == 0), ("sanctions", index % 5 == 0)) if wanted],
            "verdict": VERDICTS[index % len(VERDICTS)]}


FACTS = [claim_facts(index) for index in range(COUNT)]


def write_claims(project: Project, facts: list[dict]) -> None:
    project.write("claims/people/putin.yml", PERSON)
    project.write("claims/people/lavrov.yml", "name: Sergei Lavrov\nrole: Foreign Minister\n")
    project.write("claims/sources/isw.yml", SOURCE)
    project.write("claims/topics/peace-talks.yml", "title: Peace talks\n")
    project.write("claims/topics/sanctions.yml", "title: Sanctions\n")
    for fact in facts:
        verdict = f"verdict: {fact['verdict']}\nverdict_note: Because.\n" if fact["verdict"] else ""
        topics = f"topics: [{', '.join(fact['topics'])}]\n" if fact["topics"] else ""
        project.write(f"claims/{fact['date'].year}/{fact['id']}.yml",
                      f"title: Claim {fact['id']}\nclaim: Something.\nspeaker: {fact['speaker']}\n"
                      f"date: {fact['date'].isoformat()}\nsources: [isw]\n{verdict}{topics}body: Said it [@isw].\n")


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("paged"), PAGED_CONFIG)
    write_claims(project, FACTS)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def newest_first(facts: list[dict]) -> list[str]:
    return [f"claims/{f['id']}/" for f in sorted(facts, key=lambda f: (f["date"], f["id"]), reverse=True)]


def head_link(build: Build, url: str, rel: str) -> str | None:
    """Where the page's single `<link rel=…>` of `rel` leads (None without one); two would contradict each other."""
    links = build.page(url).head.find_all("link", rel=rel)
    assert len(links) <= 1, f"{url} has {len(links)} rel={rel} links"
    return resolve(url, links[0]["href"]) if links else None


def claim_links(build: Build, url: str, selector: str) -> list[str]:
    return [resolve(url, a["href"]) for a in build.article(url).select(selector)]


def series(build: Build, first: str, selector: str) -> tuple[list[str], list[list[str]]]:
    """The pages of a list from its first page, following `rel="next"`, and the claims each lists."""
    urls, shown, url = [], [], first
    while url:
        assert url not in urls, f"rel=next loops back to {url}"
        urls.append(url)
        shown.append(claim_links(build, url, selector))
        previous, url = url, head_link(build, url, "next")
        if url:
            assert head_link(build, url, "prev") == previous, f"{url} does not lead back to {previous}"
    assert head_link(build, first, "prev") is None
    return urls, shown


def assert_pager(build: Build, url: str, number: int, count: int) -> None:
    """The visible pager: a labelled nav, the current page marked, the neighbours linked as the head links them."""
    nav = build.article(url).select_one("nav.claims-pager")
    assert nav is not None and nav.get("aria-label"), url
    current = nav.select('a[aria-current="page"]')
    assert len(current) == 1 and current[0].get_text(strip=True) == str(number), url
    assert resolve(url, current[0]["href"]) == url
    for rel in ("prev", "next"):
        links = nav.select(f'a[rel="{rel}"]')
        assert [resolve(url, a["href"]) for a in links] == ([head_link(build, url, rel)]
                                                            if head_link(build, url, rel) else [])
    numbers = [a.get_text(strip=True) for a in nav.select("a[aria-label^='Page']")]
    assert numbers[0] == "1" and numbers[-1] == str(count), (url, numbers)


def test_the_index_is_paged_newest_first(paged):
    urls, shown = series(paged, "claims/", ".claims-table tbody tr td:nth-of-type(3) a")
    assert urls == ["claims/"] + [f"claims/page/{n}/" for n in range(2, COUNT // PAGE_SIZE + 1)]
    assert [claim for page in shown for claim in page] == newest_first(FACTS)  # every claim once, newest first
    assert all(len(page) == PAGE_SIZE for page in shown)
    for number, url in enumerate(urls, 1):
        assert_pager(paged, url, number, len(urls))
    assert paged.page("claims/page/2/").title.get_text().startswith("Claims, page 2 of 20")
    # Only the first page is in the navigation; the theme's links to the nav's neighbours give way to the series.
    assert head_link(paged, "claims/", "next") == "claims/page/2/"


def test_the_claims_of_a_person_topic_and_source_are_paged(paged):
    for first, selector, facts in (
            ("people/putin/", "ul.claims-list > li > a", [f for f in FACTS if f["speaker"] == "putin"]),
            ("topics/sanctions/", "ul.claims-list > li > a", [f for f in FACTS if "sanctions" in f["topics"]]),
            ("sources/isw/", "ul.claims-list > li > a", FACTS)):
        urls, shown = series(paged, first, selector)
        assert [claim for page in shown for claim in page] == newest_first(facts), first
        assert len(urls) == -(-len(facts) // PAGE_SIZE) and all(len(page) <= PAGE_SIZE for page in shown), first
        assert urls[1:] == [f"{first}page/{n}/" for n in range(2, len(urls) + 1)]
        for number, url in enumerate(urls, 1):
            assert_pager(paged, url, number, len(urls))
        back = paged.article(urls[-1]).find("a", string=lambda s: s and s.startswith("Back to the page of"))
        assert back is not None and resolve(urls[-1], back["href"]) == first


def test_a_short_list_has_no_pager(tmp_path):
    project = Project(tmp_path, PAGED_CONFIG)
    write_claims(project, FACTS[:PAGE_SIZE])
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    for url in ("claims/", "people/putin/", "sources/isw/"):
        assert build.article(url).select_one("nav.claims-pager") is None, url
        assert build.page(url).head.find("link", rel="next") is None or url == "claims/", url
    assert not (build.site / "claims" / "page").exists()
    # A timeline that fits in a page shows its claims by year and month, as a small archive's always did.
    assert claim_links(build, "timeline/", "ul.claims-list > li > a") == newest_first(FACTS[:PAGE_SIZE])


def test_the_timeline_splits_years_and_months_that_do_not_fit_a_page(paged):
    timeline = paged.article("timeline/")
    years = [resolve("timeline/", h2.a["href"]) for h2 in timeline.select("h2")]
    assert years == ["timeline/2025/", "timeline/2024/", "timeline/2023/"]
    assert timeline.select("ul.claims-list") == []  # 60 claims: the overview links, it does not list
    march = paged.article("timeline/2025/").find("a", string="March")
    assert resolve("timeline/2025/", march["href"]) == "timeline/2025/03/"
    facts = [f for f in FACTS if (f["date"].year, f["date"].month) == (2025, 3)]
    urls, shown = series(paged, "timeline/2025/03/", "ul.claims-list > li > a")
    assert [claim for page in shown for claim in page] == newest_first(facts)
    assert len(urls) == 2 and urls[1] == "timeline/2025/03/page/2/"


def every_page_within_clicks(build: Build, start: str) -> dict[str, int]:
    """The fewest clicks from `start` to every page reached through the listings (a claim page ends a path)."""
    clicks = {start: 0}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url.startswith("claims/") and not url.startswith("claims/page/") and url != "claims/":
            continue  # a claim's own page: reached
        for anchor in build.article(url).find_all("a", href=True):
            target = resolve(url, anchor["href"])
            if target not in clicks and target.startswith(("claims/", "timeline/")) and (build.site / target).is_dir():
                clicks[target] = clicks[url] + 1
                queue.append(target)
    return clicks


def test_every_claim_is_a_few_clicks_from_the_index(paged):
    clicks = every_page_within_clicks(paged, "claims/")
    claims = newest_first(FACTS)
    assert set(claims) <= set(clicks), sorted(set(claims) - set(clicks))
    # Index, year, month, a month's page, the claim: four clicks at most, where the pager alone would take ten.
    assert max(clicks[claim] for claim in claims) <= 4, {c: clicks[c] for c in claims if clicks[c] > 4}


def test_no_listing_page_shows_more_than_a_page_of_claims(paged):
    for file in paged.site.rglob("index.html"):
        url = file.parent.relative_to(paged.site).as_posix() + "/"
        if url.startswith(("people/", "topics/", "sources/", "timeline/", "claims/page/")) or url == "claims/":
            article = paged.article(url)
            listed = article.select("ul.claims-list > li, .claims-table tbody tr")
            assert len(listed) <= PAGE_SIZE, f"{url} lists {len(listed)} claims"


def test_every_listing_address_is_reserved(tmp_path):
    project = Project(tmp_path, PAGED_CONFIG)
    write_claims(project, FACTS)
    content, problems = load_content(project.root / "claims", project.root)
    assert not problems
    for settings in (Settings(page_size=PAGE_SIZE), Settings(page_size=PAGE_SIZE, directory_urls=False)):
        urls = Urls(settings)
        reserved = urls.reserved(len(content.claims), addresses(content, urls, settings.page_size))
        docs = list(handwritten.pages_in(project.root / "docs"))
        site = Site(content, settings, handwritten.explained_in(docs, content, settings.claims_prefix))
        records = {urls.record(kind, record_id) for kind in ("claim", "person", "topic", "source")
                   for record_id in content.records(kind)}
        written = [page.src_uri for page in site.pages() if page.src_uri not in records]
        assert len(written) > 40  # the index's pages, the timeline's years and months, the records' further pages
        assert {urls.url(src_uri) for src_uri in written} <= set(reserved), \
            sorted({urls.url(src_uri) for src_uri in written} - set(reserved))


def test_page_size_must_be_a_whole_number_of_at_least_one(tmp_path):
    project = Project(tmp_path, PAGED_CONFIG.replace(f"page_size: {PAGE_SIZE}", "page_size: 0"))
    write_claims(project, FACTS[:2])
    build = project.build("--strict")
    assert build.returncode != 0 and "page_size" in build.output and "at least 1" in build.output, build.output
