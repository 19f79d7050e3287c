"""Issue 11, point 8 follow-up: raw HTML that the sanitizer would remove or alter is an error, not a silent
loss.

A newcomer wrote `an apostrophe's "quotes" & <angle> brackets.` in an explainer and the site published
`"quotes" &  brackets.`. `claims check` (and the build, which runs the same checks) now reports every such tag
and attribute at its line and column, in a claim body, a description and a hand-written page; code shows its
text as written and is never reported; a site with `trusted_docs: true` does not sanitize docs/ and is not
told.
"""

from __future__ import annotations

import textwrap

import pytest

from conftest import MINIMAL_CONFIG, claim_yaml
from mkdocs_claims.raw_html import removed_html
from mkdocs_claims.sanitizer import sanitize

ANGLE = "`<angle>` is not allowed HTML and would be removed from the page"

# (markup, column of the problem within the markup, what the message says)
DISALLOWED = [
    ("<angle>", 0, ANGLE),
    ("<script>alert(1)</script>", 0, "`<script>` is not allowed HTML"),
    ('<iframe src="https://e.org/"></iframe>', 0, "`<iframe>` is not allowed HTML"),
    ("<style>p{}</style>", 0, "`<style>` is not allowed HTML"),
    ("<form><b>x</b></form>", 0, "`<form>` is not allowed HTML"),
    ('<b onclick="go()">x</b>', 3, "the attribute `onclick` of `<b>` is not allowed HTML"),
    ('<span class="a" style="color: red">x</span>', 16,
     "the attribute `style` of `<span>` is not allowed HTML"),
    ('<abbr title="a &lt; b">x</abbr>', 6, "the `title` of `<abbr>` holds `<`, `>` or `&`"),
]


def lines_of(project) -> list[str]:
    done = project.check()
    assert "Traceback" not in done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if ": " in line
            and not line.endswith(("found.", "all valid."))]


# Each test below puts every markup of the table in a file of its own, in one site: the check and the build
# report every problem at once, so one check and one build test them all.

def test_disallowed_markup_in_a_claim_body_is_reported_at_its_place(project):
    project.add_basics()
    for number, (markup, _, _) in enumerate(DISALLOWED):
        project.write(f"claims/2025/c{number}.yml",
                      claim_yaml(body=f"Said it [@isw].\n\nIt uses {markup} here."))
    lines = lines_of(project)
    build = project.build("--strict")
    assert build.returncode != 0, build.output
    for number, (_, column, message) in enumerate(DISALLOWED):
        # The body's third line is line 9 of the file, indented 2: `It uses ` puts the markup at column 11.
        problem = f"claims/2025/c{number}.yml:9:{11 + column}: {message}"
        assert any(line.startswith(problem) and "(hint: " in line for line in lines), (problem, lines)
        assert problem in build.output, (problem, build.output)


def test_disallowed_markup_in_a_person_description_is_reported_at_its_place(project):
    project.add_basics()
    for number, (markup, _, _) in enumerate(DISALLOWED):
        project.write(f"claims/people/kim{number}.yml",
                      "name: Kim\ndescription: |\n  First line.\n  Then " + markup
                      + " here.\n")
    lines = lines_of(project)
    for number, (_, column, message) in enumerate(DISALLOWED):
        problem = f"claims/people/kim{number}.yml:4:{8 + column}: {message}"
        assert any(line.startswith(problem) for line in lines), (problem, lines)


def test_disallowed_markup_in_an_explainer_is_reported_at_its_place(project):
    project.add_basics()
    for number, (markup, _, _) in enumerate(DISALLOWED):
        project.write(f"docs/explainer{number}.md",
                      f"---\ntitle: Explainer\n---\n\n# Explainer\n\nIt uses {markup} here.\n")
    lines = lines_of(project)
    build = project.build("--strict")
    assert build.returncode != 0, build.output
    for number, (_, column, message) in enumerate(DISALLOWED):
        problem = f"docs/explainer{number}.md:7:{9 + column}: {message}"
        assert any(line.startswith(problem) for line in lines), (problem, lines)
        assert problem in build.output, (problem, build.output)


