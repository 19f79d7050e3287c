"""Messages point at the real mistake: one broken file gives one error, at the line of the mistake,
with a hint; and the documentation states the rules the checker applies."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, Project, claim_yaml
from mkdocs_claims.document import Document, parse_text
from mkdocs_claims.loader import load_content
from mkdocs_claims.problems import Problems


def problems_of(project: Project) -> list[str]:
    _, problems = load_content(project.root / "claims", project.root)
    return [str(problem) for problem in problems]


def check_lines(project: Project) -> tuple[int, list[str]]:
    done = project.check()
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = [line for line in done.stdout.splitlines() if line
             and not line.endswith(("found.", "all valid."))]
    return done.returncode, lines


# -- one broken file, one error ---------------------------------------------------------------------------

BROKEN = "title: Broken\nclaim: x\n  speaker: putin\n"  # over-indented: a syntax error on line 3


@pytest.mark.parametrize("kind, path, reference", [
    ("claim", "claims/2025/other.yml", "related:\n  - claim: other\n    type: rejects\n"),
    ("person", "claims/people/lavrov.yml", None),
    ("topic", "claims/topics/sanctions.yml", "topics: [sanctions]\n"),
    ("source", "claims/sources/tass.yml", None),
])
def test_a_file_with_a_syntax_error_gives_one_error_not_one_per_reference(project, kind, path, reference):
    project.add_basics()
    project.write(path, BROKEN)
    extra = reference or ""
    speaker, sources, body = "putin", "[isw]", "Said [@isw]."
    if kind == "person":
        speaker = "lavrov"
    if kind == "source":
        sources, body = "[isw, tass]", "Said [@isw; @tass]."
    word = {"claim": "", "person": "people/", "topic": "topics/", "source": "sources/"}[kind]
    body += f" See [[{word}{Path(path).stem}]]."
    project.write("claims/2025/a.yml", claim_yaml(speaker=speaker, sources=sources, body=body, extra=extra))
    project.write("docs/story.md", f"# Story\n\nSee [[{word}{Path(path).stem}]].\n")
    returncode, lines = check_lines(project)
    assert returncode == 1
    assert lines == [f"{path}:3:3: YAML syntax error: this line is indented more than the field above it "
                     "(hint: fields of one record start in the same column: remove the extra spaces at the "
                     "start of this line)"]


def test_a_reference_to_a_record_that_does_not_exist_is_still_reported(project):
    project.add_basics()
    project.write("claims/2025/other.yml", BROKEN)
    project.write("claims/2025/a.yml", claim_yaml(body="See [[othr]] and [[missing-claim]]."))
    lines = problems_of(project)
    assert any("broken link: no claim `missing-claim`" in line for line in lines), lines
    assert len(lines) == 3, lines  # the syntax error, and each broken link once


# -- every bare parser error: the line of the mistake, and a hint ------------------------------------------

SYNTAX = [
    # (name, text, line:column of the mistake, message, part of the hint)
    ("over-indented field", "title: A\n  claim: B\ndate: 2025-03-06\n", "2:3",
     "this line is indented more than the field above it", "remove the extra spaces"),
    ("over-indented after a list", "sources:\n  - isw\ntitle: A\n   claim: B\n", "4:4",
     "this line is indented more than the field above it", "same column"),
    ("colon in a value", "title: Putin: no concessions\n", "1:13",
     "`: ` inside a value that is not in quotes", "must be quoted"),
    ("text after a closing quote", 'title: "Putin" said no\nclaim: B\n', "1:16",
     "text after the closing quote mark of a value", "one pair of quotes"),
    ("quote mark inside double quotes", 'title: "He said "no": never"\n', "1:18",
     "text after the closing quote mark of a value", 'written \\"'),
    ("missing colon", "title: A\nclaim B\ndate: 2025-03-06\n", "2:1",
     "this line has no `:` after its field name", "name: value"),
    ("missing colon on the last line", "title: A\nclaim B\n", "2:1",
     "this line has no `:` after its field name", "name: value"),
    ("under-indented field of a list item", "quotes:\n  - text: a\n source: b\n", "3:2",
     "this line does not line up with the fields above it", "line up"),
    ("list item where a field belongs", "title: A\n- b\nclaim: c\n", "2:1",
     "a list item where a field was expected", "`sources:` then `  - isw`"),
    ("field inside a list", "sources:\n  - a\n  title: b\n", "3:3",
     "this line is indented like the list items above it, but is not one", "start it with `- `"),
    ("field inside a list, moved left", "title: A\nsources:\n  - a\n  claim: b\n", "4:3",
     "this line is indented like the list items above it, but is not one",
     "if it is a field of the record, move it left to column 1, to line up with `sources` on line 2"),
    ("field of a list item indented less than the item's fields",
     "quotes:\n  - text: a\n   source: b\ntopics: [x]\n", "3:4",
     "this line is indented more than the `-` of the list item above it, but less than that item's fields",
     "move it right to column 5, to line up with `text` on line 2"),
    ("dash without a space, first item", "title: A\nquotes:\n  -text: a\n    source: b\n", "3:3",
     "a `-` without a space after it does not start a list item", "write a space after the `-`"),
    ("dash without a space, later item", "quotes:\n  - text: a\n    source: b\n  -text: c\n    source: d\n",
     "4:3", "a `-` without a space after it does not start a list item", "write a space after the `-`"),
    ("under-indented line of a block text", "body: |\n  text\n more\nclaim: B\n", "3:2",
     "this line of a `|` or `>` text is indented less than its first line", "at least as much"),
    ("backtick at the start", "title: A\nclaim: `code`\n", "2:8", "a value cannot start with a backtick",
     "put the whole value in quotes"),
    ("at sign at the start", "title: A\nclaim: @handle said\n", "2:8", "a value cannot start with `@`",
     "put the whole value in quotes"),
    ("unclosed double quote", 'title: "A\nclaim: B\ndate: 2025-03-06\n', "1:8",
     'the quote mark `"` that opens this value is never closed', "end the value with the same quote mark"),
    ("unclosed single quote", "title: 'A\nclaim: B\n", "1:8",
     "the quote mark `'` that opens this value is never closed", "end the value with the same quote mark"),
    ("tab indentation", "title: A\n\tclaim: B\n", "2:1", "a tab character in the indentation", "not tabs"),
    ("tab before a list item", "sources:\n\t- isw\n", "2:1",
     "a tab character in the indentation", "not tabs"),
    ("unclosed flow list", "title: A\ntopics: [a, b\nclaim: B\n", "2:9",
     "a list or group opened with `[` or `{` on this line is not closed", "close it on the same line"),
    ("unclosed flow list at the end", "title: [\n", "1:8",
     "a list or group opened with `[` or `{` on this line is not closed", "close it on the same line"),
    ("unclosed flow mapping", "title: A\nx: {a: b\nclaim: B\n", "2:4",
     "a list or group opened with `[` or `{` on this line is not closed", "close it on the same line"),
    ("colon inside a flow list", "topics: [a: b: c]\n", "1:14",
     "unexpected `:` inside a `[…]` or `{…}` value", "in quotes"),
    ("text after a block indicator", "title: A\nbody: | text\n", "2:9",
     "text after `|` or `>` on the same line", "starts on the next line"),
    ("percent at a line start", "title: A\n%x\n", "2:1", "a line cannot start with `%`", "quotes"),
    ("unknown escape", 'title: "C:\\q"\n', "1:11", "an unknown escape after a backslash inside double quotes",
     "single quotes"),
    ("control character", "title: A\nclaim: B\x07\n", "2:9",
     "unacceptable character #x0007: control characters are not allowed", "delete the invisible character"),
    ("nested too deeply", "summary: " + "[" * 2000 + "]" * 2000 + "\n", "1:1009",
     "exceeded maximum nesting depth", "flatten the structure"),
    ("dash at the start of a value", "title: A\nclaim: - b\n", "2:8", "a value cannot start with `- `",
     "put the whole value in quotes"),
    ("question mark at the start of a value", "title: a\ndescription: ? b\n", "2:14",
     "`? ` inside a value that is not in quotes", "put the whole value in quotes"),
    ("bad hexadecimal escape", 'title: "a \\x4g"\n', "1:13",
     "an unknown escape after a backslash inside double quotes", "single quotes"),
    ("document end marker", "title: A\n...\nclaim: b\n", "3:1", "the `...` line above ends the record early",
     "remove the `...` line"),
]


@pytest.mark.parametrize("text, where, message, hint", [case[1:] for case in SYNTAX],
                         ids=[c[0] for c in SYNTAX])
def test_each_yaml_syntax_error_is_reported_at_the_mistake_with_a_hint(project, text, where, message, hint):
    project.write("claims/broken.yml", text)
    lines = problems_of(project)
    assert len(lines) == 1, lines
    head = f"claims/broken.yml:{where}: YAML syntax error: {message} (hint: "
    assert lines[0].startswith(head), lines[0]
    assert hint in lines[0][len(head):], lines[0]


def test_an_indentation_hint_points_the_way_the_line_must_move(project):
    """The contributor's two slips in a claim's `quotes:`: each hint names the line and the direction of the
    fix."""
    project.add_basics()
    quotes = "quotes:\n  - text: No compromise\n   source: isw\ntopics: [peace-talks]\n"
    project.write("claims/a.yml", claim_yaml(extra=quotes))
    returncode, lines = check_lines(project)
    assert returncode == 1
    assert lines == ["claims/a.yml:8:4: YAML syntax error: this line is indented more than the `-` of the "
                     "list item above it, but less than that item's fields (hint: move it right to column 5, "
                     "to line up with `text` on line 7, or start it with `- ` if it is another item)"]
    project.write("claims/a.yml", claim_yaml(extra=quotes.replace("  - text", "  -text").replace("   source",
                                                                                                   "    "
                                                                                                   "source")))
    returncode, lines = check_lines(project)
    assert returncode == 1
    assert lines == ["claims/a.yml:7:3: YAML syntax error: a `-` without a space after it does not start a "
                     "list item (hint: write a space after the `-`, e.g. `- text: …`)"]


CLAIM_TEXT = claim_yaml(extra="quotes:\n  - text: No compromise\n    source: isw\ntopics: [peace-talks]\n"
                              "summary: >-\n  Short\n  text.\n")


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(CLAIM_TEXT)),
                          st.sampled_from(list(':"\'[]{}-#|>\t &*!%@`,?\\\n')),
                          st.sampled_from(["insert", "delete", "replace"])), min_size=1, max_size=4))
def test_every_yaml_mistake_is_reported_with_a_hint_at_a_line_of_the_file(edits):
    text = list(CLAIM_TEXT)
    for position, char, how in edits:
        position = min(position, len(text) - 1)
        if how == "insert":
            text.insert(position, char)
        elif how == "delete":
            del text[position]
        else:
            text[position] = char
    text = "".join(text)
    problems = Problems()
    parse_text(text, Document("claims/x.yml"), problems)  # never raises
    lines = text.count("\n") + 1
    for problem in problems:
        if problem.message.startswith("YAML syntax error"):
            assert problem.hint, problem
            assert 1 <= problem.line <= lines, problem


# -- citations, placeholders ---------------------------------------------------------------------------------


def test_a_mistyped_citation_gets_did_you_mean_before_a_new_source_file(project):
    project.add_basics()
    project.write("claims/sources/isw-2025-03-06.yml", "title: T\npublisher: P\nurl: https://example.org/x\n")
    project.write("claims/a.yml", claim_yaml(sources="[isw-2025-03-06]", body="Said [@isw-2025-03-60]."))
    # close to a shared one
    project.write("claims/b.yml", claim_yaml(body="Said [@isw] and [@isw-2025-03-60]."))
    project.write("claims/c.yml", claim_yaml(body="Said [@isw] and [@reuters-2025]."))  # nothing close
    lines = problems_of(project)
    assert lines == [
        "claims/a.yml:7:8: the citation `@isw-2025-03-60` names a source this claim does not list "
        "(hint: did you mean `isw-2025-03-06`?)",
        "claims/b.yml:7:19: the citation `@isw-2025-03-60` names a source this claim does not list "
        "(hint: did you mean `isw-2025-03-06`? (then add `- isw-2025-03-06` to `sources`))",
        "claims/c.yml:7:19: the citation `@reuters-2025` names a source this claim does not list "
        "(hint: add the source to `sources` (and claims/sources/reuters-2025.yml if it is shared))",
    ]


def test_a_typo_in_sources_is_reported_at_the_typo_and_no_hint_suggests_the_typo(project):
    project.add_basics()
    project.write("claims/sources/example-news-2025-03-14.yml", "title: T\npublisher: P\nurl: https://example.org/x\n"
                                                                 "archive_url: https://web.archive.org/x\n")
    project.write("claims/a.yml", claim_yaml(
        sources="\n  - isw\n  - example-news-2025-03-41", body="Said [@isw] and [@example-news-2025-03-14].",
        extra="quotes:\n  - text: Never\n    source: example-news-2025-03-14\n"))
    # An unknown id in `sources` with nothing close: a citation close to it is not told to copy it.
    project.write("claims/b.yml", claim_yaml(sources="[isw, reuters-2025]",
                                             body="Said [@isw] and [@reuters-2026]."))
    typo = "line 7 has `example-news-2025-03-41` in `sources`, probably a typo of it: correct it there"
    assert problems_of(project) == [
        "claims/a.yml:7:5: unknown source `example-news-2025-03-41` (hint: did you mean "
        "`example-news-2025-03-14`?)",
        "claims/a.yml:10:13: the quote's source `example-news-2025-03-14` is not listed in this claim's "
        f"`sources` (hint: {typo})",
        "claims/a.yml:12:19: the citation `@example-news-2025-03-14` names a source this claim does not "
        f"list (hint: {typo})",
        "claims/b.yml:5:16: unknown source `reuters-2025` (hint: add claims/sources/reuters-2025.yml, or "
        "check the spelling)",
        "claims/b.yml:7:19: the citation `@reuters-2026` names a source this claim does not list (hint: add "
        "the source to `sources` (and claims/sources/reuters-2026.yml if it is shared))",
    ]


def test_a_new_source_person_or_topic_is_not_taken_for_a_typo_of_another(project):
    """A newcomer's first claim names a source, a person and a topic the site does not have yet: the hints
    say how to add each, and no unrelated id is offered as a typo (date-shaped source ids look alike)."""
    project.write("claims/people/vladimir-putin.yml", "name: Vladimir Putin\n")
    project.write("claims/sources/isw-2025-03-06.yml", "title: T\npublisher: P\nurl: https://example.org/x\n"
                                                       "archive_url: https://web.archive.org/x\n")
    project.write("claims/topics/peace-talks.yml", "title: Peace talks\n")
    project.write("claims/2025/a.yml", claim_yaml(
        speaker="[vladimir-putin, vladimir-zelensky]", sources="[isw-2025-03-06, kremlin-2025-03-13]",
        body="Said [@isw-2025-03-06] and [@kremlin-2025-03-13]; see [[sources/reuters-2025-03-13]].",
        extra="topics: [peace-talks, ceasefire]\n"
              "quotes:\n  - text: We agree\n    source: reuters-2025-03-13\n"))
    assert problems_of(project) == [
        "claims/2025/a.yml:3:27: unknown person `vladimir-zelensky` (hint: did you mean `vladimir-putin`? If "
        "`vladimir-zelensky` is new, add claims/people/vladimir-zelensky.yml)",
        "claims/2025/a.yml:5:27: unknown source `kremlin-2025-03-13` (hint: add "
        "claims/sources/kremlin-2025-03-13.yml, or check the spelling)",
        "claims/2025/a.yml:6:23: unknown topic `ceasefire` (hint: add claims/topics/ceasefire.yml, or check "
        "the spelling)",
        "claims/2025/a.yml:9:13: the quote's source `reuters-2025-03-13` is not listed in this claim's "
        "`sources` (hint: add the source to `sources` (and claims/sources/reuters-2025-03-13.yml if it is "
        "shared))",
        "claims/2025/a.yml:11:57: broken link: no source `reuters-2025-03-13` (hint: check the id; sources "
        "are the files in claims/sources)",
    ]


def test_a_date_after_tomorrow_is_a_mistyped_year_wherever_it_stands(project):
    """A year typed 2999 for 2025 is a real date: it put the claim on top of every list, silently. Every date
    of a claim and a source is checked; tomorrow is still accepted (a contributor ahead in time zones)."""
    today = dt.date.today()
    project.add_basics()
    project.write("claims/sources/isw.yml", "title: T\npublisher: P\nurl: https://example.org/x\n"
                                            "date: 2999-01-01\naccessed: '2999-01-02'\n")
    project.write("claims/2025/a.yml", claim_yaml(
        date="2999-03-06", sources="\n  - isw\n  - id: inline\n    title: T\n    publisher: P\n"
        "    url: https://example.org/y\n    date: 2999-01-03\n    accessed: 2999-01-04",
        extra="published: 2999-03-07\nupdated: 2999-03-08\n"
              "updates:\n  - date: 2999-03-09\n    note: Fixed.\n"))
    project.write("claims/2025/b.yml", claim_yaml(
        date=str(today + dt.timedelta(days=1)), extra=f"updated: {today + dt.timedelta(days=3)}\n"))
    assert [line.split(" (hint: ")[0] for line in problems_of(project)] == [
        "claims/2025/a.yml:4:7: `date` is in the future: 2999-03-06",
        "claims/2025/a.yml:11:11: `sources[1].date` is in the future: 2999-01-03",
        "claims/2025/a.yml:12:15: `sources[1].accessed` is in the future: 2999-01-04",
        "claims/2025/a.yml:13:12: `published` is in the future: 2999-03-07",
        "claims/2025/a.yml:14:10: `updated` is in the future: 2999-03-08",
        "claims/2025/a.yml:16:11: `updates[0].date` is in the future: 2999-03-09",
        f"claims/2025/b.yml:6:10: `updated` is in the future: {today + dt.timedelta(days=3)}",
        "claims/sources/isw.yml:4:7: `date` is in the future: 2999-01-01",
        "claims/sources/isw.yml:5:11: `accessed` is in the future: 2999-01-02",
    ]
    assert all(line.endswith("(hint: a date says when something happened: check the year)")
               for line in problems_of(project))
    project.write("docs/explainers/story.md", "---\ntitle: The story\ndate: 2999-03-09\n---\n\nText.\n")
    assert ("docs/explainers/story.md:3:7: the front matter's `date` is in the future: 2999-03-09 (hint: a "
            "date says when something happened: check the year)") in project.check().stdout.splitlines()


def test_a_text_cut_short_by_a_yaml_comment_is_a_problem_at_the_hash(project):
    """`#1` or a hashtag after a space in an unquoted text starts a YAML comment: the site showed the
    headline "Putin names condition" and a quote without its hashtag, and the check said nothing. A comment
    of one's own (`# `, with a space) is still one."""
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(
        title="Putin names condition #1 for talks", speaker="putin   # the speaker",
        extra="quotes:\n  - text: We will win #Victory\n    source: isw\n  - text: 'Quoted #1'\n"
              "    source: isw #where it was reported\n"))
    cut = ("the text stops before ` #`: YAML reads the rest of the line as a comment, so the site would "
           "show only")
    hint = ("(hint: put the whole text in quotes, e.g. \"Condition #1 for talks\"; a comment of your own "
            "starts with `# `, a space after the mark)")
    assert problems_of(project) == [f"claims/a.yml:1:30: {cut} `Putin names condition` {hint}",
                                    f"claims/a.yml:7:23: {cut} `We will win` {hint}",
                                    f"claims/a.yml:10:17: {cut} `isw` {hint}"]
    assert "or ` #` (YAML reads the rest of the line as a comment" in FORMAT


