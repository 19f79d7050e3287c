"""Issue 12, point 8: the README and CONTRIBUTING match a contributor's day, command by command.

The commands they show print no notices about MkDocs' future; the preview address is where `mkdocs serve`
serves, whatever the path of `site_url`; the reviewers' copy of the built site opens as the workflow says; the
pre-commit hook runs without an activated virtual environment; the publish workflow publishes at the address
GitHub Pages gives the repository; CI tests every Python version the README promises; and "Adding an
explainer" works as written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ARTICLE, REPO, copy_site
from mkdocs_claims.cli import _read_config
from test_contributing import _workflow, claims, tool
from test_serve import Serving, free_port, wait_for

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

DOCS = ("README.md", "CONTRIBUTING.md")
BANNER_VARIABLES = ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")
BANNER_WORDS = ("end of life", "ProperDocs", "MkDocs 2", "MKDOCS_2_WARNING")


def read(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


def shell_lines(text: str) -> list[str]:
    """The lines of the document's ```sh blocks, comments removed."""
    blocks = re.findall(r"^ *```sh\n(.*?)^ *```", text, re.MULTILINE | re.DOTALL)
    return [re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.splitlines()
            if line.strip()]


def env_without_banner_variables() -> dict[str, str]:
    """A fresh shell's environment: without the variables, and the test's Python first on PATH."""
    env = {key: value for key, value in os.environ.items() if key not in BANNER_VARIABLES
           and key != "SITE_URL"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def default_site_url() -> str:
    """`site_url` of the repository's mkdocs.yml where SITE_URL is not set (anywhere but the publish
    workflow)."""
    saved = os.environ.pop("SITE_URL", None)
    try:
        return _read_config(REPO / "mkdocs.yml")["site_url"]
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved


def article_copy(root: Path) -> Path:
    """The frozen article, configured with the repository's own `site_url` line."""
    copy_site(ARTICLE, root)
    line = re.search(r"^site_url:.*$", read("mkdocs.yml"), re.MULTILINE).group(0)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*$", lambda _: line, config.read_text(), flags=re.MULTILINE))
    return root


# -- no notices about MkDocs' future -------------------------------------------------------------------------

@pytest.mark.parametrize("doc", DOCS)
def test_the_documented_setup_silences_the_notices_of_mkdocs_commands(doc, tmp_path):
    text = read(doc)
    lines = shell_lines(text)
    setup = [line for line in lines if "NO_MKDOCS_2_WARNING" in line]
    assert setup and text.index(setup[0]) < re.search(r"mkdocs (build|serve)", text).start(), \
        f"{doc} shows `mkdocs` before it silences the notices"
    if any(".venv/bin/activate" in line for line in setup):  # written into the environment's activate script
        setup += [line for line in lines if line.startswith(". .venv/bin/activate")][:1]
        (tmp_path / ".venv/bin").mkdir(parents=True)
        # as `python -m venv` leaves it, for this
        (tmp_path / ".venv/bin/activate").write_text("", encoding="utf-8")
    site = article_copy(tmp_path / "site-repo")
    env = env_without_banner_variables()

    def build(*before: str) -> str:
        script = "\n".join([*before, f"cd {site}", "mkdocs build -q -d out"])
        done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                              env=env, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    assert any(word in build() for word in BANNER_WORDS)  # a fresh shell: the notice is there
    quiet = build(*setup)
    assert not any(word in quiet for word in BANNER_WORDS), quiet
    # `claims` never prints it, set or not.
    done = subprocess.run([tool("claims"), "check"], cwd=site, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0 and not any(word in done.stdout + done.stderr for word in BANNER_WORDS)


# -- the preview address -------------------------------------------------------------------------------------

def serve(site: Path) -> Serving:
    return Serving([tool("mkdocs"), "serve"], site, env={**env_without_banner_variables(),
                                                         "NO_MKDOCS_2_WARNING": "1"})


def test_the_documented_preview_addresses_are_where_mkdocs_serve_serves(tmp_path):
    path = urlsplit(default_site_url()).path
    addresses = {url for doc in DOCS
                 for url in re.findall(r"http://127\.0\.0\.1:8000/[^\s>)`'\"]*", read(doc))}
    previews = addresses - {"http://127.0.0.1:8000/"}  # that one is `python -m http.server`'s (below)
    assert previews and all(urlsplit(url).path.startswith(path) for url in previews), (path, previews)
    site = article_copy(tmp_path / "site-repo")
    # The claim CONTRIBUTING writes, as any valid claim: a copy of one of the article's.
    shutil.copy(site / "claims/2025/03/putin-no-concessions.yml",
                site / "claims/2025/03/putin-ceasefire-conditions.yml")
    server = serve(site)
    try:
        for url in sorted(previews):
            wait_for(lambda page: page.select_one("article h1") is not None,
                     url.replace(":8000/", f":{server.port}/"))
    finally:
        output = server.stop()
    assert f"Serving on http://127.0.0.1:{server.port}{path}" in output


def test_mkdocs_serve_prints_the_path_of_any_site_url(tmp_path):
    """The docs say to open the address `mkdocs serve` prints: for a fork's `site_url`, it is the fork's
    path."""
    site = copy_site(ARTICLE, tmp_path / "site-repo")
    config = site / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*$", "site_url: https://someone.example.org/their/fork/",
                             config.read_text(), flags=re.MULTILINE))
    server = serve(site)
    try:
        wait_for(lambda page: page.select_one("article h1") is not None,
                 f"http://127.0.0.1:{server.port}/their/fork/claims/putin-no-concessions/")
    finally:
        output = server.stop()
    assert f"Serving on http://127.0.0.1:{server.port}/their/fork/" in output


