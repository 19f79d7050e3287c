"""Issue 2, "Done when": every kind of broken file is reported at the right file, line and column.

Each case below is one broken file and the exact problems it must produce. The cases are
checked twice: each on its own (in-process, fast, and proving nothing else is reported), and
all together through the `claims check` command, once, proving that every problem of every
file comes out of one run, with exit status 1 and no traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import mkdocs_claims.document as document_module
from conftest import ARTICLE, Project, claim_yaml
from mkdocs_claims.loader import load_content
from mkdocs_claims.problems import Problems

CLAIMS = str(Path(sys.executable).with_name("claims")) if Path(sys.executable).with_name("claims").exists() \
    else (shutil.which("claims") or "claims")
EXCEPTION = re.compile(r"\b[A-Z]\w*(?:Error|Exception): ")  # a Python exception leaking out
SECOND_SOURCE = "title: TASS report\npublisher: TASS\nurl: https://tass.com/politics/1\n"
OTHER_CLAIM = claim_yaml(title="Putin will not give up territory")


def setup_basics(project: Project) -> Project:
    """One person, two shared sources, one topic and one valid claim (`putin-own-territory`)."""
    project.add_basics()
    project.write("claims/sources/tass.yml", SECOND_SOURCE)
    project.write("claims/2025/03/putin-own-territory.yml", OTHER_CLAIM)
    return project


def problem_lines(output: str) -> list[str]:
    """The problem lines of `claims check` output (everything but the summary line)."""
    return [line for line in output.splitlines() if line and not line.endswith(("found.", "all valid."))]


def matches(line: str, location: str, message: str, hint: str | None = None) -> bool:
    """`line` is exactly `location: message`, optionally followed by ` (hint: …)` that contains `hint`."""
    head = f"{location}: {message}"
    if line == head:
        return hint is None
    if not line.startswith(head + " (hint: ") or not line.endswith(")"):
        return False
    return hint is None or hint in line[len(head):]


def assert_reported(lines: list[str], location: str, message: str, hint: str | None = None) -> None:
    assert any(matches(line, location, message, hint) for line in lines), (
        f"expected `{location}: {message}`" + (f" (hint containing {hint!r})" if hint else "")
        + " in:\n" + "\n".join(lines))


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text
        assert not EXCEPTION.search(text), text


def check(project: Project, *args: str) -> subprocess.CompletedProcess:
    """`claims check` run as a user runs it; no run may ever print a traceback."""
    done = project.check(*args)
    assert_no_traceback(done.stdout, done.stderr)
    return done


def run(command: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert_no_traceback(done.stdout, done.stderr)
    return done


# -- the catalogue of broken files -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    path: str  # relative to the project
    content: str | bytes
    expected: tuple[tuple[str, str, str | None], ...]  # (line:column, message, hint substring)

    def __str__(self) -> str:
        return self.name


def _claim_without(field: str) -> str:
    return "".join(line + "\n" for line in claim_yaml().splitlines() if not line.startswith(field + ":"))


BLOCK_BODY = (
    "Putin said it [@isw].\n"
    "\n"
    "See [[no-such-claim]] and [[people/nobody]].\n"
    "  Indented [[unknownkind/x]] here, then [@missing-source].\n"
)

CASES = [
    # YAML syntax
    Case("syntax-colon", "claims/syntax-colon.yml", "title: Putin: no concessions\nclaim: x\n",
         (("1:13", "YAML syntax error: `: ` inside a value that is not in quotes", "must be quoted"),)),
    Case("syntax-unclosed-quote", "claims/syntax-unclosed.yml", 'title: "unclosed\nclaim: x\n',
         (("1:8",
           "YAML syntax error: the quote mark `\"` that opens this value is never closed", "end the value"),
          )),
    Case("syntax-tab", "claims/syntax-tab.yml", "title: x\nsources:\n\t- isw\n",
         (("3:1", "YAML syntax error: a tab character in the indentation", "not tabs"),)),
    Case("duplicate-key", "claims/duplicate-key.yml", claim_yaml(extra="title: Again\n"),
         (("6:1", "duplicate field `title`: it is already set on line 1", "silently keep only the last"),)),
    # fields
    Case("unknown-field", "claims/unknown-field.yml", claim_yaml(extra="spekaer: putin\n"),
         (("6:1", "unknown field `spekaer`", "did you mean `speaker`?"),)),
    Case("unknown-nested-field", "claims/unknown-nested.yml",
         claim_yaml(extra="quotes:\n  - text: No compromise\n    soruce: isw\n"),
         (("7:5", "missing required field `source` in `quotes[0]`", "is `soruce` a misspelling of `source`?"),
          ("8:5", "unknown field `soruce` in `quotes[0]`", "did you mean `source`?"))),
    Case("missing-field", "claims/missing-field.yml", _claim_without("claim"),
         (("1:1", "missing required field `claim`", "add `claim: …`"),)),
    Case("missing-fields", "claims/missing-fields.yml", "title: Only a title\n",
         tuple(("1:1", f"missing required field `{field}`", f"add `{field}: …`")
               for field in ("body", "claim", "date", "sources", "speaker"))),
    # types
    Case("date-number", "claims/date-number.yml", claim_yaml(date="2025"),
         (("4:7", "`date` must be text, not the number `2025`", "put the value in quotes"),)),
    Case("lang-boolean", "claims/lang-boolean.yml",
         claim_yaml(extra="quotes:\n  - text: No compromise\n    lang: no\n    source: isw\n"),
         (("8:11", "`quotes[0].lang` must be text, not `false` (true or false)",
           "put the value in quotes"),)),
    Case("title-null", "claims/title-null.yml", claim_yaml(title=""),
         (("1:7", "`title` has no value", "write text after the colon"),)),
    Case("title-empty", "claims/title-empty.yml", claim_yaml(title='""'),
         (("1:8", "`title` is empty", "write some text"),)),
    Case("sources-not-list", "claims/sources-not-list.yml", claim_yaml(sources="isw"),
         (("5:10", "`sources` must be a list, not `isw`", None),
          # with no list of sources, the body's citation lists nothing either
          ("7:11", "the citation `@isw` names a source this claim does not list",
           "add `- isw` to `sources`"))),
    # dates
    Case("impossible-date", "claims/impossible-date.yml", claim_yaml(date="2025-02-30"),
         (("4:7", "`date` is not a real date in the form YYYY-MM-DD: `2025-02-30`", "YYYY-MM-DD"),)),
    Case("datetime", "claims/datetime.yml", claim_yaml(date="2025-03-06T10:00:00"),
         (("4:7", "`date` is not a real date in the form YYYY-MM-DD: `2025-03-06T10:00:00`", "YYYY-MM-DD"),)),
    # ids and file names
    Case("bad-file-name", "claims/2025/Bad Name.yml", claim_yaml(),
         (("1:1",
           "invalid file name `Bad Name.yml`: the name is the record's id, and ids are lowercase ASCII "
                  "letters, digits and single hyphens", "rename it to `bad-name.yml`"),)),
    Case("bad-person-file-name", "claims/people/Putin.yml", "name: Vladimir Putin\n",
         (("1:1", "invalid file name `Putin.yml`: the name is the record's id, and ids are lowercase ASCII "
                  "letters, digits and single hyphens", "rename it to `putin.yml`"),)),
    Case("bad-speaker-id", "claims/bad-speaker-id.yml", claim_yaml(speaker="Vladimir Putin"),
         # said once: not also as an unknown person
         (("3:10", "`speaker` is not a valid id: `Vladimir Putin`", "lowercase ASCII letters"),)),
    # references in fields
    Case("unknown-person", "claims/unknown-person.yml", claim_yaml(speaker="putn"),
         (("3:10", "unknown person `putn`", "did you mean `putin`?"),)),
    Case("unknown-speaker-in-list", "claims/unknown-speaker-list.yml", claim_yaml(speaker="[putin, kremlin]"),
         (("3:18", "unknown person `kremlin`", "add claims/people/kremlin.yml"),)),
    Case("unknown-source", "claims/unknown-source.yml", claim_yaml(sources="[isw, nope]"),
         (("5:16", "unknown source `nope`", "add claims/sources/nope.yml"),)),
    Case("unknown-topic", "claims/unknown-topic.yml", claim_yaml(extra="topics: [peace-talk]\n"),
         (("6:10", "unknown topic `peace-talk`", "did you mean `peace-talks`?"),)),
    # relations
    Case("relation-to-itself", "claims/related-self.yml",
         claim_yaml(extra="related:\n  - claim: related-self\n    type: supports\n"),
         (("7:12", "a claim cannot be related to itself", "another claim's id"),)),
    Case("relation-to-missing-claim", "claims/related-missing.yml",
         claim_yaml(extra="related:\n  - claim: putin-own-teritory\n    type: see-also\n"),
         (("7:12", "unknown claim `putin-own-teritory`", "did you mean `putin-own-territory`?"),)),
    Case("unknown-relation-type", "claims/related-type.yml",
         claim_yaml(extra="related:\n  - claim: putin-own-territory\n    type: reject\n"),
         (("8:11", "`related[0].type` must be one of `see-also`, `supports`, `contradicts`, `rejects`, "
                   "`responds-to`, `repeats`, not `reject`", "did you mean `rejects`?"),)),
    # references in bodies: line and column inside a literal block scalar and a plain one-line body
    Case("block-body-references", "claims/block-body.yml", claim_yaml(body=BLOCK_BODY),
         (("9:7", "broken link: no claim `no-such-claim`", "claims are the files in claims/"),
          ("9:29", "broken link: no person `nobody`", "people are the files in claims/people"),
          ("10:14", "`[[unknownkind/x]]` names an unknown kind `unknownkind/` (known: `claims/`, `people/`, "
                    "`topics/`, `sources/`)", "links look like [[claim-id]]"),
          ("10:43", "the citation `@missing-source` names a source this claim does not list",
           "claims/sources/missing-source.yml"))),
    Case("plain-body-references", "claims/plain-body.yml",
         claim_yaml(extra="body: See [[nope]] and [@tass].\n").replace("body: |\n  Said it [@isw].\n", ""),
         (("6:11", "broken link: no claim `nope`", None),
          ("6:24", "the citation `@tass` names a source this claim does not list",
           "add `- tass` to `sources`"))),
    Case("folded-body-references", "claims/folded-body.yml",
         claim_yaml().replace("body: |", "body: >").replace(
             "  Said it [@isw].\n", "  Said it [@isw]\n  and [[gone]] then\n\n    [[also-gone]].\n"),
         (("8:7", "broken link: no claim `gone`", None),
          ("10:5", "broken link: no claim `also-gone`", None))),
    Case("plain-multiline-body-references", "claims/plain-multiline.yml",
         claim_yaml().replace("body: |\n  Said it [@isw].\n", "body: Said it [@isw]\n  and [[gone]].\n"),
         (("7:7", "broken link: no claim `gone`", None),)),
    Case("quoted-multiline-body-references", "claims/quoted-multiline.yml",
         claim_yaml().replace("body: |\n  Said it [@isw].\n",
                              "body: \"Said it [@isw]\n    and [[gone]].\"\n"),
         (("7:9", "broken link: no claim `gone`", None),)),
    Case("crlf-body-references", "claims/crlf.yml",
         claim_yaml(body="Para [[gone]].\n\nNext [@zz].").replace("\n", "\r\n"),
         (("7:8", "broken link: no claim `gone`", None),
          ("9:8", "the citation `@zz` names a source this claim does not list", None))),
    Case("quote-source-not-listed", "claims/quote-source.yml",
         claim_yaml(extra="quotes:\n  - text: No compromise\n    source: tass\n"),
         (("8:13", "the quote's source `tass` is not listed in this claim's `sources`",
           "add `- tass` to `sources`"),)),
    # verdicts
    Case("unknown-verdict", "claims/unknown-verdict.yml",
         claim_yaml(extra="verdict: misleadin\nverdict_note: Wrong.\n"),
         (("6:10", "unknown verdict `misleadin`", "did you mean `misleading`?"),)),
    Case("verdict-without-note", "claims/verdict-no-note.yml", claim_yaml(extra="verdict: misleading\n"),
         (("6:1", "a verdict needs a `verdict_note`", "add one sentence"),)),
    # other kinds
    Case("person-unknown-field", "claims/people/lavrov.yml", "name: Sergei Lavrov\nrloe: Foreign minister\n",
         (("2:1", "unknown field `rloe`", "did you mean `role`?"),)),
    Case("source-bad-url", "claims/sources/bad-url.yml",
         "title: T\npublisher: P\nurl: ftp://example.org/x\ndate: 2025-13-01\n",
         (("3:6", "`url` is not a valid web address (http or https): `ftp://example.org/x`", "https://"),
          ("4:7", "`date` is not a real date in the form YYYY-MM-DD: `2025-13-01`", None))),
    Case("topic-missing-title", "claims/topics/war.yml", "description: A topic.\n",
         (("1:1", "missing required field `title`", "add `title: …`"),)),
    # files that are not one record
    Case("empty-file", "claims/empty.yml", "",
         (("1:1", "the file is empty", "a YAML mapping of fields"),)),
    Case("comments-only", "claims/comments.yml", "# nothing yet\n\n",
         (("1:1", "the file is empty", None),)),
    Case("list-file", "claims/list.yml", "- title: a\n- title: b\n",
         (("1:1", "the file holds a list, not a record of fields", "a YAML mapping of fields"),)),
    Case("scalar-file", "claims/scalar.yml", "just some text\n",
         (("1:1", "the file holds a single text, not a record of fields", None),)),
    Case("number-file", "claims/number.yml", "42\n",
         (("1:1", "the file holds a single value, not a record of fields", None),)),
    Case("several-documents", "claims/several-docs.yml", claim_yaml() + "---\ntitle: Second\n",
         (("8:1",
           "YAML syntax error: the file holds more than one YAML document", "remove the `---` line"),)),
    # YAML features a claim file has no use for
    Case("anchor", "claims/anchor.yml", claim_yaml(extra="summary: &s Short\nverdict_note: *s\n"),
         (("6:10", "YAML anchors (&s) are not allowed", "write the value out in full"),)),
    Case("alias-without-anchor", "claims/alias.yml", claim_yaml(extra="summary: *emphasis and more\n"),
         (("6:10", "YAML aliases (*name) are not allowed", "must be put in quotes"),)),
    Case("markdown-emphasis-unquoted", "claims/emphasis.yml", claim_yaml(extra="summary: **Not** true\n"),
         (("6:10", "YAML syntax error: `*` at the start of a value begins a YAML alias",
           "put the whole value in quotes"),)),
    Case("ampersand-unquoted", "claims/ampersand.yml", claim_yaml(extra="summary: &amp; more\n"),
         (("6:10", "YAML syntax error: `&` at the start of a value begins a YAML anchor",
           "put the whole value in quotes"),)),
    Case("python-tag", "claims/python-tag.yml",
         claim_yaml(extra='summary: !!python/object/apply:os.system ["ls"]\n'),
         (("6:10", "the YAML tag `!!python/object/apply:os.system` is not allowed", "remove the tag"),)),
    Case("custom-tag", "claims/custom-tag.yml", claim_yaml(extra="summary: !secret x\n"),
         (("6:10", "the YAML tag `!secret` is not allowed", None),)),
    Case("merge-key", "claims/merge-key.yml",
         claim_yaml(extra="quotes:\n  - <<: {text: a}\n    source: isw\n"),
         (("7:5", "YAML merge keys (<<) are not allowed", "write every field out in full"),)),
    Case("oversized", "claims/oversized.yml", claim_yaml(body="x" * (300 * 1024)),
         (("1:1", "the file is too large (at most 262,144 bytes)",
           "split the explainer"),)),
    Case("not-utf8", "claims/latin1.yml", claim_yaml(title="Caf\u00e9").encode("latin-1"),
         (("1:11", "the file is not valid UTF-8 text", "UTF-8"),)),
    Case("control-character", "claims/control.yml", "title: a\x00b\n",
         (("1:9", "YAML syntax error: unacceptable character #x0000: control characters are not allowed",
           "delete the invisible character"),)),
    Case("deep-nesting", "claims/deep.yml", claim_yaml(extra="summary: " + "[" * 20 + "]" * 20 + "\n"),
         (("6:22", "the data is nested more than 12 levels deep", "flatten the structure"),)),
    Case("very-deep-nesting", "claims/very-deep.yml", "summary: " + "[" * 50_000 + "]" * 50_000 + "\n",
         (("1:1009", "YAML syntax error: exceeded maximum nesting depth", None),)),
    Case("non-text-key", "claims/number-key.yml", claim_yaml(extra="2025: a year\n"),
         (("6:1", "field names must be text, not `2025`", "field names are words"),)),
]

ALONE = "claims/people/Putin.yml"  # checked on its own only
TOGETHER = [case for case in CASES if case.path != ALONE]
DUPLICATE_FIRST = "claims/2024/dup.yml"
DUPLICATE_SECOND = "claims/2025/dup.yml"


def _expected_lines(case: Case) -> list[tuple[str, str, str | None]]:
    return [(f"{case.path}:{where}", message, hint) for where, message, hint in case.expected]


def _write(project: Project, case: Case) -> None:
    file = project.root / case.path
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(case.content, bytes):
        file.write_bytes(case.content)
    else:
        file.write_text(case.content, encoding="utf-8")


# -- each broken file on its own ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_broken_file_is_reported_exactly(tmp_path, case):
    project = setup_basics(Project(tmp_path))
    if case.path == ALONE:  # Putin.yml next to putin.yml would be one file on case-insensitive disks
        project = Project(tmp_path / "alone")
    _write(project, case)
    _, problems = load_content(project.root / "claims", project.root)
    lines = [str(problem) for problem in problems]
    expected = _expected_lines(case)
    for location, message, hint in expected:
        assert_reported(lines, location, message, hint)
    assert len(lines) == len(expected), "unexpected problems:\n" + "\n".join(lines)


# -- all of them at once, through the command --------------------------------------------------------


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A content folder holding every broken file, plus a duplicate id, checked once by `claims check`."""
    root = tmp_path_factory.mktemp("broken")
    project = setup_basics(Project(root))
    for case in TOGETHER:
        _write(project, case)
    project.write(DUPLICATE_FIRST, claim_yaml())
    project.write(DUPLICATE_SECOND, claim_yaml(date="2025-02-30"))
    done = check(project)
    return project, done


