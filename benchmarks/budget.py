"""Budget: the worst texts that `claims check` accepts build within a fixed time.

Python-Markdown is quadratic on some structures (see plugins/mkdocs_claims/markdown_limits.py), so the
check bounds what reaches it. This script writes, for each kind of worst case, the longest text the
bounds accept — as a claim body and as a hand-written page in one site — checks that `claims check`
accepts it, and times `claims check` and a whole `mkdocs build` of that site (one process each, the
slowest of --runs). Run by hand, not by the test suite (these machines are shared and noisy):

    python benchmarks/budget.py                # all shapes, 1 run each; exits 1 over budget
    python benchmarks/budget.py --runs 3 --write

--write records the table in benchmarks/RESULTS.md, between markers that benchmarks/run.py keeps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from mkdocs_claims.markdown_limits import (
    MAX_BRACKET_SCAN,
    MAX_HEADINGS,
    MAX_LINKS_PER_PARAGRAPH,
    MAX_MARKDOWN_CHARS,
    MAX_MARKS_PER_PARAGRAPH,
    MAX_NESTING,
    MAX_PARAGRAPH_CHARS,
    markdown_problems,
)

HERE = Path(__file__).resolve().parent
BUILD_BUDGET_SECONDS = 20.0  # a whole `mkdocs build` of a one-claim site whose body and page are a worst case
CHECK_BUDGET_SECONDS = 5.0
START, END = "<!-- benchmarks/budget.py: start -->", "<!-- benchmarks/budget.py: end -->"
CONFIG = """\
site_name: Budget
theme:
  name: material
plugins:
  - tags
  - claims
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""
LONG_TITLE = "Putin rules out concessions " + "x" * 272  # the longest title a link label can show (300)
PARAGRAPH = MAX_PARAGRAPH_CHARS