# -- the reviewers' copy of the site -------------------------------------------------------------------------

def test_the_built_site_artifact_opens_as_the_workflow_says(article_site):
    check = _workflow("pull-request.yml")["jobs"]["check"]["steps"]
    uploads = [step for step in check if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert (len(uploads) == 1 and uploads[0]["with"]["name"] == "site"
            and uploads[0]["with"]["path"] == "site/")
    summary = "\n".join(step["run"] for step in check if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    command = "python -m http.server -d site"
    assert command in summary and "http://127.0.0.1:8000/" in summary and "`site` artifact" in summary
    for doc in DOCS:
        assert command in read(doc), doc
    # The command as written, on the port the test gets: the site's pages and their styles load from the root.
    port = free_port()
    server = subprocess.Popen([sys.executable, *command.split()[1:], str(port), "--bind", "127.0.0.1"],
                              cwd=article_site.site.parent, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        page = wait_for(lambda page: page.select_one("article h1") is not None,
                        f"http://127.0.0.1:{port}/claims/putin-no-concessions/")
        styles = [link["href"] for link in page.select('link[rel="stylesheet"]')
                  if not urlsplit(link["href"]).netloc]
        assert styles
        base = f"http://127.0.0.1:{port}/claims/putin-no-concessions/"
        for href in styles:
            assert fetch_status(base, href) == 200, href
    finally:
        server.terminate()
        server.wait(timeout=20)


def fetch_status(base: str, href: str) -> int:
    import urllib.request
    from urllib.parse import urljoin

    with urllib.request.urlopen(urljoin(base, href), timeout=10) as response:
        return response.status


# -- the pre-commit hook -------------------------------------------------------------------------------------

def test_pre_commit_hook_runs_without_an_activated_environment(tmp_path):
    repo = copy_site(ARTICLE, tmp_path / "clone")
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    for repository in yaml.safe_load(read(".pre-commit-config.yaml"))["repos"]:
        for hook in repository["hooks"]:
            script = hook["entry"].split()[0]
            if (REPO / script).is_file():  # a script of the repository's, as a clone has it
                (repo / script).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / script, repo / script)
    # The contributor's .venv/ (CONTRIBUTING.md), with this checkout installed; PATH does not have it.
    (repo / ".venv/bin").mkdir(parents=True)
    (repo / ".venv/bin/claims").symlink_to(tool("claims"))
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PATH="/usr/bin:/bin", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")
    assert shutil.which("claims", path=env["PATH"]) is None

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120)

    def pre_commit() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "claims-check", "--all-files"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=300)

    git("init", "-q")
    (repo / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    git("add", "-A")
    done = pre_commit()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "claims check" in done.stdout and "Passed" in done.stdout

    # It checks: a broken claim fails the commit, with the problem at its line.
    claim = repo / "claims/2025/03/putin-no-concessions.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("speaker: vladimir-putin",
                                                               "speaker: vladimir-putn"),
                     encoding="utf-8")
    git("add", "-A")
    done = pre_commit()
    assert done.returncode == 1 and "claims/2025/03/putin-no-concessions.yml:" in done.stdout, done.stdout
    assert "did you mean `vladimir-putin`" in done.stdout

    # Without any `claims`, it says how to install one.
    shutil.rmtree(repo / ".venv")
    done = pre_commit()
    assert done.returncode == 1 and "python -m venv .venv && .venv/bin/pip install -e ." in done.stdout, \
        done.stdout


# -- publishing at a fork's address --------------------------------------------------------------------------

