"""Issue 11, point 4: no contributor text can stall `claims check` or `mkdocs build`.

Every scan of ours over contributor text gets pathological inputs near the size limit. A deadline far
above the real cost (milliseconds) is only a safety net, so that a quadratic scan fails the test instead
of hanging it; nothing here asserts a time. What Python-Markdown itself takes quadratic time on is
bounded by the check (markdown_limits.py); benchmarks/run.py --budget measures the worst accepted text.
"""

from __future__ import annotations

import contextlib
import signal
import textwrap

import pytest

from conftest import Project, claim_yaml
from mkdocs_claims import diagram, handwritten
from mkdocs_claims.links import find_references
from mkdocs_claims.loader import load_content
from mkdocs_claims.model import Content
from mkdocs_claims.raw_html import removed_html
from mkdocs_claims.sanitizer import forbidden_urls
from mkdocs_claims.settings import Settings
from mkdocs_claims.site import Site

SIZE = 100_000  # the longest text a field may hold (document.MAX_STRING_CHARS)
SAFETY_SECONDS = 15


@contextlib.contextmanager
def deadline(seconds: int = SAFETY_SECONDS):
    """Fail, instead of hanging, when the block runs far longer than it ever should."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a scan that is not linear")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


PATHOLOGICAL = {
    "backticks then text": "a" + "`" * (SIZE // 2) + "b" * (SIZE // 2 - 10) + "[[x]]",
    "backtick runs of every length": "".join("`" * k + "a" for k in range(1, 440)) + "[[x]]",
    "code spans and links": "`a`[[x]]" * (SIZE // 8),
    "fences": "```\n" * (SIZE // 4),
    "unclosed fence then links": "```\n" + "[[x]]\n" * (SIZE // 6),
    "[[": "[[" * (SIZE // 2),
    "[@": "[@" * (SIZE // 2),
    "[[a|": "[[a|" * (SIZE // 4),
    "<": "<" * SIZE,
    "&": "&" * SIZE,
    "](((": "](" + "(" * SIZE,
    "<a:": "<a:" * (SIZE // 3),
    "href=": "href=" * (SIZE // 5),
    "href= spaces": "href" + " " * SIZE,
    "reference definitions": "\n[a]:" * (SIZE // 5),
    "md links": "](a.md#" + "x.md#" * (SIZE // 5),
    "spaces": " " * SIZE + "x",
    "heading spaces": "# " + " " * SIZE + "x",
    "heading hashes": "#" + " " * (SIZE // 2) + "#" * (SIZE // 2) + "a",
    "front matter without end": "---\n" + "title: x\n" * (SIZE // 9),
    "front matter of dashes": "---\n" + "-" * SIZE,
    "placeholders": "<!-- claims:latest" + " " * SIZE + "\n<!--" * (SIZE // 5),
    "quotes": "> " * (SIZE // 2),
    "blank lines": "\n \n" * (SIZE // 3),
    # The standard library's HTML parser is quadratic on these as one text (Python 3.11); ours reads tag by
    # tag.
    "<a ": "<a " * (SIZE // 3),
    "<a x='": "<a x='" * (SIZE // 6),
    "<!--": "<!--" * (SIZE // 4),
    "<![": "<![" * (SIZE // 3),
    "<a>": "<a>" * (SIZE // 3),
    "indented lines": "- a\n\n" + "    " * 10 + "x\n" * (SIZE // 50) + "    - b\n" * (SIZE // 20),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_our_scans_are_linear_on_pathological_text(name):
    text = PATHOLOGICAL[name]
    with deadline():
        list(find_references(text))
        list(forbidden_urls(text))
        list(removed_html(text))
        list(removed_html(text, page=True))
        handwritten.page_title("page.md", text)
        handwritten.front_matter(text)
        handwritten.placeholders(text)
        handwritten.explained_in([("page.md", text)], Content(), "claims")
        diagram._measured(text, True)  # a title wrapped into the lines of its graph box
    from mkdocs_claims.markdown_limits import markdown_problems  # new with these bounds

    with deadline():
        list(markdown_problems(text))


def test_the_space_before_a_citation_marker_is_removed_in_linear_time(tmp_path):
    project = Project(tmp_path).add_basics()
    project.write("claims/c.yml", claim_yaml(body="Said it [@isw]."))
    content, problems = load_content(project.root / "claims", project.root)
    assert not problems, problems.as_text()
    # Longer than the check lets through, so that only the rewrite's own scan is measured.
    content.claims["c"].body = "Said" + " " * 90_000 + "it [@isw]."
    with deadline():
        page = Site(content, Settings()).claim_page(content.claims["c"])
    markdown = page.stash.restore(page.markdown)  # the marker is held out of the sanitizer's way until then
    assert "Said it" not in markdown and 'it<sup class="claims-cite"' in markdown


@pytest.mark.parametrize("style", ["|", ">", "plain"])
def test_thousands_of_broken_links_are_reported_in_linear_time(tmp_path, style):
    project = Project(tmp_path).add_basics()
    for index in range(60):
        project.write(f"claims/2025/known-claim-{index}.yml", claim_yaml(title=f"Claim {index}"))
    # Paragraphs of 20 links each, every link to a different unknown claim.
    paragraphs = ["x " + " ".join(f"[[k{p}x{i}]]" for i in range(20)) for p in range(300)]
    body = "\n\n".join(paragraphs)
    if style == "plain":  # a plain scalar folds its lines; keep it one line per paragraph
        text = "body: " + " ".join(paragraphs) + "\n"
    else:
        text = f"body: {style}\n" + textwrap.indent(body, "  ") + "\n"
    project.write("claims/2025/bomb.yml", claim_yaml().split("body:")[0] + text)
    with deadline(60):
        _, problems = load_content(project.root / "claims", project.root)
    broken = [p for p in problems if p.message.startswith("broken link")]
    assert len(broken) == 300 * 20
    assert all(p.path == "claims/2025/bomb.yml" and p.line >= 6 for p in broken)


# --- what reaches Python-Markdown is bounded ----------------------------------------------------------------

def check_lines(project: Project) -> list[str]:
    done = project.check()
    assert "Traceback" not in done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if ": " in line
            and not line.endswith(("found.", "all valid."))]


@pytest.mark.parametrize("body, message", [
    ("[[" * 10_000, "this paragraph is 20,000 characters long (at most 5,000)"),
    ("[" * 60 + "x" * 4_900, "this paragraph has too many unclosed or long brackets `[` or tags `<`"),
    ("<b " * 80 + "x" * 4_000, "this paragraph has too many unclosed or long brackets `[` or tags `<`"),
    ("Said [@isw] " * 21, "this paragraph has too many links, brackets, citations and HTML tags"),
    ("> " * 17 + "deep", "this line nests quotes, lists or indented blocks more than 16 levels deep"),
    ("- " * 3000 + "a", "this line nests quotes, lists or indented blocks more than 16 levels deep"),
    ("".join("    " * level + "- a\n" for level in range(40)),
     "this line nests quotes, lists or indented blocks"),
    ("# Same\n\n" * 201, "the text has more than 200 headings"),
])
def test_the_check_refuses_markdown_that_would_build_slowly(project, body, message):
    project.add_basics()
    project.write("claims/c.yml", claim_yaml(body="Fine paragraph [@isw].\n\n" + body))
    lines = check_lines(project)
    assert any(line.startswith("claims/c.yml:") and message in line for line in lines), lines
    if "headings" not in message and "    - a" not in body:
        assert any(line.startswith("claims/c.yml:9:3: " + message) for line in lines), lines


def test_a_paragraph_at_the_bound_is_accepted_and_builds(project):
    project.add_basics()
    paragraph = "Words " + " ".join("[x](https://e.org/)" for _ in range(90)) + " and [@isw]."
    project.write("claims/c.yml", claim_yaml(body=paragraph + "\n\n" + paragraph))
    assert check_lines(project) == []
    build = project.build("--strict")  # conftest's generous subprocess timeout is the safety net
    assert build.returncode == 0, build.output
    assert len(build.article("claims/c/").select("a[href='https://e.org/']")) == 2 * 90


def test_hand_written_pages_have_the_same_bounds(project):
    project.add_basics()
    project.write("docs/explainer.md", "# Explainer\n\nFine.\n\n" + "[" * 20_000 + "\n")
    message = "docs/explainer.md:5:1: this paragraph is 20,000 characters long"
    lines = check_lines(project)
    assert any(line.startswith(message) for line in lines), lines
    with deadline(120):
        build = project.build()
    assert build.returncode != 0 and message in build.output, build.output


def test_a_hand_written_page_over_the_size_limit_is_refused(project):
    project.write("docs/long.md", "# Long\n\n" + ("word " * 20 + "\n\n") * 1200)
    lines = check_lines(project)
    assert any(line.startswith("docs/long.md:1:1: the Markdown text is too long") for line in lines), lines


@pytest.mark.parametrize("path, text, position", [
    ("claims/2025/c.yml", claim_yaml(title="T" * 301), "1:8"),
    ("claims/people/putin.yml", "name: " + "N" * 301 + "\n", "1:7"),
    ("claims/sources/isw.yml", "title: T\npublisher: " + "P" * 301 + "\nurl: https://e.org/\n", "2:12"),
])
def test_titles_that_links_and_citations_repeat_are_short(project, path, text, position):
    """Every [[link]] and [@citation] repeats a title in the paragraph: a long one would multiply its
    length."""
    project.add_basics()
    project.write("claims/2025/c.yml", claim_yaml())
    project.write(path, text)
    lines = check_lines(project)
    assert any(line.startswith(f"{path}:{position}: ") and "is too long (at most 300 characters)" in line
               for line in lines), lines