def test_placeholders_of_required_fields_never_offer_deleting_the_field(project):
    """Nor deleting the only entry of a list: `authors:` left without one is an error of its own (the
    skeleton's `authors` and `reviewers` on a site without a team took two runs of the check to clear)."""
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(
        title="'TODO: a headline'", sources="\n  - 'TODO: a source id'",
        extra="topics: ['TODO: a topic']\nquotes:\n  - text: 'TODO: the words'\n    source: isw\n"
              "venue: 'TODO: where'\nauthors:\n  - 'TODO: your team id'\n"))
    project.write("claims/b.yml", claim_yaml(extra="topics: [peace-talks, 'TODO: a topic']\n"))
    hints = {re.search(r"`([^`]+)`", line).group(1): line.split("(hint: ", 1)[1][:-1]
             for line in problems_of(project) if "unfinished" in line and "a.yml" in line}
    assert hints == {
        "title": "write the real value",
        "sources[0]": "write the real value",
        "topics[0]": "write the real value, or delete `topics` if it does not apply",
        "quotes[0].text": "write the real value, or delete `quotes` if it does not apply",
        "venue": "write the real value, or delete the field if it does not apply",
        "authors[0]": "write the real value, or delete `authors` if it does not apply",
    }
    assert [line.split("(hint: ", 1)[1] for line in problems_of(project) if "b.yml" in line] == [
        "write the real value, or delete this entry of `topics` if it does not apply)"]


