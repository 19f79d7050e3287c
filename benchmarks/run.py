"""Benchmark: the plugin's build against the same pages written as Markdown, growth with size, check speed.

Run by hand, not by the test suite (these machines are shared and noisy):

    python benchmarks/run.py                      # sizes 500 1000 2000 4000, 3 runs each
    python benchmarks/run.py --sizes 500 1000 --runs 5
    python benchmarks/run.py --dirty-only         # only the `mkdocs serve --dirty` probe; prints, writes
    nothing

It writes benchmarks/RESULTS.md. Every number is a whole process (`mkdocs build`, `claims check`),
the median of several runs, the plugin and the floor alternating so that load on the machine
falls on both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import itertools
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEEP_MARKER = "<!-- Written by hand below this line; benchmarks/run.py keeps it. -->"
PEOPLE, TOPICS, SOURCES = 60, 25, 80
TYPES = ("see-also", "supports", "contradicts", "rejects", "responds-to", "repeats")
# The synthetic text. Until 2026-11-29 every word was drawn uniformly from the 33 words of the domain list
# below, so every word was on every page: Pagefind's index chunk for any query held all pages (157-318 KiB at
# 25,000 claims), which no real archive has. Now the words follow Zipf's law, as natural-language text does
# (the word of rank r is drawn with probability proportional to 1 / r): a vocabulary of VOCABULARY_SIZE words,
# the commonest the function words, the topical words at ranks from 20 to about 900 (each on a few per cent of
# the claims, as a topic's words are), the rest made-up words of two to four syllables (deterministic, seeded
# apart from the claims).
FUNCTION_WORDS = ("the", "to", "that", "by", "was", "said", "would", "who", "after", "without", "according")
TOPICAL_WORDS = ("minister", "government", "officials", "statement", "report", "agency", "security", "talks",
                 "analysts", "territory", "sanctions", "negotiations", "proposal", "western", "countries",
                 "evidence", "claimed", "cited", "rejected", "resume", "guarantees", "ceasefire",
                 "peacekeepers")
VOCABULARY_SIZE = 10_000


def vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """The words by rank, commonest first: function words, then made-up words with a topical word every 40
    ranks."""
    made_up = random.Random(1)
    onsets = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
              "gr", "kr", "pl", "st", "tr")
    vowels = ("a", "e", "i", "o", "u")
    known = {*FUNCTION_WORDS, *TOPICAL_WORDS}
    words = list(FUNCTION_WORDS)
    topical = iter(TOPICAL_WORDS)
    while len(words) < size:
        if len(words) >= 20 and len(words) % 40 == 20 and (word := next(topical, None)):
            words.append(word)
            continue
        word = "".join(made_up.choice(onsets) + made_up.choice(vowels) for _ in range(made_up.randint(2, 4)))
        if word not in known:
            known.add(word)
            words.append(word)
    return words


WORDS = vocabulary()
# Cumulative Zipf weights (1/rank), for random.choices.
ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
NAV = """nav:
  - index.md
  - claims/index.md
  - people/index.md
  - topics/index.md
  - sources/index.md
  - timeline.md
  - graph.md
