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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .cache_files import read_lines, write_lines

# nodes and edges per dot process: enough that starting dot costs little, few enough to share out
_BATCH = 4000
_TIMEOUT = 600  # seconds for one batch: a safety net, a batch takes well under a second
# Edges are laid out without arrowheads (dir=none): dot's splines then end on the boxes' borders, and the
# drawing adds its own arrowheads where a relation has a direction. An edge's label is a box of its own on the
# edge's way (`l0`, `l1`, …), one row between its ends: dot keeps it clear of every other box, and the drawn
# edge runs into it and out again, so a label is never far from its edge.
_HEADER = ('graph [splines=true, nodesep=0.25, ranksep=0.12]; '
           'node [shape=box, fixedsize=true, label=""]; edge [dir=none];')


def missing_graphs(why: str) -> str:
    """The one line a build logs when it could not draw its graphs."""
    return (f"relation graphs are left out of the pages: {why}; each claim page still lists its relations "
            "(hint: install Graphviz, which provides `dot`: `apt-get install graphviz`, `brew install "
            "graphviz`, or see https://graphviz.org/download/)")


@dataclass(frozen=True)
class Edge:
    tail: int  # index of a node
    head: int
    label: tuple[float, float] = (0.0, 0.0)  # the width and height (px) of its label, or none
    rows: int = 1  # how many rows apart its ends stand at least
    visible: bool = True  # False: not drawn, only holds its ends one above the other


def _size(width: float, height: float) -> str:
    return f"width={width / 72:.4f}, height={height / 72:.4f}"


@dataclass(frozen=True)
class Graph:
    """What dot needs to know about a graph: box sizes (px) and edges, nothing a contributor wrote."""

    sizes: tuple[tuple[float, float], ...]
    edges: tuple[Edge, ...]

    def source(self, name: str) -> str:
        lines = [f"digraph {name} {{", _HEADER]
        lines += [f"n{index} [{_size(*size)}];" for index, size in enumerate(self.sizes)]
        for index, edge in enumerate(self.edges):
            if edge.label != (0.0, 0.0):  # a row is two ranks: its boxes', then the labels' below them
                lines.append(f"l{index} [{_size(*edge.label)}];")
                lines.append(f"n{edge.tail} -> l{index};")
                lines.append(f"l{index} -> n{edge.head}"
                             + (f" [minlen={2 * edge.rows - 1}];" if edge.rows > 1 else ";"))
            else:
                style = "" if edge.visible else ", style=invis, weight=10"
                lines.append(f"n{edge.tail} -> n{edge.head} [minlen={2 * edge.rows}{style}];")
        lines.append("}")
        return "\n".join(lines)

    def key(self) -> str:
        return hashlib.sha256(self.source("g").encode()).hexdigest()


Point = tuple[float, float]


@dataclass(frozen=True)
class PlacedEdge:
    # cubic Bézier splines (a start, then three points per segment), in order
    paths: tuple[tuple[Point, ...], ...]
    label: Point | None  # the centre of its label, between its two paths


@dataclass(frozen=True)
class Layout:
    """Where dot put everything, in SVG coordinates (px, y downwards, origin at the top left)."""

    width: float
    height: float
    centres: tuple[Point, ...]  # of each node's box, in the order of `Graph.sizes`
    edges: tuple[PlacedEdge, ...]  # in the order of `Graph.edges`

    def moved(self, margin: float) -> Layout:
        """The same layout with a margin on every side."""
        def move(point: Point) -> Point:
            return point[0] + margin, point[1] + margin
        return Layout(self.width + 2 * margin, self.height + 2 * margin, tuple(map(move, self.centres)),
                      tuple(PlacedEdge(tuple(tuple(map(move, path)) for path in edge.paths),
                                       edge.label and move(edge.label)) for edge in self.edges))


def _point(text: str, height: float) -> Point:
    x, y = text.split(",")
    return round(float(x), 1), round(height - float(y), 1)


def _parse(document: dict, graph: Graph) -> Layout:
    """A layout from one graph of dot's `-Tjson0` output."""
    _, _, width, height = (float(value) for value in document["bb"].split(","))
    nodes = {node["_gvid"]: node for node in document["objects"]}
    centres = {node["name"]: _point(node["pos"], height) for node in nodes.values()}
    paths = {(nodes[edge["tail"]]["name"], nodes[edge["head"]]["name"]):
             tuple(_point(point, height) for point in edge["pos"].split()
                   if not point.startswith(("e,", "s,")))
             for edge in document.get("edges", [])}
    edges = []
    for index, edge in enumerate(graph.edges):
        tail, head, label = f"n{edge.tail}", f"n{edge.head}", f"l{index}"
        if label in centres:
            edges.append(PlacedEdge((paths[(tail, label)], paths[(label, head)]), centres[label]))
        else:
            edges.append(PlacedEdge((paths[(tail, head)],), None))
    return Layout(width, height,
                  tuple(centres[f"n{index}"] for index in range(len(graph.sizes))), tuple(edges))


