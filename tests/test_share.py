"""Sharing a claim: its share image (og:image / twitter:image, a 1200×630 PNG drawn at build time and redrawn
only when what it shows changes) and its Share section (plain links, "Copy link"), which loads nothing from
elsewhere."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from PIL import Image, ImageChops

from conftest import MINIMAL_CONFIG, Project, claim_yaml, serve
from mkdocs_claims import share_image
from mkdocs_claims.model import DEFAULT_SCALE
from mkdocs_claims.share_image import HEIGHT, WIDTH, ShareCard, ShareImages, contrast, draw, label_ink, wrap

SITE_URL = "https://example.org/fact/"
CONFIG = MINIMAL_CONFIG + f"site_url: {SITE_URL}\n"
HOSTILE_TITLE = 'Tom & "Jerry" <b>say</b> ?x=1&y=2#top 100% + ü'
CYRILLIC_TITLE = "Путин исключает уступки на переговорах"


def make_project(root: Path, config: str = CONFIG) -> Project:
    project = Project(root, config).add_basics()
    project.write("claims/2025/putin-no-concessions.yml",
                  claim_yaml(extra="verdict: misleading\nverdict_note: It leaves out the rest.\n"))
    project.write("claims/2025/hostile.yml", claim_yaml(title=json.dumps(HOSTILE_TITLE), date="2025-03-07"))
    project.write("claims/2025/cyrillic.yml", claim_yaml(
        title=CYRILLIC_TITLE, date="2025-03-08",
        extra="verdict: inaccurate\nverdict_note: The record says otherwise.\n"))
    return project


CLAIMS = ("putin-no-concessions", "hostile", "cyrillic")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("share"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return build


def meta(page, name: str) -> str:
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    assert tag is not None, f"no <meta> {name}"
    return tag["content"]


def image_file(site: Path, page_url: str, image_url: str) -> Path:
    """The file in the site folder that an image URL (absolute under SITE_URL, or relative to the page)
    names."""
    absolute = urljoin(SITE_URL + page_url, image_url)
    assert absolute.startswith(SITE_URL), absolute
    return site / urlsplit(absolute).path[len(urlsplit(SITE_URL).path):]


# -- the image, linked from every claim page -----------------------------------------------------------------

@pytest.mark.parametrize("claim_id", CLAIMS)
def test_every_claim_page_links_its_1200_by_630_share_image(built, claim_id):
    page = built.page(f"claims/{claim_id}/")
    image = meta(page, "og:image")
    assert image.startswith(SITE_URL), "networks need an absolute og:image"
    assert meta(page, "twitter:image") == image
    assert meta(page, "twitter:card") == "summary_large_image"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:type") == "image/png"
    title = page.select_one("article h1").get_text()
    assert meta(page, "og:image:alt").startswith(title + ".")
    with Image.open(image_file(built.site, f"claims/{claim_id}/", image)) as png:
        assert png.format == "PNG" and png.size == (WIDTH, HEIGHT)


def test_without_site_url_the_image_link_is_relative_to_the_page(tmp_path):
    build = make_project(tmp_path, MINIMAL_CONFIG).build("--strict")
    assert build.returncode == 0, build.output
    page = build.page("claims/cyrillic/")
    image = meta(page, "og:image")
    assert not urlsplit(image).scheme
    with Image.open(image_file(build.site, "claims/cyrillic/", image)) as png:
        assert png.size == (WIDTH, HEIGHT)
    # Without the site's address there is nothing to share on a network: only "Copy link" (the reader's
    # address).
    share = page.select_one("article .claims-share")
    assert share.select("a") == [] and share.select_one("button[data-claims-copy]") is not None


def test_only_claim_pages_have_a_share_image(built):
    assert not list((built.site / "people").rglob("*.png"))
    assert built.page("people/putin/").find("meta", attrs={"property": "og:image"}) is None


# -- what the image shows ------------------------------------------------------------------------------------

CARD = ShareCard(title="Putin rules out concessions", claim_id="x", speaker="Vladimir Putin",
                 date="6 March 2025", verdict="Misleading", colour=share_image.verdict_colour("misleading"),
                 site_name="Claims")


def pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def differs(first: bytes, second: bytes, box: tuple[int, int, int, int] | None = None) -> bool:
    difference = ImageChops.difference(pixels(first), pixels(second))
    return (difference.crop(box) if box else difference).getbbox() is not None


def test_the_image_changes_with_each_thing_it_shows():
    original = draw(CARD)
    assert draw(CARD) == original  # the same card, the same image: a key of what it shows names it
    for change in (dict(title="Another title"), dict(speaker="Sergei Lavrov"), dict(date="7 March 2025"),
                   dict(verdict="Inaccurate", colour=share_image.verdict_colour("inaccurate")),
                   dict(site_name="Other")):
        other = dataclasses.replace(CARD, **change)
        assert other.key() != CARD.key(), change
        assert differs(draw(other), original), change
    assert dataclasses.replace(CARD, claim_id="y").key() == CARD.key()  # where it is published is not drawn


TITLE_BOX = (share_image.MARGIN, 110, WIDTH - share_image.MARGIN, 400)


def test_cyrillic_and_latin_titles_are_drawn_with_real_glyphs():
    # Strings of the same length differ only in their glyphs: drawn as the font's "missing glyph" box, they
    # would be the same picture. A title with no glyph in the font shows what that looks like.
    first, second = "Путин против", "Лавров знает"
    missing = "\ue000" * len(first)  # private use: no font has it
    drawn = {text: draw(dataclasses.replace(CARD, title=text))
             for text in (first, second, missing, "\ue001" * 12)}
    assert not differs(drawn[missing],
                       drawn["\ue001" * 12], TITLE_BOX), "the missing-glyph boxes differ after all"
    assert differs(drawn[first], drawn[second], TITLE_BOX)
    assert differs(drawn[first], drawn[missing], TITLE_BOX)
    assert differs(draw(dataclasses.replace(CARD, title="Putin против")), drawn[first], TITLE_BOX)
    font = share_image.font(True, 58)
    for letter in "ПутинЖЁёщЩ" + "AzÜß":
        assert font.getmask(letter).getbbox() != font.getmask("\ue000").getbbox() or \
            bytes(font.getmask(letter)) != bytes(font.getmask("\ue000")), letter


def test_long_text_is_wrapped_to_fit_and_ends_in_an_ellipsis():
    font = share_image.font(True, 58)
    width = WIDTH - 2 * share_image.MARGIN
    for text in ("word " * 200, "W" * 600, "Путин " * 100 + "x" * 1000, "a\nb\tc\x00d " * 200):
        lines = wrap(text, font, width, 4)
        assert len(lines) == 4 and lines[-1].endswith("…"), text[:20]
        assert all(font.getlength(line) <= width for line in lines)
        assert not any(c in line for line in lines for c in "\n\t\x00")
    assert wrap("Short title", font, width, 4) == ["Short title"]
    assert wrap("  two   spaces ", font, width, 4) == ["two spaces"]


def test_every_verdict_has_its_colour_from_the_stylesheet_and_a_label_that_passes_aa():
    colours = share_image.verdict_colours()
    assert {rating.id
            for rating in DEFAULT_SCALE} <= set(colours), "a rating of the default scale has no colour"
    for colour in [*colours.values(), share_image.verdict_colour("a-rating-of-a-custom-scale")]:
        background = share_image._rgb(colour)
        assert contrast(label_ink(colour), background) >= 4.5, colour
    assert contrast(label_ink("#ffeb3b"), share_image._rgb("#ffeb3b")) >= 4.5  # a light colour gets dark text



def test_the_image_is_drawn_in_exactly_the_pages_colours():
    # The stripe and the label's box are the stylesheet's colour of the verdict, the label's text its ink
    # (white, or near-black on a light colour), the background and the texts the page's: not the nearest of
    # some palette, whatever the colour.
    for colour in [*share_image.verdict_colours().values(), "#ffeb3b", share_image.verdict_colour("custom")]:
        image = pixels(draw(dataclasses.replace(CARD, colour=colour)))
        verdict = share_image._rgb(colour)
        assert image.getpixel((5, HEIGHT // 2)) == verdict, colour  # the stripe down the left edge
        label = {rgb for _, rgb in image.crop((share_image.MARGIN, 422, WIDTH // 2, 489)).getcolors()}
        assert {verdict, label_ink(colour)} <= label, colour
        assert image.getpixel((WIDTH - 5, 5)) == share_image._BACKGROUND, colour
        title = {rgb for _, rgb in image.crop(TITLE_BOX).getcolors()}
        assert share_image._INK in title, colour
        date = {rgb for _, rgb in image.crop((share_image.MARGIN, 560, WIDTH, HEIGHT)).getcolors()}
        assert share_image._MUTED in date, colour

# -- cached: an unchanged claim is not drawn again -----------------------------------------------------------

REBUILDS = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
root, dirty, steps = Path(sys.argv[1]), sys.argv[2] == "dirty", json.loads(sys.argv[3])
config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
config.plugins.on_startup(command="serve", dirty=dirty)
plugin = config.plugins["claims"]
build(config, dirty=dirty)
counts = [plugin.share_images.drawn]
for edited in steps:  # as `mkdocs serve`: the same plugin instance rebuilds after each edit
    for path, text in edited.items():
        (root / path).write_text(text, encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    assert config.plugins["claims"] is plugin  # MkDocs keeps a plugin that has on_startup
    build(config, dirty=dirty)
    counts.append(plugin.share_images.drawn)
print(json.dumps(counts))
"""


