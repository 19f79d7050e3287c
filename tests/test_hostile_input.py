"""Issue 11: hostile files, names and values are refused by `claims check` at their place, or built inert.

Folder names, files that are not regular files (links out of the repository, devices, FIFOs, loops),
control characters written as YAML escapes, ids that only nearly match, reserved addresses, and
open data (CSV cells, render-md front matter) that must not break out of their format.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_CONFIG, PERSON, Project, claim_yaml
from mkdocs_claims import schema
from mkdocs_claims.document import read_document
from mkdocs_claims.loader import load_content
from mkdocs_claims.markdown_export import front_matter
from mkdocs_claims.open_data import _cell
from mkdocs_claims.problems import Problems
from mkdocs_claims.site import GeneratedPage

SECRET = "TOP-SECRET-OUTSIDE-THE-REPOSITORY"


def render_md(project: Project, out: str = "rendered") -> subprocess.CompletedProcess:
    claims = str(Path(sys.executable).with_name("claims"))
    return subprocess.run([claims, "render-md", "--out", out], cwd=project.root, capture_output=True,
                          text=True, timeout=120)


def problem_lines(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stdout.splitlines() if ": " in line and not line.endswith("found.")]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository, with a secret file in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    (folder / "secret.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    project = Project(tmp_path / "repo").add_basics()
    project.write("claims/2025/c.yml", claim_yaml())
    return project


def assert_refused_everywhere(project: Project, where: str, reason: str) -> None:
    """`claims check`, `mkdocs build` and `claims render-md` all refuse, naming the path, and publish
    nothing."""
    done = project.check()
    assert done.returncode == 1, done.stdout + done.stderr
    assert any(line.startswith(f"{where}:1:1: ") and reason in line[len(where):]
               for line in problem_lines(done)), done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    build = project.build()
    assert build.returncode != 0
    assert f"{where}:1:1: " in build.output and reason in build.output, build.output
    assert "Traceback" not in build.output
    published = [p for p in build.site.rglob("*") if p.is_file()] if build.site.exists() else []
    assert not any(SECRET in p.read_text(errors="replace") for p in published)
    rendered = render_md(project)
    assert rendered.returncode == 1 and where in rendered.stdout, rendered.stdout + rendered.stderr
    assert not (project.root / "rendered").exists()


# --- point 5: files that are not regular files --------------------------------------------------------------

def test_a_claim_file_linked_outside_the_repository_is_refused(repo, outside):
    (repo.root / "claims/people/leak.yml").symlink_to(outside / "secret.yml")
    assert_refused_everywhere(repo, "claims/people/leak.yml",
                              "symbolic link that leads outside the repository")


def test_a_linked_folder_outside_the_repository_is_refused(repo, outside):
    (repo.root / "claims/people/more").symlink_to(outside, target_is_directory=True)
    assert_refused_everywhere(repo, "claims/people/more", "symbolic link that leads outside the repository")


def test_a_claim_file_linked_to_a_device_is_refused_at_once(repo):
    (repo.root / "claims/2025/zero.yml").symlink_to("/dev/zero")
    assert_refused_everywhere(repo, "claims/2025/zero.yml", "symbolic link that leads outside the repository")


def test_a_fifo_never_blocks_and_is_refused(repo):
    os.mkfifo(repo.root / "claims/2025/pipe.yml")
    os.mkfifo(repo.root / "docs/pipe.png")
    done = repo.check()  # a blocking open would hang here until the subprocess timeout
    assert done.returncode == 1
    lines = problem_lines(done)
    assert any(line.startswith("claims/2025/pipe.yml:1:1: ") and "FIFO" in line for line in lines), lines
    assert any(line.startswith("docs/pipe.png:1:1: ") and "FIFO" in line for line in lines), lines
    build = repo.build()
    assert build.returncode != 0 and "claims/2025/pipe.yml:1:1: " in build.output, build.output
    (repo.root / "claims/2025/pipe.yml").unlink()
    build = repo.build()
    assert build.returncode != 0 and "docs/pipe.png:1:1: " in build.output, build.output


def test_a_symbolic_link_loop_is_refused(repo):
    (repo.root / "claims/2025/loop.yml").symlink_to("loop.yml")
    assert_refused_everywhere(repo, "claims/2025/loop.yml", "loop")


@pytest.mark.parametrize("name", ["secret.md", "linked"])
def test_hand_written_pages_linked_outside_are_refused(repo, outside, name):
    target = outside / "secret.md" if name.endswith(".md") else outside
    (repo.root / "docs" / name).symlink_to(target)
    shown = f"docs/{name}" if name.endswith(".md") else "docs/linked"
    done = repo.check()
    assert done.returncode == 1 and any(line.startswith(f"{shown}:1:1: ") for line in problem_lines(done)), \
        done.stdout
    build = repo.build()
    assert build.returncode != 0 and "symbolic link" in build.output, build.output
    assert not build.site.exists() or not any(SECRET in p.read_text(errors="replace")
                                              for p in build.site.rglob("*") if p.is_file())
    assert render_md(repo).returncode == 1 and not (repo.root / "rendered").exists()


# --- Files of docs/ that are not pages, which would be served as written from the site's address ----------

def theme_bundle() -> str:
    """The path of mkdocs-material's script that every page loads (its name holds a hash of its text)."""
    templates = Path(importlib.util.find_spec("material").origin).parent / "templates"
    bundle = next((templates / "assets" / "javascripts").glob("bundle.*.min.js"))
    return bundle.relative_to(templates).as_posix()


