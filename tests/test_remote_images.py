"""Images from another site: the site's Content-Security-Policy blocks them, so a reader sees a broken image.
`claims check`, the build and `claims render-md` report each where it is written, in claims (bodies, people's
and topics' descriptions) and in docs/ (trusted or not), with where a local image goes; an image the policy
lets load (the site's own, or from an origin the site adds to `img-src`) passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, Project, claim_yaml
from mkdocs_claims.remote_images import ImagePolicy, blocked, images

SITE_URL = "https://example.org/checks/"
CONFIG = MINIMAL_CONFIG.replace("plugins:\n  - claims\n", f"""site_url: {SITE_URL}
plugins:
  - claims:
      csp:
        img-src: ["https://images.example.net/public/", "*.wikimedia.org"]
""")

# The lines a check prints for the claims below, after the path: line:column and the address.
BODY = """\
Said it [@isw].

![A map](https://evil.example/map.png "The front")

A reference image ![chart][c] and a shortcut one ![pic].

<img src="//cdn.example/raw.jpg" alt="x">

`![in code](https://code.example/x.png)` and:

```
![in a block](https://fenced.example/x.png)
```

Allowed: ![own](https://example.org/checks/assets/a.png) ![rel](../assets/a.png)
![listed](https://images.example.net/public/b.png) ![wiki](https://upload.wikimedia.org/c.jpg)

[c]: https://charts.example/c.webp
[pic]: http://pics.example/p.gif
"""
CLAIM_PROBLEMS = [
    ("claims/2025/c.yml", 9, 12, "https://evil.example/map.png"),
    ("claims/2025/c.yml", 11, 21, "https://charts.example/c.webp"),
    ("claims/2025/c.yml", 11, 52, "http://pics.example/p.gif"),
    ("claims/2025/c.yml", 13, 13, "//cdn.example/raw.jpg"),
    ("claims/people/putin.yml", 3, 20, "https://people.example/putin.png"),
    ("claims/topics/peace-talks.yml", 5, 8, "https://topics.example/t.avif"),
]
PAGE = """\
---
title: A page
---

# A page

![A map](https://docs.example/map.png)

Allowed: ![rel](assets/a.png) ![own](https://example.org/checks/a.png)
"""
PAGE_PROBLEMS = [("docs/page.md", 7, 10, "https://docs.example/map.png")]


def problems_in(output: str) -> list[tuple[str, int, int, str]]:
    """(path, line, column, address) of each remote-image problem printed."""
    found = []
    for line in output.splitlines():
        if "image from another site `" in line:
            where, _, rest = line.partition(": image from another site `")
            path, row, column = where.rsplit(":", 2)
            found.append((path.split()[-1], int(row), int(column), rest.split("`")[0]))
    return found


def render_md(project: Project) -> subprocess.CompletedProcess:
    claims = str(Path(sys.executable).with_name("claims"))
    return subprocess.run([claims, "render-md", "--out", "rendered"], cwd=project.root, capture_output=True,
                          text=True, timeout=120)


def reported_everywhere(project: Project, expected: list) -> None:
    """`claims check`, `mkdocs build` and `claims render-md` each report exactly `expected`, with the hint."""
    done = project.check()
    assert done.returncode == 1 and problems_in(done.stdout) == expected, done.stdout
    assert "(hint: save it in the docs folder's assets (docs/assets/" in done.stdout, done.stdout
    build = project.build()
    assert build.returncode != 0 and problems_in(build.output) == expected, build.output
    rendered = render_md(project)
    assert rendered.returncode == 1 and problems_in(rendered.stdout) == expected, rendered.stdout
    assert "Traceback" not in done.stdout + done.stderr + build.output + rendered.stdout + rendered.stderr


def test_images_from_another_site_in_claims_are_reported_everywhere(tmp_path):
    project = Project(tmp_path, CONFIG).add_basics()
    project.write("claims/2025/c.yml", claim_yaml(body=BODY))
    project.write("claims/people/putin.yml", "name: Vladimir Putin\ndescription: |\n  A photo ![Putin]"
                                             "(https://people.example/putin.png).\n")
    project.write("claims/topics/peace-talks.yml", "title: Peace talks\ndescription: |\n  Talks.\n\n"
                                                   "  ![t](https://topics.example/t.avif)\n")
    reported_everywhere(project, CLAIM_PROBLEMS)


def test_images_from_another_site_in_docs_are_reported_everywhere(tmp_path):
    project = Project(tmp_path, CONFIG).add_basics()
    project.write("claims/2025/c.yml", claim_yaml())
    project.write("docs/page.md", PAGE)
    reported_everywhere(project, PAGE_PROBLEMS)
    # The site's own images, relative or at its address, and those from an origin it allows, build.
    project.write("docs/page.md", PAGE.replace("![A map](https://docs.example/map.png)", ""))
    project.write("docs/assets/a.png", "")
    assert project.check().returncode == 0
    build = project.build("--strict")
    assert build.returncode == 0, build.output


def test_trusted_pages_are_under_the_same_policy(tmp_path):
    project = Project(tmp_path, CONFIG.replace("  - claims:\n", "  - claims:\n      trusted_docs: true\n"))
    project.add_basics().write("claims/2025/c.yml", claim_yaml())
    project.write("docs/page.md", '# Page\n\n<p><img srcset="a.png 1x, https://x.example/b.png 2x"></p>\n')
    done = project.check()
    assert problems_in(done.stdout) == [("docs/page.md", 3, 27, "https://x.example/b.png")], done.stdout


@pytest.mark.parametrize("url, allowed", [
    ("https://example.org/checks/a.png", True),  # the site's own address
    ("https://example.org:443/a.png", True),
    ("http://example.org/a.png", False),  # another scheme is another origin
    ("https://example.org.evil.example/a.png", False),
    ("https://images.example.net/public/b.png", True),
    ("https://images.example.net/private/b.png", False),  # outside the path the source allows
    ("https://images.example.net:8443/public/b.png", False),
    ("https://upload.wikimedia.org/c.jpg", True),
    ("https://wikimedia.org/c.jpg", False),  # `*.` allows subdomains only
    ("https://evilwikimedia.org/c.jpg", False),
    ("//upload.wikimedia.org/c.jpg", True),
    ("https://bad:port/x.png", False),
])
def test_the_policy_matches_sources_as_browsers_do(url, allowed):
    policy = ImagePolicy(("https://images.example.net/public/", "*.wikimedia.org"), "https://example.org/")
    assert policy.allows(url) is allowed


@pytest.mark.parametrize("source, url, allowed", [
    ("*", "http://any.example/x.png", True),
    ("https:", "https://any.example/x.png", True),
    ("https:", "http://any.example/x.png", False),
    ("http:", "https://any.example/x.png", True),  # http: lets the secure scheme load too
    ("'self'", "https://any.example/x.png", False),
    ("data:", "https://any.example/x.png", False),
    ("https://a.example", "https://a.example/deep/x.png", True),
    ("https://a.example/x.png", "https://a.example/x.png", True),
    ("https://a.example/x.png", "https://a.example/x.png.evil", False),
    ("a.example:*", "https://a.example:9/x.png", True),
])
def test_each_kind_of_source(source, url, allowed):
    assert ImagePolicy((source,)).allows(url) is allowed


def test_images_are_found_outside_code_only():
    text = "![a](https://x.example/a.png) `![b](https://x.example/b.png)` ![[claim-id]]\n"
    assert list(images(text)) == [(5, "https://x.example/a.png")]
    assert list(blocked("![" * 5_000 + "[" * 5_000, ImagePolicy())) == []
