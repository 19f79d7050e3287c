"""What CI guarantees about the test run, checked by running the suite's conftest on small suites of its own.

Where CI is set, every skip (a missing Chromium, axe-core, Playwright) fails the run, so a skip never hides a
failure, and so does a test that writes into the source tree; locally a skip stays a skip with its reason.
Everywhere, no test finds in its cache folder what another test's builds kept there, and no test fails because
the machine is slow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SUITE = {
    "test_needs_a_browser.py": (
        "import pytest\n\n"
        "@pytest.fixture\n"
        "def chromium_browser():\n"
        "    pytest.skip('Chromium is not installed')\n\n"
        "def test_in_the_browser(chromium_browser):\n    pass\n\n"
        "def test_axe():\n    pytest.skip('axe-core is not installed')\n\n"
        "def test_plain():\n    pass\n\n"
        "@pytest.mark.xfail(reason='a known bug', strict=True)\n"
        "def test_known_bug():\n    assert False\n"),
    "test_needs_a_module.py": (
        "import pytest\n\n"
        "pytest.importorskip('no_such_module_for_this_test', reason='the module is not installed')\n\n"
        "def test_it():\n    pass\n"),
}


def run_suite(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    for name, text in SUITE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA",
                           "--continue-on-collection-errors",
                           "-o", "addopts=", str(tmp_path)], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_skip_fails_where_ci_is_set(tmp_path, ci):
    done = run_suite(tmp_path, ci)
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    # A fixture's skip: an error at setup.
    assert any(line.startswith("ERROR") and "test_in_the_browser" in line
               and "Chromium is not installed" in line for line in lines), done.stdout
    assert any(line.startswith("FAILED") and "test_axe" in line and "axe-core is not installed" in line
               for line in lines), done.stdout
    assert any(line.startswith("ERROR") and "test_needs_a_module.py" in line
               and "the module is not installed" in line for line in lines), done.stdout
    assert "SKIPPED" not in done.stdout
    assert any(line.startswith("PASSED") and "test_plain" in line for line in lines)
    # an expected failure stays one
    assert any(line.startswith("XFAIL") and "test_known_bug" in line for line in lines)


def test_a_skip_says_why_locally(tmp_path):
    done = run_suite(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "SKIPPED" in done.stdout and "Chromium is not installed" in done.stdout
    assert "axe-core is not installed" in done.stdout and "the module is not installed" in done.stdout
    assert "FAILED" not in done.stdout and "ERROR" not in done.stdout


def test_a_test_that_writes_into_the_source_tree_fails_where_ci_is_set(tmp_path):
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    shutil.copy(Path(__file__).with_name("conftest.py"), repo / "tests" / "conftest.py")
    (repo / "tests" / "test_writes.py").write_text(
        "from pathlib import Path\n\n"
        "def test_writes():\n    (Path(__file__).parent.parent / 'docs.png').write_bytes(b'x')\n",
        encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    env = {**{key: value for key, value in os.environ.items() if key != "CI"}, "CI": "true"}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "tests"]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert (done.returncode == 1 and "the tests changed the source tree" in done.stdout
            and "docs.png" in done.stdout)
    (repo / "docs.png").unlink()
    del env["CI"]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout  # locally, a developer may be editing files while the tests run


# Each test writes into the cache folder its builds use (XDG_CACHE_HOME), as a build does, and finds it empty
# first; so does each module's fixture. In one process, as pytest-xdist runs many modules in each worker.
KEEPS = """\
import os
from pathlib import Path

import pytest

def kept_here():
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "mkdocs-claims"
    assert Path.home() not in folder.parents
    kept = sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []
    assert "pages" not in kept, f"{folder} holds what an earlier build kept: {kept}"
    (folder / "pages").mkdir(parents=True)
    return folder

@pytest.fixture(scope="module")
def site():
    return kept_here()

def test_one(site):
    assert kept_here() != site

def test_two(site):
    kept_here()
"""


def test_no_test_finds_what_another_kept_in_the_cache_folder(tmp_path):
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    for name in ("test_first.py", "test_second.py"):
        (tmp_path / name).write_text(KEEPS, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=",
                           str(tmp_path)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "4 passed" in done.stdout, done.stdout


STALLS = """\
import time

from hypothesis import given, strategies as st

calls = []

@given(st.text())
def test_a_property(value):
    calls.append(value)
    if len(calls) == 3:  # a loaded machine stalls one call now and then
        time.sleep(0.3)
"""


def test_a_stalled_example_does_not_fail_a_property(tmp_path):
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_stalls.py").write_text(STALLS, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=",
                           str(tmp_path)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout
