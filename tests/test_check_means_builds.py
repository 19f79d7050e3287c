"""Issue 11, point 6: whatever `claims check` accepts builds, and so does `claims render-md`.

Hypothesis writes small sites with arbitrary text in every field of every kind (control characters,
line separators, Markdown and YAML syntax, reserved names), as YAML double-quoted texts so that escapes
reach the parser too. Whenever the check passes, `mkdocs build` and `claims render-md` must succeed;
when it fails, the build must stop with the plugin's error, never a traceback. Sites are built in this
process to keep the examples cheap.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import MINIMAL_CONFIG
from mkdocs_claims import cli

HOSTILE = ["", " ", "index", "search", "<script>alert(1)</script>", "[[c]]", "[[people/index]]", "[@s]",
           "![[c]]", "`code`", "```", "---", "...", "\\", "%", "{{ 7*7 }}", "{% raw %}", "\u2028", "\u2029",
           "\x85", "\x7f", "\x01", "\x0b", "\ufffe", "\ufeff", "\t", "\r", "\n", "a\n---\nb", "=1+1",
           "@SUM(A1)", "\uff1d1", "]]", "[[", "javascript:alert(1)", "[x](javascript:alert(1))", "&amp;",
           "&#0;", "# heading", "- item", "> quote", "!!! note", "<!-- claims:latest 3 -->", "{: #id }",
           "é😀", "\u202e", "null", "yes", "*a*", "_a_"]
# Mostly text the check lets through, so that many examples get built; some of every kind of trouble.
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
                min_size=1, max_size=30).filter(str.strip)
trouble = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30),
                    st.lists(st.sampled_from(HOSTILE + ["word", " "]), max_size=6).map("".join))


def mostly(usual, rarely, odds: int = 15):
    """`usual`, but one time in `odds` `rarely` (one_of would weigh them alike)."""
    return st.integers(0, odds - 1).flatmap(lambda n: rarely if n == 0 else usual)


text = mostly(words, trouble, 25)
ACCEPTED: list[bool] = []
ids = mostly(st.sampled_from(["p", "c", "s", "t", "a-b"]), st.sampled_from(["index", "search", "x\n"]), 10)


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted text; \u escapes for controls


@st.composite
def sites(draw) -> dict[str, str]:
    person, topic, source, claim = draw(ids), draw(ids), draw(ids), draw(ids)
    files = {
        f"claims/people/{person}.yml": f"name: {q(draw(text))}\nrole: {q(draw(text))}\n"
                                       f"description: {q(draw(text))}\n",
        f"claims/topics/{topic}.yml": f"title: {q(draw(text))}\ndescription: {q(draw(text))}\n",
        f"claims/sources/{source}.yml": f"title: {q(draw(text))}\npublisher: {q(draw(text))}\n"
                                        "url: "
                                        f"https://example.org/{draw(st.sampled_from(['a', 'é', '%22']))}\n"
                                        f"quote: {q(draw(text))}\n",
        f"claims/2025/{claim}.yml": "\n".join([
            f"title: {q(draw(text))}", f"claim: {q(draw(text))}", f"speaker: {person}", "date: 2025-03-06",
            f"venue: {q(draw(text))}", f"summary: {q(draw(text))}",
            "quotes:", f"  - text: {q(draw(text))}", f"    original: {q(draw(text))}", "    lang: ru",
            f"    source: {source}",
            f"topics: [{topic}]", f"sources: [{source}]", f"aliases: [{draw(ids)}-old]",
            "updates:", "  - date: 2025-03-07", f"    note: {q(draw(text))}",
            "read_also:", f"  - title: {q(draw(text))}", "    url: https://example.org/r",
            f"body: {q(draw(text) + ' [@' + source + '] ' + draw(text))}",
        ]) + "\n",
        "docs/index.md": "# Home\n\n" + draw(text) + "\n\n<!-- claims:latest 3 -->\n",
    }
    return files


def run_cli(*arguments: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(list(arguments))


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sites())
def test_what_the_check_accepts_builds(files):
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "mkdocs.yml").write_text(MINIMAL_CONFIG, encoding="utf-8")
        for relative, content in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(content, encoding="utf-8")
        here = os.getcwd()
        os.chdir(root)
        try:
            accepted = run_cli("check") == 0
            ACCEPTED.append(accepted)
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
            try:
                build(config)
                built = True
            except Abort:  # the plugin's own error, with the check's messages
                built = False
            assert built == accepted, f"claims check {'accepted' if accepted else 'refused'} it, the build " \
                                      f"{'succeeded' if built else 'failed'}:\n{files}"
            if accepted:
                assert run_cli("render-md", "--out", "rendered") == 0
                for page in (root / "rendered").rglob("*.md"):
                    page.read_text(encoding="utf-8")  # every page is valid UTF-8 text
        finally:
            os.chdir(here)


def test_the_generated_sites_include_accepted_ones():
    """The property above means something only if some of its sites pass the check (runs after it)."""
    if not ACCEPTED:
        test_what_the_check_accepts_builds()
    assert sum(ACCEPTED) >= 5, f"only {sum(ACCEPTED)} of {len(ACCEPTED)} generated sites passed the check"
