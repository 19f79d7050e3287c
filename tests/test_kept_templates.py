"""Issue 13.5: compiled Jinja templates (the theme's and the plugin's) kept in the cache folder
(renderer.keep_compiled): a later build compiles none, an edited template is compiled again, and a cache
folder that cannot be written only costs time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import Project, claim_yaml

# One build as `mkdocs build` runs it, counting the templates Jinja compiles.
COUNTED_BUILD = """
import json, sys, jinja2
compiled = []
original = jinja2.Environment.compile
def compile(self, source, name=None, *args, **kwargs):
    compiled.append(name)
    return original(self, source, name, *args, **kwargs)
jinja2.Environment.compile = compile
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(json.dumps(compiled))
"""
CONFIG = """\
site_name: Kept templates
theme:
  name: material
  custom_dir: overrides
plugins:
  - claims
"""
OVERRIDE = '{% extends "base.html" %}{% block announce %}<p class="announced">ANNOUNCE</p>{% endblock %}'


def compiled_in_build(project: Project, cache) -> list[str]:
    done = subprocess.run([sys.executable, "-c", COUNTED_BUILD, str(project.root / "mkdocs.yml"),
                           str(project.root / "site")], cwd=project.root, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def site(tmp_path, announce: str = "First") -> Project:
    project = Project(tmp_path / "project", CONFIG).add_basics()
    project.write("claims/2025/claim.yml", claim_yaml())
    project.write("overrides/main.html", OVERRIDE.replace("ANNOUNCE", announce))
    return project


def test_a_later_build_compiles_no_template_and_an_edited_one_again(tmp_path):
    project, cache = site(tmp_path), tmp_path / "cache"
    first = compiled_in_build(project, cache)
    assert {"base.html", "main.html", "claim_head.html"} <= set(first)  # the theme's and the plugin's
    assert compiled_in_build(project, cache) == []
    project.write("overrides/main.html", OVERRIDE.replace("ANNOUNCE", "Second"))
    assert compiled_in_build(project, cache) == ["main.html"]
    page = (project.root / "site" / "claims" / "claim" / "index.html").read_text(encoding="utf-8")
    assert '<p class="announced">Second</p>' in page and "First" not in page


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path):
    project, cache = site(tmp_path), tmp_path / "not-a-folder"
    cache.write_text("a file where the cache folder would be", encoding="utf-8")
    assert "base.html" in compiled_in_build(project, cache)
    assert "base.html" in compiled_in_build(project, cache)  # compiled again: nothing could be kept
    assert "First" in (project.root / "site" / "claims" / "claim" / "index.html").read_text(encoding="utf-8")
