"""Issue 13.5: a single `mkdocs build` lets go of what it no longer needs, so 25,000 claims fit in memory.

MkDocs converts every page before it writes the first, so whatever the plugin keeps per page is multiplied by
the number of claims: a single build keeps no page cache, holds each generated page's HTML compressed until
MkDocs writes it and lets go of it then, and hands share images to MkDocs as files of the cache folder.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import Project, claim_yaml

# One build in process as the `mkdocs build` command runs it, then what the plugin and MkDocs still hold.
SINGLE_BUILD = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import Files
files_seen = []
original = Files.copy_static_files
def copy_static_files(self, *args, **kwargs):
    files_seen.append(self)
    return original(self, *args, **kwargs)
Files.copy_static_files = copy_static_files
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command=sys.argv[3], dirty=False)
build(config)
plugin = config.plugins["claims"]
generated = plugin.pages.generated
files = files_seen[0]
images = [file for file in files if file.src_uri.endswith(".png") and file.src_uri.startswith("claims/")]
print(json.dumps({
    "generated": len(generated),
    "cached": len(plugin.kept_pages.memory),
    "parts": sum(len(page.head + page.tail + page.meta_html) for page in generated.values()),
    "content": sum(len(files.get_file_from_path(src_uri).page.content or "") for src_uri in generated),
    "images_in_memory": sum(1 for file in images if file._content is not None),
    "images": len(images),
}))
"""


def held_after(project: Project, command: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SINGLE_BUILD, str(project.root / "mkdocs.yml"),
                           str(project.root / "site"), command], cwd=project.root, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_single_build_holds_no_page_html_once_written(project):
    project.add_basics()
    for number in range(3):
        project.write(f"claims/2025/claim-{number}.yml", claim_yaml(title=f"Claim {number}"))
    held = held_after(project, "build")
    assert held["generated"] > 3 and held["images"] == 3
    assert held["cached"] == 0 and held["parts"] == 0 and held["content"] == 0
    assert held["images_in_memory"] == 0  # copied from the cache folder
    # `mkdocs serve` keeps the pages for its next rebuild (test_cache checks that what it reuses is right).
    served = held_after(project, "serve")
    assert served["cached"] > 3 and served["parts"] > 0


# Builds in one process as `mkdocs serve` runs them, then how many objects the collector does not see.
FROZEN_AFTER_BUILDS = """
import gc, json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
frozen = []
for number in range(5):
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    frozen.append(gc.get_freeze_count())
print(json.dumps(frozen))
"""


def test_what_a_build_holds_to_its_end_is_out_of_the_collectors_sight(project):
    # The claims and the configuration live to the build's end: frozen, collections no longer walk them. A
    # rebuild (`mkdocs serve`) freezes what it loaded, not one more build's worth of objects each time.
    project.add_basics()
    for number in range(3):
        project.write(f"claims/2025/claim-{number}.yml", claim_yaml(title=f"Claim {number}"))
    done = subprocess.run([sys.executable, "-c", FROZEN_AFTER_BUILDS, str(project.root / "mkdocs.yml"),
                           str(project.root / "site")], cwd=project.root, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    frozen = json.loads(done.stdout.strip().splitlines()[-1])
    assert frozen[0] > 10_000, frozen  # MkDocs, the theme and the content
    assert frozen[2] < frozen[0] * 1.2, frozen  # not one build's worth more per rebuild
    # nor what a rebuild leaves behind, frozen before it is collected: nothing accrues from one to the next
    assert max(frozen[2:]) - min(frozen[2:]) < 200, frozen