@pytest.mark.parametrize("mode", ["serve", "dirty"])
def test_a_rebuild_draws_only_the_claims_whose_image_changed(tmp_path, mode):
    project = make_project(tmp_path)
    site = project.root / "site"
    changed = claim_yaml(extra="verdict: inaccurate\nverdict_note: The record says otherwise.\n")
    renamed = "name: Vladimir V. Putin\nrole: President of Russia\n"
    done = subprocess.run([sys.executable, "-c", REBUILDS, str(project.root), mode, json.dumps([
        {"claims/topics/peace-talks.yml": "title: Talks\n"},  # shown on the page, not in the image
        {"claims/2025/putin-no-concessions.yml": changed},  # one verdict
        {"claims/people/putin.yml": renamed},  # the speaker of every claim
    ])], cwd=project.root, capture_output=True, text=True, timeout=300,
        # so the first build draws all three
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "empty-cache")})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [3, 3, 4, 7]
    fresh = make_project(tmp_path / "fresh")
    for path, text in (("claims/2025/putin-no-concessions.yml", changed),
                       ("claims/people/putin.yml", renamed)):
        fresh.write(path, text)
    fresh_build = fresh.build("--strict")
    for claim_id in CLAIMS:  # and the cached images are exactly a fresh build's
        image = f"claims/{claim_id}.png"
        assert (site / image).read_bytes() == (fresh_build.site / image).read_bytes()


