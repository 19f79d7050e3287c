"""Issue 14.4: who wrote and reviewed each explainer, and when it was published and updated, as fact-checkers
publish it: on the claim page, in the open data and in the ClaimReview structured data that search engines
read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess

import extruct
import jsonschema

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims import review_dates

SITE_URL = "https://checks.example.org/"
TEAM = """\
      organization:
        name: The Fact Desk
        url: https://factdesk.example.org/
      team:
        jane-doe:
          name: Jane Doe
          role: Fact-checker
          url: https://factdesk.example.org/people/jane-doe/
        john-roe:
          name: John Roe
          role: Fact-checker
        ann-lee:
          name: Ann Lee
          role: Editor
"""


def config(team: str = TEAM, site_url: str = SITE_URL) -> str:
    text = MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n" + team)
    return f"site_url: {site_url}\n" + text if site_url else text


def site(project: Project, extra: str = "", team: str = TEAM,
         site_url: str = SITE_URL, claim_id: str = "x") -> Project:
    project.write("mkdocs.yml", config(team, site_url))
    project.add_basics()
    project.write(f"claims/2025/03/{claim_id}.yml",
                  claim_yaml(extra="verdict: misleading\nverdict_note: Because.\n"
                                                               + extra))
    return project


def byline(build, claim_id: str = "x"):
    return build.article(f"claims/{claim_id}/").select_one(".claims-byline")


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def json_ld(build, claim_id: str = "x") -> dict:
    html = (build.site / "claims" / claim_id / "index.html").read_text(encoding="utf-8")
    (data,) = [item for item in extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
               if item["@type"] in ("Claim", "ClaimReview")]
    return data


# -- the byline on the page ----------------------------------------------------------------------------------


def test_byline_names_authors_and_reviewers_with_the_review_dates(project):
    site(project,
         "authors: [jane-doe, john-roe]\nreviewers: [ann-lee]\npublished: 2025-03-07\nupdated: 2025-03-12\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    line = byline(build)
    assert text(line) == ("By Jane Doe and John Roe · Reviewed by Ann Lee · Published 7 March 2025 · "
                          "Updated 12 March 2025")
    assert [(t["datetime"], t.get_text()) for t in line.select("time")] == [("2025-03-07", "7 March 2025"),
                                                                            ("2025-03-12", "12 March 2025")]
    links = {a.get_text(): a["href"] for a in line.select("a")}
    # the others have no profile page
    assert links == {"Jane Doe": "https://factdesk.example.org/people/jane-doe/"}
    # Near the top: right below the headline, before the claim box.
    assert line.find_previous_sibling("h1")["id"] == "claim"
    assert line.find_next_sibling(class_="claims-box") is not None


def test_three_authors_are_listed_with_commas_and_and(project):
    site(project, "authors: [jane-doe, john-roe, ann-lee]\npublished: 2025-03-07\n")
    build = project.build("--strict")
    assert text(byline(build)) == "By Jane Doe, John Roe and Ann Lee · Published 7 March 2025"


def test_without_authors_the_organization_is_the_author(project):
    site(project, "published: 2025-03-07\n")
    build = project.build("--strict")
    line = byline(build)
    assert text(line) == "By The Fact Desk · Published 7 March 2025"
    assert line.select_one("a")["href"] == "https://factdesk.example.org/"
    data = json_ld(build)
    assert data["author"] == {"@type": "Organization", "name": "The Fact Desk", "url": "https://factdesk.example.org/"}


def test_without_organization_the_site_is_the_author(project):
    site(project, "published: 2025-03-07\n", team="      related_count: 4\n")
    build = project.build("--strict")
    assert text(byline(build)) == "By Test claims · Published 7 March 2025"
    assert json_ld(build)["author"] == {"@type": "Organization", "name": "Test claims", "url": SITE_URL}


def test_a_correction_updates_the_review(project):
    site(project,
         "published: 2025-03-07\nupdates:\n"
         "  - date: 2025-03-15\n    note: Corrected the date of the talks.\n")
    build = project.build("--strict")
    assert text(byline(build)).endswith("Published 7 March 2025 · Updated 15 March 2025")
    # after the organization's link: the update leads to the corrections log
    (log,) = byline(build).select("a")[1:]
    assert log["href"] == "#corrections" and log.select_one("time")["datetime"] == "2025-03-15"
    assert build.article("claims/x/").select_one("#corrections") is not None
    data = json_ld(build)
    assert (data["datePublished"], data["dateModified"]) == ("2025-03-07", "2025-03-15")


def test_the_review_dates_are_not_the_date_of_the_claim(project):
    site(project, "published: 2025-03-07\n")
    data = json_ld(project.build("--strict"))
    assert data["datePublished"] == "2025-03-07"  # the review
    assert data["itemReviewed"]["datePublished"] == "2025-03-06"  # the claim, when it was made


# -- dates from git history ----------------------------------------------------------------------------------


def git(folder, *args: str, when: str | None = None) -> None:
    env = dict(os.environ)
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c",
                    "commit.gpgsign=false", *args], cwd=folder, env=env, check=True, capture_output=True,
                   timeout=60)


def repository(project: Project) -> Project:
    """The site in a git repository: the claim added on 3 March 2025, changed on 5 March (times near midnight,
    in other time zones, give the committer's own day)."""
    site(project, "authors: [jane-doe]\n")
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "Add", when="2025-03-03T23:30:00+05:00")
    path = project.root / "claims/2025/03/x.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Putin", "title: President Putin"),
                    encoding="utf-8")
    git(project.root, "commit", "-qam", "Change", when="2025-03-05T01:00:00-07:00")
    return project


