"""Issue 13.2: listings that stay small at any size. The index of claims, the timeline and the claims of a
person, topic or source are cut into pages of `page_size`, newest first, linked by a pager and
`rel="prev"`/`"next"`, and every claim is a few clicks from the index (its pager, or its years and months).
The indexes of people, topics and sources are cut into pages of `page_size` records by name, under a heading
per letter with a jump list of letters."""

from __future__ import annotations

import datetime as dt
import re
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
from test_untrusted import PAYLOADS, q

PAGE_SIZE = 3
COUNT = 60
VERDICTS = ["accurate", "mixed", "misleading", "inaccurate", ""]
PAGED_CONFIG = MINIMAL_CONFIG.replace("  - claims\n", f"  - claims:\n      page_size: {PAGE_SIZE}\n")


def claim_facts(index: int) -> dict:
    """Claim `index` of the fixture: 60 claims, nine days apart from 28 March 2025 back to September 2023."""
    return {"id": f"c{index:02d}", "date": dt.date(2025, 3, 28) - dt.timedelta(days=9 * index),
            "speaker": "lavrov" if index % 3 == 2 else "putin",
            "topics": [t for t, wanted in (("peace-talks", index % 2 == 0), ("sanctions", index % 5 == 0))
                       if wanted],
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
                      f"date: {fact['date'].isoformat()}\nsources: [isw]\n{verdict}{topics}body: Said it "
                      "[@isw].\n")


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
    """Where the page's single `<link rel=…>` of `rel` leads (None without one); two would contradict each
    other."""
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
    """The visible pager: a labelled nav, the current page marked, the neighbours linked as the head links
    them."""
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
    # every claim once, newest first
    assert [claim for page in shown for claim in page] == newest_first(FACTS)
    assert all(len(page) == PAGE_SIZE for page in shown)
    for number, url in enumerate(urls, 1):
        assert_pager(paged, url, number, len(urls))
    assert paged.page("claims/page/2/").title.get_text().startswith("Claims, page 2 of 20")
    # Only the first page is in the navigation; the theme's links to the nav's neighbours give way to the
    # series.
    assert head_link(paged, "claims/", "next") == "claims/page/2/"


