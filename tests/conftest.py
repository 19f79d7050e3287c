"""Shared fixtures: real sites built in temporary folders, read back with an HTML parser."""

from __future__ import annotations

import collections
import contextlib
import copy
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import hypothesis
import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
# The article as it was when the tests about it were written: tests that need real content read this frozen
# copy, never the repository's claims/ and docs/, which contributors change freely (test_content.py checks
# those).
ARTICLE = REPO / "tests" / "fixtures" / "article"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

# Where CI is set (GitHub Actions sets it; so does .ci/run), a skip is a failure: a missing Chromium, axe-core
# or Playwright must turn the run red there, never hide the tests that need them. Locally a skip says what is
# missing.
IN_CI = bool(os.environ.get("CI"))
# Hypothesis fails an example that takes over 200 ms by default: a timed assertion, which a loaded machine
# failed whenever it stalled one call. No test here has a deadline.
hypothesis.settings.register_profile("no-deadline", deadline=None)
hypothesis.settings.load_profile("no-deadline")
# Zensical needs Python 3.11 or later: on 3.10 there is no second engine to build with, and its test is not
# collected (rather than skipped, which fails where CI is set); the runs on 3.11 and later build with it.
collect_ignore = ["test_zensical.py"] if sys.version_info < (3, 11) else []


def _fail_skip_in_ci(report) -> None:
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped where CI is set, which fails the run: {reason}"


def _source_tree_status() -> str | None:
    """`git status` of the repository, or None outside a git checkout."""
    try:
        done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _cache_folder_of_its_own(tmp_path_factory, name: str):
    """XDG_CACHE_HOME set to a new folder while the fixture lives, then back to what it was. It holds nothing
    but the compiled templates, which all share: Jinja checks each against its template's source, and
    compiling them is most of what a small site's first build costs."""
    before = os.environ.get("XDG_CACHE_HOME")
    folder = tmp_path_factory.mktemp(name)
    compiled = tmp_path_factory.getbasetemp() / "compiled-templates"
    compiled.mkdir(exist_ok=True)
    (folder / "mkdocs-claims").mkdir()
    with contextlib.suppress(OSError):  # no symbolic links (Windows without the right): compiled each time
        (folder / "mkdocs-claims" / "templates").symlink_to(compiled, target_is_directory=True)
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


# Builds keep pages, share images, layouts, compiled templates and the search index in the user's cache folder
# (XDG_CACHE_HOME), and take them back in a later build. The tests' builds, subprocesses included, never use
# the user's (which other builds on the machine share), and no test finds what another one left there: each
# test, each module's fixtures and the session's fixtures have a cache folder of their own. (One per worker
# made a test's builds depend on which modules pytest-xdist had run before it in the same process.)
@pytest.fixture(scope="session", autouse=True)
def session_cache_folder(tmp_path_factory):
    yield from _cache_folder_of_its_own(tmp_path_factory, "cache-session")


@pytest.fixture(scope="module", autouse=True)
def module_cache_folder(tmp_path_factory):
    yield from _cache_folder_of_its_own(tmp_path_factory, "cache-module")


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory):
    yield from _cache_folder_of_its_own(tmp_path_factory, "cache")


@pytest.fixture(scope="session", autouse=True)
def source_tree_untouched():
    """Tests write only in temporary folders: where CI is set (a clean checkout nobody edits meanwhile), the
    run fails if it changed, added or deleted a file of the repository."""
    before = _source_tree_status() if IN_CI else None
    yield
    if before is not None:
        after = _source_tree_status()
        assert after == before, f"the tests changed the source tree:\n{after}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


MINIMAL_CONFIG = """\
site_name: Test claims
theme:
  name: material
plugins:
  - claims
"""

PERSON = "name: Vladimir Putin\nrole: President of Russia\n"
SOURCE = ("title: Russian Offensive Campaign Assessment, March 6, 2025\npublisher: Institute for the Study "
          "of War\nurl: https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-march-6-2025\n"
          "date: 2025-03-06\n")