def test_dates_come_from_the_first_and_last_commit(project):
    build = repository(project).build("--strict")
    assert build.returncode == 0, build.output
    assert text(byline(build)) == "By Jane Doe · Published 3 March 2025 · Updated 5 March 2025"
    data = json_ld(build)
    assert (data["datePublished"], data["dateModified"]) == ("2025-03-03", "2025-03-05")


def test_a_moved_file_keeps_its_first_commit(project):
    repository(project)
    (project.root / "claims/2025/02").mkdir()
    git(project.root, "mv", "claims/2025/03/x.yml", "claims/2025/02/x.yml")
    git(project.root, "commit", "-qm", "Move", when="2025-03-09T12:00:00+00:00")
    history = review_dates.history(project.root / "claims")
    assert history["2025/02/x.yml"] == review_dates.History(dt.date(2025, 3, 3), dt.date(2025, 3, 9))
    assert "2025/03/x.yml" not in history


def test_a_file_that_writes_published_keeps_its_dates_by_hand(project):
    repository(project)
    path = project.root / "claims/2025/03/x.yml"
    path.write_text(path.read_text(encoding="utf-8") + "published: 2025-03-06\n", encoding="utf-8")
    git(project.root, "commit", "-qam", "Date it", when="2025-04-01T12:00:00+00:00")
    build = project.build("--strict")
    assert text(byline(build)) == "By Jane Doe · Published 6 March 2025"  # no commit date mixed in


def test_outside_git_the_file_date_is_the_publication_date(project):
    site(project, "authors: [jane-doe]\n")
    moment = dt.datetime(2025, 3, 8, 12).timestamp()
    os.utime(project.root / "claims/2025/03/x.yml", (moment, moment))
    build = project.build("--strict")
    assert text(byline(build)) == "By Jane Doe · Published 8 March 2025"


def test_a_file_git_has_not_committed_is_dated_by_the_file(project):
    repository(project)
    new = project.write("claims/2025/03/new-claim.yml", claim_yaml(title="Another"))
    moment = dt.datetime(2025, 3, 20, 12).timestamp()
    os.utime(new, (moment, moment))
    build = project.build("--strict")
    assert text(byline(build, "new-claim")) == "By The Fact Desk · Published 20 March 2025"
    assert text(byline(build)).endswith("Published 3 March 2025 · Updated 5 March 2025")


def test_no_git_installed_falls_back_to_the_file_date(project, monkeypatch):
    site(project)
    monkeypatch.setenv("PATH", str(project.root / "nothing-here"))
    assert shutil.which("git") is None
    assert review_dates.history(project.root / "claims") is None