"""
SITE = "site_name: Benchmark\nsite_url: https://example.org/\ntheme:\n  name: material\n"
PLUGIN_CONFIG = SITE + "plugins:\n  - claims\n" + NAV
# The same site with mkdocs-material's search plugin as well, to measure what dropping it gains.
SEARCH_CONFIG = SITE + "plugins:\n  - search\n  - claims\n" + NAV
# The floor: the same claims written by hand as simple Markdown (handwritten/), no plugin at all (`plugins:
# []`, or MkDocs would add its search), with the footnotes extension their citations are written for.
FLOOR_CONFIG = (SITE + "docs_dir: handwritten\nplugins: []\nmarkdown_extensions:\n  - footnotes\n"
                "not_in_nav: |\n  /*/*.md\n" + NAV)
# The floor with the theme's search: what MkDocs gives a hand-written site by default (`plugins` defaults to
# `[search]`, mkdocs-material's lunr index of every page), and the floor issue 13 measured its 1.37 against
# (until commit b816cba). Stricter against the plugin is the floor without it, above: both are reported.
FLOOR_SEARCH_CONFIG = FLOOR_CONFIG.replace("plugins: []\n", "plugins:\n  - search\n")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=ZIPF, k=words)).capitalize() + "."


def generate(root: Path, count: int, seed: int = 7) -> None:
    """A site of `count` claims of a realistic shape, written into `root`."""
    rng = random.Random(seed)
    claims_dir = root / "claims"
    for folder in ("people", "topics", "sources"):
        (claims_dir / folder).mkdir(parents=True, exist_ok=True)
    for i in range(PEOPLE):
        (claims_dir / "people" / f"person-{i}.yml").write_text(
            f"name: Person {i}\nrole: Minister of things {i}\ndescription: {sentence(rng, 20)}\n",
            encoding="utf-8")
    for i in range(TOPICS):
        (claims_dir / "topics" / f"topic-{i}.yml").write_text(
            f"title: Topic {i}\ndescription: {sentence(rng, 15)}\n", encoding="utf-8")
    for i in range(SOURCES):
        (claims_dir / "sources" / f"source-{i}.yml").write_text(
            f"title: Report number {i}\npublisher: Agency {i % 12}\nurl: https://example.org/report/{i}\n"
            f"date: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\narchive_url: https://web.archive.org/web/2024/https://example.org/report/{i}\n",
            encoding="utf-8")
    start = dt.date(2022, 1, 1)
    for i in range(count):
        day = start + dt.timedelta(days=(i * 3) % 1400)
        folder = claims_dir / f"{day.year}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        sources = rng.sample(range(SOURCES), 3)
        paragraphs = []
        for p in range(3):
            cite = f" [@source-{sources[p]}]"
            link = f" See [[claim-{rng.randrange(count)}]]." if p == 1 and count > 1 else ""
            paragraphs.append(sentence(rng, 55) + cite + link)
        related = ""
        if i >= 2:
            targets = rng.sample(range(i), 2)
            related = "related:\n" + "".join(
                f"  - claim: claim-{t}\n    type: {rng.choice(TYPES)}\n    note: {sentence(rng, 8)}\n"
                for t in targets)
        body = "\n\n".join(paragraphs).replace("\n", "\n  ")
        (folder / f"claim-{i}.yml").write_text(
            f"title: {sentence(rng, 9)[:-1]}\n"
            f"claim: {sentence(rng, 18)}\n"
            f"speaker: person-{rng.randrange(PEOPLE)}\n"
            f"date: {day.isoformat()}\n"
            f"venue: Press conference\n"
            f"quotes:\n  - text: {sentence(rng, 12)}\n    source: source-{sources[0]}\n"
            f"verdict: {rng.choice(['accurate', 'mostly-accurate', 'mixed', 'misleading', 'inaccurate'])}\n"
            f"verdict_note: {sentence(rng, 12)}\n"
            + "topics: [{}]\n".format(", ".join(f"topic-{t}" for t in rng.sample(range(TOPICS), 2)))
            + f"sources: [source-{sources[0]}, source-{sources[1]}, source-{sources[2]}]\n"
            + related
            + f"body: |\n  {body}\n",
            encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Benchmark\n\n<!-- claims:latest 10 -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(PLUGIN_CONFIG, encoding="utf-8")
    (root / "floor.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (root / "floor-search.yml").write_text(FLOOR_SEARCH_CONFIG, encoding="utf-8")
    (root / "search.yml").write_text(SEARCH_CONFIG, encoding="utf-8")


def write_floor(root: Path) -> None:
    """The floor's pages: every claim, person, topic and source of `root/claims` as a person writes them in
    Markdown (a heading, the facts, a quote block, the explanation with footnote citations, lists of links),
    and the lists (index, timeline, people, topics, sources, relations) as plain lists of links."""
    import yaml

    def load(folder: str) -> dict[str, dict]:
        return {f.stem: yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
                for f in sorted((root / "claims" / folder).glob("*.yml"))}

    people, topics, sources = load("people"), load("topics"), load("sources")
    claims = {f.stem: yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
              for f in sorted((root / "claims").glob("[0-9]*/*/*.yml"))}
    out = root / "handwritten"
    pages: dict[str, list[str]] = {}
    by = {"people": {}, "topics": {}, "sources": {}}
    newest = sorted(claims, key=lambda i: (claims[i]["date"], i), reverse=True)
    for claim_id in newest:
        claim = claims[claim_id]
        by["people"].setdefault(claim["speaker"], []).append(claim_id)
        for topic in claim["topics"]:
            by["topics"].setdefault(topic, []).append(claim_id)
        for source in claim["sources"]:
            by["sources"].setdefault(source, []).append(claim_id)
        numbers = {source: n for n, source in enumerate(claim["sources"], 1)}
        body = re.sub(r"\s*\[@([a-z0-9-]+)\]", lambda m,
                      numbers=numbers: f"[^{numbers[m.group(1)]}]", claim["body"])
        body = re.sub(r"\[\[([a-z0-9-]+)\]\]",
                      lambda m: f"[{claims[m.group(1)]['title']}]({m.group(1)}.md)", body)
        speaker = claim["speaker"]
        lines = [f"# {claim['title']}", "",
                 f"**{claim['claim']}**", "",
                 f"Said by [{people[speaker]['name']}](../people/{speaker}.md) on {claim['date']}, "
                 f"{claim['venue']}.", "",
                 f"**Verdict: {claim['verdict'].replace('-', ' ').capitalize()}.** {claim['verdict_note']}",
                 "", "## In their words", ""]
        for quote in claim["quotes"]:
            source = quote["source"]
            lines += [f"> {quote['text']}", ">",
                      f"> — [{sources[source]['title']}](../sources/{source}.md)", ""]
        lines += ["## The explanation", "", body.strip(), ""]
        for source, number in numbers.items():
            record = sources[source]
            lines.append(f"[^{number}]: [{record['title']}]({record['url']}), {record['publisher']}, "
                         f"{record['date']} ([archived]({record['archive_url']})).")
        lines += ["", "## Read also", ""]
        lines += [f"- {r['type'].replace('-', ' ')}: [{claims[r['claim']]['title']}]({r['claim']}.md). "
                  f"{r['note']}"
                  for r in claim.get("related", [])]
        lines += ["", "## Topics", ""]
        lines += [f"- [{topics[t]['title']}](../topics/{t}.md)" for t in claim["topics"]]
        pages[f"claims/{claim_id}.md"] = lines

    def claim_list(ids: list[str], prefix: str = "../claims/") -> list[str]:
        return [f"- [{claims[i]['title']}]({prefix}{i}.md) ({claims[i]['date']})" for i in ids]

    for person_id, person in people.items():
        pages[f"people/{person_id}.md"] = [f"# {person['name']}", "", f"*{person['role']}*", "",
                                           person["description"], "", "## Claims", "",
                                           *claim_list(by["people"].get(person_id, []))]
    for topic_id, topic in topics.items():
        pages[f"topics/{topic_id}.md"] = [f"# {topic['title']}", "", topic["description"], "", "## Claims",
                                          "", *claim_list(by["topics"].get(topic_id, []))]
    for source_id, source in sources.items():
        pages[f"sources/{source_id}.md"] = [f"# {source['title']}", "",
                                            f"{source['publisher']}, {source['date']}: "
                                            f"<{source['url']}> ([archived]({source['archive_url']}))", "",
                                            "## Claims citing this source", "",
                                            *claim_list(by["sources"].get(source_id, []))]
    pages["claims/index.md"] = ["# Claims", "", *claim_list(newest, "")]
    lists = (("people", people, "name"), ("topics", topics, "title"), ("sources", sources, "title"))
    for kind, records, label in lists:
        pages[f"{kind}/index.md"] = [f"# {kind.title()}", "",
                                     *(f"- [{r[label]}]({i}.md)" for i, r in records.items())]
    timeline = ["# Timeline", ""]
    for year_month, ids in itertools.groupby(newest, key=lambda i: str(claims[i]["date"])[:7]):
        timeline += ["", f"## {year_month}", "", *claim_list(list(ids), "claims/")]
    pages["timeline.md"] = timeline
    pages["graph.md"] = ["# Relations", "",
                         *(f"- [{claims[i]['title']}](claims/{i}.md) {r['type'].replace('-', ' ')} "
                                              f"[{claims[r['claim']]['title']}](claims/{r['claim']}.md)"
                                              for i in newest for r in claims[i].get("related", []))]
    pages["index.md"] = ["# Benchmark", "", "Latest claims:", "", *claim_list(newest[:10], "claims/")]
    for path, lines in pages.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one whole process."""
    elapsed, peak, _ = measure_cpu(command, cwd)
    return elapsed, peak


