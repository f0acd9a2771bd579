"""Properties every one of the 69 ingested items must have, whatever its content."""

from __future__ import annotations

import re

import pytest

from bot.corpus import Item

FIELDS = ("question", "answer")


def _texts(item: Item) -> list[str]:
    return [item.question, item.answer, *(f.text for f in item.footnotes)]


@pytest.fixture(scope="module")
def all_items(items: dict[int, Item]) -> list[Item]:
    return list(items.values())


def test_no_footer_text(all_items: list[Item]) -> None:
    for item in all_items:
        for text in _texts(item):
            assert "Tweede Kamer" not in text and "vergaderjaar" not in text, item.number


def test_no_footnote_marker_or_digit_glued_to_a_word(all_items: list[Item]) -> None:
    glued = {m for item in all_items for text in _texts(item) for m in re.findall(r"\S*[^\W\d_]\d\S*", text)}
    # "F16’s" is printed so in answer 13 (elsewhere "F-16’s"); markers like "Studies1" must be gone.
    assert glued == {"F16’s"}


def test_no_hyphen_left_dangling_by_a_line_join(all_items: list[Item]) -> None:
    for item in all_items:
        for text in _texts(item):
            # "Noord- en Oost-Syrië", "liaison- en stafofficieren": a real hyphen before "en".
            assert not re.search(r"[^\W\d_]- (?!en\b|of\b)", text), (item.number, text)
            assert not re.search(r"[^\W\d_]-$", text), item.number


def test_no_empty_field_and_whitespace_is_clean(all_items: list[Item]) -> None:
    for item in all_items:
        for text in _texts(item):
            assert text.strip() == text and text, item.number
            assert "  " not in text and "\t" not in text, item.number
            assert "\n" not in text.replace("\n\n", ""), item.number
            assert "\n\n\n" not in text and " \n" not in text and "\n " not in text, item.number


def test_every_question_ends_with_a_question_mark_and_no_answer_starts_with_one(all_items: list[Item]) -> None:
    for item in all_items:
        assert item.question.endswith("?"), item.number
        assert item.answer[0].isupper(), item.number


def test_references_never_point_at_the_item_itself(all_items: list[Item]) -> None:
    numbers = {item.number for item in all_items}
    for item in all_items:
        assert item.number not in item.refers_to and item.number not in item.joint_with
        assert set(item.refers_to) | set(item.joint_with) <= numbers