def test_a_shallow_clone_does_not_date_publication_by_its_only_commit(project, tmp_path):
    repository(project)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project.root}", str(clone))
    history = review_dates.history(clone / "claims")
    assert history["2025/03/x.yml"].first == dt.date.min  # unknown: the clone lacks the first commit
    assert history["2025/03/x.yml"].last == dt.date(2025, 3, 5)


def test_one_git_process_for_all_claims(project, monkeypatch):
    repository(project)
    for number in range(5):
        project.write(f"claims/2025/03/claim-{number}.yml", claim_yaml(title=f"Claim {number}"))
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "More", when="2025-03-06T12:00:00+00:00")
    calls = []
    real = subprocess.run

    def counted(command, *args, **kwargs):
        calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(review_dates.subprocess, "run", counted)
    from mkdocs_claims.cli import plugin_options
    from mkdocs_claims.loader import load_content
    from mkdocs_claims.settings import settings_from

    settings = settings_from(plugin_options(project.root / "mkdocs.yml"), {}, project.root)
    content, problems = load_content(project.root / "claims", project.root, settings=settings)
    assert not problems
    review_dates.complete(content, project.root / "claims", project.root)
    # one log for all six files, one shallow test
    assert [command[3] for command in calls] == ["log", "rev-parse"]
    assert {c.published for c in content.claims.values()} == {dt.date(2025, 3, 3), dt.date(2025, 3, 6)}


# -- claims check --------------------------------------------------------------------------------------------


def test_unknown_team_member_is_an_error_at_its_line_with_a_hint(project):
    site(project, "authors:\n  - jane-doe\n  - jon-roe\nreviewers: [nobody-known]\n")
    done = project.check()
    assert done.returncode == 1
    lines = (project.root / "claims/2025/03/x.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  - jon-roe") + 1
    assert (f"claims/2025/03/x.yml:{line}:5: unknown team member `jon-roe` "
            "(hint: did you mean `john-roe`?)") in done.stdout
    line = lines.index("reviewers: [nobody-known]") + 1
    assert (f"claims/2025/03/x.yml:{line}:13: unknown team member `nobody-known` (hint: add `nobody-known` "
            "under `team` of the claims plugin in mkdocs.yml, or check the spelling)") in done.stdout
    build = project.build()
    assert build.returncode != 0 and "unknown team member `jon-roe`" in build.output


def test_a_site_without_a_team_says_how_to_make_one(project):
    site(project, "authors: [jane-doe]\n", team="      related_count: 4\n")
    done = project.check()
    assert "unknown team member `jane-doe` (hint: this site has no team yet" in done.stdout


def test_the_review_dates_must_be_in_order(project):
    site(project, "reviewers: [jane-doe]\nauthors: [jane-doe]\npublished: 2025-03-01\nupdated: 2025-02-20\n"
                  "updates:\n  - date: 2025-02-25\n    note: A fix.\n")
    done = project.check()
    assert done.returncode == 1
    assert "`jane-doe` is both an author and a reviewer of this claim" in done.stdout
    assert "`published` (2025-03-01) is before the claim was made (2025-03-06)" in done.stdout
    assert "`updated` (2025-02-20) is before `published` (2025-03-01)" in done.stdout
    assert "a correction dated 2025-02-25, before the explainer was published (2025-03-01)" in done.stdout


def test_wrong_values_are_errors_of_the_schema(project):
    site(project, "authors: jane-doe\nreviewers: [Jane Doe]\npublished: 2025-02-30\n")
    done = project.check()
    assert done.returncode == 1
    assert "`authors` must be" in done.stdout
    assert "reviewers[0]" in done.stdout
    assert "`published` is not a real date" in done.stdout


