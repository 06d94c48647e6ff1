"""The quick type check of casefile objects (written from the plan) against the placing walk."""

from __future__ import annotations

import enum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile import instances, plan
from casefile._structuring import Gathered
from casefile.strategies import Generated, casefiles


class _Text(str):
    """A string subclass: the walk accepts it, the quick check leaves it to the walk."""


class _Colour(enum.Enum):
    RED = "red"


def _walked(case: Any) -> tuple[list[Any], list[bool], Gathered]:
    floats: list[bool] = []
    gathered = Gathered()
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(instances, "_quick", lambda *_: False)
        problems = instances.instance_problems(case, floats, gathered)
    return problems, floats, gathered


def _sorted(gathered: Gathered) -> tuple[dict[Any, list[str]], dict[Any, list[str]]]:
    return (
        {k: sorted(v) for k, v in gathered.ids.items() if v},
        {k: sorted(v) for k, v in gathered.wanted.items() if v},
    )


_WRONG = st.sampled_from(
    [
        *(None, 5, True, 1.5, float("nan"), float("inf"), 2**1100, "IOPC", _Text("x")),
        *("a\ud800", b"x", [], ["a"], ("a", 1), (), {}, {"org.example:x": float("nan")}),
        *({1: 2}, _Colour.RED, object()),
    ]
)


@given(casefiles(), st.data())
def test_the_quick_check_passes_only_what_the_walk_passes(
    generated: Generated, data: st.DataObject
) -> None:
    """One field of one record set to a wrong (or right but unusual) value: when the quick check
    says every type is right, the walk finds no problem either, and both gather the same ids,
    references and floats. An unchanged casefile passes the quick check."""
    case = generated.casefile
    visits = [(v.record, f.name) for v in plan.walk(case) for f in v.plan.fields]
    changed = data.draw(st.booleans())
    if changed:
        record, name = data.draw(st.sampled_from(visits))
        original = getattr(record, name)
        object.__setattr__(record, name, data.draw(_WRONG))
    try:
        floats: list[bool] = []
        gathered = Gathered()
        quick = instances._quick(case, floats, gathered)
        problems, walked_floats, walked = _walked(case)
    finally:
        if changed:
            object.__setattr__(record, name, original)
    if not changed:
        assert quick
    if quick:
        assert ([], bool(walked_floats), _sorted(walked)) == (
            problems,
            bool(floats),
            _sorted(gathered),
        )


def test_strings_used_many_times_over_are_left_to_the_walk(small: Any) -> None:
    """A long string in thousands of places: the quick check counts it as written out, as
    the walk does, and leaves the problem to the walk to place."""
    import attrs

    long = "x" * 10_000
    case = attrs.evolve(
        small, actors=tuple(attrs.evolve(a, aliases=(long,) * 5_000) for a in small.actors)
    )
    assert not instances._quick(case, None, Gathered())
    assert ["too-many-values"] == [p.code for p in instances.instance_problems(case)]