@pytest.mark.parametrize("name, text, reason", [
    ("evil.html", "<script>window.__pwned = true</script>", "`.html` file would be served as written"),
    ("img/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = true</script></svg>',
     "`.svg` file would be served as written"),
    # MkDocs lets a docs/ file take the place of the theme's: this one would run on every page
    (theme_bundle(), "window.__pwned = true", "`.js` file would be served as written"),
    ("_redirects", "/claims/* https://evil.example/:splat 301", "`_redirects` file would be served"),
    ("CNAME", "evil.example", "`CNAME` file would be served"),
    ("note.markdown", "# Note\n\n<script>window.__pwned = true</script> [[nope]]\n",
     "published from a `.md` file, not `.markdown`"),
])
def test_docs_publishes_only_pages_and_images(repo, name, text, reason):
    repo.write(f"docs/{name}", text)
    assert_refused_everywhere(repo, f"docs/{name}", reason)


@pytest.mark.parametrize("name", ["search.md", "ratings.md", "people/putin.md", "sitemap.xml.md",
                                  "pagefind/part-1.md", "graph.md", "claims/c.png"])
def test_no_file_of_docs_takes_a_place_the_site_publishes_to(repo, name):
    """The check accepted these; the build then failed (or, under pagefind/, removed the page unsaid); the
    image would take the place of the claim's share image."""
    repo.write(f"docs/{name}", "# Page\n\nText.\n")
    assert_refused_everywhere(repo, f"docs/{name}", "is where the site publishes its own pages and files")


def test_a_readme_beside_an_index_is_refused_by_the_check_as_by_a_strict_build(repo):
    repo.write("docs/explainers/index.md", "# Explainers\n")
    repo.write("docs/explainers/README.md", "# About\n")
    done = repo.check()
    where = "docs/explainers/README.md:1:1: not published: `index.md`"
    assert done.returncode == 1 and any(line.startswith(where) for line in problem_lines(done)), done.stdout
    build = repo.build("--strict")
    assert build.returncode != 0 and "README.md" in build.output, build.output


def with_option(project: Project, option: str) -> None:
    """mkdocs.yml with one option of the claims plugin (`name: value`)."""
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n", f"  - claims:\n      {option}\n"))


def accepted_and_built(project: Project):
    assert project.check().returncode == 0
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def test_the_places_follow_the_configured_folders(repo):
    with_option(repo, "people_prefix: speakers")
    repo.write("docs/people/about.md", "# About people\n")
    accepted_and_built(repo)
    repo.write("docs/speakers/about.md", "# About speakers\n")
    assert_refused_everywhere(repo, "docs/speakers/about.md", "`speakers` is where the site publishes")


def test_images_are_published_and_trusted_docs_publish_any_file(repo):
    for name in ("photo.JPG", "img/chart.png", "img/map.webp", "favicon.ico"):
        repo.write(f"docs/{name}", "not really an image")
    build = accepted_and_built(repo)
    assert (build.site / "img/chart.png").is_file() and (build.site / "photo.JPG").is_file()
    with_option(repo, "trusted_docs: true")
    repo.write("docs/extra.css", "body { color: black }")
    assert (accepted_and_built(repo).site / "extra.css").is_file()
    repo.write("docs/note.mkd", "# Note\n")  # a page still, which the check would not read
    assert_refused_everywhere(repo, "docs/note.mkd", "published from a `.md` file, not `.mkd`")


def test_links_inside_the_repository_still_work(repo):
    (repo.root / "docs/also.md").symlink_to(repo.root / "docs/index.md")
    assert repo.check().returncode == 0
    build = repo.build("--strict")
    assert build.returncode == 0, build.output
    assert build.page("also/").h1.get_text(strip=True).startswith("Home")


