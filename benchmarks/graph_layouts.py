"""Benchmark: laying out and drawing every relation graph of a site with Graphviz's dot, cold and cached.

    python benchmarks/graph_layouts.py [--claims 1000 5000 25000]

For each size: every claim page's graph and every page of the site's graph, laid out from nothing (dot, many
graphs per process, a process per core) and again with nothing changed (every layout from the cache); the
pages of the site's graph and their largest drawing part; and, on a sample, what one dot process per graph
would cost. Prints Markdown for benchmarks/RESULTS.md. The claims are benchmarks/run.py's (two relations each,
to earlier claims), so at every size their relations make one large cluster, which the site's graph draws in
parts.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from mkdocs_claims.diagram import Diagrams
from mkdocs_claims.layout import Layouts
from mkdocs_claims.loader import load_content
from mkdocs_claims.relations import RelationGraph
from mkdocs_claims.settings import Settings
from run import generate

SAMPLE = 100  # graphs laid out one dot process each, to compare


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, count)
        settings = Settings()
        content, problems = load_content(root / "claims", root, settings.scale, settings)
        assert not problems, problems
        relations = RelationGraph(content)
        layouts = Layouts()

        def draw_all() -> tuple[float, float, list]:
            """Wall time, and CPU time of this process and its dot processes (what a shared machine disturbs
            less)."""
            layouts.new_build()
            diagrams = Diagrams(content, relations, layouts)
            start, cpu = time.perf_counter(), _cpu()
            for claim in content.claims.values():
                diagrams.claim_graph(claim, lambda claim_id: f"../{claim_id}/")
            pages = diagrams.site_pages(lambda page, claim_id: f"../claims/{claim_id}/")
            return time.perf_counter() - start, _cpu() - cpu, pages

        cold, cold_cpu, pages = draw_all()
        laid_out = layouts.laid_out
        cached, cached_cpu, _ = draw_all()
        assert layouts.laid_out == laid_out, "a rebuild with nothing changed laid a graph out again"
        biggest = max(sum(len(figure) for figure in figures) for figures, _ in pages)
        # The alternative: one dot process per graph, serially, on a sample of the claim graphs.
        diagrams = Diagrams(content, relations, Layouts())
        sources = [diagrams._claim_scene(claim).graph().source("g")
                   for claim in list(content.claims.values())[:SAMPLE]]
        start = time.perf_counter()
        for source in sources:
            subprocess.run(["dot", "-Tjson0"], input=source, capture_output=True, text=True, check=True)
        serial = (time.perf_counter() - start) / SAMPLE * count
        return (f"| {count:,} | {cold:.2f} ({cold_cpu:.2f}) | {cached:.2f} ({cached_cpu:.2f}) | {laid_out:,} "
                f"| {serial:.0f} | {len(pages)} | "
                f"{biggest / 1024:.0f} |")


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[1000, 5000, 25000])
    sizes = parser.parse_args().claims
    print(f"`python benchmarks/graph_layouts.py --claims {' '.join(map(str, sizes))}` "
          f"({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}):\n")
    print("| claims | every graph, cold: wall (CPU) s | again, cached: wall (CPU) s | graphs given to dot | "
          "one dot per graph, estimated (s) | pages of the site's graph | largest page's drawings (KiB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for count in sizes:
        print(measure(count), flush=True)


if __name__ == "__main__":
    main()
