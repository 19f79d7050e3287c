"""Issue 4: a contributor's whole path, in a temporary copy of the repository.

`claims new` writes skeletons, `claims check` lists the placeholders until they are filled,
`mkdocs build --strict` publishes the page, linked from its speaker's page; the CI workflows
parse and the commands they run work here; the pre-commit hook names a real command;
`claims check --changed-since` lists the pages a change touches.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ARTICLE, copy_site
from mkdocs_claims import skeleton
from mkdocs_claims.share_image import cache_folder

REPO = Path(__file__).resolve().parent.parent
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ARTICLE / "mkdocs.yml").read_text(),
                     re.MULTILINE).group(1).rstrip("/") + "/"
COMMAND_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def environment() -> dict[str, str]:
    """The test's environment as it is now (its own cache folder: conftest.py), not as it was at import."""
    return {**os.environ, **COMMAND_ENV}


def run(cwd: Path, *command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=env or environment())


def test_commands_run_with_the_tests_own_cache_folder(tmp_path):
    # An environment copied when the module was imported had none: the builds used the user's cache folder,
    # shared with every other build on the machine.
    done = run(tmp_path, sys.executable, "-c", "import os; print(os.environ.get('XDG_CACHE_HOME'))")
    assert done.stdout.strip() == os.environ["XDG_CACHE_HOME"]


