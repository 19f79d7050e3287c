"""The configuration a command runs with: read once, and named as configured in every message."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, PERSON, SOURCE, TOPIC, Project, claim_yaml
from mkdocs_claims import cli, loader

TEAM_CONFIG = MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n      content_dir: content\n"
                                     "      team:\n        jane-doe: {name: Jane Doe}\n")


def content_project(tmp_path: Path) -> Project:
    """A site whose content folder is `content/`, not `claims/`."""
    project = Project(tmp_path, TEAM_CONFIG)
    project.write("content/people/putin.yml", PERSON)
    project.write("content/sources/isw.yml", SOURCE)
    project.write("content/topics/peace-talks.yml", TOPIC)
    return project


def run_check(project: Project, monkeypatch, capsys, *arguments: str) -> tuple[int, str]:
    monkeypatch.chdir(project.root)
    code = cli.main(["check", *arguments])
    return code, capsys.readouterr().out


def test_claims_check_reads_mkdocs_yml_once(tmp_path, monkeypatch, capsys):
    project = content_project(tmp_path)
    project.write("content/2025/a.yml", claim_yaml(extra="authors: [jane-doe]\n"))
    project.write("docs/story.md", "# Story\n\nSee [[a]].\n")
    reads: list[Path] = []
    read_text = Path.read_text

    def counted(self: Path, *args, **kwargs):
        if self.name == "mkdocs.yml":
            reads.append(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    code, out = run_check(project, monkeypatch, capsys, "--format", "json")
    assert code == 0, out
    assert json.loads(out)["counts"]["claims"] == 1
    assert len(reads) == 1, reads


def test_hints_name_the_configured_content_folder(tmp_path, monkeypatch, capsys):
    project = content_project(tmp_path)
    project.write("content/2025/a.yml", claim_yaml(
        speaker="nobody-at-all", body="Said it [@isw] and [@gone-source]. See [[people/no-such-person]].",
        extra="topics: [no-such-topic]\n"))
    code, out = run_check(project, monkeypatch, capsys)
    assert code == 1, out
    hints = [line for line in out.splitlines() if line.startswith("content/2025/a.yml:")]
    assert any("unknown person `nobody-at-all` (hint: add content/people/nobody-at-all.yml" in h
               for h in hints), out
    assert any("unknown topic `no-such-topic` (hint: add content/topics/no-such-topic.yml" in h
               for h in hints), out
    assert any("people are the files in content/people" in h for h in hints), out
    assert any("content/sources/gone-source.yml if it is shared" in h for h in hints), out
    assert "claims/" not in "\n".join(hints).replace("content/2025/a.yml", "")


def test_a_new_claim_names_the_configured_content_folder(tmp_path, monkeypatch, capsys):
    project = content_project(tmp_path)
    monkeypatch.chdir(project.root)
    assert cli.main(["new", "a-new-claim"]) == 0, capsys.readouterr()
    (written,) = (project.root / "content").rglob("a-new-claim.yml")
    text = written.read_text(encoding="utf-8")
    for folder in ("people", "topics", "sources"):
        assert f"content/{folder}/" in text and f"claims/{folder}/" not in text, folder


@pytest.mark.parametrize("fails", [False, True])
def test_the_garbage_collector_is_off_only_while_content_loads(tmp_path, monkeypatch, fails):
    """Loading turns the cyclic collector off for its own speed and on again, even when it fails: a
    long-running `mkdocs serve` keeps collecting."""
    project = Project(tmp_path).add_basics()
    project.write("claims/2025/a.yml", claim_yaml())
    seen = []
    load = loader.Loader.load

    def watched(self):
        seen.append(gc.isenabled())
        if fails:
            raise RuntimeError("a bug while loading")
        return load(self)

    monkeypatch.setattr(loader.Loader, "load", watched)
    assert gc.isenabled()
    if fails:
        with pytest.raises(RuntimeError):
            loader.load_content(project.root / "claims", project.root)
    else:
        content, problems = loader.load_content(project.root / "claims", project.root)
        assert not problems and len(content.claims) == 1
    assert seen == [False]
    assert gc.isenabled()
