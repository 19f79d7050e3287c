"""Issue 5: structured data, open data and feeds, read back with the parsers their consumers use."""

from __future__ import annotations

import csv
import io
import json
import re

import extruct
import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLE, claim_yaml
from mkdocs_claims.loader import load_content

CONTENT, _ = load_content(ARTICLE / "claims", ARTICLE)
ARTICLE_CLAIMS = set(CONTENT.claims)


def json_ld(build, url_path: str) -> list[dict]:
    html = (build.site / url_path / "index.html").read_text(encoding="utf-8")
    return extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]


def claim_item(data: dict) -> dict:
    return data["itemReviewed"] if data["@type"] == "ClaimReview" else data


@pytest.mark.parametrize("claim_id", sorted(ARTICLE_CLAIMS))
def test_every_claim_page_describes_its_claim_with_speaker_and_date(article_site, claim_id):
    items = [item for item in json_ld(article_site, f"claims/{claim_id}")
             if item["@type"] in ("Claim", "ClaimReview")]
    assert len(items) == 1
    data, claim = items[0], CONTENT.claims[claim_id]
    item = claim_item(data)
    assert item["@type"] == "Claim"
    assert item["datePublished"] == claim.date.isoformat()
    authors = item["author"] if isinstance(item["author"], list) else [item["author"]]
    assert [a["name"] for a in authors] == [CONTENT.people[p].name for p in claim.speakers]
    assert all(a["@type"] == "Person" for a in authors)
    assert [q["text"] for q in item.get("hasPart", [])] == [q.text for q in claim.quotes]
    assert all(q["@type"] == "Quotation" and q["isBasedOn"]["url"].startswith("https://")
               for q in item.get("hasPart", []))
    if claim.verdict:
        assert data["@type"] == "ClaimReview"
        rating = CONTENT.rating(claim.verdict)
        assert data["reviewRating"]["alternateName"] == rating.label
        assert data["reviewRating"]["ratingValue"] == rating.value
        assert (data["reviewRating"]["worstRating"], data["reviewRating"]["bestRating"]) == (1, 5)
        assert data["claimReviewed"] == claim.claim
    else:
        assert data["@type"] == "Claim"


def test_person_page_has_person_with_wikidata(article_site):
    (person,) = json_ld(article_site, "people/vladimir-putin")
    assert person["@type"] == "Person"
    assert person["name"] == "Vladimir Putin"
    assert person["sameAs"] == "https://www.wikidata.org/wiki/Q7747"


@pytest.mark.parametrize("url_path", ["claims", "topics/peace-talks", "people", "timeline"])
def test_listing_pages_are_collection_pages(article_site, url_path):
    (page,) = json_ld(article_site, url_path)
    assert page["@type"] == "CollectionPage"
    assert page["hasPart"]


def test_claims_json_holds_everything_with_relations_both_ways(article_site):
    data = json.loads((article_site.site / "claims.json").read_text(encoding="utf-8"))
    jsonschema.validate(data,
                        json.loads((article_site.site / "claims.schema.json").read_text(encoding="utf-8")))
    claims = {claim["id"]: claim for claim in data["claims"]}
    assert set(claims) == ARTICLE_CLAIMS
    assert {p["id"] for p in data["people"]} == set(CONTENT.people)
    hegseth = claims["hegseth-peacekeeping-troops"]["relations"]
    assert {(r["label"], r["claim"], r["direction"]) for r in hegseth} == {
        ("rejected by", "lavrov-no-european-peacekeepers", "incoming"),
        ("rejected by", "zakharova-no-respite", "incoming"),
    }
    lavrov = claims["lavrov-no-european-peacekeepers"]["relations"]
    shown = {(r["label"], r["claim"], r["direction"]) for r in lavrov}
    assert ("rejects", "hegseth-peacekeeping-troops", "outgoing") in shown
    assert claims["putin-no-concessions"]["url"].endswith("/claims/putin-no-concessions/")


def test_per_claim_json_matches_claims_json(article_site):
    listed = json.loads((article_site.site / "claims.json").read_text(encoding="utf-8"))["claims"]
    everything = {c["id"]: c for c in listed}
    schema = json.loads((article_site.site / "claims.schema.json").read_text(encoding="utf-8"))
    claim_schema = {**schema["$defs"]["claim"], "$defs": schema["$defs"]}
    for claim_id in ARTICLE_CLAIMS:
        one = json.loads((article_site.site / "claims" / f"{claim_id}.json").read_text(encoding="utf-8"))
        jsonschema.validate(one, claim_schema)
        assert one == everything[claim_id]