@pytest.mark.parametrize("args, command, unknown", [
    (["new", "x", "--source", "isw"], "claims new", "--source isw"),
    (["check", "--nope"], "claims check", "--nope"),
    (["render-md", "--out", "o", "--nope"], "claims render-md", "--nope"),
])
def test_an_unknown_flag_shows_the_usage_of_its_command(tmp_path, args, command, unknown):
    claims = Path(sys.executable).with_name("claims")
    done = subprocess.run([str(claims), *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith(f"usage: {command} "), done.stderr
    assert f"{command}: error: unrecognized arguments: {unknown}" in done.stderr
    assert not any(tmp_path.iterdir())  # nothing written
    if command == "claims new":
        assert "--speaker" in done.stderr


def test_rule_an_archived_copy_for_every_web_source_as_contributing_says(project):
    """The `archive_url` placeholder never offers deleting the field, since CONTRIBUTING expects an archived
    copy of every web source, in a shared source as in an inline one."""
    project.add_basics()
    project.write("claims/sources/reuters.yml", "title: T\npublisher: P\nurl: https://example.org/x\n"
                                                "archive_url: 'TODO: https://web.archive.org/...'\n")
    project.write("claims/a.yml", claim_yaml(
        sources="\n  - isw\n  - reuters\n  - id: tass\n    title: T\n    publisher: P\n    url: https://example.org/y\n"
                "    archive_url: 'TODO: https://web.archive.org/...'", body="Said [@isw; @reuters; @tass]."))
    hints = [line.split("(hint: ", 1)[1] for line in problems_of(project)]
    assert len(hints) == 2, hints
    for hint in hints:
        assert "delete" not in hint and "every web source needs an archived copy" in hint, hint
    rule = CONTRIBUTING.split("**Archived copies of web sources.**", 1)[1].split("\n5. ", 1)[0]
    assert "For every web page you cite" in rule and "`archive_url`" in rule
    assert "CONTRIBUTING expects one for every web source" in _row("archive_url", "Source")


# -- the documentation and the checker agree -----------------------------------------------------------------

FORMAT = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _row(field: str, section: str) -> str:
    """The field reference's table row for `field` under the `### section` heading of docs/format.md."""
    part = FORMAT.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]
    return next(line for line in part.splitlines() if line.startswith(f"| `{field}` |"))


def test_rule_http_addresses_are_accepted_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/sources/old.yml", "title: T\npublisher: P\nurl: http://example.org/x\n"
                                            "archive_url: http://archive.example/x\n")
    project.write("claims/a.yml", claim_yaml(sources="[old]", body="Said [@old]."))
    assert problems_of(project) == []
    assert project.build("--strict").returncode == 0
    assert "`http://`" in _row("url", "Source") and "`http://`" in _row("archive_url", "Source")
    assert "`http://` for a site" in CONTRIBUTING
    project.write("claims/sources/old.yml", "title: T\npublisher: P\nurl: ftp://example.org/x\n")
    assert any("url" in line for line in problems_of(project))


