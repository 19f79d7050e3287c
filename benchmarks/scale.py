"""Benchmark at archive scale (issue 13): a 25,000-claim build, the largest page, and what a search downloads.

Run by hand, once, on an otherwise quiet machine (it takes minutes of CPU):

    nice python benchmarks/scale.py                      # 25,000 claims, and 2,500 to show the growth
    python benchmarks/scale.py --size 2000 --base 500 --print   # a quick look; prints, writes nothing

It builds synthetic sites (benchmarks/run.py's `generate`) with the plugin, each once as a whole process (time
and peak memory), runs Pagefind alone over the big one, finds the largest generated HTML page, and serves the
site to Debian's Chromium to count the bytes a reader downloads from opening the explorer to seeing the first
results of a query. It records the results in benchmarks/RESULTS.md between markers that benchmarks/run.py
keeps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  the browser the browser tests use
from run import build_commands, generate, measure_cpu  # noqa: E402

START, END = "<!-- benchmarks/scale.py: start -->", "<!-- benchmarks/scale.py: end -->"
BUDGET_BYTES = 500_000  # issue 13: 500 KB
# One to five words, each query the last one and a word more: a topical word (on about 3 % of the claims), one
# on 9 %, then three on every claim page ("Minister of things", a reference's "Agency 4: Report number 40"),
# whose index chunks are the largest: the longer a query, the more chunks it fetches.
QUERIES = ["ceasefire", "ceasefire talks", "ceasefire talks minister", "ceasefire talks minister report",
           "ceasefire talks minister report agency"]
# The explorer's orders: newest first (its default) reads the index's parts year by year and merges an older
# part only when the list reaches its years; the best match ranks over every part.
ORDERS = {"": "newest first", "best": "best match"}
PAGE_BUDGET = 300 * 1024
# Text a static host such as GitHub Pages serves gzip-compressed; Pagefind's index files are compressed
# already.
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records the path and size of every file it sends."""

    sent: ClassVar[list[tuple[str, int, bytes]]] = []

    def log_message(self, format, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        type(self).sent.append((self.path.split("?")[0], len(data), data))
        outputfile.write(data)


def served_size(path: str, size: int, data: bytes) -> int:
    """The bytes a host that compresses text sends for the file."""
    return len(gzip.compress(data, 6)) if path.endswith(TEXT_TYPES) else size


def first_results_bytes(site: Path, query: str, order: str = "") -> dict:
    """What a reader with an empty cache downloads from opening search/ (in the `order` of ORDERS) to seeing
    the first results of `query`."""
    from playwright.sync_api import sync_playwright

    CountingHandler.sent = []
    handler = functools.partial(CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.goto(url + "search/" + (f"?sort={order}" if order else ""))
            page.get_by_text("Type a few words, or choose a filter.").wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")  # the index's entry files, which the query needs anyway
            page_bytes = len(CountingHandler.sent)
            page.locator("#claims-explorer-query").fill(query)
            page.wait_for_function("""() => document.querySelector(".claims-explorer__result")
                || /^No /.test(document.querySelector(".claims-explorer__status").textContent)""",
                                   timeout=120_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".claims-explorer__result").count()
            status = page.locator(".claims-explorer__status").inner_text()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    sent = CountingHandler.sent
    return {
        "query": query, "order": ORDERS[order], "results": results, "status": status, "requests": len(sent),
        "raw": sum(size for _, size, _ in sent),
        "served": sum(served_size(path, size, data) for path, size, data in sent),
        "pagefind": sum(served_size(path, size, data) for path, size, data in sent if "/pagefind/" in path),
        "before_query": sum(served_size(path, size, data) for path, size, data in sent[:page_bytes]),
        "largest": sorted(((served_size(path, size, data), path) for path, size, data in sent
                           if "/pagefind/" in path),
                          reverse=True)[:4],
        "metadata": [(size, path) for path, size, _ in sent if path.endswith(".pf_meta")],
        "parts": parts(sent),
    }


# What a reader downloads, by what it is for: Pagefind's files by their suffix, everything else is the page
# itself.
PARTS = {".pf_meta": "metadata", "entry.json": "metadata", ".pagefind": "WebAssembly", ".js": "scripts",
         ".pf_index": "index chunks", ".pf_filter": "filter values", ".pf_fragment": "results' fragments"}


def parts(sent: list[tuple[str, int, bytes]]) -> dict[str, tuple[int, int]]:
    """Served bytes and file count of each part: the page and theme, and Pagefind's files by kind."""
    totals: dict[str, tuple[int, int]] = {}
    for path, size, data in sent:
        part = "page and theme"
        if "/pagefind/" in path:
            part = next((name for suffix, name in PARTS.items() if path.endswith(suffix)), "Pagefind, other")
            part = "Pagefind's " + part if part == "scripts" else part
        served, files = totals.get(part, (0, 0))
        totals[part] = (served + served_size(path, size, data), files + 1)
    return totals


def largest_pages(site: Path, count: int = 3) -> list[tuple[int, str]]:
    sizes = [(file.stat().st_size, file.relative_to(site).as_posix()) for file in site.rglob("*.html")]
    return sorted(sizes, reverse=True)[:count]


def build(root: Path, count: int) -> tuple[float, float, float]:
    root.mkdir(parents=True)
    generate(root, count)
    plugin, _ = build_commands(root)
    elapsed, peak, cpu = measure_cpu(plugin, root)
    print(f"N={count}: plugin build {elapsed:.1f} s ({cpu:.1f} s of CPU), peak {peak:.0f} MiB", flush=True)
    return elapsed, peak, cpu


def replicate(site: Path, times: int, out: Path) -> Path:
    """A copy of a built site (pages only) whose every claim page is there `times` times under new addresses:
    what Pagefind indexes for an archive `times` as large, when the build itself cannot be run
    (`--replicate`)."""
    for page in site.rglob("*.html"):
        if "/pagefind/" in page.as_posix():
            continue
        target = out / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    for folder in ("assets", "search"):
        shutil.copytree(site / folder, out / folder, dirs_exist_ok=True)
    copies = []
    for page in (site / "claims").glob("*/index.html"):
        if page.parent.name == "page":
            continue
        for copy in range(1, times):
            copies.append(f"claims/{page.parent.name}-copy-{copy}/")
            target = out / copies[-1] / "index.html"
            target.parent.mkdir(parents=True)
            shutil.copyfile(page, target)
    # The sitemap too, with the copies: the theme fetches it on some pages (see mkdocs_claims/head.py).
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base, day = re.search(r"<loc>(.*?)</loc>", sitemap), re.search(r"<lastmod>(.*?)</lastmod>", sitemap)
    entries = "".join(f"    <url>\n         <loc>{base.group(1) if base else '/'}{path}</loc>\n"
                      f"         <lastmod>{day.group(1) if day else ''}</lastmod>\n    </url>\n"
                      for path in copies)
    (out / "sitemap.xml").write_text(sitemap.replace("</urlset>", entries + "</urlset>"), encoding="utf-8")
    return out


# The year a claim page carries for the explorer's year facet (search_index.claim_marks).
YEAR = re.compile(r'<span data-pagefind-filter="year">(\d+)</span>')
INDEX = ("import json, sys; from pathlib import Path; from mkdocs_claims import search_index; "
         "search_index.build(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()))")


def index(site: Path, root: Path) -> tuple[float, float, float]:
    """Pagefind alone over the built site, as the build runs it (in parts of whole years, for a large
    archive)."""
    years = {}
    for page in (site / "claims").glob("*/index.html"):
        found = YEAR.search(page.read_text(encoding="utf-8"))
        if found:
            years[page.relative_to(site).as_posix()] = int(found.group(1))
    (root / "claim-years.json").write_text(json.dumps(years), encoding="utf-8")
    return measure_cpu([sys.executable, "-c", INDEX, str(site), str(root / "claim-years.json")], root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=25_000)
    parser.add_argument("--base", type=int, default=2_500,
                        help="a smaller site built the same way, for the growth")
    parser.add_argument("--queries", nargs="+", default=QUERIES,
                        help="one to five words of the benchmark's vocabulary (default: the topical word "
                             "'ceasefire', on about 3 %% of the claims, and up to four more)")
    parser.add_argument("--print", action="store_true", help="print the results, do not write RESULTS.md")
    parser.add_argument("--replicate", type=Path, metavar="SITE",
                        help="measure only the explorer, on a built site whose claim pages are copied "
                             "--times times")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    if args.replicate:
        with tempfile.TemporaryDirectory(prefix="claims-replica-") as temp:
            site = replicate(args.replicate, args.times, Path(temp) / "site")
            pagefind = index(site, Path(temp))
            claims = sum(1 for _ in (site / "claims").glob("*/index.html"))
            searches = [first_results_bytes(site, query, order) for order in ORDERS for query in args.queries]
        summary = (f"Pagefind over {claims:,} claim pages ({args.times} copies of each of "
                   f"{args.replicate}'s): {pagefind[0]:.1f} s, {pagefind[2]:.1f} s of CPU, peak "
                   f"{pagefind[1]:.0f} MiB; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} "
                   f"at the end ({dt.datetime.now():%Y-%m-%d %H:%M})")
        lines = [summary, *search_table(searches)]
        print("\n".join(lines))
        return
    with tempfile.TemporaryDirectory(prefix="claims-scale-") as temp:
        base = build(Path(temp) / f"n{args.base}", args.base)
        root = Path(temp) / f"n{args.size}"
        big = build(root, args.size)
        site = root / "site-plugin"
        pagefind = index(site, root)
        pages = largest_pages(site)
        html_pages = sum(1 for _ in site.rglob("*.html"))
        over = sum(1 for file in site.rglob("*.html") if file.stat().st_size > PAGE_BUDGET)
        searches = [first_results_bytes(site, query, order) for order in ORDERS for query in args.queries]
    lines = report(args, load, base, big, pagefind, pages, html_pages, over, searches)
    print("\n".join(lines))
    if not args.print:
        write(args.out, lines)


def kib(size: float) -> str:
    return f"{size / 1024:,.0f} KiB"


def report(args, load, base, big, pagefind, pages, html_pages, over, searches) -> list[str]:
    growth = big[0] / base[0]
    lines = [
        START,
        f"## The archive at scale: {args.size:,} claims",
        "",
        f"Written by `python benchmarks/scale.py --size {args.size} --base {args.base}` on "
        f"{dt.date.today().isoformat()} "
        f"({platform.machine()}, {os.cpu_count()} cores shared with other work, load average {load:.1f} at "
        "the start; each build run once, as a whole process).",
        "",
        "| claims | plugin build (s) | CPU (s) | CPU per 1,000 claims (s) | peak memory (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *(f"| {count:,} | {wall:.1f} | {cpu:.1f} | {cpu / count * 1000:.2f} | {peak:.0f} |"
          for count, (wall, peak, cpu) in ((args.base, base), (args.size, big))),
        "",
        f"Growth: {args.size / args.base:.0f}× the claims took {growth:.2f}× the time and "
        f"{big[2] / base[2]:.2f}× the CPU; peak memory "
        f"{big[1]:.0f} MiB (target < 2,048 MiB). Pagefind alone indexed the {html_pages:,} HTML files of the "
        f"big site in {pagefind[0]:.1f} s ({pagefind[2]:.1f} s of CPU, peak {pagefind[1]:.0f} MiB), part of "
        "the build above.",
        "",
        "Largest generated HTML pages: " + ", ".join(f"`{path}` {kib(size)}" for size, path in pages)
        + f"; {over:,} of {html_pages:,} pages are over 300 KiB (target: none).",
        "",
        "The explorer, with an empty cache, on a phone-sized Chromium window: the bytes from opening "
        "`search/` (page, theme, Pagefind's scripts, WebAssembly and metadata; no facet's values) to the "
        "first results of a query, in the explorer's two orders: newest first (its default), which merges "
        "an older part of the index only when the list reaches its years, and best match, which ranks over "
        "every part. \"As served\" counts text gzip-compressed, as GitHub Pages sends it "
        "(Pagefind's index files are compressed already); budget 500,000 bytes (488 KiB).",
        "",
        *search_table(searches), END]
    return lines


def search_table(searches: list[dict]) -> list[str]:
    lines = [
        "| query | order | results | requests | as served | uncompressed | of which Pagefind | "
        "before typing | within budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for search in searches:
        lines.append(f"| `{search['query']}` | {search['order']} | {search['status']} | "
                     f"{search['requests']} | "
                     f"{kib(search['served'])} | {kib(search['raw'])} | {kib(search['pagefind'])} | "
                     f"{kib(search['before_query'])} | {'yes' if search['served'] <= BUDGET_BYTES else 'no'} "
                     "|")
    names = list(dict.fromkeys(name for search in searches for name in search["parts"]))
    lines += ["", "| query | order | " + " | ".join(names) + " |", "| --- | --- |" + " ---: |" * len(names)]
    for search in searches:
        cells = (search["parts"].get(name, (0, 0)) for name in names)
        cells_text = " | ".join(f"{kib(size)} ({files})" for size, files in cells)
        lines.append(f"| `{search['query']}` | {search['order']} | {cells_text} |")
    lines += ["", "Metadata fetched, a file a part of the index: " + "; ".join(
        f"`{search['query']}`, {search['order']}: "
        + ", ".join(f"{path.split('/pagefind/', 1)[-1]} {kib(size)}" for size, path in search["metadata"])
        for search in searches)]
    lines += ["", "Largest Pagefind files fetched: " + "; ".join(
        f"`{search['query']}`, {search['order']}: "
        + ", ".join(f"{path.rsplit('/', 1)[-1]} {kib(size)}" for size, path in search["largest"])
        for search in searches)]
    return lines


def write(out: Path, lines: list[str]) -> None:
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    block = "\n".join(lines)
    if START in text:
        before, _, rest = text.partition(START)
        text = before + block + rest.partition(END)[2]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(text, encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
