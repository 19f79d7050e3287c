"""Issue 11.11: a rebuild that reuses the last build's pages (`mkdocs serve`) shows exactly what a fresh build
shows.

Hypothesis chooses a sequence of edits on a small content set that uses every way one page shows another
record (speakers, topics, sources, relations both ways, automatic related claims, `[[…]]` mentions, `![[…]]`
embeds, explainers); after each edit, the pages of a cached rebuild are compared, field by field, with those
of a build without a cache.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_CONFIG, Project, search_records
from mkdocs_claims import handwritten, sanitizer
from mkdocs_claims.kept_pages import KeptPages
from mkdocs_claims.loader import load_content
from mkdocs_claims.settings import Settings
from mkdocs_claims.site import Site

NAMES = ["Anna Petrova", "Boris Ivanov", "Chen Wei", "Dora Kim", "Emil Novak", "Farah Aziz"]
TITLES = ["Peace talks", "Sanctions", "Energy", "Grain deal", "Prisoner swap", "Ceasefire"]
VERDICTS = ["", "accurate", "mixed", "misleading", "inaccurate"]
RELATION_TYPES = ["see-also", "supports", "contradicts", "rejects", "responds-to", "repeats"]
KIND_FOLDER = {"claim": "", "person": "people/", "topic": "topics/", "source": "sources/"}


def initial_state() -> dict:
    """Three people, two topics, two shared sources, four claims, an explainer and a note, all
    cross-linked."""
    def claim(**fields):
        return {"verdict": "mixed", "topics": ["t0"], "sources": ["s0"], "related": [], "mentions": [],
                "inline": False, **fields}

    return {
        "person": {f"p{i}": {"name": NAMES[i], "role": f"Minister {i}", "mentions": []} for i in range(3)},
        "topic": {"t0": {"title": TITLES[0], "mentions": [("link", "claim", "c1")]},
                  "t1": {"title": TITLES[1], "mentions": []}},
        "source": {"s0": {"title": "Report zero"}, "s1": {"title": "Report one"}},
        "claim": {
            "c0": claim(title="First claim", date=1, speakers=["p0"], related=[("c1", "rejects")],
                        mentions=[("link", "person", "p1"), ("embed", "claim", "c2"),
                                  ("link", "source", "s1")]),
            "c1": claim(title="Second claim", date=2, speakers=["p1"], topics=["t0", "t1"],
                        sources=["s0", "s1"], mentions=[("link", "topic", "t1"), ("link", "claim", "c3")]),
            "c2": claim(title="Third claim", date=2, speakers=["p2", "p0"], verdict="", inline=True,
                        mentions=[("link", "person", "p0")], related=[("c3", "supports")]),
            "c3": claim(title="Fourth claim", date=3, speakers=["p1"], topics=["t1"],
                        mentions=[("embed", "claim", "c0"), ("link", "topic", "t0")]),
        },
        # hand-written pages: one in the explainers folder (listed on person and topic pages), one not
        "page": {
            "explainers/how.md": {"title": "How it went",
                                  "mentions": [("embed", "claim", "c1"), ("link", "claim", "c2"),
                                                                       ("link", "person", "p2")]},
            "notes.md": {"title": "Notes", "mentions": [("link", "claim", "c3"), ("link", "topic", "t1")]},
        },
    }


def mention_text(mention: tuple[str, str, str]) -> str:
    form, kind, target = mention
    if form == "embed":
        return f"\n\n![[{target}]]\n\n"
    return f" See [[{KIND_FOLDER[kind]}{target}]]."


def write(root: Path, state: dict) -> None:
    """The state as content files, replacing whatever the folder held."""
    content = root / "claims"
    for file in content.rglob("*.yml"):
        file.unlink()
    project = Project.__new__(Project)
    project.root = root
    for person_id, person in state["person"].items():
        description = "".join(mention_text(m) for m in person["mentions"])
        project.write(f"claims/people/{person_id}.yml",
                      f"name: {person['name']}\nrole: {person['role']}\ndescription: |\n"
                      + textwrap.indent(f"A person.{description}", "  ") + "\n")
    for topic_id, topic in state["topic"].items():
        description = "".join(mention_text(m) for m in topic["mentions"])
        project.write(f"claims/topics/{topic_id}.yml",
                      f"title: {topic['title']}\ndescription: |\n"
                      + textwrap.indent(f"A topic.{description}", "  ") + "\n")
    for source_id, source in state["source"].items():
        project.write(f"claims/sources/{source_id}.yml",
                      f"title: {source['title']}\npublisher: Agency\nurl: https://example.org/{source_id}\n")
    for claim_id, claim in state["claim"].items():
        sources = list(claim["sources"]) + (["own"] if claim["inline"] else [])
        cites = "".join(f" [@{s}]" for s in sources)
        body = f"Said so.{cites}" + "".join(mention_text(m) for m in claim["mentions"])
        extra = f"verdict: {claim['verdict']}\nverdict_note: Because.\n" if claim["verdict"] else ""
        extra += f"topics: [{', '.join(claim['topics'])}]\n" if claim["topics"] else ""
        if claim["related"]:
            extra += "related:\n" + "".join(f"  - claim: {target}\n    type: {kind}\n"
                                            for target, kind in claim["related"])
        if claim["inline"]:
            sources_yaml = ("\n" + "".join(f"  - {s}\n" for s in claim["sources"])
                            + "  - id: own\n    title: Own report\n    publisher: Paper\n    url: https://example.org/own\n")
        else:
            sources_yaml = f" [{', '.join(sources)}]\n"
        project.write(f"claims/2025/{claim_id}.yml",
                      f"title: {claim['title']}\nclaim: Something was said.\n"
                      f"speaker: [{', '.join(claim['speakers'])}]\n"
                      f"date: 2025-03-{claim['date']:02d}\nquotes:\n  - text: A quote\n    source: "
                      f"{sources[0]}\n{extra}sources:{sources_yaml}body: |\n"
                      + textwrap.indent(body, "  ") + "\n")
    for path, page in state["page"].items():
        heading = (f"---\ntitle: {page['title']}\ndescription: About it.\ndate: 2025-03-09\n---\n\n"
                   if path.startswith("explainers/") else f"# {page['title']}\n\n")
        project.write(f"docs/{path}",
                      heading + "Intro." + "".join(mention_text(m) for m in page["mentions"]) + "\n")


# -- edits: each takes the state and numbers hypothesis chose, and changes the state as a contributor would --


def pick(records: dict, number: int) -> str:
    ids = sorted(records)
    return ids[number % len(ids)]


def rename(kind: str):
    field = "name" if kind == "person" else "title"

    def edit(state, number, word):
        state[kind][pick(state[kind], number)][field] = f"{word} {number}"
    return edit


def claim_field(field: str, values):
    def edit(state, number, word):
        claim = state["claim"][pick(state["claim"], number)]
        claim[field] = values(state, number, word)
    return edit


def add_relation(state, number, word):
    claim_id = pick(state["claim"], number)
    others = [c for c in sorted(state["claim"]) if c != claim_id
              and c not in {target for target, _ in state["claim"][claim_id]["related"]}]
    if others:
        state["claim"][claim_id]["related"].append((others[number % len(others)], RELATION_TYPES[number % 6]))


def remove_relation(state, number, word):
    related = state["claim"][pick(state["claim"], number)]["related"]
    if related:
        related.pop(number % len(related))


def add_claim(state, number, word):
    claim_id = f"c{max(int(c[1:]) for c in state['claim']) + 1}" if state["claim"] else "c0"
    state["claim"][claim_id] = dict(
        title=f"{word} claim", date=1 + number % 5, speakers=[pick(state["person"], number)],
        verdict="accurate", topics=[pick(state["topic"], number)], sources=[pick(state["source"], number)],
        inline=False, related=[(pick(state["claim"], number), "responds-to")] if state["claim"] else [],
        mentions=[("embed", "claim", pick(state["claim"], number + 1))] if state["claim"] else [])


def delete_claim(state, number, word):
    if len(state["claim"]) <= 1:
        return
    gone = pick(state["claim"], number)
    del state["claim"][gone]
    # Whoever linked it is edited too, as `claims check` requires.
    for record in [*state["claim"].values(), *state["person"].values(), *state["topic"].values(),
                   *state["page"].values()]:
        record["mentions"] = [m for m in record["mentions"] if (m[1], m[2]) != ("claim", gone)]
        if "related" in record:
            record["related"] = [r for r in record["related"] if r[0] != gone]


def add_mention(where: str):
    def edit(state, number, word):
        record = state[where][pick(state[where], number)]
        kind = ["claim", "person", "topic", "source"][number % 4]
        form = "embed" if kind == "claim" and number % 8 < 4 else "link"
        record["mentions"].append((form, kind, pick(state[kind], number // 4)))
    return edit


def remove_mention(where: str):
    def edit(state, number, word):
        record = state[where][pick(state[where], number)]
        if record["mentions"]:
            record["mentions"].pop(number % len(record["mentions"]))
    return edit


def retitle_page(state, number, word):
    state["page"][pick(state["page"], number)]["title"] = f"{word} explained {number}"


def role(state, number, word):
    state["person"][pick(state["person"], number)]["role"] = f"{word} minister"


EDITS = {
    "rename person": rename("person"),
    "rename topic": rename("topic"),
    "rename source": rename("source"),
    "person role": role,
    "claim title": claim_field("title", lambda state, n, word: f"{word} said {n}"),
    "claim date": claim_field("date", lambda state, n, word: 1 + n % 9),
    "claim rating": claim_field("verdict", lambda state, n, word: VERDICTS[n % len(VERDICTS)]),
    "claim speaker": claim_field("speakers", lambda state, n, word: [pick(state["person"], n // 3)]),
    "claim topics": claim_field("topics", lambda state, n, word: sorted({pick(state["topic"], n // 2)})),
    "add relation": add_relation,
    "remove relation": remove_relation,
    "add claim": add_claim,
    "delete claim": delete_claim,
    "mention in a claim": add_mention("claim"),
    "unmention in a claim": remove_mention("claim"),
    "mention in a person": add_mention("person"),
    "mention in a topic": add_mention("topic"),
    "mention in a hand-written page": add_mention("page"),
    "unmention in a hand-written page": remove_mention("page"),
    "retitle a hand-written page": retitle_page,
}

edit_steps = st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 60),
                                st.sampled_from(["Alpha", "Beta", "Gamma", "Delta"])), min_size=1, max_size=6)


def builds(root: Path, cache: KeptPages, page_size: int = Settings.page_size) -> tuple[dict, dict]:
    """The pages of the content in `root`, built with the pages kept from the builds before (updating them)
    and without."""
    content, problems = load_content(root / "claims", root)
    assert not problems, "\n".join(map(str, problems))
    options = Settings(edit_url="https://example.org/edit/main/",
                       site_url="https://example.org/", page_size=page_size)
    docs = list(handwritten.pages_in(root / "docs"))
    explained = handwritten.explained_in(docs, content, options.claims_prefix)
    explainers = handwritten.explainers(docs, content, options.explainers_dir)
    assert explainers
    cache.new_build()
    return tuple({page.src_uri: page for page in Site(content, options, explained, used, explainers).pages()}
                 for used in (cache, None))


def assert_same_pages(cached: dict, fresh: dict, step: str) -> None:
    assert cached.keys() == fresh.keys(), step
    for src_uri, page in fresh.items():
        for field in dataclasses.fields(page):
            if field.name in ("markdown", "stash"):
                # A page kept by another process holds the plugin's HTML under that process's tokens: the
                # same once put back.
                seen, expected = (p.stash.restore(p.markdown) for p in (cached[src_uri], page))
            else:
                seen, expected = getattr(cached[src_uri], field.name), getattr(page, field.name)
            assert seen == expected, f"after {step}: {src_uri} has a stale {field.name}"


def assert_rebuilds_stay_fresh(steps, page_size: int = Settings.page_size, on_disk: bool = False) -> None:
    """After each of the edits `steps`, a rebuild that reuses the pages kept by the last build (in memory, or
    `on_disk` in a folder, as a new process with its own stash secret finds them) equals a build without."""
    state = initial_state()
    secret = sanitizer._STASH_SECRET
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        write(root, state)

        def kept() -> KeptPages:
            if not on_disk:
                return cache
            sanitizer._STASH_SECRET = os.urandom(16)  # another process
            return KeptPages(root / "kept")

        cache = KeptPages(in_memory=True)
        try:
            assert_same_pages(*builds(root, kept(), page_size), "the first build")
            done = []
            for name, number, word in steps:
                EDITS[name](state, number, word)
                done.append(f"{name} ({number}, {word})")
                write(root, state)
                assert_same_pages(*builds(root, kept(), page_size), " then ".join(done))
        finally:
            sanitizer._STASH_SECRET = secret


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_steps)
def test_cached_rebuild_equals_fresh_build_after_any_edits(steps):
    assert_rebuilds_stay_fresh(steps)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_steps)
def test_cached_rebuild_equals_fresh_build_with_one_claim_a_page(steps):
    # Issue 13.2: with one claim a page every list is paged (the index, the timeline's months, each record's
    # claims), and each page depends on its neighbours' numbers and on the claims before it: no edit may leave
    # one stale.
    assert_rebuilds_stay_fresh(steps, page_size=1)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_steps)
def test_a_build_that_reads_the_pages_kept_by_an_earlier_process_equals_a_fresh_build(steps):
    # Issue 13.5: `mkdocs build` takes back, from the cache folder, the pages of the last build whose records
    # did not change.
    assert_rebuilds_stay_fresh(steps, on_disk=True)


# Each kind of edit the issue names, once, so a failure names the edit without shrinking.
@pytest.mark.parametrize("page_size", [Settings.page_size, 1])
def test_each_kind_of_edit_alone_leaves_no_stale_page(page_size):
    for name in sorted(EDITS):
        for number in range(3):
            state = initial_state()
            with tempfile.TemporaryDirectory() as temp:
                root = Path(temp)
                write(root, state)
                cache = KeptPages(in_memory=True)
                builds(root, cache, page_size)
                EDITS[name](state, number, "Omega")
                write(root, state)
                assert_same_pages(*builds(root, cache, page_size), f"{name} ({number})")


def test_the_pages_of_the_indexes_are_kept_unless_what_they_show_changed():
    """Issue 13.2: with one record a page, the people index has a page per person; an edit none of them shows
    keeps every page, a new role rebuilds only the page of that person, and a claim more only those that count
    it."""
    state = initial_state()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        pages: list[dict] = []
        cache = KeptPages(in_memory=True)
        for edit in (lambda: None, lambda: state["claim"]["c0"].update(title="Retitled claim"),
                     lambda: state["person"]["p1"].update(role="Minister of tests"),
                     lambda: add_claim(state, 2, "Omega")):
            edit()
            write(root, state)
            pages.append(builds(root, cache, page_size=1)[0])
        # Anna Petrova, Boris Ivanov, Chen Wei
        index = ["people/index.md", "people/page/2.md", "people/page/3.md"]
        assert all(src_uri in pages[0] for src_uri in index)
        kept = [[pages[step][src_uri] is pages[step - 1][src_uri] for src_uri in index] for step in (1, 2, 3)]
        speaker = index[sorted(state["person"]).index(state["claim"][max(state["claim"],
                                                                         key=lambda c: int(c[1:]))]
                                                      ["speakers"][0])]
        assert kept == [[True, True, True], [True, False, True],
                        [src_uri != speaker for src_uri in index]], kept


# -- through MkDocs: the plugin instance kept across rebuilds, as `mkdocs serve` keeps it --------------------

SERVE_REBUILD = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
root, site, dirty, steps = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "dirty", json.loads(sys.argv[4])
first = load_config(str(root / "mkdocs.yml"), site_dir=site)
first.plugins.on_startup(command="serve", dirty=dirty)
build(first, dirty=dirty)
# Each step: files to write (or delete, for None), then a rebuild by the same plugin instance.
for edited in steps:
    for path, text in edited.items():
        if text is None:
            (root / path).unlink()
        else:
            (root / path).write_text(text, encoding="utf-8")
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=site), dirty=dirty)
    except Exception as error:  # as `mkdocs serve` does, it reports the failure and waits for the next edit
        print("failed:", error)
"""