def test_publish_workflow_takes_site_url_from_the_pages_configuration(tmp_path):
    steps = _workflow("publish.yml")["jobs"]["build"]["steps"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(step for step in steps if step.get("run", "").startswith("mkdocs build"))
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"

    # mkdocs.yml reads it: a fork's canonical, feed and structured-data addresses are the fork's.
    fork = "https://someone.github.io/their-fork/"
    site = article_copy(tmp_path / "site-repo")
    env = {**env_without_banner_variables(), "SITE_URL": fork, "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([tool("mkdocs"), "build", "--strict", "-d", "out"], cwd=site, capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site / "out/claims/putin-no-concessions/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one('link[rel="canonical"]')["href"] == fork + "claims/putin-no-concessions/"
    assert page.select_one('meta[property="og:url"]')["content"] == fork + "claims/putin-no-concessions/"
    data = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    urls = re.findall(r'"(https?://[^"]+)"', json.dumps(data))
    assert fork + "claims/putin-no-concessions/" in urls
    assert not any(url.startswith(default_site_url()) for url in urls)
    feed = (site / "out/feed.xml").read_text(encoding="utf-8")
    assert f'href="{fork}feed.xml"' in feed and default_site_url() not in feed
    # Elsewhere (a contributor's machine, the pull-request workflow) the default stands, for `claims` too.
    assert default_site_url() == "https://mkdocs-claims.github.io/mkdocs-claims/"
    done = subprocess.run([tool("claims"), "new", "topic", "fork-topic"], cwd=site, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    first = (site / "claims/topics/fork-topic.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={fork}schema/topic.json"


# -- Python versions -----------------------------------------------------------------------------------------

def test_ci_tests_every_python_version_the_docs_promise():
    promises = {re.search(r"Python (3\.\d+) to (3\.\d+)", read(doc)).groups() for doc in DOCS}
    assert len(promises) == 1, promises  # README and CONTRIBUTING promise the same
    (low, high), = promises
    versions = [f"3.{minor}" for minor in range(int(low.split(".")[1]), int(high.split(".")[1]) + 1)]
    assert tomllib.loads(read("pyproject.toml"))["project"]["requires-python"] == f">={low}"
    test = _workflow("pull-request.yml")["jobs"]["test"]
    assert test["strategy"]["matrix"]["python-version"] == versions
    setup = next(step for step in test["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ matrix.python-version }}"
    assert any(step.get("run") == "pytest" for step in test["steps"])


# -- adding an explainer -------------------------------------------------------------------------------------

def test_adding_an_explainer_as_contributing_says(tmp_path):
    guide = read("CONTRIBUTING.md")
    section = guide.split("## Adding an explainer\n", 1)[1].split("\n## ", 1)[0]
    assert "(#adding-an-explainer)" in guide  # listed in the guide's contents
    commands = shell_lines(section)
    assert any(re.fullmatch(r"git add (\S+ )*docs( \S+)*", command) for command in commands), commands
    page_path = re.search(r"`(docs/explainers/[a-z0-9-]+\.md)`", section).group(1)
    example = re.search(r"```markdown\n(.*?)^ *```", section, re.MULTILINE | re.DOTALL).group(1)
    example = "\n".join(line[3:] if line.startswith("   ") else line for line in example.splitlines()) + "\n"
    site = copy_site(ARTICLE, tmp_path / "site-repo")
    (site / page_path).write_text(example, encoding="utf-8")
    # No other file to edit: the repository's nav lists explainers/ as a folder the plugin fills; so does the
    # copy's.
    nav = yaml.load(read("mkdocs.yml"), Loader=yaml.BaseLoader)["nav"]
    assert {"Explainers": "explainers/"} in nav, nav
    config = site / "mkdocs.yml"
    config.write_text(re.sub(r"^  - Explainers:\n(      - .*\n)+", "  - Explainers: explainers/\n",
                             config.read_text(), flags=re.MULTILINE))
    check = claims(site, "check")
    assert check.returncode == 0, check.stdout
    done = subprocess.run([tool("mkdocs"), "build", "--strict", "-d", "out"], cwd=site, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    from bs4 import BeautifulSoup

    url = Path(page_path).relative_to("docs").with_suffix("").as_posix() + "/"
    page = BeautifulSoup((site / "out" / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.select(".claims-card"), "the embedded claim card is missing"
    assert "[[" not in article.get_text()
    front_matter = yaml.safe_load(example.split("---\n")[1])
    assert {"title", "description", "date"} <= set(front_matter)
    assert front_matter["description"] in page.select_one('meta[name="description"]')["content"]
    home = BeautifulSoup((site / "out/index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a["href"].rstrip("/").endswith(url.rstrip("/")) for a in home.select("nav a[href]")), \
        "the explainer is not in the navigation"
    assert not any(command.startswith("git add") and "mkdocs.yml" in command for command in commands)
    # A broken link in it is reported at its line, as the guide says.
    (site / page_path).write_text(example.replace("[[topics/peacekeeping-forces]]",
                                                  "[[topics/peacekeeping]]"),
                                  encoding="utf-8")
    check = claims(site, "check")
    assert check.returncode == 1 and f"{page_path}:" in check.stdout, check.stdout