@pytest.mark.parametrize("case", TOGETHER, ids=str)
def test_all_problems_of_all_files_come_out_of_one_run(broken, case):
    _, done = broken
    assert done.returncode == 1, done.stdout + done.stderr
    lines = problem_lines(done.stdout)
    for location, message, hint in _expected_lines(case):
        assert_reported(lines, location, message, hint)


def test_one_run_reports_nothing_else_and_no_traceback(broken):
    _, done = broken
    assert_no_traceback(done.stdout, done.stderr)
    assert done.stderr == ""
    lines = problem_lines(done.stdout)
    expected = [item for case in TOGETHER for item in _expected_lines(case)]
    expected += [
        (f"{DUPLICATE_SECOND}:1:1", f"duplicate claim id `dup`: {DUPLICATE_FIRST} has the same file name",
         "rename one of the two files"),
        # a duplicate is still checked, so its own mistakes show in the same run
        (f"{DUPLICATE_SECOND}:4:7", "`date` is not a real date in the form YYYY-MM-DD: `2025-02-30`", None),
    ]
    for location, message, hint in expected:
        assert_reported(lines, location, message, hint)
    unexplained = [line for line in lines if not any(matches(line, *item) for item in expected)]
    assert not unexplained, "\n".join(unexplained)
    assert len(lines) == len(expected)
    files = {line.split(":", 1)[0] for line in lines}
    assert len(files) > 40  # many files, one run
    assert lines == sorted(lines,
                           key=lambda line: (line.split(":")[0],
                                             int(line.split(":")[1]), int(line.split(":")[2])))