def measure_cpu(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall time (s), peak memory (MiB) and CPU time (s, user and system, with the processes it waited for:
    the share images' threads, Pagefind) of one whole process. CPU time is what the other jobs of a shared,
    loaded machine disturb least."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median_runs(commands: list[tuple[list[str], Callable[[], object] | None]], cwd: Path, runs: int):
    """(median wall, peak memory, median CPU) of each command, run in turn `runs` times so that load on the
    machine falls on all alike; each command's `before` (or None) runs just before it."""
    results: list[list[tuple[float, float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, before), measured in zip(commands, results, strict=True):
            if before:
                before()
            measured.append(measure_cpu(command, cwd))
    return tuple((statistics.median(t for t, _, _ in r), max(m for _, m, _ in r),
                  statistics.median(c for _, _, c in r))
                 for r in results)


def median_pair(first: list[str], second: list[str], cwd: Path, runs: int, before=None):
    return median_runs([(first, before), (second, before)], cwd, runs)


def emptied(folder: Path) -> Callable[[], object]:
    """Empties `folder` (the builds' cache folder): the plugin's next build is cold, as CI builds."""
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def build_commands(root: Path):
    python = sys.executable
    plugin = [python, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(root / "site-plugin")]
    floor = [python, "-m", "mkdocs", "build", "-q", "-f", "floor.yml", "-d", str(root / "site-floor")]
    return plugin, floor


def floor_search_command(root: Path) -> list[str]:
    """The floor with the theme's search plugin, as MkDocs builds a hand-written site by default."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "floor-search.yml", "-d",
            str(root / "site-floor-search")]


def search_command(root: Path) -> list[str]:
    """The plugin build with mkdocs-material's search plugin too, as sites built before the explorer."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "search.yml", "-d",
            str(root / "site-search")]


def prepare(root: Path, count: int) -> None:
    generate(root, count)
    write_floor(root)


BARE_LOAD = """
import sys, yaml
from pathlib import Path
for file in sorted(Path(sys.argv[1]).rglob('*.yml')):
    yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
"""

DIRTY_PROBE = """
import sys, time, os
from pathlib import Path
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.config import load_config
from mkdocs.commands.build import build
root = Path(sys.argv[1])
def config():
    c = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site-dirty"))
    return c
def timed(config, dirty):
    # Wall time, and the process's CPU time, which the other jobs of a shared machine disturb less.
    wall, cpu = time.perf_counter(), time.process_time()
    build(config, dirty=dirty)
    return time.perf_counter() - wall, time.process_time() - cpu
first = config()
first.plugins.on_startup(command="serve", dirty=True)
full = timed(first, False)
target = next((root / "claims").rglob("claim-7.yml"))
target.write_text(target.read_text().replace("title: ", "title: Edited "))
time.sleep(0.05)
dirty = timed(config(), True)
page = (root / "site-dirty" / "claims" / "claim-7" / "index.html").read_text()
assert "Edited" in page, "the edited claim's page is stale"
print(f"{full[0]:.3f} {dirty[0]:.3f} {full[1]:.3f} {dirty[1]:.3f}")
"""


def versions() -> str:
    names = ("mkdocs", "mkdocs-material", "mkdocs-claims", "PyYAML", "jsonschema",
             "Jinja2", "Markdown", "nh3")
    found = []
    for name in names:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{name} {metadata.version(name)}")
    return ", ".join(found)


def profile(root: Path, top: int = 14) -> str:
    """Where one plugin build's time goes (cProfile, cumulative), as a Markdown code block."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site-profile"))
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return "\n".join(lines[start:start + top + 1])


def dirty_probe(root: Path, count: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds of a full build and of a dirty rebuild after one edit, in one process as `mkdocs
    serve`."""
    if not root.exists():
        root.mkdir()
        prepare(root, count)
    probe = subprocess.run([sys.executable, "-c", DIRTY_PROBE, str(root)],
                           capture_output=True, text=True, check=True)
    full_wall, dirty_wall, full_cpu, dirty_cpu = (float(x) for x in probe.stdout.split())
    return (full_wall, full_cpu), (dirty_wall, dirty_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dirty-size", type=int, default=2000)
    parser.add_argument("--search-size", type=int, default=1000,
                        help="where to measure mkdocs-material's search")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--dirty-only", action="store_true",
                        help="only measure a dirty rebuild; print it, write nothing")
    args = parser.parse_args()
    if args.dirty_only:
        with tempfile.TemporaryDirectory(prefix="claims-bench-") as temp:
            full, dirty = dirty_probe(Path(temp) / f"n{args.dirty_size}", args.dirty_size)
        print(f"N={args.dirty_size}: full build {full[0]:.2f}s (CPU {full[1]:.2f}s), dirty rebuild "
              f"{dirty[0]:.2f}s (CPU {dirty[1]:.2f}s): {dirty[0] / full[0]:.2f} of the full build (CPU "
              f"{dirty[1] / full[1]:.2f})")
        return
    python = sys.executable
    claims = shutil.which("claims", path=str(Path(sys.executable).parent)) or "claims"
    rows, check_rows = [], []
    search_row = None
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as temp:
        # The builds' own cache folder (share images, graph layouts, the search index): "cold" empties it
        # first, "warm" is the plugin's next build, which finds what the cold one kept there.
        os.environ["XDG_CACHE_HOME"] = str(Path(temp) / "cache")
        for count in args.sizes:
            root = Path(temp) / f"n{count}"
            root.mkdir()
            prepare(root, count)
            plugin, floor = build_commands(root)
            cold, warm, bare_floor, search_floor = median_runs(
                [(plugin, emptied(Path(temp) / "cache")), (plugin, None), (floor, None),
                 (floor_search_command(root), None)], root, args.runs)
            rows.append((count, cold, warm, bare_floor, search_floor))
            if count == args.search_size:
                (p_time2, _, p_cpu2), (s_time, _, s_cpu) = median_pair(plugin,
                                                                       search_command(root), root, args.runs)
                search_row = (count, p_time2, s_time, p_cpu2, s_cpu)
            (c_time, c_mem, _), (b_time, b_mem, _) = median_pair([claims, "check"],
                                                                 [python, "-c", BARE_LOAD, "claims"],
                                                           root, args.runs)
            check_rows.append((count, c_time, b_time, c_mem, b_mem))
            print(f"N={count}: plugin CPU cold {cold[2]:.2f}s warm {warm[2]:.2f}s, floor "
                  f"{bare_floor[2]:.2f}s, with search {search_floor[2]:.2f}s; check {c_time:.2f}s bare "
                  f"{b_time:.2f}s", flush=True)
        full, dirty = dirty_probe(Path(temp) / f"n{args.dirty_size}", args.dirty_size)
        profile_root = Path(temp) / f"n{args.sizes[min(1, len(args.sizes) - 1)]}"
        profile_text = profile(profile_root)
    write_results(args, rows, check_rows, full, dirty, profile_text, search_row)


def search_lines(search_row) -> list[str]:
    if not search_row:
        return []
    count, plugin_time, search_time, plugin_cpu, search_cpu = search_row
    return ["## What dropping mkdocs-material's search gains", "",
            f"With {count} claims, the plugin build took {plugin_time:.2f} s ({plugin_cpu:.2f} s of CPU) "
            f"with Pagefind as the site's search and {search_time:.2f} s ({search_cpu:.2f} s of CPU) with "
            "mkdocs-material's search plugin listed as well, whose lunr index is built from every page's "
            f"HTML in Python: {1 - plugin_time / search_time:.0%} of the build's time saved "
            f"({1 - plugin_cpu / search_cpu:.0%} of its CPU).", ""]


def write_results(args, rows, check_rows, full, dirty, profile_text, search_row=None) -> None:
    # (count, plugin cold, plugin warm, floor, floor with the theme's search), each (wall, peak, CPU)
    first, last = rows[0], rows[-1]
    growth = last[2][2] / first[2][2]
    size_ratio = last[0] / first[0]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py --sizes {' '.join(map(str, args.sizes))} --runs {args.runs}` "
        f"on {dt.date.today().isoformat()}.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions()}",
        "- Content per claim: a quote, three citations of 80 shared sources, two relations, ~170 words of "
        f"body; {PEOPLE} people, {TOPICS} topics.",
        "- Every time is a whole process, median of the runs; memory is the peak resident size of the "
        "process.",
        "",
        "## Plugin build against the floor",
        "",
        "The floor is `mkdocs build`, with the same theme and nav and no plugin at all, of the same claims "
        "written by hand as simple Markdown (`write_floor`): per claim a heading, the facts, a quote block, "
        "the explanation with footnote citations (the `footnotes` extension) and lists of links; per person, "
        "topic and source a page listing its claims; the index, timeline and relations as lists of links. "
        "The plugin build also draws every claim's share image and runs Pagefind over the built site.",
        "",
        "Two floors: **the floor** has `plugins: []`, the stricter one; **the floor with the theme's "
        "search** lists mkdocs-material's `search` plugin, as MkDocs builds a hand-written site by default "
        "(`plugins` defaults to `[search]`), and as issue 13 measured its 1.37. The plugin build is "
        "**cold** with an empty cache folder (`XDG_CACHE_HOME`: every share image drawn, every graph laid "
        "out, every part of the search index made), as CI builds, and **warm** as the next build, which "
        "finds them there. The ratios are of CPU time (user and system, with the processes waited for), "
        "which the other jobs of a shared machine disturb least.",
        "",
        "| claims | plugin CPU, cold (s) | plugin CPU, warm (s) | floor CPU (s) | "
        "floor with search CPU (s) | cold / floor | warm / floor | cold / floor with search | "
        "warm / floor with search | plugin wall, warm (s) | floor wall (s) | plugin peak (MiB) | "
        "floor peak (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, cold, warm, floor, with_search in rows:
        lines.append(f"| {count} | {cold[2]:.2f} | {warm[2]:.2f} | {floor[2]:.2f} | {with_search[2]:.2f} | "
                     f"{cold[2] / floor[2]:.2f} | {warm[2] / floor[2]:.2f} | "
                     f"{cold[2] / with_search[2]:.2f} | {warm[2] / with_search[2]:.2f} | "
                     f"{warm[0]:.2f} | {floor[0]:.2f} | "
                     f"{max(cold[1], warm[1]):.0f} | {floor[1]:.0f} |")
    lines += [
        "",
        f"Target: plugin / floor ≤ 0.8 at 1,000 claims. Growth: {size_ratio:.0f}× the claims took "
        f"{growth:.2f}× the CPU, warm "
        f"(target ≤ {1.1 * size_ratio:.1f}×); peak memory grew {last[2][1] / first[2][1]:.2f}×.",
        "",
        *search_lines(search_row),
        "## `claims check` against a bare libyaml load",
        "",
        "The bare load is a Python process that reads every file with `yaml.load(…, Loader=CSafeLoader)` "
        "and nothing else.",
        "",
        "| claims | claims check (s) | bare load (s) | check / bare | check peak (MiB) | bare peak (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count, c_time, b_time, c_mem, b_mem in check_rows:
        lines.append(f"| {count} | {c_time:.2f} | {b_time:.2f} | {c_time / b_time:.2f} | {c_mem:.0f} | "
                     f"{b_mem:.0f} |")
    lines += [
        "",
        "Target: check / bare ≤ 2.",
        "",
        "## Editing one claim in `mkdocs serve --dirty`",
        "",
        f"With {args.dirty_size} claims, in one process as `mkdocs serve --dirty` runs it: a full build took "
        f"{full[0]:.2f} s ({full[1]:.2f} s of CPU); after editing one claim's title, the dirty rebuild took "
        f"{dirty[0]:.2f} s ({dirty[1]:.2f} s of CPU), {dirty[0] / full[0]:.2f} of the full build "
        f"({dirty[1] / full[1]:.2f} by CPU time; target < 0.33), and the edited page showed the change.",
        "",
        "## Where the time goes",
        "",
        f"cProfile of one plugin build with {args.sizes[min(1, len(args.sizes) - 1)]} claims, by own time:",
        "",
        "```",
        profile_text,
        "```",
        "",
    ]
    kept = ""
    if args.out.exists():  # the hand-written history of optimisations below the marker survives each run
        kept = args.out.read_text(encoding="utf-8").partition(KEEP_MARKER)[2]
    lines += [KEEP_MARKER + kept.rstrip("\n"), ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
