"""Each fact of the format lives in one place, and whatever must repeat it is checked against it.

The JSON Schemas are static files (editors read them from the site, and `claims.schema.json` is published), so
they cannot import the Python source: these tests fail as soon as one side is edited without the other."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from mkdocs_claims import model, relations, settings
from mkdocs_claims.schema import SCHEMAS

SCHEMA_FILES = sorted(SCHEMAS.glob("*.json"))
# The patterns of the schemas that are not ids, each a fact of its own field.
OTHER_PATTERNS = {
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",  # a quote's `lang` (BCP 47)
    "^https?://[^\\s/?#]+[^\\s]*$",  # every web address
    "^Q[1-9][0-9]*$",  # a person's Wikidata item
}


def _walk(node, path=()):
    """Every (path, key, value) in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


@pytest.mark.parametrize("file", SCHEMA_FILES, ids=lambda file: file.name)
def test_every_id_pattern_of_the_schemas_is_the_id_grammar(file: Path):
    patterns = [(path, value) for path, key, value in _walk(json.loads(file.read_text(encoding="utf-8")))
                if key == "pattern"]
    for path, pattern in patterns:
        assert pattern == model.ID_PATTERN or pattern in OTHER_PATTERNS, (file.name, path, pattern)


def test_the_id_grammar_is_the_schemas_and_the_loaders():
    claim = json.loads((SCHEMAS / "claim.json").read_text(encoding="utf-8"))
    assert claim["$defs"]["id"]["pattern"] == model.ID_PATTERN
    for kind in ("person", "source", "topic"):
        assert json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))["$defs"]["id"]["pattern"] \
            == model.ID_PATTERN
    # `match` with `\Z`: a final newline (which `$` would let through) is not part of an id.
    for text, valid in (("putin", True), ("a-b-2", True), ("a--b", False), ("-a", False), ("A", False),
                        ("a\n", False), ("a_b", False), ("", False)):
        assert bool(model.ID.match(text)) is valid, text


@pytest.mark.parametrize("file, path", [
    ("claim.json", ("properties", "related", "items", "properties", "type")),
    ("data.json", ("$defs", "claim", "properties", "relations", "items", "properties", "type")),
])
def test_relation_types_of_the_schemas_are_relations_py(file: str, path: tuple[str, ...]):
    node = json.loads((SCHEMAS / file).read_text(encoding="utf-8"))
    for step in path:
        node = node[step]
    assert node["enum"] == list(relations.RELATION_TYPES)


def test_every_enum_of_relation_types_in_the_schemas_is_checked():
    """A new place in a schema that lists the relation types must be added to the test above."""
    places = [(file.name, path) for file in SCHEMA_FILES
              for path, key, value in _walk(json.loads(file.read_text(encoding="utf-8")))
              if key == "enum" and set(value) & set(relations.RELATION_TYPES)]
    assert sorted(places) == [("claim.json", ("properties", "related", "items", "properties", "type")),
                              ("data.json", ("$defs", "claim", "properties", "relations", "items",
                                             "properties", "type"))]


def test_the_plugins_option_defaults_are_the_settings_defaults():
    pytest.importorskip("mkdocs")
    from mkdocs_claims.config import ClaimsConfig

    options = ClaimsConfig()
    options.load_dict({})
    assert options.validate() == ([], [])
    defaults = settings.Settings()
    shared = [f.name for f in fields(settings.Settings) if f.name in options]
    assert {"content_dir", "claims_prefix", "related_count", "explainers_dir", "timeline_page"} <= set(shared)
    for name in shared:
        if name in ("scale", "team", "organization"):  # read into objects; empty means the defaults
            continue
        assert options[name] == getattr(defaults, name), name
    read = settings.settings_from(dict(options), {}, Path("."))
    for name in shared:
        assert getattr(read, name) == getattr(defaults, name), name


def test_kinds_and_their_folders_come_from_one_table():
    assert set(model.PLURALS) == set(model.KINDS)
    assert model.KIND_FOLDERS == {"people": "person", "sources": "source", "topics": "topic"}
    from mkdocs_claims import links, skeleton

    assert {plural: kind for kind, plural in model.PLURALS.items()} == links.LINK_KINDS
    assert skeleton.KINDS is model.KINDS


def test_the_assets_the_engines_load_are_the_package_files():
    from mkdocs_claims import urls

    package = Path(model.__file__).parent
    assert urls.ASSETS == (urls.STYLESHEET, urls.SCRIPT)
    for asset in urls.ASSETS:
        assert (package / asset).is_file(), asset