def test_rule_citations_work_in_claim_bodies_only_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml())
    project.write("docs/story.md", "# Story\n\nPutin said it [@isw].\n")
    returncode, lines = check_lines(project)
    assert returncode == 1
    assert lines == ["docs/story.md:3:15: `[@isw]`: citations work only in claim bodies "
                     "(hint: link a source page with [[sources/id]] instead)"]
    links = FORMAT.split("## Links in Markdown", 1)[1].split("\n## ", 1)[0]
    assert "in claim bodies only" in links and "[[sources/id]]" in links


def test_rule_dates_may_be_quoted_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(date='"2025-03-06"', extra="updates:\n  - date: '2025-03-07'\n"
                                                                         "    note: Fixed.\n"))
    project.write("claims/sources/isw.yml", project.root.joinpath("claims/sources/isw.yml").read_text()
                  .replace("date: 2025-03-06", "date: '2025-03-06'"))
    assert problems_of(project) == []
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert ("6 March 2025" in build.article("claims/a/").get_text()
            or "2025-03-06" in str(build.page("claims/a/")))
    assert "with or without quotes" in _row("date", "Claim")
    for text in (FORMAT, CONTRIBUTING):
        assert "unquoted" not in text


@pytest.mark.parametrize("text", ['"Russia will not give in"', "“Russia will not give in”",
                                  "«Russia will not give in»", "'Russia will not give in'",
                                  "„Russia will not give in“"])
