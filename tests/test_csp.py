"""csp.py: a page's theme scripts are found in its HTML without its content, cut out as `str.replace` would
(the faster cut of issue 13.5 must give the same policy on every page, hostile content included)."""

from __future__ import annotations

import random

import pytest

from mkdocs_claims.csp import _without, theme_scripts

LONG = "<p>" + "x" * 70 + "</p>"  # longer than the part's head the cut searches by
CASES = [
    ("before<main>PART</main>after", "PART"),
    ("no such part here", "PART"),
    ("PART at the start, PART again", "PART"),
    ("ends with the PART", "PART"),
    ("", "PART"),
    (f"a{LONG[:-1]} near miss, then {LONG} and {LONG}", LONG),  # the head matches where the part does not
    (f"{LONG[:66]}{LONG}", LONG),  # a partial start overlapping the real one
    ("<script>a()</script>PART<script>b()</script>", "PART"),
    ("<script>a(PART)</script>", "PART"),
]


@pytest.mark.parametrize(("text", "part"), CASES)
def test_the_cut_is_the_first_occurrence_as_str_replace_cuts_it(text, part):
    assert _without(text, part) == text.replace(part, "", 1)


def test_the_cut_agrees_with_str_replace_on_random_texts():
    rng = random.Random(13)
    for _ in range(2000):
        alphabet = rng.choice(["ab", "abc<>", "x"])
        text = "".join(rng.choices(alphabet, k=rng.randrange(0, 200)))
        start = rng.randrange(0, len(text) + 1)
        part = text[start:start + rng.randrange(1, 90)] or "a"
        if rng.random() < 0.3:
            part = "".join(rng.choices(alphabet, k=rng.randrange(1, 90)))
        assert _without(text, part) == text.replace(part, "", 1), (text, part)


def test_a_script_split_by_the_content_is_still_read_as_one():
    output = "<head><script>theme()</script></head><script>x(<article>body</article>)</script>"
    assert theme_scripts(output, "<article>body</article>") == ["theme()", "x()"]
