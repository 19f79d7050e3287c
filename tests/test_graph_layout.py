"""Relation graphs laid out by Graphviz: no edge through a box it does not join, no label over a box,
symmetric relations without arrowheads, contributors' text never reaching dot, and a build without dot that
still works."""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLE, Build, Project, claim_yaml, copy_site
from mkdocs_claims.diagram import Diagrams
from mkdocs_claims.layout import Edge, Graph, Layouts
from mkdocs_claims.loader import load_content
from mkdocs_claims.relations import RELATION_TYPES, SYMMETRIC, RelationGraph
from mkdocs_claims.settings import Settings
from mkdocs_claims.urls import Urls

TYPES = sorted(RELATION_TYPES)
HOSTILE = r'Quote " back\\slash \N \G <b>bold</b> & ]; } digraph x { a -> b } <<TABLE>> label=<x>'


# --- reading back what we drew ------------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _bezier(points: list[tuple[float, float]], steps: int = 40) -> list[tuple[float, float]]:
    """Points along one Bézier segment (quadratic or cubic), by de Casteljau."""
    samples = []
    for step in range(steps + 1):
        t, current = step / steps, points
        while len(current) > 1:
            current = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1]) for a,
                       b in itertools.pairwise(current)]
        samples.append(current[0])
    return samples


def edge_points(element) -> list[tuple[float, float]]:
    """Points along an edge as drawn: a <line>, or a <path> of M, L, Q and C commands."""
    if element.name == "line":
        x1, y1, x2, y2 = (float(element[name]) for name in ("x1", "y1", "x2", "y2"))
        return _bezier([(x1, y1), (x2, y2)])
    samples: list[tuple[float, float]] = []
    position = (0.0, 0.0)
    for command, arguments in re.findall(r"([MLQC])([^MLQC]*)", element["d"]):
        values = _numbers(arguments)
        pairs = list(zip(values[::2], values[1::2], strict=True))
        size = {"M": 1, "L": 1, "Q": 2, "C": 3}[command]
        for start in range(0, len(pairs), size):
            segment = pairs[start:start + size]
            if command == "M":
                position = segment[0]
                samples.append(position)
                continue
            samples += _bezier([position, *segment])
            position = segment[-1]
    return samples


def node_boxes(svg) -> list[Box]:
    boxes = []
    for rect in svg.select("a.claims-graph__node > rect"):
        x, y, w, h = (float(rect[name]) for name in ("x", "y", "width", "height"))
        boxes.append((x, y, x + w, y + h))
    return boxes


def label_boxes(svg) -> list[Box]:
    """Each edge label's box: its background rectangle, or (drawings without one) its text's extent at 12
    px."""
    boxes = []
    for label in svg.select(".claims-graph__label"):
        rect = label.find("rect")
        if rect is not None:
            x, y, w, h = (float(rect[name]) for name in ("x", "y", "width", "height"))
            boxes.append((x, y, x + w, y + h))
        elif label.name == "text":
            x, y, width = float(label["x"]), float(label["y"]), 7.5 * len(label.get_text())
            boxes.append((x - width / 2, y - 11, x + width / 2, y + 3))
    return boxes


def _inside(point: tuple[float, float], box: Box, margin: float) -> bool:
    return box[0] + margin < point[0] < box[2] - margin and box[1] + margin < point[1] < box[3] - margin


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def geometry_problems(svg) -> list[str]:
    """Every edge that runs through a box other than the two it joins, every label over a box."""
    boxes = node_boxes(svg)
    problems = []
    for edge in svg.select(".claims-graph__edge"):
        points = edge_points(edge)
        # An edge's own boxes are those its ends touch (a border within 2 px).
        ends = {index for index, box in enumerate(boxes) for end in (points[0], points[-1])
                if _inside(end, box, -2)}
        for index, box in enumerate(boxes):
            if index not in ends and any(_inside(point, box, 1) for point in points):
                problems.append(f"an edge runs through box {index} {box}: {str(edge)[:120]}")
    for label in label_boxes(svg):
        for index, box in enumerate(boxes):
            if _overlap(label, box):
                problems.append(f"a label {label} lies over box {index} {box}")
    return problems