def test_the_claims_of_a_person_topic_and_source_are_paged(paged):
    for first, selector, facts in (
            ("people/putin/", "ul.claims-list > li > a", [f for f in FACTS if f["speaker"] == "putin"]),
            ("topics/sanctions/", "ul.claims-list > li > a",
             [f for f in FACTS if "sanctions" in f["topics"]]),
            ("sources/isw/", "ul.claims-list > li > a", FACTS)):
        urls, shown = series(paged, first, selector)
        assert [claim for page in shown for claim in page] == newest_first(facts), first
        assert len(urls) == -(-len(facts) // PAGE_SIZE) and all(len(page) <= PAGE_SIZE for page in shown), \
            first
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
    """The fewest clicks from `start` to every page reached through the listings (a claim page ends a
    path)."""
    clicks = {start: 0}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url.startswith("claims/") and not url.startswith("claims/page/") and url != "claims/":
            continue  # a claim's own page: reached
        for anchor in build.article(url).find_all("a", href=True):
            target = resolve(url, anchor["href"])
            if (target not in clicks and target.startswith(("claims/", "timeline/"))
                    and (build.site / target).is_dir()):
                clicks[target] = clicks[url] + 1
                queue.append(target)
    return clicks


def test_every_claim_is_a_few_clicks_from_the_index(paged):
    clicks = every_page_within_clicks(paged, "claims/")
    claims = newest_first(FACTS)
    assert set(claims) <= set(clicks), sorted(set(claims) - set(clicks))
    # Index, year, month, a month's page, the claim: four clicks at most, where the pager alone would take
    # ten.
    assert max(clicks[claim] for claim in claims) <= 4, {c: clicks[c] for c in claims if clicks[c] > 4}


def test_no_listing_page_shows_more_than_a_page_of_claims(paged):
    for file in paged.site.rglob("index.html"):
        url = file.parent.relative_to(paged.site).as_posix() + "/"
        if url.startswith(("people/", "topics/", "sources/",
                           "timeline/", "claims/page/")) or url == "claims/":
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
        # the index's pages, the timeline's years and months, the records' further pages
        assert len(written) > 40
        assert {urls.url(src_uri) for src_uri in written} <= set(reserved), \
            sorted({urls.url(src_uri) for src_uri in written} - set(reserved))


def test_page_size_must_be_a_whole_number_of_at_least_one(tmp_path):
    project = Project(tmp_path, PAGED_CONFIG.replace(f"page_size: {PAGE_SIZE}", "page_size: 0"))
    write_claims(project, FACTS[:2])
    build = project.build("--strict")
    assert build.returncode != 0 and "page_size" in build.output and "at least 1" in build.output, \
        build.output


# -- the indexes of people, topics and sources (issue 13.2's leftover) ---------------------------------------

# Names of every kind an index sorts: accents, Cyrillic, a digit first, letters whose names fill several pages
# at PAGE_SIZE a page, and the hostile payloads, which must stay text (most start with no letter).
NAMES = ["Émile Zola", "Emil Nolde", "Ernst Bloch", "Володимир Зеленський", "Вадим Пристайко",
         "Сергій Кислиця", "3M spokesperson", "sam lowercase", "Sara Stone", "Saul Bellow", "Sean Penn",
         "Simone Weil", "Sonia Gandhi", "Stan Lee", "Zoe Ball"]
PEOPLE_NAMES = {"putin": "Vladimir Putin", "lavrov": "Sergei Lavrov",
                **{f"n{i}": name for i, name in enumerate(NAMES)},
                **{f"x{i}": payload for i, payload in enumerate(PAYLOADS)}}


def write_people(project: Project) -> None:
    """The people of NAMES and PAYLOADS beside the claims' two speakers, each with a role; a few topics and
    sources more."""
    for record_id, name in PEOPLE_NAMES.items():
        if record_id not in ("putin", "lavrov"):
            project.write(f"claims/people/{record_id}.yml", f"name: {q(name)}\nrole: {q(name)}\n")
    for i, title in enumerate(["Energy", "Grain", "Elections", "Ceasefire", "Prisoners"]):
        project.write(f"claims/topics/extra-{i}.yml", f"title: {title}\n")
        project.write(f"claims/sources/extra-{i}.yml", f"title: Report on {title}\npublisher: Agency {i}\n"
                                                        f"url: https://example.org/{i}\n")


@pytest.fixture(scope="module")
def people_site(tmp_path_factory) -> Build:
    project = Project(tmp_path_factory.mktemp("people"), PAGED_CONFIG)
    write_claims(project, FACTS)
    write_people(project)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def index_rows(build: Build, url: str) -> list[tuple[str, str]]:
    """(name, the page it links) of each row of an index page, in order."""
    return [(a.get_text(), resolve(url, a["href"]))
            for a in build.article(url).select("ul.claims-records > li > a")]


def test_the_people_index_is_paged_by_name_under_letters(people_site):
    urls, shown = series(people_site, "people/", "ul.claims-records > li > a")
    assert len(urls) == -(-len(PEOPLE_NAMES) // PAGE_SIZE) and urls[1] == "people/page/2/"
    rows = [row for url in urls for row in index_rows(people_site, url)]
    assert all(len(page) <= PAGE_SIZE for page in shown)
    # Every person once, as the text of a link to their page, the hostile names too.
    assert sorted(rows) == sorted((name, f"people/{record_id}/") for record_id, name in PEOPLE_NAMES.items())
    for number, url in enumerate(urls, 1):
        assert_pager(people_site, url, number, len(urls))
    assert people_site.page("people/page/2/").title.get_text().startswith(f"People, page 2 of {len(urls)}")
    # Under a heading per letter: the names start with no letter first, then A to Z, then Cyrillic, each
    # sorted by name without accents ("Émile" between "Emil" and "Ernst").
    letters = []
    for url in urls:
        for heading in people_site.article(url).select("h2"):
            names = [a.get_text() for a in heading.find_next("ul", class_="claims-records").select("li > a")]
            letters.append((heading.contents[0].get_text().strip(), names))
    assert [letter for letter, _ in letters][:1] == ["#"]
    assert [name for letter, names in letters if letter == "E" for name in names] == \
        ["Emil Nolde", "Émile Zola", "Ernst Bloch"]
    assert [name for letter, names in letters if letter == "В" for name in names] == \
        ["Вадим Пристайко", "Володимир Зеленський"]
    assert "3M spokesperson" in [name for letter, names in letters if letter == "#" for name in names]
    assert "sam lowercase" in [name for letter, names in letters if letter == "S" for name in names]
    order = list(dict.fromkeys(letter for letter, _ in letters))
    assert order == ["#", *sorted(set(order) - {"#"})], order


def test_each_letter_leads_to_its_first_name_and_its_pages(people_site):
    urls, _ = series(people_site, "people/", "ul.claims-records > li > a")
    first_page_of: dict[str, str] = {}
    for url in urls:
        for heading in people_site.article(url).select("h2"):
            first_page_of.setdefault(heading.contents[0].get_text().strip(), f"{url}#{heading['id']}")
    for url in (urls[0], urls[len(urls) // 2], urls[-1]):
        nav = people_site.article(url).select_one("nav.claims-letters")
        assert nav is not None and nav.get("aria-label") == "People by letter"
        jumps = {a.get_text(): resolve(url, a["href"].split("#")[0]) + "#" + a["href"].split("#")[1]
                 for a in nav.select("a")}
        assert jumps == first_page_of, url
    # "S" fills several pages: each of them lists them all under its heading, the current one marked.
    pages_of_s = [url for url in urls if any(h.contents[0].get_text().strip() == "S"
                                             for h in people_site.article(url).select("h2"))]
    assert len(pages_of_s) >= 3
    for url in pages_of_s:
        nav = people_site.article(url).select_one('nav[aria-label="Pages of S"]')
        assert [resolve(url, a["href"].split("#")[0]) for a in nav.select("a")] == pages_of_s
        assert [resolve(url, a["href"].split("#")[0]) for a in nav.select('a[aria-current="page"]')] == [url]


def test_every_person_topic_and_source_is_three_clicks_from_its_index(people_site):
    for first, kind in (("people/", "people"), ("topics/", "topics"), ("sources/", "sources")):
        clicks, queue = {first: 0}, deque([first])
        while queue:
            url = queue.popleft()
            if url != first and not url.startswith(f"{kind}/page/"):
                continue  # a record's page: reached
            for anchor in people_site.article(url).find_all("a", href=True):
                target = resolve(url, anchor["href"].split("#")[0])
                if (target not in clicks and target.startswith(f"{kind}/")
                        and (people_site.site / target).is_dir()):
                    clicks[target] = clicks[url] + 1
                    queue.append(target)
        records = {row[1] for url in clicks if url == first or url.startswith(f"{kind}/page/")
                   for row in index_rows(people_site, url)}
        assert len(records) >= 3 and records <= clicks.keys()
        # The first page, a letter, one of that letter's pages, the record: three clicks at most.
        assert max(clicks[record] for record in records) <= 3, {r: clicks[r] for r in records
                                                                if clicks[r] > 3}


def test_no_index_page_lists_more_than_a_page_of_records(people_site):
    for kind in ("people", "topics", "sources"):
        for file in [people_site.site / kind / "index.html",
                     *(people_site.site / kind / "page").glob("*/index.html")]:
            url = file.parent.relative_to(people_site.site).as_posix() + "/"
            assert len(people_site.article(url).select("ul.claims-records > li")) <= PAGE_SIZE, url


def test_hostile_names_stay_text_on_the_index(people_site):
    urls, _ = series(people_site, "people/", "ul.claims-records > li > a")
    for url in urls:
        article = people_site.article(url)
        assert not article.select("script, img, iframe, svg, object, form, input, details, math, body, "
                                  "div[style]")
        assert not [tag for tag in article.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
        headings = {h["id"] for h in article.select("h2")}
        assert all(re.fullmatch(r"letter-([a-z]|u[0-9a-f]{4}|other)", anchor) for anchor in headings), \
            headings
    shown = {name for url in urls for name, _ in index_rows(people_site, url)}
    assert set(PAYLOADS) <= shown


def test_the_index_pages_addresses_are_reserved(tmp_path):
    project = Project(tmp_path, PAGED_CONFIG)
    write_claims(project, FACTS)
    write_people(project)
    content, problems = load_content(project.root / "claims", project.root)
    assert not problems
    settings = Settings(page_size=PAGE_SIZE)
    urls = Urls(settings)
    reserved = urls.reserved(len(content.claims), addresses(content, urls, settings.page_size))
    written = [page.src_uri for page in Site(content, settings).pages() if page.kind == "index"]
    assert "people/page/2.md" in written and "topics/page/2.md" in written
    assert {urls.url(src_uri) for src_uri in written} <= set(reserved)
    # The folders of the further pages are reserved even before an index needs them: no record may be named
    # `page`.
    assert {"people/page/", "topics/page/", "sources/page/"} <= set(Urls(Settings()).reserved())


def test_the_front_page_and_a_placeholder_list_the_most_claimed_where_people_are_many(tmp_path):
    # More people and topics than a page holds: the front page and `<!-- claims:people -->` list the PAGE_SIZE
    # with the most claims, most first (ties by name), and link their index, which has them all; no page lists
    # them all. The front page lists only those with claims.
    project = Project(tmp_path, PAGED_CONFIG)
    write_claims(project, FACTS)
    write_people(project)
    project.write("docs/index.md", "# Home\n\n<!-- claims:front -->\n")
    project.write("docs/about.md", "# About\n\n<!-- claims:people -->\n\n<!-- claims:topics -->\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    people = ["Vladimir Putin", "Sergei Lavrov", *sorted(
        (name for record_id, name in PEOPLE_NAMES.items() if record_id not in ("putin", "lavrov")),
        key=str.casefold)][:PAGE_SIZE]
    # 30 and 12 claims, then the first of those without any
    topics = ["Peace talks", "Sanctions", "Ceasefire"]
    home = build.article("")
    browse = {section.h3["id"]: [li.a.get_text() for li in section.select("li")]
              for section in home.select(".claims-browse section")}
    # the front page leaves out those with no claim: the rest, one page's worth, by name
    assert browse == {"browse-person": ["Sergei Lavrov", "Vladimir Putin"], "browse-topic": topics[:2]}
    for kind, count in (("person", len(PEOPLE_NAMES)), ("topic", 7)):
        more = home.select_one(f"#browse-{kind}").find_parent("section").select_one(".claims-front__more a")
        assert resolve("", more["href"]) == {"person": "people/", "topic": "topics/"}[kind]
        assert more.get_text() == f"All {count} {'people' if kind == 'person' else 'topics'}"
    about = build.article("about/")
    lists = about.select("ul.claims-records")
    assert [[li.a.get_text() for li in ul.select("li")] for ul in lists] == [people, topics]
    links = [resolve("about/", p.a["href"]) for p in about.select("p.claims-records__more")]
    assert links == ["people/", "topics/"]
