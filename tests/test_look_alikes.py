"""Look-alike names: a person, topic, source or publisher whose name differs from another's only by
invisible characters, compatibility forms (NFKC) or letters that look alike (a Cyrillic "а" for a Latin "a":
Unicode's confusables, UTS #39) passes for the same one on every page, so a contributor could add a fake
"same" person or impersonate a publisher. `claims check`, the build and `render-md` report it, every invisible
character in a name or title (claims', people's, topics', sources', inline sources', hand-written pages', the
team's), but for the joiners that some scripts need, and every word that mixes scripts so that it passes for
a word of one. Names written in Cyrillic, Greek, Georgian or Japanese, with their marks, pass."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims.bylines import config_problems
from mkdocs_claims.look_alikes import invisible_characters, mixed_scripts, skeleton

CYRILLIC_A = "\u0430"
FILES = {
    "claims/2025/c.yml": claim_yaml(title="Putin\u200b rules out concessions"),
    # a title with a Latin "y" in a Cyrillic word, and an inline source that impersonates the shared one's
    # title and publisher with Cyrillic letters; its quote in Russian is the speaker's words, not a name
    "claims/2025/d.yml": ("title: Пyтин rules out concessions\n"
                          "claim: Russia will make no compromises.\nspeaker: putin\ndate: 2025-03-06\n"
                          "sources:\n"
                          "  - id: isw-fake\n"
                          "    title: Russian Offensive Campaign \u0410ssessment, March 6, 2025\n"
                          f"    publisher: Institute for the Study of W{CYRILLIC_A}r\n"
                          "    url: https://example.org/fake\n"
                          "quotes:\n  - text: Russia will not give in.\n"
                          "    original: Россия не уступит.\n"
                          "    lang: ru\n    source: isw-fake\n"
                          "body: Said it [@isw-fake].\n"),
    # the real one, then look-alikes of it
    "claims/people/zz-putin-fake.yml": "name: Vladimir Pu\u200btin\nrole: President of Russia\n",
    "claims/people/putin-nbsp.yml": "name: Vladimir\u00a0Putin\n",
    "claims/people/putin-wide.yml": "name: \uff36ladimir Putin\n",
    "claims/people/putin-escaped.yml": 'name: "Vladimir Putin\\u2060"\n',
    "claims/people/putin-cyrillic-a.yml": f"name: Vl{CYRILLIC_A}dimir Putin\n",
    # look-alikes within one script (UTS #39: a capital I and a small l)
    "claims/people/ilya.yml": "name: Ilya Yashin\n",
    "claims/people/llya.yml": "name: llya Yashin\n",
    # not look-alikes: a namesake (the same name, told apart by role), and joiners inside words that need them
    "claims/people/putin-namesake.yml": "name: Vladimir Putin\nrole: A namesake\n",
    "claims/people/farsi.yml": "name: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n",
    "claims/people/hindi.yml": "name: \u0915\u094d\u200d\u0937\n",
    "claims/people/latin-joiner.yml": "name: Ann\u200dA\n",
    # nor names in other scripts, with their marks: Ukrainian, Russian (a stress mark too), Greek, Georgian,
    # Japanese
    "claims/people/zelensky.yml": "name: Володимир "
                                  "З\u0435л\u0435нський\n",
    "claims/people/lavrov-uk.yml": "name: С\u0435ргій Л\u0430вров\n",
    "claims/people/lavrov-ru.yml": "name: С\u0435рг\u0435й Л\u0430вров\n",
    "claims/people/putin-ru.yml": "name: Вл\u0430ди\u0301мир Пу\u0301тин\n",
    "claims/people/mitsotakis.yml": "name: Κυ\u03c1ιάκος "
                                    "Μητσοτάκης\n",
    "claims/people/kobakhidze.yml": "name: ირაკლი კობახიძე\n",
    "claims/people/kishida.yml": "name: 岸田文雄 (きしだ・ふみお)\n",
    "claims/topics/sanctions-ru.yml": "title: С\u0430нкции "
                                      "против России\n",
    "claims/topics/talks-spaced.yml": "title: Peace  talks\n",
    "claims/topics/soft.yml": "title: Cease\u00adfire\n",
    "claims/sources/isw-copy.yml": "title: Russian Offensive Campaign Assessment, March 6, 2025\n"
                                   "publisher: Institute\ufeff for the Study of War\nurl: https://example.org/a\n",
    "claims/sources/isw-wide.yml": "title: Russian Offensive Campaign Assessment, March 6, \uff12025\n"
                                   "publisher: ISW\nurl: https://example.org/b\n",
}
PUTIN = "claims/people/putin.yml:1:7"
EXPECTED = [
    ("claims/2025/c.yml", 1, 13, "invisible", "U+200B (ZERO WIDTH SPACE)"),
    ("claims/2025/d.yml", 1, 9, "mixed", "U+0079 (LATIN SMALL LETTER Y) among Cyrillic letters"),
    ("claims/2025/d.yml", 7, 12, "look-alike",
     "claims/sources/isw.yml:1:8, U+0410 (CYRILLIC CAPITAL LETTER A)"),
    ("claims/2025/d.yml", 7, 39, "mixed", "U+0410 (CYRILLIC CAPITAL LETTER A) among Latin letters"),
    ("claims/2025/d.yml", 8, 16, "look-alike",
     "claims/sources/isw.yml:2:12, U+0430 (CYRILLIC SMALL LETTER A)"),
    ("claims/2025/d.yml", 8, 44, "mixed", "U+0430 (CYRILLIC SMALL LETTER A) among Latin letters"),
    ("claims/people/latin-joiner.yml", 1, 10, "invisible", "U+200D (ZERO WIDTH JOINER)"),
    ("claims/people/llya.yml", 1, 7, "look-alike",
     "claims/people/ilya.yml:1:7, U+006C (LATIN SMALL LETTER L)"),
    ("claims/people/putin-cyrillic-a.yml", 1, 7, "look-alike", f"{PUTIN}, U+0430 (CYRILLIC SMALL LETTER A)"),
    ("claims/people/putin-cyrillic-a.yml", 1, 9, "mixed",
     "U+0430 (CYRILLIC SMALL LETTER A) among Latin letters"),
    ("claims/people/putin-escaped.yml", 1, 7, "look-alike", f"{PUTIN}, U+2060 (WORD JOINER)"),
    ("claims/people/putin-escaped.yml", 1, 22, "invisible", "U+2060 (WORD JOINER)"),
    ("claims/people/putin-nbsp.yml", 1, 7, "look-alike", f"{PUTIN}, U+00A0 (NO-BREAK SPACE)"),
    ("claims/people/putin-wide.yml", 1, 7, "look-alike",
     f"{PUTIN}, U+FF36 (FULLWIDTH LATIN CAPITAL LETTER V)"),
    ("claims/people/zz-putin-fake.yml", 1, 7, "look-alike", f"{PUTIN}, U+200B (ZERO WIDTH SPACE)"),
    ("claims/people/zz-putin-fake.yml", 1, 18, "invisible", "U+200B (ZERO WIDTH SPACE)"),
    ("claims/sources/isw-copy.yml", 2, 12, "look-alike",
     "claims/sources/isw.yml:2:12, U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ("claims/sources/isw-copy.yml", 2, 21, "invisible", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ("claims/sources/isw-wide.yml", 1, 8, "look-alike",
     "claims/sources/isw.yml:1:8, U+FF12 (FULLWIDTH DIGIT TWO)"),
    ("claims/topics/soft.yml", 1, 13, "invisible", "U+00AD (SOFT HYPHEN)"),
    ("claims/topics/talks-spaced.yml", 1, 8, "look-alike", "claims/topics/peace-talks.yml:1:8, spaces"),
    ("docs/mixed.md", 2, 21, "mixed", "U+0430 (CYRILLIC SMALL LETTER A) among Latin letters"),
    ("docs/page.md", 2, 10, "invisible", "U+200B (ZERO WIDTH SPACE)"),
]
_PROBLEM = re.compile(r"(?P<where>\S+):(?P<line>\d+):(?P<column>\d+): "
                      r"(?:the \w+ `.*` looks the same as that of (?P<other>\S+) "
                      r"but differs in (?P<differ>.*?)"
                      r"|.* holds an invisible character, (?P<invisible>.*?)"
                      r"|.* mixes scripts in the word `.*`: (?P<mixed>.*?)) \(hint: ")


def reported(output: str) -> list[tuple[str, int, int, str, str]]:
    """(path, line, column, kind, what it names: the other name's place and the characters) of each
    look-alike, invisible character or word of mixed scripts printed."""
    found = []
    for line in output.splitlines():
        match = _PROBLEM.search(line)
        if match:
            named = (f"{match['other']}, {match['differ']}" if match["other"]
                     else match["invisible"] or match["mixed"])
            kind = "look-alike" if match["other"] else "invisible" if match["invisible"] else "mixed"
            found.append((match["where"], int(match["line"]), int(match["column"]), kind, named))
    return sorted(found)


@pytest.fixture(scope="module")
def look_alikes(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("look-alikes"), MINIMAL_CONFIG).add_basics()
    for path, text in FILES.items():
        project.write(path, text)
    project.write("docs/page.md", '---\ntitle: "A\u200bpage"\n---\n\n# A page\n')
    project.write("docs/mixed.md", '---\ntitle: "Putin and Vl\u0430dimir"\n---\n\n# A page\n')
    project.write("docs/russian.md", '---\ntitle: "Путин и Зеленский"\n---\n\n# Путин и Зеленский\n')
    return project


def test_the_check_reports_look_alikes_and_invisible_characters_where_they_are(look_alikes):
    done = look_alikes.check()
    assert done.returncode == 1
    assert reported(done.stdout) == EXPECTED, done.stdout
    assert ("claims/people/putin-cyrillic-a.yml:1:7: the name `Vl\u0430dimir Putin` looks the same as "
            "that of claims/people/putin.yml:1:7 but differs in U+0430 (CYRILLIC SMALL LETTER A) (hint: if "
            "it is the same person, use its id in `speaker`, and delete this file; if not, write the name in "
            "plain characters)") in done.stdout
    assert ("claims/people/putin-cyrillic-a.yml:1:9: the name mixes scripts in the word `Vl\u0430dimir`: "
            "U+0430 (CYRILLIC SMALL LETTER A) among Latin letters (hint: write the word in Latin letters "
            "only: it looks Latin, but search and sorting see another word, and it passes for another "
            "name)") in done.stdout
    assert ("claims/people/llya.yml:1:7: the name `llya Yashin` looks the same as that of "
            "claims/people/ilya.yml:1:7 but differs in U+006C (LATIN SMALL LETTER L) (hint: if it is the "
            "same person, use its id in `speaker`, and delete this file; if not, write the name so that "
            "readers can tell the two apart)") in done.stdout
    assert ("claims/2025/d.yml:8:16: the publisher `Institute for the Study of W\u0430r` looks the same as "
            "that of claims/sources/isw.yml:2:12 but differs in U+0430 (CYRILLIC SMALL LETTER A) (hint: if "
            "it is the same publisher, write its name as that file does; if not, write the publisher in "
            "plain characters)") in done.stdout


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
    ("Пу\u200dтин", [2]),  # nor Cyrillic
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", []),  # Persian: a non-joiner inside the word
    ("\u0915\u094d\u200d\u0937", []),  # Devanagari: a joiner after the virama
    ("\u0d28\u0d4d\u200d", []),  # Malayalam: a chillu in the old encoding, at the word's end
    ("\u0d28\u0d4d\u200dA", [2]),  # but not before a Latin letter
    ("\U0001f469\u200d\U0001f52c", []),  # an emoji sequence
    ("\U0001f469\u200c\U0001f52c", [1]),  # but not with a non-joiner
    ("A\u2060B\u00adC\ufeffD\u2061E\u034fF\u3164", [1, 3, 5, 7, 9, 11]),
    ("葛\U000e0100", []),  # an ideographic variation selector: a Japanese name's glyph
])
def test_invisible_characters(text, offsets):
    assert [offset for offset, _ in invisible_characters(text)] == offsets


@pytest.mark.parametrize("one, other, same", [
    ("Vladimir Putin", "Vladimir\u00a0Putin", True),
    ("Vladimir Putin", "Vladimir  Putin", True),
    ("Vladimir Putin", "Vladimir Pu\u200btin", True),
    ("Vladimir Putin", "\uff36ladimir Putin", True),
    ("office", "o\ufb03ce", True),  # a ligature
    ("葛", "葛\U000e0100", True),
    ("Vladimir Putin", "vladimir putin", False),  # a difference anyone sees
    ("Vladimir Putin", "Vladimir Putin Jr.", False),
])
def test_what_a_name_looks_like(one, other, same):
    assert (skeleton(one) == skeleton(other)) is same


@pytest.mark.parametrize("one, other", [
    ("Vladimir Putin", "Vl\u0430dimir Putin"),  # a Cyrillic a
    ("Reuters", "R\u0435uters"),  # a Cyrillic e
    ("Ilya Yashin", "llya Yashin"),  # within one script: a capital I and a small l
    ("Arnold", "Amold"),  # "rn" and "m"
    ("TASS", "Т\u0410SS"),
    ("Т\u0410СС", "TACC"),  # a whole name in another script that looks the same
])
def test_letters_that_look_alike(one, other):
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize("one, other", [
    ("С\u0435ргій Л\u0430вров", "Serhii Lavrov"),
    ("С\u0435ргій Л\u0430вров",
     "С\u0435рг\u0435й Л\u0430вров"),  # Ukrainian and Russian
    ("Володимир З\u0435л\u0435нський",
     "Volodymyr Zelenskyy"),
    ("Vladimir Putin", "Vladimir Putin Jr."),
])
def test_names_that_look_different(one, other):
    assert skeleton(one) != skeleton(other)


@pytest.mark.parametrize("text, found", [
    ("Vl\u0430dimir Putin", [(2, "\u0430", "Vl\u0430dimir", "LATIN")]),  # a Latin word with a Cyrillic a
    ("Пyтин", [(1, "y", "Пyтин", "CYRILLIC")]),  # and the other way
    ("Institute for the Study of W\u0430r", [(28, "\u0430", "W\u0430r", "LATIN")]),
    ("\u0391laska Jazz", [(0, "\u0391", "\u0391laska", "LATIN")]),  # a Greek capital alpha
    ("Paypa\u03c1 and Vl\u0430d",
     [(5, "\u03c1", "Paypa\u03c1", "LATIN"), (13, "\u0430", "Vl\u0430d", "LATIN")]),
    # each word in one script, whatever the script, with its marks
    ("Володимир З\u0435л\u0435нський", []),
    ("С\u0435ргій Л\u0430вров", []),
    ("Вл\u0430ди\u0301мир", []),  # a stress mark
    ("об\u02bcєкт їж\u0430к", []),  # a Ukrainian apostrophe, ї and є
    ("Москв\u0430 \u2013 Berlin, Київ/Kyiv", []),
    ("Κυ\u03c1ιάκος Μητσοτάκης", []),
    ("Z\u00fcrich, \u0141ukasz, Fran\u00e7ois", []),
    ("ირაკლი", []),  # Georgian
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", []),  # Persian, with its non-joiner
    # the mixes East Asia writes: Han with kana, Latin with Han
    ("東京タワー", []),
    ("iPhone中文", []),
    # a mix in which no letter looks like one of the other script is no look-alike (a Cyrillic zhe)
    ("Moskжa", []),
])
def test_words_that_mix_scripts(text, found):
    assert list(mixed_scripts(text)) == found


def test_unicode_confusables_are_read_as_unicode_writes_them():
    """The package ships confusables.txt both ways; read back, each character maps to its prototype as the
    file says (a few lines of it), and a prototype is never mapped again (UTS #39's skeletons are
    idempotent)."""
    from mkdocs_claims.look_alikes import _prototypes

    prototypes = _prototypes()
    assert {c: prototypes.get(c) for c in "\u0430\u0435I0m\u0251αѕі\u217f"} == {
        "\u0430": "a", "\u0435": "e", "I": "l", "0": "O", "m": "rn", "\u0251": "a", "α": "a",
        "ѕ": "s", "і": "i", "\u217f": "rn"}
    assert not {c for c in "alOSsie" if c in prototypes}
    assert len(prototypes) > 6000
    assert not [source for source, prototype in prototypes.items() if any(c in prototypes for c in prototype)]


TEAM_CONFIG = MINIMAL_CONFIG.replace("  - claims\n", """\
  - claims:
      organization:
        name: "Claims\\u200b explained"
      team:
        jane-doe: {name: Jane Doe, role: Editor}
        jane-d:
          name: J\u0430ne Doe
        anna:
          name: \u0410нн\u0430 Ков\u0430л\u0435нко
        ilya:
          name: Ilya Yashin
        llya:
          name: llya Yashin
""")


def test_the_team_and_the_organization_are_checked_too(tmp_path):
    """Every byline shows the team's names and the organization's: the same checks as people's names, at
    their place in mkdocs.yml, in `claims check` and in the build."""
    project = Project(tmp_path, TEAM_CONFIG).add_basics()
    project.write("claims/2025/c.yml", claim_yaml(extra="authors: [jane-doe]\n"))
    done = project.check()
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("mkdocs.yml:")]
    assert sorted(lines) == sorted([
        "mkdocs.yml:11:11: plugins > claims > team > jane-d > name: the name `J\u0430ne Doe` looks the same "
        "as that of team > jane-doe but differs in U+0430 (CYRILLIC SMALL LETTER A) (hint: if it is the same "
        "person, keep one of the two ids; if not, write the name in plain characters)",
        "mkdocs.yml:17:11: plugins > claims > team > llya > name: the name `llya Yashin` looks the same as "
        "that of team > ilya but differs in U+006C (LATIN SMALL LETTER L) (hint: if it is the same person, "
        "keep one of the two ids; if not, write the name so that readers can tell the two apart)",
        "mkdocs.yml:11:11: plugins > claims > team > jane-d > name: the name mixes scripts in the word "
        "`J\u0430ne`: U+0430 (CYRILLIC SMALL LETTER A) among Latin letters (hint: write the word in Latin "
        "letters only: it looks Latin, but search and sorting see another word, and it passes for another "
        "name)",
        "mkdocs.yml:7:9: plugins > claims > organization > name: the name holds an invisible character, "
        "U+200B (ZERO WIDTH SPACE) (hint: delete it: nobody sees it on the page or in review, and a name "
        "with it passes for another)",
    ]), done.stdout
    build = project.build()
    assert build.returncode != 0
    for line in lines:
        assert line.split(": ", 1)[1] in build.output, build.output


def test_a_team_in_other_scripts_passes():
    team = {"anna": {"name": "\u0410нн\u0430 Ков\u0430л\u0435нко"},
            "olena": {"name": "Ол\u0435н\u0430 Ш\u0435вч\u0435нко"},
            "jane-doe": {"name": "Jane Doe"}, "nikos": {"name": "Νίκος"}}
    assert config_problems(team, {"name": "Слово і діло"}) == []