def graphs_of(build: Build) -> dict[str, list]:
    """Page -> the relation graphs' SVGs on it, for every page of the site that has any."""
    found = {}
    for file in sorted(build.site.rglob("index.html")):
        svgs = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select(
            "figure.claims-graph svg")
        if svgs:
            found[str(file.parent.relative_to(build.site))] = svgs
    return found


# --- sites --------------------------------------------------------------------------------------------------

def dense_project(root: Path, count: int = 36, seed: int = 3) -> Project:
    """Claims with many relations of every type between them, one claim that many others answer, and titles of
    every length: a denser graph than any article's."""
    rng = random.Random(seed)
    project = Project(root).add_basics()
    for index in range(count):
        words = rng.randint(2, 16)
        title = f"Claim {index} " + " ".join(rng.choice(("peace", "talks", "sanctions", "troops", "Ukraine",
                                                         "negotiations", "ceasefire", "a",
                                                         "of")) for _ in range(words))
        targets = {0} if index > 1 and index % 3 == 0 else set()  # claim 0 is answered by every third claim
        targets |= set(rng.sample(range(index), min(index, rng.randint(0, 3))))
        related = "".join(f"  - claim: c{target}\n    type: {rng.choice(TYPES)}\n"
                          for target in sorted(targets))
        project.write(f"claims/c{index}.yml", claim_yaml(title=title, date=f"2025-03-{1 + index % 28:02d}",
                                                           extra=f"related:\n{related}" if related else ""))
    return project


@pytest.fixture(scope="module")
def dense_site(tmp_path_factory) -> Build:
    build = dense_project(tmp_path_factory.mktemp("dense")).build("--strict")
    assert build.returncode == 0, build.output
    return build


# --- geometry -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["article", "dense"])
def test_no_edge_crosses_a_box_and_no_label_lies_over_one(which, article_site, request):
    build = article_site if which == "article" else request.getfixturevalue("dense_site")
    graphs = graphs_of(build)
    assert "graph" in graphs and any(page.startswith("claims/") for page in graphs), sorted(graphs)
    problems = [f"{page}: {problem}" for page, svgs in graphs.items() for svg in svgs
                for problem in geometry_problems(svg)]
    assert not problems, "\n".join(problems[:20])


def test_the_geometry_check_sees_an_edge_through_a_box():
    """The check itself: a line through a third box, and a label over a box, are found."""
    svg = BeautifulSoup(
        '<svg><a class="claims-graph__node"><rect x="0" y="0" width="100" height="40"/></a>'
        '<a class="claims-graph__node"><rect x="0" y="100" width="100" height="40"/></a>'
        '<a class="claims-graph__node"><rect x="0" y="200" width="100" height="40"/></a>'
        '<path class="claims-graph__edge" d="M50,40 C50,100 50,150 50,200"/>'
        '<g class="claims-graph__label"><rect x="90" y="30" width="40" height="16"/><text>x</text></g></svg>',
        "html.parser")
    problems = geometry_problems(svg)
    # the edge through the middle box, the label over the first; nothing else
    assert len(problems) == 2, problems
    assert any("runs through box 1" in p for p in problems) and any("over box 0" in p for p in problems)


def test_symmetric_relations_have_no_arrowhead(dense_site):
    seen = set()
    for svgs in graphs_of(dense_site).values():
        for svg in svgs:
            for edge in svg.select("path.claims-graph__edge"):
                kind = next(c.removeprefix("claims-graph__edge--") for c in edge["class"]
                            if c.removeprefix("claims-graph__edge--") in RELATION_TYPES)
                seen.add(kind)
                assert edge.has_attr("marker-end") == (kind not in SYMMETRIC), (kind, str(edge)[:200])
    assert seen == set(RELATION_TYPES)


FORWARD = {forward: name for name, (forward, _) in RELATION_TYPES.items()}
INVERSE = {inverse: name for name, (_, inverse) in RELATION_TYPES.items()}


