"""Issue 13.5: the graphs' title boxes measured once and kept in the cache folder beside the layouts
(text_boxes.py): a separate build measures only titles it has not measured before, draws the same graphs, and
never takes boxes that another measurer (fonts, Pillow, the code) or a damaged file gave."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLE
from mkdocs_claims import diagram
from mkdocs_claims.diagram import Diagrams
from mkdocs_claims.layout import Layouts
from mkdocs_claims.loader import load_content
from mkdocs_claims.model import Content
from mkdocs_claims.relations import RelationGraph


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, _ = load_content(ARTICLE / "claims", ARTICLE)  # (its reviewers are a team of mkdocs.yml's)
    assert loaded.claims
    return loaded


class Measured:
    """diagram._measured, counted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.titles: list[str] = []
        measure = diagram._measured
        monkeypatch.setattr(diagram, "_measured", lambda title, bold: (self.titles.append(title),
                                                                       measure(title, bold))[1])


def graphs(content: Content, file) -> tuple[list[str], str]:
    """Every claim's graph and the site graph's first page, drawn as a separate build draws them."""
    diagrams = Diagrams(content, RelationGraph(content), Layouts(file=file))
    claims = [diagrams.claim_graph(claim, lambda claim_id: f"../{claim_id}/")
              for claim in content.claims.values()]
    site = diagrams.site_pages(lambda page, claim_id: f"claims/{claim_id}/")
    return claims, "".join(site[0][0])


def test_a_separate_build_draws_the_same_graphs_measuring_no_title_again(content, tmp_path, monkeypatch):
    file = tmp_path / "cache" / "layouts.json"
    measured = Measured(monkeypatch)
    first = graphs(content, file)
    assert measured.titles and (tmp_path / "cache" / "boxes.json").is_file()
    assert any("<svg" in graph for graph in first[0])
    measured.titles.clear()
    assert graphs(content, file) == first
    assert measured.titles == []


@pytest.mark.parametrize("damage", ["another measurer", "not JSON", "a box of the wrong shape", "empty"])
def test_boxes_of_another_measurer_or_a_damaged_file_are_measured_again(content, tmp_path, monkeypatch,
                                                                        damage):
    file = tmp_path / "layouts.json"
    measured = Measured(monkeypatch)
    first = graphs(content, file)
    count = len(measured.titles)
    boxes = file.with_name("boxes.json")
    lines = boxes.read_text(encoding="utf-8").splitlines()
    if damage == "another measurer":  # other fonts, another Pillow or other code: its boxes may differ
        lines[0] = json.dumps({"measurer": "0" * 64})
    elif damage == "not JSON":
        lines[1] = lines[1][: len(lines[1]) // 2]
    elif damage == "a box of the wrong shape":
        title, bold, _, width, height = json.loads(lines[1])
        lines[1] = json.dumps([title, bold, "one line", width, height])
    else:
        lines = []
    boxes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    measured.titles.clear()
    assert graphs(content, file) == first
    assert len(measured.titles) == count  # every title measured again, none taken from the file


def test_the_file_keeps_only_the_boxes_of_the_last_build(content, tmp_path, monkeypatch):
    file = tmp_path / "layouts.json"
    graphs(content, file)
    boxes = file.with_name("boxes.json")
    titles = {json.loads(line)[0] for line in boxes.read_text(encoding="utf-8").splitlines()[1:]}
    assert titles == {claim.title for claim in content.claims.values() if RelationGraph(content).of(claim.id)}
    first = next(iter(content.claims.values()))
    monkeypatch.setattr(first, "title", "A title no earlier build measured")
    graphs(content, file)
    titles = {json.loads(line)[0] for line in boxes.read_text(encoding="utf-8").splitlines()[1:]}
    assert "A title no earlier build measured" in titles or not RelationGraph(content).of(first.id)
    assert all(title in {claim.title for claim in content.claims.values()} for title in titles)