def test_a_separate_build_takes_unchanged_images_from_the_cache_folder(tmp_path, monkeypatch):
    cache = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    project = make_project(tmp_path / "project")
    first = project.build("--strict")
    folder = cache / "mkdocs-claims" / "share-images"
    stored = sorted(folder.glob("*.png"))
    assert len(stored) == len(CLAIMS)
    for path in stored:  # each named by its key and the SHA-256 of its bytes
        key, digest, _ = path.name.split(".")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(path.read_bytes() for path in stored) == sorted(
        (first.site / f"claims/{claim_id}.png").read_bytes() for claim_id in CLAIMS)
    # A second `mkdocs build` (a new process) publishes what the folder holds instead of drawing it again: a
    # stand-in image, named as the folder names what it keeps, proves it was read, not redrawn.
    stand_in = io.BytesIO()
    Image.new("RGB", (WIDTH, HEIGHT), "#123456").save(stand_in, "PNG")
    key = stored[0].name.split(".")[0]
    stored[0].unlink()
    (folder / f"{key}.{hashlib.sha256(stand_in.getvalue()).hexdigest()}.png").write_bytes(stand_in.getvalue())
    second = project.build("--strict")
    published = {(second.site / f"claims/{claim_id}.png").read_bytes() for claim_id in CLAIMS}
    assert stand_in.getvalue() in published
    assert len(list(folder.glob("*"))) == len(CLAIMS)  # nothing new drawn, no partial file left
    # An edit to what an image shows draws that one image, under a new key.
    project.write("claims/2025/putin-no-concessions.yml", claim_yaml(title="Putin rules out any concession"))
    project.build("--strict")
    assert len(list(folder.glob("*.png"))) == len(CLAIMS) + 1


