"""The README's test command enforces the linters too: ruff and mypy (configured in pyproject.toml) find
nothing.

They also run in .ci/run and as pre-commit hooks; here they make `pytest` alone fail on a finding, so a
contributor who runs only the test suite (and every Python version GitHub Actions tests) sees them. Both take
seconds, and write their caches into the test's temporary folder, never into the source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
LINTED = ("plugins", "tests", "benchmarks", "scripts")  # as .ci/run and .pre-commit-config.yaml run it


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    pytest.importorskip("ruff", reason="ruff is not installed (pip install -e '.[test]')")
    done = run("ruff", "check", "--no-cache", "--output-format", "concise", *LINTED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing(tmp_path):
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    done = run("mypy", "--cache-dir", str(tmp_path / "mypy"))  # the files and options are pyproject.toml's
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_ci_and_pre_commit_run_the_same_linters(tmp_path):
    """.ci/run lints before the tests; the pre-commit hooks run the checkout's ruff and mypy on the same
    folders."""
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    ruff_line, mypy_line = f"ruff check {' '.join(LINTED)}", "mypy"
    assert ci.index(ruff_line) < ci.index("pytest") and ci.index(mypy_line) < ci.index("pytest")
    hooks = {hook["id"]: hook
             for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"]
             for hook in repo["hooks"]}
    assert hooks["ruff"]["entry"] == "scripts/pre-commit-lint ruff"
    assert hooks["mypy"]["entry"] == "scripts/pre-commit-lint mypy"
    # The hook's script finds the tools of the environment that runs the tests, and passes the configured
    # folders.
    bin_dir = Path(sys.executable).parent
    for tool in ("ruff", "mypy"):
        done = subprocess.run([str(REPO / "scripts/pre-commit-lint"), tool], cwd=REPO, capture_output=True,
                              text=True, timeout=600, env={"PATH": f"{bin_dir}:/usr/bin:/bin",
                                                           "RUFF_NO_CACHE": "true",
                                                "MYPY_CACHE_DIR": str(tmp_path / "mypy")})
        assert done.returncode == 0, (tool, done.stdout + done.stderr)
