"""The privacy scan looks at a file's raw bytes before running its expressions on their text, and
skips the expressions for ID numbers, certificate numbers and codes when no run of those characters
is long enough. That look must never hide a token the expressions would have found."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.tokens import Tokens, ascii_runs, file_tokens, hash_values, view_tokens

VALUES = ["11010519491231002X", "110105194912310021", "Y000022000101194000001", "S220100202401024000123",
          "7KQMR2XZ4HNP", "7KQM-R2XZ-4HNP", "7kqm r2xz 4hnp", "张伟", "阿依古丽·买买提"]
# bytes that are mostly the characters the expressions look for, and some that are not
NEAR = st.text(alphabet="0123456789XxYSABCHJKMNPQRZabz -\u00b7张伟", max_size=60).map(str.encode)
NOISE = st.one_of(st.binary(max_size=300), NEAR)


def same(a: Tokens, b: Tokens) -> bool:
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("numbers", "ids", "codes", "names")) \
        and a.runs == b.runs


@settings(max_examples=400, deadline=None)
@given(NOISE, NOISE, st.sampled_from(VALUES), st.booleans())
def test_the_quick_look_never_hides_a_token(before: bytes, after: bytes, value: str, planted: bool) -> None:
    data = before + (value.encode("utf-8") if planted else b"") + after
    text = data.decode("utf-8", errors="replace")
    assert same(view_tokens(text, runs=ascii_runs(data)), view_tokens(text))


def test_random_bytes_skip_the_expressions_and_a_planted_id_number_is_still_found() -> None:
    rng = np.random.default_rng(7)
    data = rng.integers(0, 256, 12_264, dtype=np.uint8).tobytes()
    assert ascii_runs(data) == (False, False)
    with_look = dict(file_tokens(data))
    text = data.decode("utf-8", errors="replace")
    assert same(with_look.get("utf-8", Tokens()), view_tokens(text))
    planted = data[:5000] + b"11010519491231002X" + data[5000:]
    assert ascii_runs(planted) == (True, False)
    assert np.array_equal(dict(file_tokens(planted))["utf-8"].ids, hash_values(["11010519491231002X"]))