def test_an_image_written_into_in_the_site_is_not_what_the_next_build_serves(tmp_path, monkeypatch):
    # The site's images are hard links of the files kept in the cache folder (no bytes copied): writing
    # into one in place writes into the kept file, whose bytes then differ from the SHA-256 in its name. The
    # next build draws that image again instead of serving what was written.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    project = make_project(tmp_path / "project")
    first = project.build("--strict")
    images = {claim_id: first.site / f"claims/{claim_id}.png" for claim_id in CLAIMS}
    drawn = {claim_id: path.read_bytes() for claim_id, path in images.items()}
    kept = {path.stat().st_ino for path in (tmp_path / "user-cache").rglob("*.png")}
    assert {path.stat().st_ino for path in images.values()} == kept, "the site's images are not linked"
    with images["cyrillic"].open("r+b") as image:  # as a tool that rewrites the site's files in place
        image.write(b"\x89PNG written into")
    second = project.build("--strict")
    assert {claim_id: (second.site / f"claims/{claim_id}.png").read_bytes() for claim_id in CLAIMS} == drawn
    for path in (tmp_path / "user-cache").rglob("*.png"):  # and the folder holds intact files only
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[1]


def test_a_dirty_build_never_writes_through_the_last_builds_links(tmp_path, monkeypatch):
    # The first build links its images from the cache folder. The second (--dirty: the site folder is kept)
    # has no usable cache folder, so it writes the changed image's bytes at the same place: into a new
    # file, not into the kept one the last build linked there.
    cache = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    project = make_project(tmp_path / "project")
    project.build("--strict")
    kept = {path: path.read_bytes() for path in cache.rglob("*.png")}
    assert len(kept) == len(CLAIMS)
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    project.write("claims/2025/putin-no-concessions.yml",
                  claim_yaml(extra="verdict: accurate\nverdict_note: It is so.\n"))
    second = project.build("--dirty")  # not strict: MkDocs warns of a dirty build
    assert second.returncode == 0, second.output
    assert {path: path.read_bytes() for path in cache.rglob("*.png")} == kept
    assert (second.site / "claims/putin-no-concessions.png").read_bytes() not in kept.values()


def test_a_changed_verdict_changes_the_image_and_its_address(tmp_path):
    project = make_project(tmp_path)
    before = project.build("--strict")
    old_url = meta(before.page("claims/putin-no-concessions/"), "og:image")
    old_png = (before.site / "claims/putin-no-concessions.png").read_bytes()
    project.write("claims/2025/putin-no-concessions.yml",
                  claim_yaml(extra="verdict: accurate\nverdict_note: It is so.\n"))
    after = project.build("--strict")
    assert after.returncode == 0, after.output
    assert meta(after.page("claims/putin-no-concessions/"), "og:image") != old_url  # networks fetch it again
    assert differs((after.site / "claims/putin-no-concessions.png").read_bytes(), old_png)


