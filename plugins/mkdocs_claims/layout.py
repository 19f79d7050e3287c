"""Graph layouts from Graphviz `dot`: geometry only.

dot is given our own node ids (`n0`, `n1`, …), box sizes and edge-label sizes, never a contributor's text,
and answers where each box, edge and label goes; `diagram.py` draws the SVG from that with its own escaping.
Many graphs go to one dot process (dot lays out every graph of a file in turn), a few processes run at once,
and each layout is kept by a hash of its input, so a rebuild lays out only the graphs that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

_BATCH = 4000  # nodes and edges per dot process: enough that starting dot costs little, few enough to share out
_TIMEOUT = 600  # seconds for one batch: a safety net, a batch takes well under a second
# Edges are laid out without arrowheads (dir=none): dot's splines then end on the boxes' borders, and the
# drawing adds its own arrowheads where a relation has a direction.
_HEADER = ('graph [splines=true, nodesep=0.3, ranksep=0.3, pad=0.06]; '
           'node [shape=box, fixedsize=true, label=""]; edge [dir=none];')


def missing_graphs(why: str) -> str:
    """The one line a build logs when it could not draw its graphs."""
    return (f"relation graphs are left out of the pages: {why}; each claim page still lists its relations (hint: "
            "install Graphviz, which provides `dot`: `apt-get install graphviz`, `brew install graphviz`, or see "
            "https://graphviz.org/download/)")


@dataclass(frozen=True)
class Edge:
    tail: int  # index of a node
    head: int
    label: tuple[float, float] = (0.0, 0.0)  # the width and height (px) to keep free for its label, or none
    minlen: int = 1  # how many ranks apart its ends are at least


@dataclass(frozen=True)
class Graph:
    """What dot needs to know about a graph: box sizes (px) and edges, nothing a contributor wrote."""

    sizes: tuple[tuple[float, float], ...]
    edges: tuple[Edge, ...]

    def source(self, name: str) -> str:
        lines = [f"digraph {name} {{", _HEADER]
        lines += [f"n{index} [width={width / 72:.4f}, height={height / 72:.4f}];"
                  for index, (width, height) in enumerate(self.sizes)]
        for edge in self.edges:
            attributes = [f"minlen={edge.minlen}"] if edge.minlen != 1 else []
            if edge.label != (0.0, 0.0):
                # An HTML-like label holding only an empty cell of a fixed size: a placeholder that dot keeps free.
                attributes.append('label=<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD FIXEDSIZE="TRUE" '
                                  f'WIDTH="{edge.label[0]:.0f}" HEIGHT="{edge.label[1]:.0f}"></TD></TR></TABLE>>')
            lines.append(f"n{edge.tail} -> n{edge.head} [{', '.join(attributes)}];")
        lines.append("}")
        return "\n".join(lines)

    def key(self) -> str:
        return hashlib.sha256(self.source("g").encode()).hexdigest()


@dataclass(frozen=True)
class PlacedEdge:
    points: tuple[tuple[float, float], ...]  # a cubic Bézier spline: start, then three points per segment
    label: tuple[float, float] | None  # the centre of its label


@dataclass(frozen=True)
class Layout:
    """Where dot put everything, in SVG coordinates (px, y downwards, origin at the top left)."""

    width: float
    height: float
    centres: tuple[tuple[float, float], ...]  # of each node's box, in the order of `Graph.sizes`
    edges: tuple[PlacedEdge, ...]  # in the order of `Graph.edges`


def _point(text: str, height: float) -> tuple[float, float]:
    x, y = text.split(",")
    return round(float(x), 1), round(height - float(y), 1)


def _parse(graph: dict) -> Layout:
    """A layout from one graph of dot's `-Tjson0` output."""
    _, _, width, height = (float(value) for value in graph["bb"].split(","))
    centres = tuple(_point(node["pos"], height) for node in graph["objects"])
    edges = []
    for edge in sorted(graph.get("edges", []), key=lambda e: e["_gvid"]):  # in the order they were given
        points = tuple(_point(point, height) for point in edge["pos"].split() if not point.startswith(("e,", "s,")))
        edges.append(PlacedEdge(points, _point(edge["lp"], height) if "lp" in edge else None))
    return Layout(width, height, centres, tuple(edges))


def _documents(text: str):
    """Each JSON document of dot's output, which holds one per graph."""
    decoder, position = json.JSONDecoder(), 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        document, position = decoder.raw_decode(text, position)
        yield document


class Layouts:
    """Layouts by the hash of their graph, from this build and the last: a rebuild lays out only what changed."""

    def __init__(self, dot: str | None = None):
        self.dot = dot
        self.current: dict[str, Layout] = {}
        self.previous: dict[str, Layout] = {}
        self.laid_out = 0  # graphs given to dot, for tests and benchmarks
        self.unavailable = ""  # why graphs are left out (dot is missing or failed), for the build's log

    def new_build(self) -> None:
        """Forget the layouts that the last build did not use, so memory follows the content."""
        self.previous, self.current = self.current, {}
        self.unavailable = ""

    def lay_out(self, graphs: list[Graph]) -> list[Layout | None]:
        """The layout of each graph, None where dot could not make one (then `unavailable` says why)."""
        keys = [graph.key() for graph in graphs]
        missing: dict[str, Graph] = {}
        for key, graph in zip(keys, graphs):
            if key not in self.current:
                if key in self.previous:
                    self.current[key] = self.previous[key]
                else:
                    missing[key] = graph
        if missing:
            self._run(missing)
        return [self.current.get(key) for key in keys]

    def _run(self, missing: dict[str, Graph]) -> None:
        dot = self.dot or shutil.which("dot")
        if dot is None:
            self.unavailable = "Graphviz's `dot` was not found on PATH"
            return
        batches: list[list[tuple[str, Graph]]] = [[]]
        weight = 0
        for item in missing.items():
            if weight >= _BATCH:
                batches.append([])
                weight = 0
            batches[-1].append(item)
            weight += len(item[1].sizes) + len(item[1].edges)
        # dot runs outside Python: threads keep every core busy while each waits for its process.
        with ThreadPoolExecutor(max_workers=max(1, min(len(batches), os.cpu_count() or 1))) as pool:
            for batch, layouts in zip(batches, pool.map(lambda batch: self._batch(dot, batch), batches)):
                for (key, _), layout in zip(batch, layouts):
                    if layout is not None:
                        self.current[key] = layout

    def _batch(self, dot: str, batch: list[tuple[str, Graph]]) -> list[Layout | None]:
        self.laid_out += len(batch)
        source = "\n".join(graph.source(f"g{index}") for index, (_, graph) in enumerate(batch))
        try:
            done = subprocess.run([dot, "-Tjson0"], input=source, capture_output=True, text=True, timeout=_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as error:
            self.unavailable = f"Graphviz's `dot` could not run ({error})"
            return [None] * len(batch)
        layouts = [_parse(document) for document in _documents(done.stdout)] if done.returncode == 0 else []
        if len(layouts) == len(batch):
            return layouts
        if len(batch) > 1:  # one graph that dot cannot lay out must not cost the others theirs
            return [layout for item in batch for layout in self._batch(dot, [item])]
        self.unavailable = f"Graphviz's `dot` failed: {done.stderr.strip()[:200]}"
        return [None]