def claims(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run(cwd, tool("claims"), *args)


def build(cwd: Path) -> subprocess.CompletedProcess:
    return run(cwd, tool("mkdocs"), "build", "--strict")


def problems_of(cwd: Path) -> tuple[int, list[dict]]:
    done = claims(cwd, "check", "--format", "json")
    return done.returncode, json.loads(done.stdout)["problems"]


def placeholder_lines(file: Path) -> set[int]:
    """Lines holding a placeholder value: `key: "TODO…`, `- "TODO…`, or the first line of a block."""
    lines = file.read_text(encoding="utf-8").splitlines()
    found = set()
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#"):
            continue
        if re.search(r'(:|^\s*-)\s+"TODO', line) or (re.match(r"\s+TODO:", line)
                                                     and lines[number - 2].endswith("|")):
            found.add(number)
    return found


def fill(file: Path, values: dict[str, str | None], body: str | None = None) -> None:
    """Replace each `key: "TODO…"` line by `key: value` (None deletes the line), as a contributor does."""
    out, lines, skip_block, parent = [], file.read_text(encoding="utf-8").splitlines(), False, ""
    for line in lines:
        if skip_block:
            if line.startswith("  ") or not line.strip():
                continue
            skip_block = False
        parent = re.match(r"([a-z_]+):\s*$", line).group(1) if re.match(r"([a-z_]+):\s*$", line) else parent
        match = re.match(r'(\s*(?:- )?)([a-z_]+): "TODO', line) or re.match(r'(\s*- )()"TODO', line)
        if match:
            # A list item's value by its list (`authors[]`), else the one value for every list item (`-`).
            key = match.group(2) or (f"{parent}[]" if f"{parent}[]" in values else "-")
            assert key in values, f"no value for the placeholder {line!r}"
            if values[key] is not None:
                out.append(f"{match.group(1)}{key + ': ' if match.group(2) else ''}{values[key]}")
            elif match.group(1).strip() == "-":
                raise AssertionError("a list item cannot be deleted this way")
            continue
        if line == "body: |" and body is not None:
            out.append(line)
            out.extend("  " + text if text else "" for text in body.splitlines())
            skip_block = True
            continue
        out.append(line)
    file.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The parts of the repository a contributor touches (the package itself is installed), with the frozen
    article."""
    return copy_site(ARTICLE, tmp_path / "site-repo")


# -- the contributor's path ----------------------------------------------------------------------


def test_contributor_path_from_skeleton_to_linked_page(repo_copy: Path):
    assert claims(repo_copy, "check").returncode == 0

    person = claims(repo_copy, "new", "person", "jane-example")
    assert person.returncode == 0, person.stderr
    new = claims(repo_copy, "new", "jane-example-claim", "--speaker", "jane-example", "--date", "2025-03-07",
                 "--topic", "peace-talks")
    assert new.returncode == 0, new.stderr
    claim_file = repo_copy / "claims/2025/03/jane-example-claim.yml"
    person_file = repo_copy / "claims/people/jane-example.yml"
    assert "claims/2025/03/jane-example-claim.yml" in new.stdout
    assert claim_file.is_file() and person_file.is_file()

    # Every field of the format is in the skeleton, set or as a commented example, each with a comment above
    # it.
    text = claim_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    schema = json.loads((REPO / "plugins/mkdocs_claims/schemas/claim.json").read_text())
    claim_fields = set(schema["properties"])
    commented = set(re.findall(r"^# ([a-z_]+):(?: \S.*)?$", text, re.MULTILINE))
    assert set(data) | commented == claim_fields and not set(data) & commented
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"[a-z_]+:", line):
            assert lines[index - 1].startswith("#"), f"no comment above {line!r}"
    assert (data["speaker"] == "jane-example" and data["topics"] == ["peace-talks"]
            and str(data["date"]) == "2025-03-07")
    from mkdocs_claims.model import DEFAULT_SCALE
    assert ", ".join(rating.id for rating in DEFAULT_SCALE) in text  # the verdict's comment lists the scale

    # Unfinished: `claims check` lists exactly the placeholders, at their lines, and fails.
    code, problems = problems_of(repo_copy)
    assert code == 1
    expected = {("claims/2025/03/jane-example-claim.yml", line) for line in placeholder_lines(claim_file)} | \
               {("claims/people/jane-example.yml", line) for line in placeholder_lines(person_file)}
    assert len(expected) >= 12
    assert {(p["path"], p["line"]) for p in problems} == expected, problems
    assert all(p["message"].startswith("unfinished: replace the placeholder") for p in problems)
    # ... and so does the site build.
    assert build(repo_copy).returncode != 0

    # Fill every field, deleting the optional ones that do not apply.
    fill(person_file, {"name": "Jane Example", "role": "Spokesperson of the Example Ministry",
                       "description": "A fictional spokesperson, for this test.", "wikidata": None,
                       "url": "https://example.org/jane"})
    fill(claim_file, {"title": "Jane Example says talks must wait", "claim": "Talks must wait until spring.",
                      "venue": "Press briefing", "summary": None, "text": "talks must wait",
                      "source": "isw-2025-03-06", "verdict": None, "verdict_note": None,
                      "-": "isw-2025-03-06", "authors[]": "anna-kovalenko", "reviewers[]": "david-marsh"},
         body="[[people/jane-example]] said that talks must wait [@isw-2025-03-06].\n\n"
              "See also [[putin-no-concessions]].")
    check = claims(repo_copy, "check")
    assert check.returncode == 0, check.stdout
    assert "all valid" in check.stdout

    done = build(repo_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    page = repo_copy / "site/claims/jane-example-claim/index.html"
    assert page.is_file()
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert "Jane Example says talks must wait" in article.get_text()
    assert "talks must wait" in article.get_text()
    speaker_html = (repo_copy / "site/people/jane-example/index.html").read_text(encoding="utf-8")
    speaker_page = BeautifulSoup(speaker_html, "html.parser")
    links = [a["href"] for a in speaker_page.select("article a[href]")]
    assert any(re.search(r"(^|/)claims/jane-example-claim/(index\.html)?$", href) for href in links), links


def test_every_kind_has_a_skeleton_with_its_schema(repo_copy: Path):
    for kind, record_id, folder in (("person", "jane-example", "people"),
                                    ("source", "example-2025-03-07", "sources"),
                                    ("topic", "example-topic", "topics")):
        done = claims(repo_copy, "new", kind, record_id)
        assert done.returncode == 0, done.stderr
        file = repo_copy / "claims" / folder / f"{record_id}.yml"
        first = file.read_text(encoding="utf-8").splitlines()[0]
        # The copy is outside the repository that holds the package: the site's published schema.
        assert first == f"# yaml-language-server: $schema={SITE_URL}schema/{kind}.json"
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        schema = json.loads((REPO / f"plugins/mkdocs_claims/schemas/{kind}.json").read_text())
        assert set(data) == set(schema["properties"])
    code, problems = problems_of(repo_copy)
    assert code == 1 and problems and all(p["message"].startswith("unfinished:") for p in problems)


def test_schema_reference_inside_the_repository_and_without_site_url(tmp_path: Path):
    new_file = REPO / "claims/2025/04/some-claim.yml"  # never written
    reference = skeleton.schema_reference("claim", new_file, REPO, SITE_URL)
    assert reference == "../../../plugins/mkdocs_claims/schemas/claim.json"
    assert ((new_file.parent / reference).resolve()
            == (REPO / "plugins/mkdocs_claims/schemas/claim.json").resolve())
    assert skeleton.schema_reference("person", REPO / "claims/people/x.yml", REPO) == \
        "../../plugins/mkdocs_claims/schemas/person.json"
    elsewhere = skeleton.schema_reference("topic", tmp_path / "claims/topics/x.yml", tmp_path, "")
    assert Path(elsewhere).is_absolute() and Path(elsewhere).is_file()
    assert skeleton.schema_reference("claim", tmp_path / "claims/2025/01/x.yml",
                                     tmp_path, "https://a.example/x/") == \
        "https://a.example/x/schema/claim.json"


def test_the_site_publishes_the_schemas(article_site):
    for kind in ("claim", "person", "source", "topic"):
        published = article_site.site / "schema" / f"{kind}.json"
        assert json.loads(published.read_text()) == json.loads(
            (REPO / f"plugins/mkdocs_claims/schemas/{kind}.json").read_text())


def test_vscode_settings_map_the_schemas():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert {Path(key).name for key in mapping} == {"claim.json", "person.json", "source.json", "topic.json"}
    for key in mapping:
        assert (REPO / key).is_file()
    assert "Editor support" in (REPO / "docs/format.md").read_text()


def test_never_overwrites_and_refuses_bad_input(repo_copy: Path):
    existing = repo_copy / "claims/2025/03/putin-no-concessions.yml"
    before = existing.read_text(encoding="utf-8")
    done = claims(repo_copy, "new", "putin-no-concessions", "--date", "2025-03-06")
    assert done.returncode == 1 and "already exists" in done.stderr and "never overwrites" in done.stderr
    assert existing.read_text(encoding="utf-8") == before
    # The same id in another month is refused too: ids are unique across all folders.
    done = claims(repo_copy, "new", "putin-no-concessions", "--date", "2024-01-01")
    assert done.returncode == 1 and "already used by claims/2025/03/putin-no-concessions.yml" in done.stderr
    assert not (repo_copy / "claims/2024").exists()
    done = claims(repo_copy, "new", "person", "vladimir-putin")
    assert done.returncode == 1 and "already exists" in done.stderr
    for bad in ("Putin Claim", "putin--claim", "putin-", "putin_claim", "путин", "-putin"):
        done = claims(repo_copy, "new", "--", bad)
        assert done.returncode == 2 and "invalid id" in done.stderr, (bad, done.stderr)
    assert claims(repo_copy, "new", "topic", "Bad Topic").returncode == 2
    done = claims(repo_copy, "new", "x-claim", "--date", "2025-02-30")
    assert done.returncode == 2 and "invalid date" in done.stderr
    done = claims(repo_copy, "new", "x-claim", "--speaker", "Bad Speaker")
    assert done.returncode == 2 and "invalid speaker id" in done.stderr
    assert claims(repo_copy, "new", "person").returncode == 2
    assert claims(repo_copy, "new", "person", "jane", "--speaker", "x").returncode == 2
    assert claims(repo_copy, "new", "thing", "x").returncode == 2
    assert claims(repo_copy, "check").returncode == 0  # nothing was written


def test_new_claim_defaults_to_today(repo_copy: Path):
    import datetime as dt

    today = dt.date.today()
    assert claims(repo_copy, "new", "dated-today").returncode == 0
    file = repo_copy / f"claims/{today:%Y}/{today:%m}/dated-today.yml"
    assert str(yaml.safe_load(file.read_text())["date"]) == today.isoformat()


# -- CI, pre-commit ------------------------------------------------------------------------------


def _workflow(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_parse_and_pin_their_actions():
    pull_request, publish = _workflow("pull-request.yml"), _workflow("publish.yml")
    assert "pull_request" in pull_request["on"]
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"]["pages"] == "write" and publish["permissions"]["id-token"] == "write"
    assert publish["concurrency"]["group"]
    for workflow in (pull_request, publish):
        assert (workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"
                and workflow["env"]["DISABLE_MKDOCS_2_WARNING"] == "true")
        for step in _steps(workflow):
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step["uses"]
    used = {step["uses"].split("@")[0] for step in _steps(pull_request) + _steps(publish) if "uses" in step}
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    check, test = pull_request["jobs"]["check"]["steps"], pull_request["jobs"]["test"]["steps"]
    for steps, commands in ((check,
                             ("pip install -e .", "claims check --format github", "mkdocs build --strict")),
                            (test, ("pip install -e '.[test]'", "npm ci", "pytest"))):
        runs = [step["run"] for step in steps if "run" in step]
        order = [next(i for i, r in enumerate(runs) if r.startswith(c)) for c in commands]
        assert order == sorted(order)
    test_step = next(step for step in test if step.get("run") == "pytest")
    assert test_step["env"]["CHROMIUM_PATH"]  # a browser the runner already has: nothing is downloaded
    assert [s for s in check if "uses" in s][-1]["uses"].startswith("actions/upload-artifact@")


def test_the_site_builds_keep_the_plugins_cache_folder_before_building(monkeypatch):
    # A build with an empty cache folder costs about three times a warm one; the workflows keep the folder
    # where the plugin looks for it.
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/runner")
    folder = cache_folder("pages").parent
    for workflow, job in ((_workflow("publish.yml"), "build"), (_workflow("pull-request.yml"), "check")):
        steps = workflow["jobs"][job]["steps"]
        kept = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
        built = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("mkdocs build"))
        path = steps[kept]["with"]["path"]
        assert Path(path.replace("~", "/home/runner", 1)) == folder and kept < built
        assert steps[kept]["with"]["key"] == "mkdocs-claims-${{ github.sha }}"


def test_every_workflow_command_works_locally(repo_copy: Path):
    """Each `run:` either runs here, in a git copy of the repository, or is an install/test step checked by
    shape."""
    run(repo_copy, "git", "init", "-q", "-b", "main")
    run(repo_copy, "git", "add", "-A")
    assert run(repo_copy, "git", "commit", "-qm", "base").returncode == 0
    run(repo_copy, "git", "update-ref", "refs/remotes/origin/main", "HEAD")  # as actions/checkout fetches it
    summary = repo_copy.parent / "summary.md"
    env = {**environment(), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)}
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    ran = []
    for name in ("pull-request.yml", "publish.yml"):
        for step in _steps(_workflow(name)):
            command = step.get("run")
            if command is None:
                continue
            if command.startswith("pip install -e "):
                extra = re.fullmatch(r"pip install -e (?:'\.\[(\w+)\]'|\.)", command)
                assert extra and (extra.group(1) is None or extra.group(1) in extras), command
            elif command == "pytest":
                assert (REPO / "pyproject.toml").read_text().count("[tool.pytest.ini_options]") == 1
            elif command.startswith("npm ci"):
                assert (REPO / "package-lock.json").is_file(), command
            # the runner's system packages: what .ci/run installs too
            elif command.startswith("sudo apt-get"):
                installed = command.rsplit("install -y -qq ", 1)[1].split()
                assert installed == ["graphviz"] and shutil.which("dot"), command
                assert "apt-get install -y -qq graphviz" in (REPO / ".ci/run").read_text(), command
            else:
                done = subprocess.run(["bash", "-e", "-c", command], cwd=repo_copy, capture_output=True,
                                      text=True, timeout=120, env=env)
                assert done.returncode == 0, (command, done.stdout, done.stderr)
                ran.append(command)
    assert any(c.startswith("claims check --format github") for c in ran)
    assert sum(c.startswith("mkdocs build --strict") for c in ran) == 2
    assert (repo_copy / "site/index.html").is_file()
    assert "Pages this change adds or changes: none." in summary.read_text()


def test_pre_commit_hook_names_an_installed_console_script():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "claims-check")
    assert (hook["entry"] == "claims check" and hook["language"] == "python"
            and hook["pass_filenames"] is False)
    pattern = re.compile(hook["files"])
    assert pattern.search("claims/2025/03/x.yml") and pattern.search("a.yaml") and pattern.search("docs/a.md")
    assert not pattern.search("plugins/x.py")
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    command = hook["entry"].split()[0]
    assert command in scripts
    assert Path(tool(command)).exists() or shutil.which(command)
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    local = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "claims-check"]
    assert len(local) == 1 and local[0]["files"] == hook["files"]
    # Here, a script that runs the checkout's own `claims check` (tests/test_contributor_day.py runs it).
    assert local[0]["language"] == "script" and f"exec \"$claims\" {hook['entry'].split()[1]}" in (
        REPO / local[0]["entry"]).read_text()
    for repo in config["repos"]:
        if repo["repo"] == "local":  # pre-commit requires these on local hooks
            assert all({"id", "name", "entry", "language"} <= set(h) for h in repo["hooks"])
        else:
            assert "rev" in repo


def test_contributing_guide_and_template():
    guide = (REPO / "CONTRIBUTING.md").read_text()
    for words in ("fork", "web editor", "claims new", "claims check", "archive_url", "verbatim", "updates",
                  "never change silently"):
        assert words.lower() in guide.lower(), words
    assert "CONTRIBUTING.md" in (REPO / "README.md").read_text()
    assert "- [ ]" in (REPO / ".github/pull_request_template.md").read_text()


def test_annotated_example_in_the_guide_is_valid(repo_copy: Path):
    guide = (REPO / "CONTRIBUTING.md").read_text()
    section = guide.split("## A complete, annotated example", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    (repo_copy / "claims/2025/03/zakharova-no-respite.yml").write_text(example, encoding="utf-8")
    done = claims(repo_copy, "check")
    assert done.returncode == 0, done.stdout


def assert_shown_as_run(text: str, repo_copy: Path) -> None:
    """The first console block in `text` is `claims check` with the output it really has in `repo_copy`
    ("…" standing for what the block leaves out)."""
    block = text.split("```console\n", 1)[1].split("```", 1)[0]
    shown = [line.strip() for line in block.splitlines() if line.strip()]
    assert shown[0] == "$ claims check", shown
    lines = claims(repo_copy, "check").stdout.splitlines()
    pattern = "\n".join(".*" if line == "…" else ".*".join(map(re.escape, line.split("…")))
                        for line in shown[1:])
    assert re.fullmatch(pattern, "\n".join(lines), re.DOTALL), "\n".join(lines)


def test_the_guides_check_output_is_what_a_new_skeleton_gives(repo_copy: Path):
    """Step 5 shows `claims check` on step 3's skeleton: its lines ("…" for what it leaves out) and its count
    are the real ones (it said "2 problems found" where a newcomer sees 12)."""
    guide = (REPO / "CONTRIBUTING.md").read_text()
    new = guide.split("3. **Write the skeleton**", 1)[1].split("$ ", 1)[1].split("\n", 1)[0].split()
    assert new[0] == "claims", new
    assert claims(repo_copy, *new[1:]).returncode == 0
    assert_shown_as_run(guide.split("5. **Check.**", 1)[1], repo_copy)


def test_the_readmes_check_output_is_what_its_example_with_two_mistakes_gives(repo_copy: Path):
    """The README's claim with `speakr` and `2025-02-30`: the lines, positions and count it shows are the
    real ones (it showed two problems at the lines of another file; a misspelt field is also reported
    missing)."""
    readme = (REPO / "README.md").read_text()
    part = readme.split("## Writing claims", 1)[1]
    example = part.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "\nspeaker: " in example and "\ndate: 2025-03-06\n" in example
    broken = example.replace("\nspeaker: ", "\nspeakr: ").replace("\ndate: 2025-03-06\n",
                                                                 "\ndate: 2025-02-30\n")
    (repo_copy / "claims/2025/03/putin-no-concessions.yml").write_text(broken, encoding="utf-8")
    assert_shown_as_run(part, repo_copy)
    (repo_copy / "claims/2025/03/putin-no-concessions.yml").write_text(example, encoding="utf-8")
    assert claims(repo_copy, "check").returncode == 0  # the example itself is valid


# -- review aid ----------------------------------------------------------------------------------


def test_changed_since_lists_the_pages_a_change_touches(repo_copy: Path):
    assert run(repo_copy, "git", "init", "-q").returncode == 0
    run(repo_copy, "git", "add", "-A")
    assert run(repo_copy, "git", "commit", "-qm", "base").returncode == 0

    done = claims(repo_copy, "check", "--changed-since", "HEAD")
    assert done.returncode == 0 and "Pages this change adds or changes: none." in done.stdout

    file = repo_copy / "claims/2025/03/putin-no-concessions.yml"
    file.write_text(file.read_text().replace("venue: Visit to", "venue: A visit to"))
    done = claims(repo_copy, "check", "--changed-since", "HEAD", "--format", "json")
    assert done.returncode == 0, done.stdout
    pages = {page["url"]: page for page in json.loads(done.stdout)["changed_pages"]}
    assert set(pages) == {
        "claims/putin-no-concessions/",  # the changed claim
        "claims/putin-own-territory/",  # declares a relation to it
        "claims/graham-expects-sanctions/",  # declares a relation to it
        "people/vladimir-putin/",  # its speaker
        "topics/peace-talks/",  # its topic
        "sources/isw-2025-03-06/",  # the shared source it cites
        "claims/", "timeline/", "timeline/2025/",  # the pages of the index and the timeline that list it
        "graph/",  # the graph of all claims
        "feed.xml", "people/vladimir-putin/feed.xml", "topics/peace-talks/feed.xml",  # the feeds that list it
        "explainers/russia-rejects-concessions/",  # embeds it
        "",  # the home page's latest claims
    }
    assert pages["claims/putin-no-concessions/"]["change"] == "changed"
    assert ("edited claims/2025/03/putin-no-concessions.yml"
            in pages["claims/putin-no-concessions/"]["reasons"])
    text = claims(repo_copy, "check", "--changed-since", "HEAD")
    assert text.stdout.splitlines()[0] == "Pages this change adds or changes:"
    assert ("  claims/putin-no-concessions/ (changed: edited claims/2025/03/putin-no-concessions.yml)"
            in text.stdout)

    # An untracked new person and a new topic page: added; claims that show a changed topic change.
    claims(repo_copy, "new", "person", "jane-example")
    topic = repo_copy / "claims/topics/sanctions.yml"
    topic.write_text(topic.read_text() + "\n")
    done = claims(repo_copy, "check", "--changed-since", "HEAD", "--format", "json")
    pages = {page["url"]: page for page in json.loads(done.stdout)["changed_pages"]}
    assert pages["people/jane-example/"]["change"] == "added"
    assert pages["topics/sanctions/"]["change"] == "changed"
    assert "claims/graham-expects-sanctions/" in pages
    assert any("shows the topic `sanctions`" in reason
               for reason in pages["claims/graham-expects-sanctions/"]["reasons"])
    # The placeholders of the new file are reported beside the pages.
    assert json.loads(done.stdout)["problems"]

    # A removed claim: its page goes, and the pages that showed it change.
    run(repo_copy, "git", "checkout", "-q", "--", ".")
    (repo_copy / "claims/people/jane-example.yml").unlink()
    (repo_copy / "claims/2025/03/lavrov-trump-understands-root-causes.yml").unlink()
    done = claims(repo_copy, "check", "--changed-since", "HEAD", "--format", "json")
    pages = {page["url"]: page for page in json.loads(done.stdout)["changed_pages"]}
    assert pages["claims/lavrov-trump-understands-root-causes/"]["change"] == "removed"
    assert "people/sergei-lavrov/" in pages


def test_changed_since_errors_are_usage_errors(repo_copy: Path, tmp_path: Path):
    done = claims(repo_copy, "check", "--changed-since", "HEAD")
    assert done.returncode == 2 and "not inside a git repository" in done.stderr
    run(repo_copy, "git", "init", "-q")
    run(repo_copy, "git", "add", "-A")
    run(repo_copy, "git", "commit", "-qm", "base")
    done = claims(repo_copy, "check", "--changed-since", "no-such-branch")
    assert done.returncode == 2 and "unknown git revision `no-such-branch`" in done.stderr
    assert done.stdout == ""