def test_csv_has_one_row_per_claim(article_site):
    rows = list(csv.DictReader(io.StringIO((article_site.site / "claims.csv").read_text(encoding="utf-8"))))
    assert {row["id"] for row in rows} == ARTICLE_CLAIMS
    graham = next(row for row in rows if row["id"] == "graham-expects-sanctions")
    assert graham["speaker_names"] == "Lindsey Graham"
    assert "responds to:putin-no-concessions" in graham["related"].split(";")
    putin = next(row for row in rows if row["id"] == "putin-no-concessions")
    assert "responded to by:graham-expects-sanctions" in putin["related"].split(";")


def test_feeds_parse_and_list_the_right_claims(article_site):
    site_feed = feedparser.parse((article_site.site / "feed.xml").read_bytes())
    assert not site_feed.bozo, site_feed.bozo_exception
    assert len(site_feed.entries) == len(ARTICLE_CLAIMS)
    dates = [entry.published_parsed for entry in site_feed.entries]
    assert dates == sorted(dates, reverse=True)
    for kind, folder, field in (("person", "people", "speakers"), ("topic", "topics", "topics")):
        for record_id in CONTENT.records(kind):
            feed = feedparser.parse((article_site.site / folder / record_id / "feed.xml").read_bytes())
            assert not feed.bozo
            expected = {c.id for c in CONTENT.claims.values() if record_id in getattr(c, field)}
            assert {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries} == expected


def test_feeds_are_advertised(article_site):
    page = article_site.page("people/sergei-lavrov/")
    links = [link for link in page.select('head link[type="application/atom+xml"]')
             if "alternate" in link["rel"]]
    hrefs = {link["href"] for link in links}
    assert "../../feed.xml" in hrefs and "../../people/sergei-lavrov/feed.xml" in hrefs
    for href in hrefs:
        assert (article_site.site / "people" / "sergei-lavrov" / href).resolve().is_file()


def test_claim_pages_have_sharing_tags(article_site):
    page = article_site.page("claims/putin-no-concessions/")
    claim = CONTENT.claims["putin-no-concessions"]
    assert page.select_one('meta[property="og:title"]')["content"] == claim.title
    assert page.select_one('meta[property="og:description"]')["content"] == claim.listing_text
    assert page.select_one('meta[property="og:url"]')["content"].endswith("/claims/putin-no-concessions/")
    # with its share image
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert re.search(r"/claims/putin-no-concessions\.png\?v=[0-9a-f]{12}$",
                     page.select_one('meta[property="og:image"]')["content"])


def test_contributor_text_cannot_close_the_json_ld_script(project):
    project.add_basics()
    evil = '"</script><script>alert(1)</script>"'
    project.write("claims/evil.yml",
                  claim_yaml(title=evil, extra='verdict: inaccurate\nverdict_note: "</script><b>x</b>"\n'))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    page = build.page("claims/evil/")
    scripts = page.find_all("script")
    assert not any("alert(1)" in (s.string or "") and s.get("type") != "application/ld+json" for s in scripts)
    (data,) = [json.loads(s.string) for s in scripts if s.get("type") == "application/ld+json"]
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["reviewRating"]["ratingExplanation"] == "</script><b>x</b>"
    assert page.find("b", string="x") is None


def test_alias_keeps_the_old_url_working(project):
    project.add_basics()
    project.write("claims/new-name.yml", claim_yaml(extra="aliases: [old-name]\n"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    old = BeautifulSoup((build.site / "claims/old-name/index.html").read_text(encoding="utf-8"),
                        "html.parser")
    refresh = old.select_one('meta[http-equiv="refresh"]')["content"]
    target = refresh.split("url=", 1)[1]
    assert target == "../new-name/"
    assert (build.site / "claims/old-name" / target / "index.html").resolve().is_file()


def test_alias_that_collides_with_an_id_is_an_error(project):
    project.add_basics()
    project.write("claims/one.yml", claim_yaml())
    project.write("claims/two.yml", claim_yaml(extra="aliases:\n  - one\n"))
    result = project.check()
    assert result.returncode == 1
    assert "claims/two.yml:7:5: the alias `one` is the id of another claim" in result.stdout