def _documents(text: str) -> Iterator[dict]:
    """Each JSON document of dot's output, which holds one per graph."""
    decoder, position = json.JSONDecoder(), 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        document, position = decoder.raw_decode(text, position)
        yield document


def _layout_json(layout: Layout) -> list:
    return [layout.width, layout.height, layout.centres, [[edge.paths, edge.label] for edge in layout.edges]]


def _layout_from_json(value: list) -> Layout:
    def point(pair: list) -> Point:
        return float(pair[0]), float(pair[1])
    width, height, centres, edges = value
    return Layout(float(width), float(height), tuple(map(point, centres)),
                  tuple(PlacedEdge(tuple(tuple(map(point, path)) for path in paths), label and point(label))
                        for paths, label in edges))


class Layouts:
    """Layouts by the hash of their graph, from this build and the last: a rebuild lays out only what
    changed.

    With a `file` (in the user's cache folder, like the share images), a separate build (`mkdocs build`)
    starts from the layouts an earlier one wrote there: dot takes about a second a thousand claims."""

    def __init__(self, dot: str | None = None, file: Path | None = None):
        self.dot = dot
        self.file = file
        self.current: dict[str, Layout] = {}
        self.previous: dict[str, Layout] = self._read()
        self.laid_out = 0  # graphs given to dot, for tests and benchmarks
        self.unavailable = ""  # why graphs are left out (dot is missing or failed), for the build's log

    def new_build(self) -> None:
        """Forget the layouts that the last build did not use, so memory follows the content."""
        # The first build keeps what the file held; a later one (`mkdocs serve`) those of the build before.
        self.previous, self.current = self.current or self.previous, {}
        self.unavailable = ""

    def lay_out(self, graphs: list[Graph]) -> list[Layout | None]:
        """The layout of each graph, None where dot could not make one (then `unavailable` says why)."""
        keys = [graph.key() for graph in graphs]
        missing: dict[str, Graph] = {}
        for key, graph in zip(keys, graphs, strict=True):
            if key not in self.current:
                if key in self.previous:
                    self.current[key] = self.previous[key]
                else:
                    missing[key] = graph
        if missing:
            self._run(missing)
            self._write()
        return [self.current.get(key) for key in keys]

    def _read(self) -> dict[str, Layout]:
        """The layouts the file holds; none if it is missing or unreadable (a cache only costs time)."""
        if self.file is None:
            return {}
        layouts = {}
        try:
            for key, value in read_lines(self.file):  # a line a layout
                layouts[str(key)] = _layout_from_json(value)
        except (OSError, ValueError, TypeError, IndexError, KeyError):
            return {}
        return layouts

    def _write(self) -> None:
        """This build's layouts so far and the last's, written whole, then renamed: never half a file."""
        if self.file is not None:
            write_lines(self.file, ([key, _layout_json(layout)]
                                    for key, layout in {**self.previous, **self.current}.items()))

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
            for batch, layouts in zip(batches,
                                      pool.map(lambda batch: self._batch(dot, batch), batches), strict=True):
                for (key, _), layout in zip(batch, layouts, strict=True):
                    if layout is not None:
                        self.current[key] = layout

    def _batch(self, dot: str, batch: list[tuple[str, Graph]]) -> list[Layout | None]:
        self.laid_out += len(batch)
        source = "\n".join(graph.source(f"g{index}") for index, (_, graph) in enumerate(batch))
        try:
            done = subprocess.run([dot, "-Tjson0"], input=source, capture_output=True, text=True,
                                  timeout=_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as error:
            self.unavailable = f"Graphviz's `dot` could not run ({error})"
            return [None] * len(batch)
        documents = list(_documents(done.stdout)) if done.returncode == 0 else []
        # dot may stop early: fewer documents than graphs, then each is laid out alone below.
        layouts: list[Layout | None] = [_parse(document, graph)
                                        for document, (_, graph) in zip(documents, batch, strict=False)]
        if len(layouts) == len(batch):
            return layouts
        if len(batch) > 1:  # one graph that dot cannot lay out must not cost the others theirs
            return [layout for item in batch for layout in self._batch(dot, [item])]
        self.unavailable = f"Graphviz's `dot` failed: {done.stderr.strip()[:200]}"
        return [None]
