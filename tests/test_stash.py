"""The stash that keeps the plugin's own HTML out of the contributor's Markdown (sanitizer.Stash), in
process."""

from mkdocs_claims.sanitizer import Stash


def test_a_page_gets_back_its_own_pieces_inline_in_a_paragraph_and_out_of_a_tag():
    stash = Stash("claims/a.md")
    inline, block = stash.hold("<sup>1</sup>"), stash.hold("<div>card</div>", block=True).strip()
    html = f"<p>Said{inline}.</p>\n<p>{block}</p>\n<h2 id=\"x{inline}\">T{inline}</h2>"
    assert stash.restore(html) == '<p>Said<sup>1</sup>.</p>\n<div>card</div>\n<h2 id="x">T<sup>1</sup></h2>'


def test_another_pages_token_or_a_contributors_look_alike_stays_text():
    mine, other = Stash("claims/a.md"), Stash("claims/b.md")
    mine.hold("<b>mine</b>")
    foreign = other.hold("<b>other</b>")
    forged = "claimsstash0123456789abcdefn0x"
    for text in (foreign, forged):
        html = f"<p>{text}</p>\n<p>a {text} b</p>\n<a title=\"{text}\">x</a>"
        assert mine.restore(html) == html
        assert mine.plain(text) == text
    assert mine.plain(f"t{mine.key}n0x{forged}") == f"t{forged}"


def test_the_same_page_gets_the_same_tokens_within_a_build():
    assert Stash("claims/a.md").key == Stash("claims/a.md").key != Stash("claims/b.md").key