def test_summary_line_counts_records_and_problems(broken):
    _, done = broken
    summary = done.stdout.splitlines()[-1]
    count = len(problem_lines(done.stdout))
    # every record file that could be read counts, broken or not; so does every relation written
    assert summary == f"32 claims, 2 people, 3 shared sources, 2 topics, 3 relations: {count} problems found."


def test_a_billion_laughs_file_is_refused_at_once(project):
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        laughs.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    project.write("claims/lol.yml", "\n".join(laughs) + "\n")
    # An expansion would run for minutes and exhaust memory; the timeout is a guard, not a speed test.
    done = run([CLAIMS, "check"], project.root, timeout=20)
    assert done.returncode == 1
    assert problem_lines(done.stdout) == [
        "claims/lol.yml:1:4: YAML anchors (&a) are not allowed "
        "(hint: write the value out in full; claim files never repeat data by reference)"]


def test_aliases_are_refused_even_if_the_anchor_scan_misses_them(monkeypatch):
    # The quick scan for `&name` only saves time; the builder refuses the first node it meets twice
    # (at the anchored node, which the alias shares).
    monkeypatch.setattr(document_module, "_ANCHOR_HINT", re.compile(r"(?!)"))  # a scan that never matches
    problems = Problems()
    text = "a: &a [x, x]\nb: [*a, *a]\n"
    assert document_module.parse_text(text, document_module.Document("claims/lol.yml"), problems) is None
    assert [str(problem) for problem in problems] == [
        "claims/lol.yml:1:4: YAML aliases (*name) are not allowed "
        "(hint: write the value out in full; claim files never repeat data by reference)"]


