"""Look-alike names: a person, topic or source whose name differs from another's only by invisible characters
or compatibility forms (NFKC) passes for the same one on every page, so a contributor could add a fake "same"
person. `claims check`, the build and `render-md` report it, and every invisible character in a name or title
(claims', people's, topics', sources' and hand-written pages'), but for the joiners that some scripts need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims.look_alikes import invisible_characters, skeleton

FILES = {
    "claims/2025/c.yml": claim_yaml(title="Putin\u200b rules out concessions"),
    # the real one, then look-alikes of it
    "claims/people/zz-putin-fake.yml": "name: Vladimir Pu\u200btin\nrole: President of Russia\n",
    "claims/people/putin-nbsp.yml": "name: Vladimir\u00a0Putin\n",
    "claims/people/putin-wide.yml": "name: \uff36ladimir Putin\n",
    "claims/people/putin-escaped.yml": 'name: "Vladimir Putin\\u2060"\n',
    # not look-alikes: a namesake (the same name, told apart by role), and joiners inside words that need them
    "claims/people/putin-namesake.yml": "name: Vladimir Putin\nrole: A namesake\n",
    "claims/people/farsi.yml": "name: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n",
    "claims/people/hindi.yml": "name: \u0915\u094d\u200d\u0937\n",
    "claims/people/latin-joiner.yml": "name: Ann\u200dA\n",
    "claims/topics/talks-spaced.yml": "title: Peace  talks\n",
    "claims/topics/soft.yml": "title: Cease\u00adfire\n",
    "claims/sources/isw-copy.yml": "title: Russian Offensive Campaign Assessment, March 6, 2025\n"
                                   "publisher: Institute\ufeff for the Study of War\nurl: https://example.org/a\n",
    "claims/sources/isw-wide.yml": "title: Russian Offensive Campaign Assessment, March 6, \uff12025\n"
                                   "publisher: ISW\nurl: https://example.org/b\n",
}
EXPECTED = [
    ("claims/2025/c.yml", 1, 13, "invisible", "U+200B (ZERO WIDTH SPACE)"),
    ("claims/people/latin-joiner.yml", 1, 10, "invisible", "U+200D (ZERO WIDTH JOINER)"),
    ("claims/people/putin-escaped.yml", 1, 7, "look-alike", "U+2060 (WORD JOINER)"),
    ("claims/people/putin-escaped.yml", 1, 22, "invisible", "U+2060 (WORD JOINER)"),
    ("claims/people/putin-nbsp.yml", 1, 7, "look-alike", "U+00A0 (NO-BREAK SPACE)"),
    ("claims/people/putin-wide.yml", 1, 7, "look-alike", "U+FF36 (FULLWIDTH LATIN CAPITAL LETTER V)"),
    ("claims/people/zz-putin-fake.yml", 1, 7, "look-alike", "U+200B (ZERO WIDTH SPACE)"),
    ("claims/people/zz-putin-fake.yml", 1, 18, "invisible", "U+200B (ZERO WIDTH SPACE)"),
    ("claims/sources/isw-copy.yml", 2, 21, "invisible", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ("claims/sources/isw-wide.yml", 1, 8, "look-alike", "U+FF12 (FULLWIDTH DIGIT TWO)"),
    ("claims/topics/soft.yml", 1, 13, "invisible", "U+00AD (SOFT HYPHEN)"),
    ("claims/topics/talks-spaced.yml", 1, 8, "look-alike", "spaces"),
    ("docs/page.md", 2, 10, "invisible", "U+200B (ZERO WIDTH SPACE)"),
]


def reported(output: str) -> list[tuple[str, int, int, str, str]]:
    """(path, line, column, kind, the characters named) of each look-alike or invisible character printed."""
    found = []
    for line in output.splitlines():
        for marker, kind in ((" holds an invisible character, ", "invisible"),
                             (" but differs in ", "look-alike")):
            if marker in line:
                where = line.split(": ")[0].split()[-1]
                path, row, column = where.rsplit(":", 2)
                named = line.split(marker)[1].split(" (hint:")[0]
                found.append((path, int(row), int(column), kind, named))
    return sorted(found)


@pytest.fixture(scope="module")
def look_alikes(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("look-alikes"), MINIMAL_CONFIG).add_basics()
    for path, text in FILES.items():
        project.write(path, text)
    project.write("docs/page.md", '---\ntitle: "A\u200bpage"\n---\n\n# A page\n')
    return project


def test_the_check_reports_look_alikes_and_invisible_characters_where_they_are(look_alikes):
    done = look_alikes.check()
    assert done.returncode == 1
    assert reported(done.stdout) == EXPECTED, done.stdout
    assert ("the name `Vladimir\u00a0Putin` looks the same as that of claims/people/putin.yml but differs "
            "in U+00A0 (NO-BREAK SPACE) (hint: if it is the same person, use its id in `speaker`, and delete "
            "this file; if not, write the name in plain characters)") in done.stdout


def test_the_build_and_render_md_report_them_too(look_alikes):
    claims_only = [problem for problem in EXPECTED if problem[0].startswith("claims/")]
    build = look_alikes.build()
    assert build.returncode != 0 and reported(build.output) == claims_only, build.output
    claims = str(Path(sys.executable).with_name("claims"))
    rendered = subprocess.run([claims, "render-md", "--out", "rendered"], cwd=look_alikes.root,
                              capture_output=True, text=True, timeout=120)
    assert rendered.returncode == 1 and reported(rendered.stdout) == claims_only, rendered.stdout


def test_a_page_title_with_an_invisible_character_fails_the_build(tmp_path):
    """The build checks hand-written pages once the claims are valid."""
    project = Project(tmp_path, MINIMAL_CONFIG).add_basics()
    project.write("claims/2025/c.yml", claim_yaml())
    project.write("docs/page.md", '---\ntitle: "A\u200bpage"\n---\n\n# A page\n')
    build = project.build()
    assert build.returncode != 0 and reported(build.output) == [EXPECTED[-1]], build.output


@pytest.mark.parametrize("text, offsets", [
    ("Vladimir Putin", []),
    ("\u200bPutin", [0]),
    ("Putin\u200d", [5]),  # a joiner at an end joins nothing
    ("Ann\u200cA", [3]),  # Latin needs no joiner
    ("\u041f\u0443\u200d\u0442\u0438\u043d", [2]),  # nor Cyrillic
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", []),  # Persian: a non-joiner inside the word
    ("\u0915\u094d\u200d\u0937", []),  # Devanagari: a joiner after the virama
    ("\u0d28\u0d4d\u200d", []),  # Malayalam: a chillu in the old encoding, at the word's end
    ("\u0d28\u0d4d\u200dA", [2]),  # but not before a Latin letter
    ("\U0001f469\u200d\U0001f52c", []),  # an emoji sequence
    ("\U0001f469\u200c\U0001f52c", [1]),  # but not with a non-joiner
    ("A\u2060B\u00adC\ufeffD\u2061E\u034fF\u3164", [1, 3, 5, 7, 9, 11]),
    ("\u845b\U000e0100", []),  # an ideographic variation selector: a Japanese name's glyph
])
def test_invisible_characters(text, offsets):
    assert [offset for offset, _ in invisible_characters(text)] == offsets


@pytest.mark.parametrize("one, other, same", [
    ("Vladimir Putin", "Vladimir\u00a0Putin", True),
    ("Vladimir Putin", "Vladimir  Putin", True),
    ("Vladimir Putin", "Vladimir Pu\u200btin", True),
    ("Vladimir Putin", "\uff36ladimir Putin", True),
    ("office", "o\ufb03ce", True),  # a ligature
    ("\u845b", "\u845b\U000e0100", True),
    ("Vladimir Putin", "vladimir putin", False),  # a difference anyone sees
    ("Vladimir Putin", "Vladimir Putin Jr.", False),
])
def test_what_a_name_looks_like(one, other, same):
    assert (skeleton(one) == skeleton(other)) is same
