"""Every problem has a stable code: each code is documented in docs/format.md, and each documented code is
produced by `claims check --format json` on a small input (one case per code, in-process: fast)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims import cli, files
from mkdocs_claims.problems import CODES

REPO = Path(__file__).resolve().parent.parent
TEAM = MINIMAL_CONFIG.replace("  - claims\n",
                              "  - claims:\n      team:\n        jane-doe: {name: Jane Doe}\n")


@dataclass
class Case:
    code: str
    path: str  # where the problem is reported
    files: dict[str, str | bytes] = field(default_factory=dict)
    config: str = MINIMAL_CONFIG
    setup: object = None  # a function of (project root, monkeypatch) for what files cannot say


def _link_out(root: Path, monkeypatch) -> None:
    (root.parent / "outside.yml").write_text(claim_yaml(), encoding="utf-8")
    os.symlink(root.parent / "outside.yml", root / "claims/2025/linked.yml")


def _unreadable(root: Path, monkeypatch) -> None:
    read = files.read_bytes

    def failing(path, limit):
        if Path(path).name == "locked.yml":
            raise PermissionError(13, "Permission denied")
        return read(path, limit)

    monkeypatch.setattr("mkdocs_claims.document.read_bytes", failing)


def _no_content_folder(root: Path, monkeypatch) -> None:
    for file in sorted((root / "claims").rglob("*"), reverse=True):
        file.unlink() if file.is_file() else file.rmdir()
    (root / "claims").rmdir()


CLAIM = "claims/2025/a.yml"
CASES = [
    Case("missing-content-folder", "claims", setup=_no_content_folder),
    Case("invalid-file-name", "claims/2025/Bad_Name.yml", {"claims/2025/Bad_Name.yml": claim_yaml()}),
    Case("duplicate-id", "claims/2026/a.yml", {CLAIM: claim_yaml(), "claims/2026/a.yml": claim_yaml()}),
    Case("refused-file", "claims/2025/linked.yml", setup=_link_out),
    Case("unpublished-file", "docs/page.html", {"docs/page.html": "<script>alert(1)</script>"}),
    Case("unreadable-file", "claims/2025/locked.yml",
         {"claims/2025/locked.yml": claim_yaml()}, setup=_unreadable),
    Case("not-utf8", CLAIM, {CLAIM: b"title: \xff\n"}),
    Case("empty-file", CLAIM, {CLAIM: "# nothing but a comment\n"}),
    Case("size-limit", CLAIM, {CLAIM: claim_yaml(body="word " * 60_000)}),
    Case("yaml-syntax", CLAIM, {CLAIM: "title: [unclosed\n"}),
    Case("yaml-reference", CLAIM, {CLAIM: claim_yaml(extra="venue: &place Moscow\nsummary: *place\n")}),
    Case("yaml-tag", CLAIM, {CLAIM: claim_yaml(extra="venue: !!python/object:os.system x\n")}),
    Case("control-character", CLAIM, {CLAIM: claim_yaml(extra='venue: "Mos\\x01cow"\n')}),
    Case("not-a-record", CLAIM, {CLAIM: "- a\n- b\n"}),
    Case("invalid-field-name", CLAIM, {CLAIM: claim_yaml(extra="1: one\n")}),
    Case("duplicate-field", CLAIM, {CLAIM: claim_yaml(extra="title: Again\n")}),
    Case("missing-field", CLAIM,
         {CLAIM: "claim: x\nspeaker: putin\ndate: 2025-03-06\nsources: [isw]\nbody: b\n"}),
    Case("unknown-field", CLAIM, {CLAIM: claim_yaml(extra="speakr: putin\n")}),
    Case("empty-value", CLAIM, {CLAIM: claim_yaml(extra="venue:\n")}),
    Case("wrong-type", CLAIM, {CLAIM: claim_yaml(extra="venue: [a, b]\n")}),
    Case("invalid-date", CLAIM, {CLAIM: claim_yaml(date="2025-02-30")}),
    Case("invalid-value", CLAIM, {CLAIM: claim_yaml(speaker="Not An Id")}),
    Case("duplicate-entry", CLAIM, {
        CLAIM: claim_yaml(extra="related:\n  - {claim: b, type: supports}\n  - {claim: b, type: supports}\n"),
        "claims/2025/b.yml": claim_yaml()}),
    Case("placeholder", CLAIM, {CLAIM: claim_yaml(title="'TODO: a headline'")}),
    Case("unknown-reference", CLAIM, {CLAIM: claim_yaml(speaker="nobody")}),
    Case("reserved-id", CLAIM, {CLAIM: claim_yaml(extra="aliases: [index]\n")}),
    Case("unknown-verdict", CLAIM, {CLAIM: claim_yaml(extra="verdict: misleadin\nverdict_note: Why.\n")}),
    Case("verdict-note", CLAIM, {CLAIM: claim_yaml(extra="verdict: misleading\n")}),
    Case("invalid-relation", CLAIM, {CLAIM: claim_yaml(extra="related:\n  - {claim: a, type: supports}\n")}),
    Case("unlisted-source", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw] and [@elsewhere].")}),
    Case("misplaced-citation", "claims/people/p.yml",
         {"claims/people/p.yml": "name: P\ndescription: See [@isw].\n"}),
    Case("quotation-marks", CLAIM,
         {CLAIM: claim_yaml(extra="quotes:\n  - text: '\"No compromise\"'\n    source: isw\n")}),
    Case("self-review", CLAIM,
         {CLAIM: claim_yaml(extra="authors: [jane-doe]\nreviewers: [jane-doe]\n")}, TEAM),
    Case("date-order", CLAIM, {CLAIM: claim_yaml(extra="published: 2025-03-01\n")}),
    Case("comment-in-text", CLAIM, {CLAIM: claim_yaml(title="Condition #1 for talks")}),
    Case("future-date", CLAIM, {CLAIM: claim_yaml(date="2999-03-06")}),
    Case("invisible-character", CLAIM, {CLAIM: claim_yaml(title="Putin\u200b rules")}),
    Case("mixed-script", CLAIM, {CLAIM: claim_yaml(title="Vl\u0430dimir Putin rules out concessions")}),
    Case("look-alike-name", "claims/people/putin-2.yml",
         {CLAIM: claim_yaml(), "claims/people/putin-2.yml": "name: Vladimir\u00a0Putin\n"}),
    Case("link-syntax", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. See [[unknownkind/x]].")}),
    Case("broken-link", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. See [[no-such-claim]].")}),
    Case("unsafe-link", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. [x](javascript:alert(1))")}),
    Case("remote-image", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. ![map](https://example.org/m.png)")}),
    Case("removed-html", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. <script>alert(1)</script>")}),
    Case("markdown-limit", CLAIM, {CLAIM: claim_yaml(body="Said it [@isw]. " + "word " * 1_100)}),
    Case("front-matter", "docs/page.md", {"docs/page.md": "---\ntemplate: main.html\n---\n\n# Page\n"}),
    Case("invalid-option", "mkdocs.yml", config=MINIMAL_CONFIG.replace(
        "  - claims\n", "  - claims:\n      team:\n        Jane: {name: Jane Doe}\n")),
]


def test_every_code_has_a_case():
    assert sorted(case.code for case in CASES) == sorted(CODES)


def test_every_code_is_documented_and_every_documented_code_exists():
    text = (REPO / "docs/format.md").read_text(encoding="utf-8")
    section = text.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    assert len(documented) == len(set(documented)), "a code is documented twice"
    assert sorted(documented) == sorted(CODES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.code)
def test_each_code_is_reported(case: Case, tmp_path, monkeypatch, capsys):
    project = Project(tmp_path / "site", case.config).add_basics()
    (project.root / "claims/2025").mkdir(parents=True, exist_ok=True)
    for relative, content in case.files.items():
        if isinstance(content, bytes):
            (project.root / relative).parent.mkdir(parents=True, exist_ok=True)
            (project.root / relative).write_bytes(content)
        else:
            project.write(relative, content)
    if case.setup:
        case.setup(project.root, monkeypatch)
    monkeypatch.chdir(project.root)
    code = cli.main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1, report
    assert all(problem["code"] in CODES for problem in report["problems"]), report
    found = {(problem["path"], problem["code"]) for problem in report["problems"]}
    assert (case.path, case.code) in found, report["problems"]