# -- the command: exit codes, formats, folders ------------------------------------------------------


def test_valid_content_exits_0_with_a_summary(project):
    setup_basics(project)
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml(
        extra="topics: [peace-talks]\nrelated:\n  - claim: putin-own-territory\n    type: see-also\n"))
    done = check(project)
    assert done.returncode == 0, done.stdout
    assert done.stdout == "2 claims, 1 person, 2 shared sources, 1 topic, 1 relation: all valid.\n"
    assert done.stderr == ""


def test_problem_summary_and_exit_1(project):
    setup_basics(project)
    project.write("claims/a.yml", claim_yaml(speaker="nobody"))
    project.write("claims/b.yml", claim_yaml(date="2025-02-30"))
    done = check(project)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "claims/a.yml:3:10: unknown person `nobody` (hint: add claims/people/nobody.yml, or check the "
        "spelling)",
        "claims/b.yml:4:7: `date` is not a real date in the form YYYY-MM-DD: `2025-02-30` "
        "(hint: write dates as YYYY-MM-DD, e.g. 2025-03-06)",
        "3 claims, 1 person, 2 shared sources, 1 topic, 0 relations: 2 problems found.",
    ]


@pytest.mark.parametrize("args", [("--format", "nope"), ("--nope",), ("a", "b")])
def test_bad_usage_exits_2(project, args):
    setup_basics(project)
    done = check(project, *args)
    assert done.returncode == 2
    assert "usage: claims" in done.stderr
    assert_no_traceback(done.stdout, done.stderr)


