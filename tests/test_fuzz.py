"""No input, however broken, makes the loader raise: random damage to valid files is always a reported
problem."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import PERSON, SOURCE, TOPIC, claim_yaml
from mkdocs_claims.document import Document, parse_text
from mkdocs_claims.loader import load_content
from mkdocs_claims.problems import Problems

VALID = claim_yaml(
    body="Said it [@isw].\n\nSee [[other]] and [[people/putin]] and [[topics/peace-talks|talks]].\n",
    extra=("venue: Moscow\ntopics: [peace-talks]\nquotes:\n  - text: No compromise\n    lang: ru\n    "
           "source: isw\nrelated:\n  - claim: other\n    type: supports\n    note: Same day.\n"
           "updates:\n  - date: 2025-03-07\n    note: Fixed a typo.\n"))
YAML_CHARACTERS = list(":-[]{}&*!|>'\"#%@`,?\t\n \\") + ["\r\n", "---\n", "<<: ", "\x00",
                                                         "\u00e9", "\ufeff", "  "]

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
        for name, body in (("people/putin.yml", PERSON), ("sources/isw.yml", SOURCE),
                           ("topics/peace-talks.yml", TOPIC), ("other.yml", claim_yaml())):
            (root / "claims" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "claims" / name).write_text(body, encoding="utf-8")
        (root / "claims" / "2025").mkdir()
        (root / "claims" / "2025" / "x.yml").write_bytes(text.encode(encoding, errors="replace"))
        _, problems = load_content(root / "claims", root)
    assert_well_placed(problems, text)
    assert all(problem.path.startswith("claims/") for problem in problems)
    if encoding == "utf-8":
        assert_references_point_at_brackets(problems, text)


def test_the_undamaged_file_is_valid():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, body in (("people/putin.yml", PERSON), ("sources/isw.yml", SOURCE),
                           ("topics/peace-talks.yml", TOPIC), ("other.yml", claim_yaml()), ("x.yml", VALID)):
            (root / "claims" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "claims" / name).write_text(body, encoding="utf-8")
        content, problems = load_content(root / "claims", root)
    assert not problems, problems.as_text()
    assert len(content.claims) == 2


# Any text a contributor can type, in every plain-text field: loaded, rendered and sanitised without raising,
# and never leaving an element or event handler of its own in the page.
any_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"))
                   | st.sampled_from(list("<>&\"'[]@|!*_`{}%\n")), min_size=1, max_size=80)


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=any_text, claim=any_text, quote=any_text, note=any_text, name=any_text, body=any_text)
def test_any_text_renders_without_raising_or_injecting(title, claim, quote, note, name, body):
    import json

    from bs4 import BeautifulSoup

    from mkdocs_claims.sanitizer import sanitize
    from mkdocs_claims.settings import Settings
    from mkdocs_claims.site import Site

    # a JSON string is a YAML double-quoted scalar, if astral characters stay unescaped
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for relative, text in {
            "claims/people/putin.yml": f"name: {q(name)}\n",
            "claims/sources/isw.yml": SOURCE,
            "claims/topics/peace-talks.yml": TOPIC,
            "claims/other.yml": claim_yaml(title="Other"),
            "claims/one.yml": claim_yaml(title=q(title), body=body.replace("\r", " ") + " [@isw]", extra=(
                f"venue: {q(note)}\nquotes:\n  - text: {q(quote)}\n    source: isw\n"
                f"related:\n  - claim: other\n    type: rejects\n    note: {q(note)}\n")).replace(
                "claim: Russia will make no compromises.", f"claim: {q(claim)}"),
        }.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
        content, problems = load_content(root / "claims", root)
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1
        event(problems.sorted()[0].message.split("`")[0] if problems else "rendered")
        if problems:
            return
        site = Site(content, Settings())
        pages = {page.src_uri: page for page in site.pages()}
        dict(site.files())
        page = pages["claims/one.md"]
        soup = BeautifulSoup(page.head + sanitize(page.markdown) + page.tail, "html.parser")
        assert soup.h1.get_text() == title
        for element in soup.find_all(True):
            assert not any(attribute.lower().startswith("on") for attribute in element.attrs), element
            assert element.name not in ("script", "iframe", "object", "embed", "style", "form"), element