def test_team_problems_in_mkdocs_yml_are_errors_of_check_and_build(project):
    bad = "      team:\n        Jane: {name: Jane}\n        ok-id: {name: Ok, url: 'javascript:alert(1)'}\n"
    site(project, team=bad + "        no-name: {role: Editor}\n")
    done = project.check()
    assert done.returncode == 1
    assert ("mkdocs.yml:8:9: plugins > claims > team > Jane: invalid team id (hint: ids are lowercase ASCII "
            "letters, digits and single hyphens, e.g. `jane-doe`)") in done.stdout
    assert ("mkdocs.yml:9:9: plugins > claims > team > ok-id > url: not a web address: "
            "'javascript:alert(1)'") in done.stdout
    assert "mkdocs.yml:10:9: plugins > claims > team > no-name: a team member needs a `name`" in done.stdout
    site(project, team=bad)
    build = project.build()
    assert build.returncode != 0
    assert "mkdocs.yml: plugins > claims > team > Jane: invalid team id" in build.output
    assert "mkdocs.yml: plugins > claims > team > ok-id > url: not a web address" in build.output


# -- open data -----------------------------------------------------------------------------------------------


def test_claims_json_csv_and_claim_json_carry_the_byline(project):
    site(project, "authors: [jane-doe]\nreviewers: [ann-lee]\npublished: 2025-03-07\nupdated: 2025-03-12\n")
    build = project.build("--strict")
    data = json.loads((build.site / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((build.site / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["organization"] == {"name": "The Fact Desk", "url": "https://factdesk.example.org/"}
    (claim,) = data["claims"]
    assert claim["authors"] == [{"id": "jane-doe", "name": "Jane Doe", "role": "Fact-checker",
                                 "url": "https://factdesk.example.org/people/jane-doe/"}]
    assert claim["reviewers"] == [{"id": "ann-lee", "name": "Ann Lee", "role": "Editor", "url": None}]
    assert (claim["published"], claim["updated"], claim["date"]) == ("2025-03-07", "2025-03-12", "2025-03-06")
    one = json.loads((build.site / "claims" / "x.json").read_text(encoding="utf-8"))
    claim_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/claim"}
    jsonschema.Draft202012Validator(claim_schema, format_checker=jsonschema.FormatChecker()).validate(one)
    assert one == claim
    (row,) = csv.DictReader(io.StringIO((build.site / "claims.csv").read_text(encoding="utf-8")))
    assert (row["authors"], row["reviewers"], row["published"], row["updated"]) == (
        "Jane Doe", "Ann Lee", "2025-03-07", "2025-03-12")


# -- structured data -----------------------------------------------------------------------------------------


def test_claim_review_has_googles_required_and_recommended_properties(project):
    site(project,
         "authors: [jane-doe, john-roe]\nreviewers: [ann-lee]\npublished: 2025-03-07\nupdated: 2025-03-12\n")
    build = project.build("--strict")
    data = json_ld(build)
    assert data["@type"] == "ClaimReview"
    # Required by Google: claimReviewed, reviewRating with alternateName, url.
    assert data["claimReviewed"] == "Russia will make no compromises."
    assert data["reviewRating"]["@type"] == "Rating"
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert (data["reviewRating"]["ratingValue"], data["reviewRating"]["bestRating"],
            data["reviewRating"]["worstRating"]) == (2, 5, 1)
    assert data["url"] == SITE_URL + "claims/x/"
    # Recommended: the review's author and date, and the claim reviewed with its own author and date.
    works_for = {"@type": "Organization", "name": "The Fact Desk", "url": "https://factdesk.example.org/"}
    assert data["author"] == [
        {"@type": "Person", "name": "Jane Doe", "jobTitle": "Fact-checker",
         "url": "https://factdesk.example.org/people/jane-doe/", "worksFor": works_for},
        {"@type": "Person", "name": "John Roe", "jobTitle": "Fact-checker", "worksFor": works_for}]
    assert data["editor"] == {"@type": "Person", "name": "Ann Lee",
                              "jobTitle": "Editor", "worksFor": works_for}
    assert data["publisher"] == works_for
    assert (data["datePublished"], data["dateModified"]) == ("2025-03-07", "2025-03-12")
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] == "Person" and item["author"]["name"] == "Vladimir Putin"
    assert item["datePublished"] == "2025-03-06"
    source = "https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-march-6-2025"
    assert [work["url"] for work in item["appearance"]] == [source]
    assert item["firstAppearance"]["url"] == source


def test_first_appearance_is_the_earliest_source_with_an_address(project):
    site(project)
    project.write("claims/2025/03/x.yml", claim_yaml(
        sources="[isw, early]", extra="verdict: misleading\nverdict_note: Because.\n").replace(
        "sources: [isw, early]\n", "sources:\n  - isw\n  - id: early\n    title: The first report\n"
        "    publisher: A wire\n    url: https://wire.example.org/a\n    date: 2025-03-05\n"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    item = json_ld(build)["itemReviewed"]
    assert item["firstAppearance"]["url"] == "https://wire.example.org/a"
    assert len(item["appearance"]) == 2


# -- hostile values ------------------------------------------------------------------------------------------

HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp; "=HYPERLINK(1)'


def test_hostile_team_and_organization_names_are_text_everywhere(project):
    quoted = json.dumps(HOSTILE)
    team = (f"      organization:\n        name: {quoted}\n      team:\n        jane-doe:\n          name: "
            f"{quoted}\n          role: {quoted}\n        ann-lee:\n          name: "
            f"{json.dumps('=' + HOSTILE)}\n")
    site(project, "reviewers: [ann-lee]\nauthors: [jane-doe]\npublished: 2025-03-07\n", team=team)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    page = build.page("claims/x/")
    assert text(byline(build)) == f"By {HOSTILE} · Reviewed by ={HOSTILE} · Published 7 March 2025"
    assert not page.select("img[onerror]")
    assert all(script.get("type") == "application/ld+json" or script.get("src")
               or "alert" not in script.get_text() for script in page.select("script"))
    data = json_ld(build)
    assert data["author"]["name"] == HOSTILE and data["author"]["jobTitle"] == HOSTILE
    assert data["publisher"]["name"] == HOSTILE
    assert data["editor"]["name"] == "=" + HOSTILE
    (row,) = csv.DictReader(io.StringIO((build.site / "claims.csv").read_text(encoding="utf-8")))
    assert row["authors"] == HOSTILE and row["reviewers"] == "'=" + HOSTILE  # a spreadsheet runs no formula
    data = json.loads((build.site / "claims.json").read_text(encoding="utf-8"))
    assert data["claims"][0]["authors"][0]["name"] == HOSTILE


def test_a_malformed_team_or_organization_is_an_error_of_check(project):
    site(project, team="      organization: Acme\n      team: [jane-doe]\n")
    done = project.check()
    assert done.returncode == 1
    assert "mkdocs.yml:8:7: plugins > claims > team: must map team ids to {name, url, role}" in done.stdout
    assert "mkdocs.yml:7:7: plugins > claims > organization: must be {name, url}" in done.stdout


def test_a_page_lists_the_team_with_roles_and_the_organization(project):
    quoted = json.dumps(HOSTILE)
    site(project, team=TEAM + f"        hostile:\n          name: {quoted}\n          role: {quoted}\n")
    project.write("docs/about.md", "# About\n\nOur team:\n\n<!-- claims:team -->\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    article = build.article("about/")
    rows = [text(item) for item in article.select("ul.claims-team > li")]
    assert rows == ["Jane Doe, Fact-checker", "John Roe, Fact-checker",
                    "Ann Lee, Editor", f"{HOSTILE}, {HOSTILE}"]
    assert article.select_one("ul.claims-team a")["href"] == "https://factdesk.example.org/people/jane-doe/"
    assert text(article.select_one(".claims-team__organization")) == "Published by The Fact Desk."
    assert (not article.select("img[onerror]")
            and "alert" not in "".join(s.get_text() for s in article.select("script")))


def test_without_a_team_the_page_names_the_organization(project):
    site(project, team="      related_count: 4\n")
    project.write("docs/about.md", "# About\n\n<!-- claims:team -->\n")
    build = project.build("--strict")
    assert not build.article("about/").select("ul.claims-team")
    assert (text(build.article("about/").select_one(".claims-team__organization")) == "Published by Test "
                                                                                      "claims.")
