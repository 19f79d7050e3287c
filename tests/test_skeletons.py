"""`claims new` skeletons are safe to edit: every commented example, uncommented as an editor does
(removing `# `) and filled in, gives a file that passes `claims check`."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims import skeleton

# A commented example line: `# key: value` or `# - key: value`, at any indentation; prose comments are
# sentences.
_EXAMPLE = re.compile(r"^(?P<indent>\s*)# (?P<code>\s*(?:- )?[a-z_]+:(?:\s|$).*)$")
# What a contributor would write for each field, by field name.
FILLED = {
    "title": "A title", "claim": "Russia will make no compromises.", "speaker": "putin", "venue": "Moscow",
    "summary": "Short.", "text": "the exact words", "source": "isw", "original": "точные слова", "lang": "ru",
    "verdict": "misleading", "verdict_note": "Because.", "note": "Because.", "publisher": "A publisher",
    "url": "https://example.org/a", "archive_url": "https://web.archive.org/web/2025/https://example.org/a",
    "date": "2025-03-06", "accessed": "2025-03-07", "quote": "An excerpt.", "name": "Jane Doe",
    "role": "Minister", "description": "Who this is.", "wikidata": "Q7747", "body": "Said it [@isw].\n",
    "claim_id": "other", "id": "inline-source", "authors": "jane-doe", "reviewers": "john-roe",
}
TEAM = "      team:\n        jane-doe: {name: Jane Doe}\n        john-roe: {name: John Roe}\n"


def example_blocks(text: str) -> list[list[int]]:
    """The line numbers of each commented example: a run of example lines, with the comments inside it."""
    lines = text.split("\n")
    blocks: list[list[int]] = []
    for number, line in enumerate(lines):
        if _EXAMPLE.match(line) and not line.lstrip().startswith("# yaml-language-server"):
            if blocks and blocks[-1][-1] == number - 1:
                blocks[-1].append(number)
            else:
                blocks.append([number])
    return blocks


def uncomment(text: str, numbers: list[int]) -> str:
    lines = text.split("\n")
    for number in numbers:
        match = _EXAMPLE.match(lines[number])
        lines[number] = match.group("indent") + match.group("code")
    return "\n".join(lines)


def fill(value, key: str = "", parent: str = ""):
    """The data with every placeholder and example value replaced by a real one, by field name."""
    if isinstance(value, dict):
        return {k: fill(v, k, key) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(item, key, parent) for item in value]
    if not isinstance(value, str) or not (value.startswith("TODO") or "..." in value
                                          or "other-claim-id" in value):
        return value
    if key == "claim" and parent == "related":
        return FILLED["claim_id"]
    if key == "sources":
        return "isw"
    if key == "topics":
        return "peace-talks"
    return FILLED[key]


def write_filled(project: Project, kind: str, record_id: str, text: str):
    data = fill(yaml.safe_load(text))  # uncommenting must give valid YAML
    assert "TODO" not in repr(data)
    path = skeleton.target_path(project.root / "claims", kind, record_id, skeleton.dt.date(2025, 3, 6))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def site(project: Project) -> Project:
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n", "  - claims:\n" + TEAM))
    project.add_basics()
    project.write("claims/2025/03/other.yml", claim_yaml(title="Another claim"))
    return project


def _skeleton(project: Project, kind: str, record_id: str) -> str:
    file = skeleton.create(kind, record_id, project.root / "claims", project.root,
                           **({"speakers": ["putin"], "date": "2025-03-06", "topics": ["peace-talks"]}
                              if kind == "claim" else {}))
    text = file.read_text(encoding="utf-8")
    file.unlink()
    return text


@pytest.mark.parametrize("kind", skeleton.KINDS)
def test_every_commented_example_uncommented_and_filled_passes_the_check(site, kind):
    text = _skeleton(site, kind, "new-record")
    blocks = example_blocks(text)
    if kind == "claim":  # quotes' original and lang, an inline source, related, read_also, updates
        assert len(blocks) >= 5, blocks
    variants = [("none", [])] + [(f"example at line {b[0] + 1}", b) for b in blocks]
    variants.append(("all", [number for block in blocks for number in block]))
    for index, (name, numbers) in enumerate(variants):
        edited = uncomment(text, numbers)
        try:
            write_filled(site, kind, f"new-record-{index}", edited)
        except yaml.YAMLError as error:
            pytest.fail(f"{kind} skeleton, {name} uncommented, is not valid YAML: {error}\n{edited}")
    done = site.check()
    assert done.returncode == 0, done.stdout


def test_no_skeleton_leaves_an_empty_list_before_commented_items(site):
    for kind in skeleton.KINDS:
        lines = _skeleton(site, kind, "x").split("\n")
        for number, line in enumerate(lines[:-1]):
            if line.rstrip().endswith(": []"):
                assert not _EXAMPLE.match(lines[number + 1]), (kind, line, lines[number + 1])