def test_rule_quotes_without_quotation_marks_as_the_docs_say(project, text):
    project.add_basics()
    yaml_text = "'" + text.replace("'", "''") + "'"
    project.write("claims/a.yml", claim_yaml(extra=f"quotes:\n  - text: {yaml_text}\n    source: isw\n"))
    assert problems_of(project) == [
        "claims/a.yml:7:11: `quotes[0].text` is wrapped in quotation marks (hint: remove the marks around "
        "the words: the site shows quotes as quotes; keep only marks that stand inside the speaker's words)"]
    assert "without surrounding quotation marks" in _row("quotes[].text", "Claim")
    assert "refuses" in _row("quotes[].text", "Claim")


@pytest.mark.parametrize("text", ['He called it "a respite" for Kyiv',
                                  '"Peace" is what "we" want', "respite"])
def test_rule_quotation_marks_inside_the_words_are_kept(project, text):
    project.add_basics()
    yaml_text = "'" + text.replace("'", "''") + "'"
    project.write("claims/a.yml", claim_yaml(extra=f"quotes:\n  - text: {yaml_text}\n    source: isw\n"))
    assert problems_of(project) == []


def test_rule_the_date_not_the_folder_says_when_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/2024/01/a.yml", claim_yaml(date="2025-03-06"))
    assert problems_of(project) == []
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    timeline = build.article("timeline/").get_text()
    assert "2025" in timeline and "2024" not in timeline
    layout = FORMAT.split("## Folder layout and ids", 1)[1].split("\n## ", 1)[0]
    assert "the `date` field, not the folder" in layout and "accepts a claim in any folder" in layout