def test_no_command_exits_2(project):
    done = run([CLAIMS], project.root)
    assert done.returncode == 2
    assert "usage: claims" in done.stderr


def test_github_format(project):
    setup_basics(project)
    project.write("claims/2025/a.yml", claim_yaml(speaker="nobody", date="2025-02-30"))
    done = check(project, "--format", "github")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "::error file=claims/2025/a.yml,line=3,col=10,title=claims check::unknown person `nobody` "
        "(hint: add claims/people/nobody.yml, or check the spelling)",
        "::error file=claims/2025/a.yml,line=4,col=7,title=claims check::`date` is not a real date in the "
        "form YYYY-MM-DD: `2025-02-30` (hint: write dates as YYYY-MM-DD, e.g. 2025-03-06)",
    ]
    assert lines[2].endswith(": 2 problems found.")
    assert len(lines) == 3


def test_github_format_escapes_properties(project):
    setup_basics(project)
    project.write("claims/a,b.yml", "title: x\n")
    done = check(project, "--format", "github")
    first = done.stdout.splitlines()[0]
    assert first.startswith("::error file=claims/a%2Cb.yml,line=1,col=1,title=claims check::"
                            "invalid file name")


def test_json_format(project):
    setup_basics(project)
    project.write("claims/2025/a.yml", claim_yaml(extra="spekaer: x\n"))
    project.write("claims/2025/b.yml", "- a list\n")
    done = check(project, "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["valid"] is False
    assert report["counts"] == {"claims": 2, "people": 1, "sources": 2, "topics": 1, "relations": 0}
    assert report["problems"] == [
        {"path": "claims/2025/a.yml", "line": 6, "column": 1, "message": "unknown field `spekaer`",
         "code": "unknown-field", "hint": "did you mean `speaker`?"},
        {"path": "claims/2025/b.yml", "line": 1, "column": 1,
         "message": "the file holds a list, not a record of fields", "code": "not-a-record",
         "hint": "a record is a YAML mapping of fields, such as `title: ...`"},
    ]


def test_json_format_when_valid(project):
    setup_basics(project)
    done = check(project, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "valid": True, "problems": [],
        "counts": {"claims": 1, "people": 1, "sources": 2, "topics": 1, "relations": 0}}


def test_explicit_folder(project):
    setup_basics(project)
    project.write("other/2025/x.yml", claim_yaml(speaker="putin"))
    done = check(project, "other")
    assert done.returncode == 1
    assert problem_lines(done.stdout) == [
        "other/2025/x.yml:3:10: unknown person `putin` (hint: add other/people/putin.yml, or check the "
        "spelling)",
        "other/2025/x.yml:5:11: unknown source `isw` (hint: add other/sources/isw.yml, or check the "
        "spelling)",
    ]
    assert check(project, "claims").returncode == 0
    assert check(project, str(project.root / "claims")).returncode == 0


def test_missing_folder_is_a_problem_not_a_traceback(project):
    done = check(project, "nowhere")
    assert done.returncode == 1
    assert problem_lines(done.stdout) == [
        "nowhere:1:1: the content folder does not exist "
        "(hint: create it, or set `content_dir` under the `claims` plugin in mkdocs.yml)"]
    assert_no_traceback(done.stdout, done.stderr)


def test_default_folder_comes_from_mkdocs_yml(tmp_path):
    config = "site_name: T\nplugins:\n  - claims:\n      content_dir: content\n"
    project = Project(tmp_path, config)
    project.write("content/people/putin.yml", "name: Vladimir Putin\n")
    project.write("content/sources/isw.yml", "title: T\npublisher: P\nurl: https://example.org\n")
    project.write("content/2025/x.yml", claim_yaml(speaker="putn"))
    project.write("claims/ignored.yml", "- not checked\n")
    done = check(project)
    assert done.returncode == 1
    assert problem_lines(done.stdout) == [
        "content/2025/x.yml:3:10: unknown person `putn` (hint: did you mean `putin`?)"]
    # from a sub-folder, the configuration is found upwards and paths stay relative to it
    inside = run([CLAIMS, "check"], tmp_path / "docs")
    assert inside.stdout == done.stdout


def test_default_folder_without_mkdocs_yml_is_claims(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "x.yml").write_text("title: [\n", encoding="utf-8")
    done = run([CLAIMS, "check"], tmp_path)
    assert done.returncode == 1
    assert problem_lines(done.stdout) == [
        "claims/x.yml:1:8: YAML syntax error: a list or group opened with `[` or `{` on this line is not "
        "closed (hint: close it on the same line (`[a, b]`), or write one item per line as `- item`)"]


def test_the_article_is_valid():
    done = run([CLAIMS, "check"], ARTICLE)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("8 claims, 6 people, 1 shared source, ")
    assert done.stdout.endswith(": all valid.\n")


def test_the_module_runs_too(project):
    setup_basics(project)
    done = run([sys.executable, "-m", "mkdocs_claims.cli", "check"], project.root)
    assert done.returncode == 0, done.stdout + done.stderr


# -- the plugin guards the build ---------------------------------------------------------------------


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
def test_build_fails_on_invalid_content_with_the_same_messages(project, strict):
    setup_basics(project)
    project.write("claims/2025/a.yml", claim_yaml(extra="spekaer: x\n", body="See [[nope]]."))
    project.write("claims/2025/b.yml", "title: [\n")
    expected = [
        "claims/2025/a.yml:6:1: unknown field `spekaer` (hint: did you mean `speaker`?)",
        "claims/2025/a.yml:8:7: broken link: no claim `nope`",
        "claims/2025/b.yml:1:8: YAML syntax error: a list or group opened with `[` or `{` on this line is "
        "not closed (hint: close it on the same line (`[a, b]`), or write one item per line as `- item`)",
    ]
    build = project.build(*(["--strict"] if strict else []))
    assert build.returncode != 0
    for line in expected:
        assert line in build.output, build.output
    assert "3 problems in the claims content" in build.output
    assert_no_traceback(build.output.replace("Aborted with a BuildError!", ""))
    assert not (project.root / "site" / "index.html").exists()
    checked = check(project)
    for line in expected:
        assert any(printed.startswith(line) for printed in checked.stdout.splitlines())