def declared_relations(build: Build) -> set[tuple[str, str, str]]:
    """(declaring claim, the claim it concerns, type), from the lists of relations that the claim pages
    show."""
    found = set()
    for page in build.site.glob("claims/*/index.html"):
        here = page.parent.name
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for group in soup.select("ul.claims-relations"):
            # the group's kind, as this page says it
            label = group.find_previous_sibling("h3").get_text().casefold()
            for link in group.select("li.claims-relation > a"):
                other = link["href"].strip("/").split("/")[-1]
                found.add((here, other, FORWARD[label]) if label in FORWARD
                          else (other, here, INVERSE[label]))
    return found


def test_each_edge_joins_the_claims_of_its_relation_and_carries_its_label(dense_site):
    """Every edge starts at the claim that declared its relation (either end, for a symmetric one), ends at
    the claim it concerns, and has its relation's label beside it."""
    relations = declared_relations(dense_site)
    checked = 0
    for page, svgs in graphs_of(dense_site).items():
        for svg in svgs:
            nodes = [(page.split("/")[-1] if a["xlink:href"] == "./"
                      else a["xlink:href"].strip("/").split("/")[-1], box)
                     for a, box in zip(svg.select("a.claims-graph__node"), node_boxes(svg), strict=True)]
            labels = [(label.get_text(), box) for label,
                      box in zip(svg.select(".claims-graph__label"), label_boxes(svg), strict=True)]
            for edge in svg.select("path.claims-graph__edge"):
                kind = next(c.removeprefix("claims-graph__edge--") for c in edge["class"]
                            if c.removeprefix("claims-graph__edge--") in RELATION_TYPES)
                points = edge_points(edge)
                start, end = ([claim for claim, box in nodes if _inside(point, box, -2)]
                              for point in (points[0], points[-1]))
                assert len(start) == len(end) == 1, (page, str(edge)[:100])
                joined = {(start[0], end[0], kind)} | ({(end[0], start[0], kind)}
                                                       if kind in SYMMETRIC else set())
                assert joined & relations, (page, joined)
                # The edge runs into its label's box and out of it again: the label is on its edge.
                ends = [point for path in re.findall(r"M[^M]*", edge["d"]) for point in
                        (edge_points(BeautifulSoup(f'<path d="{path}"/>', "html.parser").path)[0],
                         edge_points(BeautifulSoup(f'<path d="{path}"/>', "html.parser").path)[-1])][1:-1]
                on = [text for text, box in labels if ends and all(_inside(point, box, -2) for point in ends)]
                assert on == [RELATION_TYPES[kind][0]], (page, kind, on)
                checked += 1
    assert checked > 50


def test_a_claim_graph_shows_its_claims_once_each_and_at_most_neighbours(dense_site):
    """Claim 0, which many claims answer: its graph holds it and the first related claims once each, within
    the bound, and says how many more the list of relations holds."""
    from mkdocs_claims.diagram import NEIGHBOURS

    article = dense_site.article("claims/c0/")
    figure = article.select_one("figure.claims-graph")
    hrefs = [a["xlink:href"] for a in figure.select("a.claims-graph__node")]
    listed = list(dict.fromkeys(a["href"]
                                for a in article.select("ul.claims-relations li.claims-relation > a")))
    assert len(listed) > NEIGHBOURS and len(hrefs) == len(set(hrefs)) == NEIGHBOURS + 1
    assert set(hrefs) < set(listed) | {"./"} and "./" in hrefs
    assert (f"{len(listed) - NEIGHBOURS} more related claims are in the list above"
            in figure.figcaption.get_text())


# --- the site's graph ---------------------------------------------------------------------------------------