def serve_rebuilds(project: Project, mode: str, steps: list[dict]) -> Path:
    """The site folder after a first build and a rebuild after each step, in one process as `mkdocs serve`."""
    served = project.root / "served"
    done = subprocess.run([sys.executable, "-c", SERVE_REBUILD, str(project.root), str(served), mode,
                           json.dumps(steps)],
                          cwd=project.root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return served


def assert_same_files(fresh: Path, served: Path, step: str) -> None:
    expected, got = site_files(fresh), site_files(served)
    assert sorted(got) == sorted(expected)
    stale = [path for path in expected if got[path] != expected[path]]
    assert not stale, f"after {step}, these files differ from a fresh build: {stale}"
    # Pagefind numbers pages in a different order on each run (its files differ byte for byte even for the
    # same site): what it indexed must be the same, page by page.
    assert search_records(served) == search_records(fresh), f"after {step}, the search index differs"


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (compared by what it holds) and MkDocs' sitemap, which
    a dirty build leaves to MkDocs."""
    return {path: file.read_bytes() for file in site.rglob("*") if file.is_file()
            and not (path := file.relative_to(site).as_posix()).startswith(("pagefind/", "sitemap.xml"))}


@pytest.mark.parametrize("mode", ["serve", "dirty"])
@pytest.mark.parametrize("edit", ["rename person", "delete claim", "rename topic"])
def test_serve_rebuild_writes_the_same_files_as_a_fresh_build(tmp_path, mode, edit):
    project = Project(tmp_path, MINIMAL_CONFIG + "repo_url: https://github.com/example/site\n")
    state = initial_state()
    write(project.root, state)
    before = {file: file.read_text(encoding="utf-8") for file in (project.root / "claims").rglob("*.yml")}
    EDITS[edit](state, 0, "Renamed")
    write(project.root, state)
    after = {file: file.read_text(encoding="utf-8") for file in (project.root / "claims").rglob("*.yml")}
    fresh = project.build("--strict")
    assert fresh.returncode == 0, fresh.output
    for file, text in before.items():  # back to the state before the edit, for the serving process to edit
        file.write_text(text, encoding="utf-8")
    edited = {str(file.relative_to(project.root)): text for file, text in after.items()
              if before.get(file) != text}
    edited.update({str(file.relative_to(project.root)): None for file in before if file not in after})
    assert edited, "the edit changed no file"
    assert_same_files(fresh.site, serve_rebuilds(project, mode, [edited]), f"{edit} ({mode})")


FAIL_ON_TIMELINE = """
from pathlib import Path
def on_post_page(output, page, **kwargs):
    if (Path(__file__).parent / "fail").exists() and page.file.src_uri == "timeline.md":
        raise RuntimeError("a build that fails after writing some pages")
    return output
"""


def test_dirty_rebuild_after_a_failed_build_rewrites_what_the_failed_build_wrote(tmp_path):
    # A build that fails half-way (here a hook; in life a theme or another plugin) has written some pages.
    # When the next edit reverts the content, those pages must not be taken for up to date.
    project = Project(tmp_path, MINIMAL_CONFIG + "hooks:\n  - hooks.py\n")
    project.write("hooks.py", FAIL_ON_TIMELINE)
    state = initial_state()
    write(project.root, state)
    original = {str(file.relative_to(project.root)): file.read_text(encoding="utf-8")
                for file in (project.root / "claims").rglob("*.yml")}
    fresh = project.build("--strict")
    assert fresh.returncode == 0, fresh.output
    EDITS["rename person"](state, 0, "Renamed")
    write(project.root, state)
    renamed = {str(file.relative_to(project.root)): file.read_text(encoding="utf-8")
               for file in (project.root / "claims").rglob("*.yml")}
    for path, text in original.items():
        project.write(path, text)
    steps = [{**{path: text for path, text in renamed.items() if original[path] != text}, "fail": ""},
             {**{path: text for path, text in original.items() if renamed[path] != text}, "fail": None}]
    served = serve_rebuilds(project, "dirty", steps)
    assert "Renamed" not in (served / "people/p0/index.html").read_text(encoding="utf-8")
    assert_same_files(fresh.site, served, "a failed build, then the edit undone")