def test_rule_a_yaml_file_is_a_record_too_and_its_id_is_that_of_the_same_yml(project):
    project.add_basics()
    project.write("claims/2025/a.yaml", claim_yaml())
    project.write("claims/2025/b.yml", claim_yaml())
    project.write("claims/2025/b.yaml", claim_yaml())
    content, problems = load_content(project.root / "claims", project.root)
    assert sorted(content.claims) == ["a", "b"]
    assert [problem.code for problem in problems.items] == ["duplicate-id"]
    layout = FORMAT.split("## Folder layout and ids", 1)[1].split("\n## ", 1)[0]
    assert "`.yaml` is read too: `a.yml` and\n  `a.yaml` are the same id" in layout
    assert "Every `*.yml` (or `*.yaml`) file under `claims/`" in FORMAT


@pytest.mark.parametrize("kind, section", [("claim", "Claim"), ("source", "Source"), ("person", "Person"),
                                           ("topic", "Topic")])
def test_rule_the_field_reference_lists_every_field_and_which_are_required(kind, section):
    schema = json.loads((REPO / "plugins" / "mkdocs_claims" / "schemas" / f"{kind}.json").read_text())
    part = FORMAT.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z_]+)` \| ([^|]+) \|", part, re.MULTILINE)}
    rows.pop("id", None)  # inline sources only, under claim.json's `sources`
    assert set(rows) == set(schema["properties"])
    assert {field for field, required in rows.items()
            if required.startswith("yes")} == set(schema["required"])


def test_rule_a_verdict_needs_its_note_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(extra="verdict: misleading\n"))
    assert [line.split(": ", 1)[1] for line in problems_of(project)] == [
        "a verdict needs a `verdict_note` (hint: add one sentence that tells readers why the claim earns "
        "this rating)"]
    assert _row("verdict_note", "Claim").split("|")[2].strip().startswith("no (yes with `verdict`")


@pytest.mark.parametrize("verdict, message, hint", [
    ("false", "`verdict` must be a rating id, not `false` (true or false)",
     "the rating scale has: `accurate`, "
     "`mostly-accurate`, `mixed`, `misleading`, `inaccurate`, `unsupported`"),
    ("Misleading", "unknown verdict `Misleading`", "did you mean `misleading`?"),
    ("Mostly accurate", "unknown verdict `Mostly accurate`", "did you mean `mostly-accurate`?"),
    ('"bad\\nverdict"', "unknown verdict `bad\\nverdict`",
     "the rating scale has: `accurate`, `mostly-accurate`, "
     "`mixed`, `misleading`, `inaccurate`, `unsupported`"),
])
def test_a_wrong_verdict_gets_one_message_with_the_fix(project, verdict, message, hint):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(extra=f"verdict: {verdict}\nverdict_note: Why.\n"))
    assert problems_of(project) == [f"claims/a.yml:6:10: {message} (hint: {hint})"]


def test_rule_claim_cards_embed_in_claim_bodies_as_the_docs_say(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(title="Embedding", body="Said it [@isw].\n\n![[b]]\n"))
    project.write("claims/b.yml", claim_yaml(title="Embedded"))
    assert problems_of(project) == []
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    card = build.article("claims/a/").select_one(".claims-card")
    assert card is not None and card.select_one("a").get_text(strip=True) == "Embedded"
    links = FORMAT.split("## Links in Markdown", 1)[1].split("\n## ", 1)[0]
    assert "embeds a claim card, in a claim\n  body as in a page under `docs/`" in links


def _table(heading: str) -> dict[str, list[str]]:
    """The rows of the table under `## heading` in docs/format.md, by their first cell's code."""
    part = FORMAT.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): [cell.strip() for cell in m.group(2).split("|")]
            for m in re.finditer(r"^\| `([a-z-]+)` \|(.*)\|$", part, re.MULTILINE)}


def test_rule_the_relation_types_and_their_inverse_labels_are_the_checker_s():
    from mkdocs_claims.relations import RELATION_TYPES

    rows = _table("Relation types")
    schema = json.loads((REPO / "plugins" / "mkdocs_claims" / "schemas" / "claim.json").read_text())
    schema_types = schema["properties"]["related"]["items"]["properties"]["type"]["enum"]
    assert list(rows) == list(RELATION_TYPES) == schema_types
    for name, (_forward, inverse) in RELATION_TYPES.items():
        assert rows[name][1].split(" (")[0] == inverse.lower(), name


def test_rule_the_rating_scale_ids_are_the_default_scale():
    from mkdocs_claims.model import DEFAULT_SCALE

    assert list(_table("Rating scale ids")) == [rating.id for rating in DEFAULT_SCALE]