TOPIC = "title: Peace talks\ndescription: Talks about ending the war.\n"


def claim_yaml(title="Putin rules out concessions", speaker="putin", date="2025-03-06",
               body="Said it [@isw].", sources="[isw]", extra="") -> str:
    return (f"title: {title}\nclaim: Russia will make no compromises.\nspeaker: {speaker}\ndate: {date}\n"
            f"sources: {sources}\n{extra}body: |\n" + textwrap.indent(body, "  ") + "\n")


_PARSED: collections.OrderedDict[str, BeautifulSoup] = collections.OrderedDict()
# pages: more than the largest test site has, so a test that reads every page parses each once
_PARSED_MOST = 400


def parsed(html: str) -> BeautifulSoup:
    """The parse of a page's HTML, shared: tests read the same pages of a built site again and again, and
    parsing them is much of the suite's time. Keyed by the text itself, so a rebuilt page is never read
    stale."""
    soup = _PARSED.get(html)
    if soup is None:
        soup = _PARSED[html] = BeautifulSoup(html, "html.parser")
        if len(_PARSED) > _PARSED_MOST:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(html)
    return soup


def search_records(site: Path, bundle: str = "pagefind") -> dict[str, dict]:
    """What Pagefind indexed in a built site (in its `bundle`: a part of the index is `pagefind/part-N`), by
    page address ('claims/x/'): each page's text (`content`), `filters` and `meta`, read from its fragment
    files (gzip-compressed JSON after a signature)."""
    records = {}
    for fragment in (site / bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"].lstrip("/")] = record
    return records


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of a page, by its URL path ('claims/x/' or ''): shared by every caller that reads
        the same text, so a test that changes the tree works on a copy (`copy.copy`)."""
        file = self.site / url_path / "index.html" if not url_path.endswith(".html") else self.site / url_path
        assert file.is_file(), f"no page at {url_path!r}; output:\n{self.output}"
        return parsed(file.read_text(encoding="utf-8"))

    def article(self, url_path: str):
        return self.page(url_path).select_one("article")

    def visible_text(self, url_path: str, without: str = "") -> str:
        """The text a reader reads in the page's article, spaces collapsed (a <script>'s text is not read, nor
        a `hidden` element's), without the elements that the CSS selector `without` matches."""
        article = copy.copy(self.article(url_path))
        for element in article.select(f"[hidden], {without}" if without else "[hidden]"):
            element.decompose()
        return re.sub(r"\s+", " ", article.get_text(" ", strip=True))


class Project:
    """A site folder: mkdocs.yml, claims/ and docs/, written from strings."""

    def __init__(self, root: Path, config: str = MINIMAL_CONFIG):
        self.root = root
        self.write("mkdocs.yml", config)
        (root / "docs").mkdir(exist_ok=True)
        self.write("docs/index.md", "# Home\n\nWelcome.\n")
        (root / "claims").mkdir(exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def add_basics(self) -> Project:
        """One person, one shared source, one topic."""
        self.write("claims/people/putin.yml", PERSON)
        self.write("claims/sources/isw.yml", SOURCE)
        self.write("claims/topics/peace-talks.yml", TOPIC)
        return self

    def build(self, *args: str, tool: str = "mkdocs") -> Build:
        site = self.root / "site"
        # Not -q: MkDocs then drops warnings before --strict counts them, and a strict build could never fail
        # on one.
        command = [sys.executable, "-m", tool, "build", "-d", str(site), *args]
        if tool == "properdocs":
            command += ["-f", str(self.root / "mkdocs.yml")]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=300)
        return Build(done.returncode, done.stdout + done.stderr, site)

    def check(self, *args: str) -> subprocess.CompletedProcess:
        # The console script installed beside this Python, as a user runs it.
        claims = str(Path(sys.executable).with_name("claims"))
        if not Path(claims).exists():
            claims = shutil.which("claims") or "claims"
        return subprocess.run([claims, "check", *args], cwd=self.root,
                              capture_output=True, text=True, timeout=120)


# `claims check` refuses raw HTML the sanitizer would remove (the first wall); the build with that check
# switched off shows that the sanitizer still makes every payload inert (the second), should a page ever reach
# it unchecked.
WITHOUT_THE_HTML_CHECK = """
from mkdocs_claims import checks, handwritten
handwritten.removed_html = checks.removed_html = lambda markdown, page=False: iter(())
from mkdocs.__main__ import cli
cli(prog_name="mkdocs")
"""


def build_without_the_html_check(project: Project) -> Build:
    """A strict build of `project` with the raw-HTML check switched off, to test the sanitizer behind it."""
    site = project.root / "site"
    done = subprocess.run([sys.executable, "-c", WITHOUT_THE_HTML_CHECK, "build",
                           "-d", str(site), "--strict"],
                          cwd=project.root, capture_output=True, text=True, timeout=300)
    return Build(done.returncode, done.stdout + done.stderr, site)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def copy_site(source: Path, target: Path) -> Path:
    """A site's content (claims/, docs/, mkdocs.yml) copied to `target`, to build or change there."""
    for name in ("claims", "docs"):
        shutil.copytree(source / name, target / name)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def render_md(root: Path, out: str, *options: str) -> Path:
    """`claims render-md --out OUT` run in the site folder `root`, as a user runs it; the folder it wrote."""
    done = subprocess.run([str(Path(sys.executable).with_name("claims")),
                           "render-md", "--out", out, *options],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / out


@pytest.fixture(scope="session")
def article_site(tmp_path_factory) -> Build:
    """The frozen article's site (tests/fixtures/article), built once for the session."""
    build = Project.__new__(Project)
    build.root = copy_site(ARTICLE, tmp_path_factory.mktemp("article"))
    result = build.build("--strict")
    assert result.returncode == 0, result.output
    return result


# --- Browser tests: Debian's Chromium driven by Playwright, never a downloaded browser ----------------------

# CHROMIUM_PATH names another installed Chromium-based browser (GitHub's runners ship Google Chrome).
CHROMIUM = (os.environ.get("CHROMIUM_PATH")
            or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Watch:
    """Console errors (a Content-Security-Policy violation is one), uncaught exceptions and
    `securitypolicyviolation` events of every page a context shows; requests to other hosts are blocked, and
    there must be none. `requests` lists every address the context asked for."""

    def __init__(self, context, site_url: str):
        self.site_url = site_url
        self.errors: list[str] = []
        self.blocked: set[str] = set()
        self.requests: list[str] = []
        context.route(lambda url: not url.startswith(site_url), self._block)
        context.expose_function("__claimsViolation",
                                lambda text: self.errors.append(f"CSP violation: {text}"))
        context.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                                "window.__claimsViolation(location.pathname + ': ' + e.violatedDirective + ' "
                                "' + (e.blockedURI || 'inline')))")
        context.on("page", self._watch_page)
        context.on("request", lambda request: self.requests.append(request.url))
        for page in context.pages:
            self._watch_page(page)

    def _block(self, route):
        self.blocked.add(route.request.url)
        route.abort()

    def _watch_page(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception on {page.url}: {error}"))

    def _console(self, message):
        if message.type != "error":
            return
        resource = (message.location or {}).get("url", "")
        self.errors.append(f"console error on {message.page.url if message.page else '?'}: {message.text} "
                           f"({resource or 'no location'})")

    def assert_clean(self):
        assert not self.errors, "errors in the browser console:\n" + "\n".join(self.errors)
        assert not self.blocked, "requests to other origins: " + ", ".join(sorted(self.blocked))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A built site served on 127.0.0.1 at a free port; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo ...), on Debian's Chromium."""
    if not CHROMIUM:
        pytest.skip("Chromium is not installed at /usr/bin/chromium nor on PATH (Debian: apt-get install "
                    "chromium); the browser tests never download a browser")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