def test_the_cache_draws_each_card_once_and_forgets_images_no_claim_shows():
    cache = ShareImages()
    other = dataclasses.replace(CARD, title="Other")
    images = cache.update([CARD, dataclasses.replace(CARD, claim_id="same-image"), other])
    assert cache.drawn == 2 and images == {CARD.key(): draw(CARD), other.key(): draw(other)}
    assert cache.update([CARD]) == {CARD.key(): draw(CARD)} and cache.drawn == 2
    cache.update([other])  # forgotten by the build before
    assert cache.drawn == 3


# -- the Share section ---------------------------------------------------------------------------------------

NETWORKS = {"mailto": "", "bsky.app": "/intent/compose", "twitter.com": "/intent/tweet",
            "www.facebook.com": "/sharer/sharer.php", "t.me": "/share/url", "wa.me": "/"}


def test_share_links_are_plain_links_with_the_title_and_address_encoded(built):
    page = built.page("claims/hostile/")
    url = SITE_URL + "claims/hostile/"
    section = page.select_one("article .claims-share")
    assert section is not None and page.select_one("article h2#share") is not None
    assert not section.select("script, iframe, img, object, embed, form")
    for element in section.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on")], element
    links = section.select("a")
    assert {urlsplit(a["href"]).netloc or urlsplit(a["href"]).scheme for a in links} == set(NETWORKS)
    for link in links:
        href = urlsplit(link["href"])
        assert href.scheme in ("https", "mailto") and not href.fragment, link["href"]
        assert href.path == NETWORKS[href.netloc or href.scheme]
        assert "noopener" in link["rel"] and "noreferrer" in link["rel"]
        query = parse_qs(href.query, strict_parsing=True)
        assert all(len(values) == 1 for values in query.values())
        values = {name: values[0] for name, values in query.items()}
        shared = " ".join(values.values())
        assert (url in shared and HOSTILE_TITLE in shared) or values == {"u": url}, (link["href"], values)
        assert "+" not in href.query  # spaces as %20: mailto: reads no form encoding
    button = section.select_one("button[data-claims-copy]")
    assert button["data-claims-copy"] == url and button["type"] == "button"


def test_the_share_section_of_every_claim(built):
    for claim_id in CLAIMS:
        page = built.page(f"claims/{claim_id}/")
        assert len(page.select("article .claims-share a")) == len(NETWORKS)
        toc = [a.get_text(strip=True) for a in page.select(".md-sidebar--secondary a")]
        assert "Share" in toc


# -- in a browser: nothing from another origin, "Copy link" with the keyboard, a narrow phone ----------------

@pytest.fixture(scope="module")
def browser_site(tmp_path_factory):
    pytest.importorskip("playwright",
                        reason="the playwright package is not installed (pip install -e '.[test]')")
    # The theme's web fonts are another helper's concern (issue 14, point 1): switched off, so what is left is
    # ours.
    config = CONFIG.replace("  name: material\n", "  name: material\n  font: false\n  features:\n"
                                                  "    - navigation.instant\n")
    project = make_project(tmp_path_factory.mktemp("share-browser"), config)
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url


def test_claim_pages_load_nothing_from_another_origin_and_copy_their_link(new_context, browser_site):
    context = new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=browser_site.rstrip("/"))
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not url.startswith(browser_site), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for claim_id in CLAIMS:
        page.goto(f"{browser_site}claims/{claim_id}/")
        page.wait_for_load_state("networkidle")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"claims/{claim_id}/ scrolls sideways at 320 px"
        button = page.get_by_role("button", name="Copy link")
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        page.get_by_text("Link copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}claims/{claim_id}/"
    # Instant navigation swaps the page without running scripts again: the button shows there too.
    page.goto(f"{browser_site}claims/")
    page.locator("article a[href$='cyrillic/']").first.click()
    page.wait_for_url("**/claims/cyrillic/")
    assert page.get_by_role("button", name="Copy link").is_visible()
    foreign = [url for url in requests if not url.startswith(browser_site)]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not errors, errors
