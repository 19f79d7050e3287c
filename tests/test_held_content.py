"""Issue 13.5: generated pages' HTML held until MkDocs writes it (held_content.py): as UTF-8 up to a bound,
which costs no CPU, and compressed beyond it, so the memory a build holds stays bounded at any size."""

from __future__ import annotations

import pytest

from mkdocs_claims.held_content import HeldContent

TEXTS = ["<p>Plain</p>" * 10, "<p>Кириллица “quoted” — dash</p>" * 10, "lone surrogate \udcff and 😀" * 10]


def compressed(held: HeldContent) -> list[bool]:
    return [is_compressed for is_compressed, _ in held._held.values()]


def test_within_the_bound_text_is_held_as_utf8_and_beyond_it_compressed():
    size = len(TEXTS[0].encode())
    held = HeldContent(as_text=2 * size + 10)
    for number in range(4):
        held.hold(number, TEXTS[0])
    assert compressed(held) == [False, False, True, True]
    assert held.take(0, "") == TEXTS[0]  # taking frees its room within the bound
    held.hold(4, TEXTS[0])
    assert compressed(held) == [False, True, True, False]
    assert [held.take(number, "") for number in (1, 2, 3, 4)] == [TEXTS[0]] * 4
    assert held._held == {} and held._as_text == 2 * size + 10


@pytest.mark.parametrize("bound", [0, 10**9])
def test_every_text_comes_back_as_it_was_held_once(bound):
    held = HeldContent(as_text=bound)
    for number, text in enumerate(TEXTS):
        held.hold(number, text)
    held.hold(0, TEXTS[1])  # held again under the same key: the later text, its room counted once
    assert [held.take(number, "none") for number in range(3)] == [TEXTS[1], TEXTS[1], TEXTS[2]]
    assert held.take(0, "none") == "none"
    assert held._as_text == bound
