"""No input, however broken, makes the loader raise: random damage to valid files is always a reported problem."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PERSON, SOURCE, TOPIC, claim_yaml
from mkdocs_claims.document import Document, parse_text
from mkdocs_claims.loader import load_content
from mkdocs_claims.problems import Problems

VALID = claim_yaml(
    body="Said it [@isw].\n\nSee [[other]] and [[people/putin]] and [[topics/peace-talks|talks]].\n",
    extra=("venue: Moscow\ntopics: [peace-talks]\nquotes:\n  - text: No compromise\n    lang: ru\n    source: isw\n"
           "related:\n  - claim: other\n    type: supports\n    note: Same day.\n"
           "updates:\n  - date: 2025-03-07\n    note: Fixed a typo.\n"))
YAML_CHARACTERS = list(":-[]{}&*!|>'\"#%@`,?\t\n \\") + ["\r\n", "---\n", "<<: ", "\x00", "\u00e9", "\ufeff", "  "]

edits = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, len(VALID)),
              st.sampled_from(YAML_CHARACTERS)),
    min_size=1, max_size=6)


def damage(text: str, changes) -> str:
    for action, at, piece in changes:
        at = min(at, len(text))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + len(piece):]
        else:
            text = text[:at] + piece + text[at + 1:]
    return text


def assert_well_placed(problems: Problems, text: str) -> None:
    lines = max(1, text.count("\n") + 1)
    for problem in problems:
        assert problem.message
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.column >= 1, problem


def assert_references_point_at_brackets(problems: Problems, text: str) -> None:
    """A broken `[[…]]` or `[@…]` is reported where its `[` stands in the file."""
    lines = text.removeprefix("\ufeff").split("\n")
    for problem in problems:
        if problem.message.startswith(("broken link", "the citation")):
            line = lines[problem.line - 1]
            assert line[problem.column - 1:problem.column] == "[", (problem, line)


@settings(max_examples=300, deadline=None, database=None)
@given(edits)
def test_damaged_text_never_raises(changes):
    text = damage(VALID, changes)
    problems = Problems()
    parse_text(text, Document("claims/x.yml"), problems)
    assert_well_placed(problems, text)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_damaged_files_never_raise_in_a_whole_load(changes, encoding):
    text = damage(VALID, changes)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, body in (("people/putin.yml", PERSON), ("sources/isw.yml", SOURCE), ("topics/peace-talks.yml", TOPIC),
                           ("other.yml", claim_yaml())):
            (root / "claims" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "claims" / name).write_text(body, encoding="utf-8")
        (root / "claims" / "2025").mkdir()
        (root / "claims" / "2025" / "x.yml").write_bytes(text.encode(encoding, errors="replace"))
        content, problems = load_content(root / "claims", root)
    assert_well_placed(problems, text)
    assert all(problem.path.startswith("claims/") for problem in problems)
    if encoding == "utf-8":
        assert_references_point_at_brackets(problems, text)


def test_the_undamaged_file_is_valid():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, body in (("people/putin.yml", PERSON), ("sources/isw.yml", SOURCE), ("topics/peace-talks.yml", TOPIC),
                           ("other.yml", claim_yaml()), ("x.yml", VALID)):
            (root / "claims" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "claims" / name).write_text(body, encoding="utf-8")
        content, problems = load_content(root / "claims", root)
    assert not problems, problems.as_text()
    assert len(content.claims) == 2
