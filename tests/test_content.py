"""The repository's own content, whatever it is: valid, built strictly, a page per record and per hand-written
page, every internal link resolving.

These tests assert only what holds for ANY valid content, so a pull request that adds, changes or removes
claims, people, sources, topics or explainers keeps them green, and an invalid one turns them red through
`claims check`. Tests about the article itself read the frozen copy in tests/fixtures/article.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_site
from mkdocs_claims.cli import _read_config, plugin_options
from mkdocs_claims.loader import load_content
from mkdocs_claims.model import KINDS
from mkdocs_claims.settings import settings_from
from mkdocs_claims.urls import Urls
from site_links import file_of, link_problems


def content_problems(root: Path, site: Path) -> list[str]:
    """What is wrong with the site folder `root` (mkdocs.yml, claims/, docs/), built into `site` outside
    it."""
    claims = str(Path(sys.executable).with_name("claims"))
    check = subprocess.run([claims, "check"], cwd=root, capture_output=True, text=True, timeout=300)
    if check.returncode != 0:
        return [f"claims check exited {check.returncode}:\n{check.stdout}{check.stderr}"]
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                            str(root / "mkdocs.yml"), "-d", str(site)], cwd=root, capture_output=True,
                           text=True, timeout=600)
    if build.returncode != 0:
        return [f"mkdocs build --strict exited {build.returncode}:\n{build.stdout}{build.stderr}"]
    return built_site_problems(root, site)


def built_site_problems(root: Path, site: Path) -> list[str]:
    """Records and hand-written pages of `root` without their page in the built `site`, and links to
    nowhere."""
    config = _read_config(root / "mkdocs.yml")
    settings = settings_from(plugin_options(root / "mkdocs.yml"), config, root)
    urls = Urls(settings)
    content, _ = load_content(root / settings.content_dir, root, settings.scale)
    problems = []
    for kind in KINDS:
        for record_id in content.records(kind):
            if file_of(site, urls.url(urls.record(kind, record_id))) is None:
                problems.append(f"no page for the {kind} `{record_id}`")
    docs = root / config.get("docs_dir", "docs")
    for page in sorted(docs.rglob("*.md")):
        if file_of(site, urls.url(page.relative_to(docs).as_posix())) is None:
            problems.append(f"no page for {page.relative_to(root).as_posix()}")
    _, broken = link_problems(site, fragments=True)
    problems += [f"broken internal link: {link}" for link in broken]
    return problems


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory) -> tuple[list[str], Path]:
    """The repository's content checked and built once for this module: (its problems, the site)."""
    site = tmp_path_factory.mktemp("repository") / "site"
    return content_problems(REPO, site), site


def test_the_repository_content_checks_builds_and_links(repository_site):
    problems, _ = repository_site
    assert problems == []


PERSON = "name: Trial Person {n}\nrole: Spokesperson of a trial ministry\n"
SOURCE = ("title: A trial briefing\npublisher: Trial News\nurl: https://example.org/trial-briefing\n"
          "date: 2025-03-20\n")
TOPIC = "title: Trial topic\ndescription: A topic only the trial's claims have.\n"
CLAIM = """\
title: Trial person {n} says the trial works
claim: The trial works.
speaker: trial-person-{n}
date: 2025-03-20
quotes:
  - text: The trial works
    source: trial-briefing
topics: [trial-topic]
sources: [trial-briefing]
body: |
  [[people/trial-person-{n}]] said so at a briefing [@trial-briefing].
"""
EXPLAINER = """\
# A trial explainer

Two people said the trial works: [[trial-claim-1]] and [[trial-claim-2|the second]].

![[trial-claim-1]]

More on [[topics/trial-topic]] and [[sources/trial-briefing]].
"""


def test_new_content_keeps_the_content_checks_green(tmp_path):
    """A contributor's pull request, in small: the repository's content plus new people, a source, a topic,
    claims and an explainer. The checks above still pass, and find the new pages."""
    root = copy_site(REPO, tmp_path / "repo")
    for n in (1, 2):
        (root / f"claims/people/trial-person-{n}.yml").write_text(PERSON.format(n=n), encoding="utf-8")
        (root / "claims/2025/03").mkdir(parents=True, exist_ok=True)
        (root / f"claims/2025/03/trial-claim-{n}.yml").write_text(CLAIM.format(n=n), encoding="utf-8")
    (root / "claims/sources/trial-briefing.yml").write_text(SOURCE, encoding="utf-8")
    (root / "claims/topics/trial-topic.yml").write_text(TOPIC, encoding="utf-8")
    (root / "docs/explainers").mkdir(parents=True, exist_ok=True)
    (root / "docs/explainers/trial-explainer.md").write_text(EXPLAINER, encoding="utf-8")
    site = tmp_path / "site"
    assert content_problems(root, site) == []
    for url in ("people/trial-person-2/", "claims/trial-claim-1/", "topics/trial-topic/",
                "sources/trial-briefing/", "explainers/trial-explainer/"):
        assert file_of(site, url) is not None, url


def test_the_checks_catch_a_missing_page_and_a_broken_link(repository_site, tmp_path):
    """The checks can fail: a record or a hand-written page without its page, and a link to nowhere, are
    reported."""
    problems, built = repository_site
    assert problems == []
    root = copy_site(REPO, tmp_path / "repo")
    site = shutil.copytree(built, tmp_path / "site")  # changed below: a copy of the module's build
    person = sorted((root / "claims/people").glob("*.yml"))[0].stem
    (site / "people" / person / "index.html").unlink()
    (root / "docs/unbuilt.md").write_text("# Never built\n", encoding="utf-8")
    problems = built_site_problems(root, site)
    assert f"no page for the person `{person}`" in problems
    assert "no page for docs/unbuilt.md" in problems
    assert any(line.startswith("broken internal link: ") and f"people/{person}/" in line
               for line in problems), problems


def test_invalid_new_content_turns_the_checks_red_at_its_lines(tmp_path):
    """A pull request with a mistake: `claims check` fails it, with an annotation on the line for GitHub."""
    root = copy_site(REPO, tmp_path / "repo")
    (root / "claims/2025/03").mkdir(parents=True, exist_ok=True)
    # no such person
    (root / "claims/2025/03/trial-claim-1.yml").write_text(CLAIM.format(n=1), encoding="utf-8")
    problems = content_problems(root, tmp_path / "site")
    assert len(problems) == 1 and problems[0].startswith("claims check exited 1:"), problems
    assert "claims/2025/03/trial-claim-1.yml:3:10: unknown person `trial-person-1`" in problems[0]
    claims = str(Path(sys.executable).with_name("claims"))
    github = subprocess.run([claims, "check", "--format", "github"], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert github.returncode == 1
    assert "::error file=claims/2025/03/trial-claim-1.yml,line=3,col=10" in github.stdout, github.stdout