def test_the_size_limit_holds_while_reading_not_from_stat(tmp_path, monkeypatch):
    from mkdocs_claims.files import Refused, TooLarge, read_bytes

    # /proc files say they are empty (st_size 0) and are not: only counting while reading stops them.
    proc = Path("/proc/self/status")
    if not proc.is_file():
        pytest.skip("needs Linux /proc")
    monkeypatch.setattr("mkdocs_claims.document.MAX_FILE_BYTES", 16)
    problems = Problems()
    assert read_document(proc, "status.yml", problems) is None
    assert "too large (at most 16 bytes)" in problems.as_text()
    with pytest.raises(TooLarge):
        read_bytes(proc, 16)
    with pytest.raises(Refused, match="character device"):
        read_bytes(Path("/dev/zero"), 16)


def test_refusal_is_empty_for_regular_files_and_folders(tmp_path):
    from mkdocs_claims.files import refusal

    (tmp_path / "a.yml").write_text("x: 1\n")
    assert refusal(tmp_path / "a.yml", tmp_path) == "" and refusal(tmp_path, tmp_path) == ""


# --- point 1: folder names under claims/ --------------------------------------------------------------------

FOLDERS = ['x" onmouseover="alert(1)', "Bad Folder", "2025/ü", "a..b", "UPPER"]


def test_folder_names_are_validated_at_their_path(repo):
    """Every bad folder name in one site: the check reports each at its path, the build stops."""
    for folder in FOLDERS:
        repo.write(f"claims/{folder}/other.yml", claim_yaml(title="Another"))
    done = repo.check()
    assert done.returncode == 1
    for folder in FOLDERS:
        bad = folder.split("/")[-1]
        assert any(line.startswith(f"claims/{folder}:1:1: invalid folder name `{bad}`")
                   for line in problem_lines(done)), (folder, done.stdout)
    build = repo.build()
    assert build.returncode != 0 and "invalid folder name" in build.output


# --- point 6: control characters written as YAML escapes ----------------------------------------------------

ESCAPES = ["\\x01", "\\x0b", "\\uFFFE", "\\x85", "\\x9f", "\\x7f", "\\e"]


def test_control_characters_written_as_escapes_are_refused_at_the_value(repo):
    """Each escape in files of its own, in one site: the check reports every one at its value (every problem
    at once), and the build stops without a traceback."""
    for number, escape in enumerate(ESCAPES):
        repo.write(f"claims/people/putin{number}.yml", f'name: "Vladimir{escape}Putin"\nrole: President\n')
        repo.write(f"claims/topics/peace-talks{number}.yml", f'title: Peace talks\n"key{escape}": x\n')
    done = repo.check()
    assert done.returncode == 1
    lines = problem_lines(done)
    for number, escape in enumerate(ESCAPES):
        for problem in (f"claims/people/putin{number}.yml:1:7: the text contains an invisible control "
                        "character",
                        f"claims/topics/peace-talks{number}.yml:2:1: the text contains an invisible control "
                        "character"):
            assert any(line.startswith(problem) for line in lines), (escape, problem, lines)
    build = repo.build()
    assert build.returncode != 0 and "Traceback" not in build.output, build.output


@pytest.mark.parametrize("control", ["\u202e", "\u202b", "\u2066", "\u2069"])
def test_bidirectional_controls_are_refused_in_values_and_pages(repo, control):
    """Left open in a name or a title, one reverses what follows it in the same paragraph ("Inaccurate" after
    a speaker's name reads "etaruccanI"), and no reviewer sees it: refused as written, in any kind of text."""
    repo.write("claims/people/putin.yml", f"name: Vladimir Putin{control}\nrole: President\n")
    repo.write("docs/page.md", f"---\ntitle: Page{control}\n---\n\n# Page\n\nText {control}here.\n")
    done = repo.check()
    assert done.returncode == 1, done.stdout
    lines = problem_lines(done)
    for where in ("claims/people/putin.yml:1:7: ", "docs/page.md:2:8: ", "docs/page.md:7:6: "):
        assert any(line.startswith(where) and f"control character (U+{ord(control):04X})" in line
                   for line in lines), (where, lines)
    build = repo.build()
    assert build.returncode != 0 and "claims/people/putin.yml:1:7: " in build.output, build.output
    repo.write("claims/people/putin.yml", "name: Vladimir Putin\nrole: President\n")
    build = repo.build()
    assert build.returncode != 0 and "docs/page.md:7:6: " in build.output, build.output


