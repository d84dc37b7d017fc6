"""The stored form of a holder's name matches the lookup's normalisation of a query."""

from __future__ import annotations

import pytest

from generator.certificates.names import canonical_name, name_problem


@pytest.mark.parametrize(("typed", "stored"), [
    ("阿依古丽•买买提", "阿依古丽·买买提"), ("阿依古丽‧买买提", "阿依古丽·买买提"),
    ("阿依古丽・买买提", "阿依古丽·买买提"), ("阿依古丽･买买提", "阿依古丽·买买提"),
    (" 张　伟 ", "张伟"), ("王\U00020bb7", "王\U00020bb7"),
])
def test_look_alike_forms_become_the_stored_form(typed: str, stored: str):
    assert canonical_name(typed) == stored
    assert name_problem(stored) is None


def test_a_stored_name_in_another_form_is_reported_not_rewritten():
    assert name_problem("阿依古丽・买买提") == (
        "character 5 is the look-alike dot U+30FB KATAKANA MIDDLE DOT "
        "(expected the canonical form: no spaces, middle dots written as U+00B7 ·)")
    assert name_problem("张伟·") == ("a middle dot must stand between two parts of the name "
                                    "(expected e.g. 阿依古丽·买买提: no leading, trailing or doubled dot)")


def test_the_fast_id_check_character_agrees_with_the_reference_one():
    import random

    from generator.certificates.rules import id_check_char as fast
    from generator.codes import id_check_char as reference

    rng = random.Random(4)
    samples = ["11010519491231002"] + [f"{rng.randrange(10**17):017d}" for _ in range(2000)]
    assert [fast(s) for s in samples] == [reference(s) for s in samples]
    assert fast("11010519491231002") == "X"