def paragraphs(unit: str, tail: str = "", size: int = PARAGRAPH) -> str:
    """As many paragraphs of `unit` repeated (each `size` long at most) as the text limit holds."""
    one = unit * ((size - len(tail)) // len(unit)) + tail
    return "\n\n".join([one] * (MAX_MARKDOWN_CHARS // (len(one) + 2)))


def brackets_then_text() -> str:
    # Unclosed `[` at the start of full paragraphs, as many as the scan bound allows.
    per_paragraph = MAX_BRACKET_SCAN // PARAGRAPH
    first = "[" * per_paragraph + "a" * (PARAGRAPH - per_paragraph)
    return "\n\n".join([first] + ["a" * PARAGRAPH] * (MAX_MARKDOWN_CHARS // (PARAGRAPH + 2) - 1))


def citations_and_links() -> str:
    unit = " ".join(["said [@isw]", "see [[long]]"] * (MAX_LINKS_PER_PARAGRAPH // 9))
    return paragraphs("a", " " + unit, PARAGRAPH - 100)  # the page's links are a little longer


def headings() -> str:
    head = "\n\n".join(["# Same heading {: .x }"] * MAX_HEADINGS)
    return head + "\n\n" + paragraphs("word ")[: MAX_MARKDOWN_CHARS - len(head) - 2]


def nested() -> str:
    line = "".join("    " * level + "- item\n" for level in range(MAX_NESTING - 1))
    return ((line + "\n") * (MAX_MARKDOWN_CHARS // (len(line) + 1)))[:MAX_MARKDOWN_CHARS]


SHAPES = {
    "plain prose (baseline)": lambda: paragraphs("word "),
    "unclosed `[` (Python-Markdown #798)": brackets_then_text,
    "inline links `[a](b)` (#1619)": lambda: paragraphs("a", " [a](b)" * MAX_LINKS_PER_PARAGRAPH),
    "inline tags `<b>`": lambda: paragraphs("a", " <b>x</b>" * (MAX_LINKS_PER_PARAGRAPH // 2)),
    "closed brackets `[a]`": lambda: paragraphs("a", " [a]" * MAX_LINKS_PER_PARAGRAPH),
    "links and citations with 300-character titles": citations_and_links,
    "backslashes": lambda: paragraphs("a", "\\" * MAX_MARKS_PER_PARAGRAPH),
    "emphasis `*a`": lambda: paragraphs("a", "*a" * MAX_MARKS_PER_PARAGRAPH),
    "strong `**a`": lambda: paragraphs("a", "**a" * (MAX_MARKS_PER_PARAGRAPH // 2)),
    "`*_`": lambda: paragraphs("a", "*_" * (MAX_MARKS_PER_PARAGRAPH // 2)),
    "entities `&`": lambda: paragraphs("a", "&" * MAX_MARKS_PER_PARAGRAPH),
    "backticks": lambda: paragraphs("a", "`" * MAX_MARKS_PER_PARAGRAPH),
    "list items in one block": lambda: paragraphs("- a\n"),
    "admonitions in one block": lambda: paragraphs("!!! note\n"),
    "repeated headings": headings,
    "nested lists": nested,
}


def write_site(root: Path, text: str) -> None:
    (root / "claims" / "people").mkdir(parents=True)
    (root / "claims" / "sources").mkdir()
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "claims" / "people" / "putin.yml").write_text("name: Vladimir Putin\n", encoding="utf-8")
    (root / "claims" / "sources" / "isw.yml").write_text(
        f"title: {LONG_TITLE}\npublisher: {'P' * 300}\nurl: https://example.org/\n", encoding="utf-8")
    claim = ("title: {title}\nclaim: Russia will make no compromises.\nspeaker: putin\ndate: 2025-03-06\n"
             "sources: [isw]\nbody: |\n{body}\n")
    (root / "claims" / "long.yml").write_text(claim.format(title=LONG_TITLE, body="  Short."),
                                              encoding="utf-8")
    (root / "claims" / "worst.yml").write_text(
        claim.format(title="Worst", body=textwrap.indent(text, "  ", lambda line: True)), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    page = text.replace("said [@isw]", "see [[long]]")  # citations work only in claim bodies
    (root / "docs" / "worst.md").write_text(page, encoding="utf-8")


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    return time.perf_counter() - started, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="record the results in benchmarks/RESULTS.md")
    parser.add_argument("--only", nargs="*", help="names of shapes to run (default: all)")
    args = parser.parse_args()
    claims = str(Path(sys.executable).with_name("claims"))
    rows, over = [], False
    for name, make in SHAPES.items():
        if args.only and not any(word in name for word in args.only):
            continue
        text = make()
        refused = (list(markdown_problems(text))
                   or list(markdown_problems(text.replace("said [@isw]", "see [[long]]"))))
        assert not refused, \
            f"{name}: the bounds refuse this text, so it is not a worst accepted case: {refused[0]}"
        with tempfile.TemporaryDirectory(prefix="claims-budget-") as temp:
            root = Path(temp)
            write_site(root, text)
            checks, builds = [], []
            for _ in range(args.runs):
                seconds, done = timed([claims, "check"], root)
                if done.returncode != 0:
                    raise SystemExit(f"{name}: claims check refused it:\n{done.stdout}{done.stderr}")
                checks.append(seconds)
                seconds, done = timed([sys.executable, "-m", "mkdocs", "build", "-q",
                                       "-d", str(root / "site")], root)
                if done.returncode != 0:
                    raise SystemExit(f"{name}: mkdocs build failed:\n{done.stdout}{done.stderr}")
                builds.append(seconds)
        check, build = max(checks), max(builds)
        within = build <= BUILD_BUDGET_SECONDS and check <= CHECK_BUDGET_SECONDS
        over |= not within
        rows.append((name, len(text), check, build, within))
        print(f"{name}: {len(text):,} characters, check {check:.2f} s, build {build:.2f} s"
              f"{'' if within else '  OVER BUDGET'}", flush=True)
    if args.write:
        write_results(rows, args.runs)
    return 1 if over else 0


def write_results(rows, runs: int) -> None:
    lines = [
        START,
        "## Budget: the worst text the check accepts",
        "",
        f"Written by `python benchmarks/budget.py --runs {runs} --write` on {dt.date.today().isoformat()} "
        f"({platform.machine()}, {os.cpu_count()} cores, shared with other work; the slowest run of each).",
        "",
        f"Bounds (markdown_limits.py): a text of at most {MAX_MARKDOWN_CHARS:,} characters, paragraphs of at "
        f"most {MAX_PARAGRAPH_CHARS:,}, `[` and `<` that read at most {MAX_BRACKET_SCAN:,} characters in "
        f"all, {MAX_LINKS_PER_PARAGRAPH} brackets and tags (a citation counts 5) and "
        f"{MAX_MARKS_PER_PARAGRAPH} escapes and emphasis marks per paragraph, {MAX_HEADINGS} headings, "
        f"nesting {MAX_NESTING} deep; titles of at most 300 characters. Each site has one claim whose body "
        "is the text and one hand-written page with the same text; the times are whole processes. Without "
        "the bounds, one paragraph of 20 KB of `[[` took 52 s to build (issue 11) and 100 KB of them, "
        "growing quadratically, about twenty minutes.",
        "",
        "| worst case | characters | claims check (s) | mkdocs build (s) | within budget |",
        "| --- | ---: | ---: | ---: | :---: |",
    ]
    for name, size, check, build, within in rows:
        lines.append(f"| {name} | {size:,} | {check:.2f} | {build:.2f} | {'yes' if within else '**no**'} |")
    lines += ["",
              f"Budget: `claims check` ≤ {CHECK_BUDGET_SECONDS:.0f} s, `mkdocs build` ≤ "
              f"{BUILD_BUDGET_SECONDS:.0f} s.",
              END]
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8")
    if START in text:
        before, _, rest = text.partition(START)
        text = before + "\n".join(lines) + rest.partition(END)[2]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    results.write_text(text, encoding="utf-8")
    print(f"Wrote {results}")


if __name__ == "__main__":
    sys.exit(main())