# --- point 7: full-match ids, reserved addresses ------------------------------------------------------------

@pytest.fixture(params=["jsonschema-rs", "jsonschema"])
def validators(request, monkeypatch):
    if request.param == "jsonschema":  # the fallback where jsonschema-rs has no wheels
        monkeypatch.setattr(schema, "_fast_validator", lambda kind: None)
    return request.param


@pytest.mark.parametrize("field, value", [("speaker", '"putin\\n"'), ("verdict", '"misleading\\n"'),
                                          ("topics", '["peace-talks\\n"]'), ("aliases", '["old-id\\n"]')])
def test_a_trailing_newline_never_passes_an_id_pattern(tmp_path, validators, field, value):
    project = Project(tmp_path).add_basics()
    extra = f"{field}: {value}\n" if field != "speaker" else ""
    speaker = value if field == "speaker" else "putin"
    project.write("claims/2025/c.yml", claim_yaml(speaker=speaker, extra=extra + "verdict_note: Why.\n"
                                                  if field == "verdict" else extra))
    _, problems = load_content(project.root / "claims", project.root)
    found = [p for p in problems if p.path == "claims/2025/c.yml"]
    assert found, f"{field}: {value} passed"
    assert any("\\n" in p.message for p in found), [str(p) for p in found]


def test_schema_patterns_have_ecma_semantics_in_both_validators():
    assert schema.ecma_pattern("^[a-z]+$") == "^[a-z]+\\Z"
    assert schema.ecma_pattern("^[$]\\$$") == "^[$]\\$\\Z"


RESERVED = [
    ("claims/2025/index.yml",
     "the id `index` is reserved: the claim's page would take the address `claims/`"),
    ("claims/people/index.yml",
     "the id `index` is reserved: the person's page would take the address `people/`"),
    ("claims/topics/index.yml", "the id `index` is reserved"),
    ("claims/sources/index.yml", "the id `index` is reserved"),
]


def test_ids_that_take_the_address_of_a_generated_page_are_refused(repo):
    """A record of each kind named `index`, in one site: each reported at its file, the build stops."""
    text = {"people": PERSON, "topics": "title: T\n", "sources": "title: S\npublisher: P\nurl: https://e.org/\n"}
    for path, _ in RESERVED:
        repo.write(path, text.get(path.split("/")[1], claim_yaml(title="Index claim")))
    done = repo.check()
    assert done.returncode == 1
    for path, message in RESERVED:
        assert any(line.startswith(f"{path}:1:1: {message}") for line in problem_lines(done)), \
            (path, done.stdout)
    build = repo.build()
    assert build.returncode != 0 and "is reserved" in build.output


def test_an_alias_that_takes_a_generated_page_is_refused_at_its_line(repo):
    repo.write("claims/2025/c.yml", claim_yaml(extra="aliases: [index]\n"))
    done = repo.check()
    assert done.returncode == 1
    assert any(line.startswith("claims/2025/c.yml:6:11: the alias `index` is reserved")
               for line in problem_lines(done)), \
        done.stdout


def test_reserved_addresses_follow_the_configured_pages(tmp_path):
    config = MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      timeline_page: claims/timeline\n"
                                                    "      people_prefix: claims\n")
    project = Project(tmp_path, config).add_basics()
    project.write("claims/2025/timeline.yml", claim_yaml())
    project.write("claims/2025/putin.yml", claim_yaml(title="Same address as the person"))
    done = project.check()
    lines = problem_lines(done)
    assert any(line.startswith("claims/2025/timeline.yml:1:1: the id `timeline` is reserved")
               and "timeline.md" in line for line in lines), lines
    assert any(line.startswith("claims/people/putin.yml:1:1: the id `putin` is reserved")
               and "the claim `putin`" in line
               for line in lines), lines


def test_a_claim_cannot_take_the_folder_of_the_index_pages(repo):
    # Issue 13.2: the index's further pages live under `claims/page/`, reserved even while the index fits one
    # page, so that a claim valid today does not become invalid the day the archive grows a second page.
    repo.write("claims/2025/page.yml", claim_yaml(title="A claim named page"))
    done = repo.check()
    assert done.returncode == 1
    assert any(line.startswith("claims/2025/page.yml:1:1: the id `page` is reserved: the claim's page would "
                               "take the address `claims/page/`")
               for line in problem_lines(done)), done.stdout