def test_the_newcomers_sentence_gets_a_hint_and_nothing_is_lost_once_fixed(project):
    project.add_basics()
    page = project.write("docs/explainer.md",
                         "# Explainer\n\nIt uses an apostrophe's \"quotes\" & <angle> brackets.\n")
    lines = lines_of(project)
    assert lines == ["docs/explainer.md:3:36: " + ANGLE + " (hint: to show angle brackets as text write "
                     "`&lt;angle&gt;` or put it in backticks)"], lines
    page.write_text("# Explainer\n\nIt uses an apostrophe's \"quotes\" & &lt;angle&gt; brackets.\n",
                    encoding="utf-8")
    assert lines_of(project) == []
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert "It uses an apostrophe's \"quotes\" & <angle> brackets." in build.article("explainer/").get_text()


CODE = textwrap.dedent("""\
    # Code

    Inline `<angle>` and ``<script>alert(1)</script>`` show as typed.

    ```html
    <iframe src="https://e.org/"></iframe>
    <b onclick="go()">x</b>
    ```

        <form>indented code</form>

    - A list item

        <angle> is a paragraph of the item, not code, so this one is reported.

            <style>code inside the item</style>

    !!! note

        <span>allowed</span> in an admonition, `<angle>` in code.

    <!-- a comment <angle> is not shown either -->
    """)


def test_text_in_code_spans_and_code_blocks_is_not_reported(project):
    project.add_basics()
    project.write("docs/code.md", CODE)
    assert lines_of(project) == ["docs/code.md:14:5: " + ANGLE
                                 + " (hint: to show angle brackets as text write "
                                 "`&lt;angle&gt;` or put it in backticks)"]


def test_allowed_markup_autolinks_and_markdown_extensions_are_not_reported(project):
    project.add_basics()
    project.write("docs/fine.md", textwrap.dedent("""\
        # Fine

        <div markdown class="grid" id="top">

        **Bold** in a <span title="plain words">span</span>, <kbd>Ctrl</kbd>, <abbr title="North">N</abbr>.

        </div>

        <https://example.org/> and <someone@example.org>; [x](<https://example.org/a b>).

        | a | b |
        |:--|--:|
        | <td-ish> | `<td>` |
        """).replace("| <td-ish> |", "| x |"))
    project.write("claims/2025/c.yml",
                  claim_yaml(body='Said it [@isw] <sup id="n">1</sup> <a href="#n">n</a>.'))
    assert lines_of(project) == []


def test_a_forbidden_link_is_reported_once_with_its_own_message(project):
    project.add_basics()
    project.write("claims/2025/c.yml", claim_yaml(body='Said it [@isw] <a href="javascript:go()">x</a>.'))
    lines = lines_of(project)
    assert len(lines) == 1 and "forbidden link `javascript:go()`" in lines[0], lines


def test_a_trusted_docs_site_is_not_told_about_its_pages_html(project):
    project.write("mkdocs.yml", MINIMAL_CONFIG.replace("  - claims\n",
                                                       "  - claims:\n      trusted_docs: true\n"))
    project.add_basics()
    project.write("docs/widget.md", '# Widget\n\n<form><b onclick="go()">x</b></form> <angle>\n')
    project.write("claims/2025/c.yml", claim_yaml(body="Said it [@isw] <angle>."))
    lines = lines_of(project)
    # bodies are still sanitized
    assert [line.split(":")[0] for line in lines] == ["claims/2025/c.yml"], lines


@pytest.mark.parametrize("markup, column, message", DISALLOWED)
def test_what_is_reported_is_what_the_sanitizer_changes(markup, column, message):
    """The check reads the sanitizer's own allowlist: what it reports, the sanitizer really removes or
    alters."""
    problems = list(removed_html(markup))
    assert problems and problems[0][0] == column and problems[0][1].startswith(message), problems
    assert sanitize(markup) != markup


def test_markup_the_sanitizer_keeps_is_not_reported():
    kept = '<span class="a" title="plain">x</span> <b>y</b> <sub>2</sub>'
    assert sanitize(kept) == kept and list(removed_html(kept)) == []