def test_the_site_graph_shows_clusters_of_related_claims_largest_first(dense_site):
    page = dense_site.article("graph/")
    figures = page.select("figure.claims-graph--site")
    sizes = [len(figure.select("a.claims-graph__node")) for figure in figures]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1, sizes
    shown = [a["xlink:href"] for a in page.select("a.claims-graph__node")]
    assert len(shown) == len(set(shown))
    for figure in figures:  # a drawing shows a cluster: its claims are related only among themselves
        inside = {href.split("/")[-2]
                  for href in (a["xlink:href"] for a in figure.select("a.claims-graph__node"))}
        for claim_id in inside:
            related = {a["href"].split("/")[-2] for a in dense_site.article(f"claims/{claim_id}/")
                       .select("ul.claims-relations a")}
            assert related <= inside, (claim_id, related - inside)


def test_claims_without_relations_are_not_in_the_graph(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(title="Alone"))
    project.write("claims/b.yml",
                  claim_yaml(title="Bee", extra="related:\n  - claim: c\n    type: supports\n"))
    project.write("claims/c.yml", claim_yaml(title="Sea"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    page = build.article("graph/")
    assert (sorted(a["xlink:href"] for a in page.select("a.claims-graph__node"))
            == ["../claims/b/", "../claims/c/"])
    assert page.find("a", href="../claims/")  # the index, where every claim is


def test_a_claim_graphs_caption_reads_as_plain_english(project):
    """It said "claims that see also or contradict each other", and "1 more related claims are" when one
    relation more than the graph holds is only in the list."""
    from mkdocs_claims.diagram import NEIGHBOURS

    project.add_basics()
    related = "".join(f"  - claim: c{other}\n    type: see-also\n" for other in range(1, NEIGHBOURS + 2))
    project.write("claims/c0.yml", claim_yaml(title="Claim 0", extra=f"related:\n{related}"))
    for other in range(1, NEIGHBOURS + 2):
        project.write(f"claims/c{other}.yml", claim_yaml(title=f"Claim {other}"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert build.article("claims/c0/").select_one("figure.claims-graph figcaption").get_text() == (
        "Arrows point from the claim that makes the relation to the claim it concerns; a line without an "
        "arrow (\u201csee also\u201d, \u201ccontradicts\u201d) goes both ways. 1 more related claim is in "
        "the list above.")


def test_a_large_cluster_is_drawn_in_parts_over_pages(tmp_path):
    """300 claims, each relating to two earlier ones at random, are one cluster: it is drawn in connected
    parts, on pages of at most PAGE claims linked with rel=next/prev, each page well under 300 KB, every claim
    drawn exactly once, and every relation between two claims of a drawing drawn in it. Breadth-first parts
    leave leftovers of a claim or two whose neighbours other parts took (issue 13.4): they are merged, so no
    drawing is a trivially small fragment."""
    from mkdocs_claims.diagram import MOST, PAGE, SMALL

    rng = random.Random(5)
    project = Project(tmp_path).add_basics()
    relations: dict[frozenset[str], int] = {}
    for index in range(300):
        targets = rng.sample(range(index), min(index, 2))
        relations.update((frozenset((f"c{index}", f"c{t}")), 1) for t in targets)
        extra = ("related:\n" + "".join(f"  - claim: c{t}\n    type: responds-to\n" for t in targets)
                 if targets else "")
        project.write(f"claims/c{index}.yml", claim_yaml(title=f"Claim {index} about the talks", extra=extra))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    pages, url, drawn, sizes = [], "graph/", [], []
    while url:
        pages.append(url)
        soup = build.page(url)
        assert len((build.site / url / "index.html").read_bytes()) < 300_000
        nodes = [a["xlink:href"].split("/")[-2] for a in soup.select("article a.claims-graph__node")]
        assert len(nodes) <= PAGE
        for figure in soup.select("article figure.claims-graph--site"):
            inside = [a["xlink:href"].split("/")[-2] for a in figure.select("a.claims-graph__node")]
            sizes.append(len(inside))
            between = sum(1 for a, b in itertools.combinations(inside, 2) if frozenset((a, b)) in relations)
            assert len(figure.select("path.claims-graph__edge")) == between, \
                (url, figure.figcaption.get_text())
            # No box stands alone in a drawing, unrelated to every other one in it.
            loose = [a for a in inside if not any(frozenset((a, b)) in relations for b in inside)]
            assert not loose, (url, loose)
        drawn += nodes
        following = soup.select_one("article a[rel=next]")
        url = os.path.normpath(os.path.join(url, following["href"])) + "/" if following else ""
    assert len(pages) >= 2 and pages[1] == "graph/page/2/", pages
    assert set(pages) <= set(Urls(Settings()).reserved(claims=300))  # no record may take these addresses
    assert sorted(drawn) == sorted(f"c{i}" for i in range(300))
    assert len(sizes) > 5 and all(SMALL <= size <= MOST for size in sizes), sorted(sizes)
    assert build.page("graph/page/2/").select_one("article a[rel=prev]")["href"] == "../../"


def test_a_dense_cluster_draws_a_bounded_number_of_relations(tmp_path):
    """Contributors choose how many relations there are, and dot's time grows much faster than the edges:
    60 claims each relating to every other one passed the check and then kept the build in dot for ten
    minutes, to fail without graphs. A drawing shows at most RELATIONS_PER_CLAIM relations a claim, those
    that keep every claim linked first, and its caption says how many it leaves to the claims' pages."""
    from mkdocs_claims.diagram import RELATIONS_PER_CLAIM

    project = Project(tmp_path).add_basics()
    count = 20
    for index in range(count):
        related = "".join(f"  - claim: c{other}\n    type: contradicts\n" for other in range(index))
        project.write(f"claims/c{index}.yml", claim_yaml(title=f"Claim {index} about the talks",
                                                           extra=f"related:\n{related}" if related else ""))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    figure = build.page("graph/").select_one("article figure.claims-graph--site")
    nodes = [a["xlink:href"].split("/")[-2] for a in figure.select("a.claims-graph__node")]
    assert sorted(nodes) == sorted(f"c{index}" for index in range(count))
    edges = figure.select("path.claims-graph__edge")
    assert len(edges) == RELATIONS_PER_CLAIM * count
    hidden = count * (count - 1) // 2 - len(edges)
    assert f"{hidden} of their relations are not drawn" in figure.figcaption.get_text()
    # Every claim's page still lists all of its relations.
    assert len(build.article("claims/c0/").select("li.claims-relation")) == count - 1


def test_the_graph_pages_addresses_are_reserved():
    urls = Urls(Settings())
    assert "graph/" in urls.reserved() and "graph/page/2/" not in urls.reserved()
    taken = urls.reserved(claims=300)
    assert {"graph/page/2/", "graph/page/3/"} <= set(taken)


# --- contributors' text never reaches dot -------------------------------------------------------------------

def test_hostile_titles_are_escaped_in_the_drawing_and_never_reach_dot(project):
    project.add_basics()
    project.write("claims/a.yml", claim_yaml(title=f"'{HOSTILE}'",
                                             extra="related:\n  - claim: b\n    type: rejects\n"))
    project.write("claims/b.yml", claim_yaml(title=f"'B {HOSTILE}'"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    for page in ("claims/a/", "claims/b/", "graph/"):
        svg = build.article(page).select_one("figure.claims-graph svg")
        assert not svg.select("b, table, script"), page  # nothing of the titles became markup
        titles = [t.get_text() for t in svg.select("a.claims-graph__node > title")]
        assert any(HOSTILE in title for title in titles), titles
    # What dot reads for these very claims: ids, numbers and the fixed label placeholder, never a title's
    # text.
    content, problems = load_content(project.root / "claims", project.root)
    assert not problems
    diagrams = Diagrams(content, RelationGraph(content), Layouts())
    for claim in content.claims.values():
        assert_only_ids_and_numbers(diagrams._claim_scene(claim).graph(diagrams.boxes.box).source("g0"))


DOT_WORDS = {"digraph", "graph", "splines", "true", "nodesep", "ranksep", "node", "shape", "box", "fixedsize",
             "label", "edge", "dir", "none", "width", "height", "minlen", "style", "invis", "weight"}


def assert_only_ids_and_numbers(source: str) -> None:
    """dot's input holds its own keywords, our ids (g0, n0, l0) and numbers; no string but the empty label."""
    words = set(re.findall(r"[A-Za-z_]+", re.sub(r"\b[gnl]\d+\b", "", source)))
    assert words <= DOT_WORDS, words - DOT_WORDS
    rest = source.replace('label=""', "").replace("->", "")
    assert not re.search(r"[\"'\\<>]", rest), rest


def test_what_dot_reads_is_only_ids_and_numbers():
    from mkdocs_claims.layout import Edge

    assert_only_ids_and_numbers(Graph(((120.0, 46.0), (150.0, 62.0)),
                                      (Edge(0, 1, (52.0, 16.0), 2), Edge(1, 0, visible=False))).source("g0"))
    with pytest.raises(AssertionError):  # and the check sees a title that got in
        assert_only_ids_and_numbers('digraph g0 { n0 [label="Putin \\N says"]; }')


# --- without Graphviz ---------------------------------------------------------------------------------------

@pytest.fixture
def without_dot(tmp_path, monkeypatch):
    """PATH without Graphviz's `dot` (and without anything else: the build runs by the Python's full path),
    and an empty cache folder, which holds no layouts of an earlier build either."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    assert shutil.which("dot") is None


def test_a_build_without_dot_lists_relations_and_says_how_to_get_graphs(tmp_path, without_dot):
    root = copy_site(ARTICLE, tmp_path / "article")
    project = Project.__new__(Project)
    project.root = root
    build = project.build()
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    notices = [line for line in build.output.splitlines() if "relation graphs are left out" in line]
    assert len(notices) == 1 and "install Graphviz" in notices[0], build.output
    claim = build.article("claims/hegseth-peacekeeping-troops/")
    assert claim.select("ul.claims-relations li") and not claim.select("figure.claims-graph svg")
    graph = build.article("graph/")
    assert not graph.select("svg") and len(graph.select("ul.claims-graph__list a")) == 8
    # Publishing (a strict build) refuses a site without its graphs, with the same line.
    strict = project.build("--strict")
    assert strict.returncode != 0 and "install Graphviz" in strict.output and "Traceback" not in strict.output


def test_layouts_without_dot_are_none_and_say_why(without_dot):
    layouts = Layouts()
    assert layouts.lay_out([Graph(((100.0, 40.0),), ())]) == [None]
    assert "not found" in layouts.unavailable


def test_a_rebuild_lays_out_only_the_changed_graphs():
    layouts = Layouts()
    first, second = Graph(((100.0, 40.0), (90.0, 40.0)), ()), Graph(((80.0, 40.0),), ())
    assert all(layouts.lay_out([first, second]))
    layouts.new_build()
    before = layouts.laid_out
    third = Graph(((70.0, 30.0),), ())
    assert all(layouts.lay_out([first, third]))
    assert layouts.laid_out == before + 1


def test_a_separate_build_takes_the_layouts_from_the_cache_file(tmp_path):
    """`mkdocs build` runs in a new process each time: the layouts an earlier one wrote to the cache folder
    are used, the same as dot's, and dot lays out only the graph that is new."""
    file = tmp_path / "cache" / "layouts.json"
    first = Graph(((100.0, 40.0), (90.0, 40.0)), (Edge(0, 1, (40.0, 16.0)),))
    second = Graph(((80.0, 40.0),), ())
    earlier = Layouts(file=file)
    earlier.new_build()
    laid_out = earlier.lay_out([first, second])
    assert all(laid_out) and earlier.laid_out == 2 and file.is_file()
    later = Layouts(file=file)
    later.new_build()
    third = Graph(((70.0, 30.0),), ())
    assert later.lay_out([first, second, third])[:2] == laid_out
    assert later.laid_out == 1  # the third only
    file.write_text("not json\n", "utf-8")  # a damaged cache only costs time
    damaged = Layouts(file=file)
    damaged.new_build()
    assert damaged.lay_out([first]) == laid_out[:1] and damaged.laid_out == 1


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