@pytest.mark.parametrize("options, record, message", [
    # The second page of the index of claims, once prefixes meet: a person with the id `2`.
    ("      page_size: 1\n      people_prefix: claims/page\n", "claims/people/2.yml",
     "the id `2` is reserved: the person's page would take the address `claims/page/2/` of the page "
     "claims/page/2.md"),
    # A year of the timeline.
    ("      timeline_page: archive\n      topics_prefix: archive\n", "claims/topics/2025.yml",
     "the id `2025` is reserved: the topic's page would take the address `archive/2025/` of the page "
     "archive/2025.md"),
    # A month of a year too long for one page.
    ("      page_size: 1\n      timeline_page: archive\n      topics_prefix: archive/2025\n",
     "claims/topics/03.yml",
     "the id `03` is reserved: the topic's page would take the address `archive/2025/03/`"),
    # The second page of a person's claims.
    ("      page_size: 1\n      topics_prefix: people/putin/page\n", "claims/topics/2.yml",
     "the id `2` is reserved: the topic's page would take the address `people/putin/page/2/`"),
])
def test_ids_that_take_the_address_of_a_listing_page_are_refused(tmp_path, options, record, message):
    project = Project(tmp_path, MINIMAL_CONFIG.replace("  - claims\n",
                                                       "  - claims:\n" + options)).add_basics()
    project.write("claims/2025/first.yml", claim_yaml())
    project.write("claims/2025/second.yml", claim_yaml(title="Another", date="2025-03-07"))
    text = PERSON if "/people/" in record else "title: A record\n"
    project.write(record, text)
    done = project.check()
    assert done.returncode == 1
    assert any(line.startswith(f"{record}:1:1: {message}") for line in problem_lines(done)), \
        problem_lines(done)


# --- point 9: open data and review aids ---------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("value", ["=1+1", " =HYPERLINK(\"x\")", "\n=1", "\t=1", "\r=1", "\r\n@SUM(A1)", "-5",
                                   "\uff1d1+1", " \uff0bcmd", "\u3000=1", "\t", "\rx"])
def test_csv_cells_never_start_a_formula(value):
    assert _cell(value).startswith("'")


@given(st.text() | st.text(alphabet=" \t\r\n\u3000=+-@\uff1d\uff0b\uff0d\uff20x"))
def test_csv_cells_are_text_to_any_spreadsheet(value):
    cell = _cell(value)
    assert cell == value or cell == "'" + value
    assert cell[:1] not in ("\t", "\r") and cell.lstrip()[:1] not in FORMULA_STARTS


def test_csv_of_a_built_site_has_no_formula(repo):
    repo.write("claims/2025/c.yml", claim_yaml(title="' =HYPERLINK(\"https://evil\")'",
                                               extra='venue: "\\t@cmd"\n'))
    build = repo.build("--strict")
    assert build.returncode == 0, build.output
    rows = list(csv.reader(io.StringIO((build.site / "claims.csv").read_text(encoding="utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert cell.lstrip()[:1] not in FORMULA_STARTS and cell[:1] not in ("\t", "\r"), row


YAML_TRICKS = ["---", "...", "a\n---\nb: 1", 'say "hi"', "it's", "\\", "null", "~", "yes", "no", "0x1F",
               "1e3", "# not a comment", "key: value", "- item", "[a]", "{a: b}", "*alias", "&anchor", "!tag",
               "|", ">", "%YAML", "@", "`", "\x85", "\u2028", "\u2029", "\ufeff", "\t", "\r", "\r\n", "é😀"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(YAML_TRICKS + ["x", " ", "\n"])).map("".join)))
def test_front_matter_holds_any_value_without_breaking_out(value):
    from mkdocs_claims.markdown_export import yaml_value

    assert yaml.safe_load("value: " + yaml_value(value))["value"] == value
    page = GeneratedPage("claims/x.md", title=value, kind="claim", description=value, tags=[value, "t"])
    lines = front_matter(page).split("\n")
    end = lines.index("---", 1)  # where MkDocs ends the front matter: no value may hold this line
    assert lines[0] == "---" and all(line.split(":")[0].isidentifier() for line in lines[1:end])
    data = yaml.safe_load("\n".join(lines[1:end]))
    assert {"title", "description", "tags"} <= set(data)
    assert isinstance(data["title"], str) and isinstance(data["tags"], list) and len(data["tags"]) == 2


def test_render_md_front_matter_reads_back(repo):
    repo.write("claims/2025/c.yml", claim_yaml(title='"---\\n...\\u2028 \\"quoted\\" # x: y"'))
    done = render_md(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo.root / "rendered/claims/c.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["title"] == '---\n...\u2028 "quoted" # x: y'
