"""Bounded work: the adversarial shapes of benchmarks.adversarial, each with its work counted.

Each test runs a shape that once made work grow with the product of two sizes (or without
bound), at a size where the old code took seconds or more, and asserts on what was done (how
many ids were compared, how many code points a search read, how many times a file was read,
how deep the stack went, how much memory was taken), never on a wall clock. With
``HYPOTHESIS_PROFILE=thorough`` the same tests run at the full sizes the issue named.
"""

from __future__ import annotations

import difflib
import inspect
import io
import os
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from benchmarks import adversarial

import casefile
from casefile import anchoring, limits, parsing
from casefile.cli import main

#: Full sizes under the thorough profile; sizes that run in seconds otherwise.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def _size(ci: float, full: float) -> Any:
    return type(ci)(full if THOROUGH else ci)


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every string difflib compares with another (one entry per comparison: its length)."""
    lengths: list[int] = []
    original = difflib.SequenceMatcher.set_seq1

    def counting(self: difflib.SequenceMatcher[str], a: str) -> None:
        lengths.append(len(a))
        original(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    return lengths


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[anchoring.TextSearch]:
    """Every TextSearch made, to read how many code points each read."""
    made: list[anchoring.TextSearch] = []
    original = anchoring.TextSearch.__init__

    def recording(self: anchoring.TextSearch, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(anchoring.TextSearch, "__init__", recording)
    return made


def _peak(function: Callable[[], Any]) -> tuple[int, Any]:
    """Run ``function``; return the most memory it held at once (tracemalloc) and its result."""
    tracemalloc.start()
    try:
        result = function()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def _codes(problems: Any) -> list[str]:
    return [p.code for p in problems]


def _build_problems(call: Callable[[], Any]) -> list[casefile.Problem]:
    """The problems of the BuildError a call raises (it must raise one)."""
    with pytest.raises(casefile.BuildError) as info:
        call()
    return list(info.value.problems)


# ---------------------------------------------------------------- suggestions


def test_misspelt_references_compare_each_with_a_few_ids(
    tmp_path: Path, compared: list[int]
) -> None:
    """Each dangling reference is compared with at most 4 * NEIGHBOURS ids, not with all of them.

    The old suggestion compared each with every id: 300 references and 2,000 ids made 600,000
    comparisons (seconds); here 9,600 at most, and the suggestion is still the id meant.
    """
    ids, references = _size(2_000, 10_000), _size(300, 1_000)
    inputs = adversarial.misspelt_references(tmp_path, ids=ids, references=references)
    assert inputs.casefile is not None
    problems = casefile.validate(inputs.casefile.read_bytes())
    assert ["dangling-reference"] * references == _codes(problems)
    assert len(compared) <= references * 4 * limits.NEIGHBOURS < ids * references // 20
    meant = [adversarial._misspell(f"actor-{(k * 7) % ids:05d}", k) for k in range(references)]
    hits = sum(
        f"did you mean 'actor-{(k * 7) % ids:05d}'" in p.message
        for k, p in enumerate(problems)
        if meant[k] != f"actor-{(k * 7) % ids:05d}"
    )
    assert hits >= 0.9 * references


def test_only_the_first_unknown_ids_get_suggestions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_SUGGESTED dangling references, problems are reported without a suggestion."""
    monkeypatch.setattr("casefile.references.MAX_SUGGESTED", 10)
    inputs = adversarial.misspelt_references(tmp_path, ids=100, references=30)
    assert inputs.casefile is not None
    problems = casefile.validate(inputs.casefile.read_bytes())
    assert 30 == len(problems)
    assert [True] * 10 + [False] * 20 == ["did you mean" in p.message for p in problems]


def test_suggest_finds_ids_spelt_alike_among_many() -> None:
    """A slip at the start, the middle or the end; a different case; a prefix: each found."""
    pool = [f"actor-{i:05d}" for i in range(5_000)] + ["op-linden", "op-amazon", "iopc"]
    index = casefile.errors.NearIds(pool)
    assert "actor-01234" == index.suggest("atcor-01234")[0]
    assert "actor-01234" == index.suggest("actro-01234")[0]
    assert "op-linden" == index.suggest("op-lindn")[0]
    assert "op-linden" == index.suggest("OP-LINDEN")[0]
    assert "iopc" in index.suggest("iop")


# ---------------------------------------------------------------- closest text


def test_near_miss_quote_reads_a_bounded_stretch_of_its_document(
    tmp_path: Path, searches: list[anchoring.TextSearch], compared: list[int]
) -> None:
    """A long quote with one letter changed: found near its recorded place, the document unscanned.

    The old search aligned the quote with the whole document (difflib), about two minutes for
    a 2,000-code-point quote in 1 MB; this reads the document a few times at C speed at most.
    """
    chars = _size(200_000, 1_000_000)
    inputs = adversarial.near_miss_quotes(tmp_path, document_chars=chars)
    assert inputs.casefile is not None
    problems = casefile.validate(inputs.casefile.read_bytes(), documents=inputs.documents)
    assert [("/attributions/1/quote/exact", "quote-mismatch")] == [
        (p.pointer, p.code) for p in problems
    ]
    assert "the closest text is at 0:" in problems[0].message
    window = limits.PROBES * limits.PROBE_HITS * (2 * limits.CLOSEST_WINDOW + 2_000)
    assert sum(s.spent for s in searches) <= 4 * chars + window
    assert all(length < 10_000 for length in compared)  # never difflib over the document


def test_near_miss_quotes_in_a_build_read_each_document_a_bounded_number_of_times(
    tmp_path: Path, searches: list[anchoring.TextSearch], compared: list[int]
) -> None:
    """Twenty near-miss quotes without recorded places: each search reads the document at most
    (2 + PROBES) times, at C speed, and names the right place."""
    chars, quotes = _size(200_000, 1_000_000), _size(5, 20)
    inputs = adversarial.near_miss_quotes(tmp_path, document_chars=chars, quotes=quotes)
    assert inputs.extraction is not None and inputs.documents is not None
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(inputs.extraction, inputs.documents)
    problems = info.value.problems
    assert ["quote-not-found"] * quotes == _codes(problems)
    assert all("closest text found" in p.message for p in problems)
    assert sum(s.spent for s in searches) <= quotes * (2 + 2 * limits.PROBES) * chars
    assert all(length < 10_000 for length in compared)


def test_closest_text_searches_stop_at_their_budget(tmp_path: Path) -> None:
    """Once the budget is spent, quotes are still reported, without the closest text."""
    search = anchoring.TextSearch(budget=100_000)
    text = adversarial._document(40_000)
    with pytest.raises(casefile.QuoteNotFound) as info:
        casefile.find_quote(text, text[100:600] + "Z", search=search)
    assert info.value.closest is not None
    with pytest.raises(casefile.QuoteNotFound) as info:
        casefile.find_quote(text, text[900:1400] + "Z", search=search)
    assert info.value.closest is None and "budget is spent" in str(info.value)
    assert search.spent <= 100_000


# ---------------------------------------------------------------- YAML


def test_alias_bomb_is_refused_before_it_grows(tmp_path: Path) -> None:
    """Nine levels of nine aliases (387 million values from 800 bytes): refused, small memory."""
    inputs = adversarial.alias_bomb(tmp_path)
    assert inputs.extraction is not None and inputs.documents is not None
    extraction = inputs.extraction
    peak, problems = _peak(
        lambda: _build_problems(lambda: casefile.build_file(extraction, tmp_path))
    )
    (problem,) = problems
    assert ("too-many-values", True) == (problem.code, problem.line is not None)
    assert peak < 5_000_000


def test_alias_bomb_read_by_the_caller_is_refused_by_build(tmp_path: Path) -> None:
    """The same data read with yaml.safe_load (shared lists) and given to build(): refused."""
    import yaml

    inputs = adversarial.alias_bomb(tmp_path)
    assert inputs.extraction is not None
    data = yaml.safe_load(inputs.extraction.read_text())
    peak, problems = _peak(lambda: _build_problems(lambda: casefile.build(data, tmp_path)))
    assert ["too-many-values"] == _codes(problems)
    assert peak < 5_000_000


def test_aliases_that_repeat_a_little_are_kept(tmp_path: Path) -> None:
    """An anchored list of attributions used twice builds, each use in full."""
    text = (Path(__file__).parent / "data" / "small" / "extraction.yaml").read_text()
    text = text.replace(
        "conducted_by: [{id: inv.by, value: watchdog, attributions: [at-1]}]",
        "conducted_by: [{id: inv.by, value: watchdog, attributions: &cited [at-1]}]",
    ).replace(
        "- {id: inv.p1, value: 1997/2013, attributions: [at-1]}",
        "- {id: inv.p1, value: 1997/2013, attributions: *cited}",
    )
    path = tmp_path / "extraction.yaml"
    path.write_text(text)
    case = casefile.build_file(path, Path(__file__).parent / "data" / "small")
    assert ("at-1",) == case.investigations[0].period_examined[0].attributions


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
def test_yaml_nested_past_the_limit_is_too_deep_where_it_passes(tmp_path: Path, flow: bool) -> None:
    """300 levels of sequences or mappings: too-deep at the line and column where it passes 256."""
    inputs = adversarial.deep_yaml(tmp_path, depth=300, flow=flow)
    assert inputs.extraction is not None
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(inputs.extraction, tmp_path)
    (problem,) = info.value.problems
    assert "too-deep" == problem.code
    assert problem.line is not None and problem.column is not None
    assert (problem.column if flow else problem.line) > 250


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
def test_yaml_nested_just_within_the_limit_builds_without_recursion(
    tmp_path: Path, flow: bool
) -> None:
    """Extensions nested 250 deep build within 350 frames: one a level (the C JSON codec's).

    The pure-Python YAML constructor needed three frames a level, and failed at 255.
    """
    inputs = adversarial.deep_yaml(tmp_path, depth=250, flow=flow)
    assert inputs.extraction is not None
    with _shallow_stack(350):
        case = casefile.build_file(inputs.extraction, tmp_path)
    assert case.extensions


def test_big_extraction_is_read_with_libyaml_and_positions_only_on_failure(
    tmp_path: Path,
) -> None:
    """A large valid extraction builds through libyaml; its memory stays a multiple of its size."""
    import yaml

    from casefile.building import _extraction_loader

    if yaml.__with_libyaml__:
        assert yaml.CSafeLoader in _extraction_loader().__mro__
    size = _size(400_000, 50_000_000)
    inputs = adversarial.big_extraction(tmp_path, size=size)
    assert inputs.extraction is not None and inputs.documents is not None
    extraction, documents = inputs.extraction, inputs.documents
    peak, case = _peak(lambda: casefile.build_file(extraction, documents))
    assert case.attributions
    assert peak < 60 * extraction.stat().st_size


# ---------------------------------------------------------------- documents


def test_one_document_named_many_ways_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """400 entries spelling one file 400 ways: one read, one text held, whatever the count."""
    size, times = _size(1_000_000, 10_000_000), _size(100, 400)
    inputs = adversarial.repeated_document(tmp_path, document_bytes=size, times=times)
    assert inputs.casefile is not None
    reads: list[Path] = []
    original = anchoring.read_regular

    def counting(path: Path, max_bytes: int) -> bytes:
        reads.append(path)
        return original(path, max_bytes)

    monkeypatch.setattr(anchoring, "read_regular", counting)
    raw = inputs.casefile.read_bytes()
    peak, problems = _peak(lambda: casefile.validate(raw, documents=inputs.documents))
    assert [] == problems
    assert 1 == len(reads)
    assert peak < 5 * size + 100 * len(raw)


def test_documents_over_the_limit_are_refused_unread(tmp_path: Path) -> None:
    """A document over max_bytes: too-large at its path, naming it and --max-bytes."""
    inputs = adversarial.repeated_document(tmp_path, document_bytes=5_000, times=2)
    assert inputs.casefile is not None
    folder = casefile.documents.DocumentFolder(tmp_path, max_bytes=1_000)
    problems = casefile.validate(inputs.casefile.read_bytes(), documents=folder)
    assert {("/documents/0/path", "too-large"), ("/documents/1/path", "too-large")} == {
        (p.pointer, p.code) for p in problems
    }
    assert "'a.txt'" in problems[0].message and "--max-bytes" in problems[0].message


# ---------------------------------------------------------------- brackets


@pytest.mark.parametrize("deep", [True, False], ids=["deep", "wide"])
def test_a_file_of_brackets_is_refused_in_memory_a_small_multiple_of_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deep: bool
) -> None:
    """Nested brackets, one nest or many: refused before parsing, never 40 times the file in memory.

    At CI size the container limit is lowered so a 4 MB file passes it; the thorough profile
    runs 100 MB against the real limit.
    """
    size = _size(4_000_000, 100_000_000)
    if not THOROUGH:
        monkeypatch.setattr(parsing, "MAX_CONTAINERS", 100_000)
    inputs = adversarial.nested_brackets(tmp_path, size=size, deep=deep)
    assert inputs.casefile is not None
    raw = inputs.casefile.read_bytes()
    peak, problems = _peak(lambda: casefile.validate(raw))
    assert ["too-deep" if deep else "too-many-values"] == _codes(problems)
    assert peak < 4 * size


# ---------------------------------------------------------------- chains and walks


class _shallow_stack:
    """Lower Python's recursion limit to ``room`` frames above the caller, for a block."""

    def __init__(self, room: int) -> None:
        self.room = room

    def __enter__(self) -> None:
        self.old = sys.getrecursionlimit()
        sys.setrecursionlimit(len(inspect.stack(0)) + self.room)

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.old)


@pytest.mark.parametrize(
    "command",
    [
        ["summary"],
        ["evidence", "f"],
        ["show", "src-10"],
        ["timeline"],
        ["findings"],
        ["outcomes"],
        ["said", "--speaker", "outlet"],
        ["conflicts"],
        ["disputes"],
        ["search", "said"],
        ["validate"],
    ],
)
def test_a_long_republication_chain_needs_no_deep_stack(tmp_path: Path, command: list[str]) -> None:
    """A thousand sources each republishing the last: every command answers within 150 frames."""
    inputs = adversarial.republication_chain(tmp_path, sources=_size(1_000, 10_000))
    out = io.StringIO()
    with _shallow_stack(150):
        status = main([*command, str(inputs.casefile)], out=out)
    assert 0 == status, out.getvalue()[-300:]


def test_index_of_a_long_chain_counts_one_line_of_evidence(tmp_path: Path) -> None:
    """The chain collapses to its root: one independent line, found without recursion."""
    inputs = adversarial.republication_chain(tmp_path, sources=1_000)
    assert inputs.casefile is not None
    with _shallow_stack(150):
        index = casefile.Index(casefile.load(inputs.casefile))
        evidence = index.evidence("f")
    assert 1 == evidence.independent


# ---------------------------------------------------------------- data made in Python


def _bomb(depth: int, width: int) -> list[Any]:
    value: list[Any] = ["x" * 100]
    for _ in range(depth):
        value = [value] * width
    return value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (_bomb(30, 3), "too-many-values"),
        (["y" * 1_000_000] * 1_000, "too-many-values"),
    ],
    ids=["nested-lists", "one-long-string"],
)
def test_data_used_many_times_over_is_refused_after_a_bounded_walk(value: Any, code: str) -> None:
    """Shared lists or strings standing for billions of values: refused, walked once each."""
    case = casefile.build_file(
        Path(__file__).parent / "data" / "small" / "extraction.yaml",
        Path(__file__).parent / "data" / "small",
    )
    bombed = attrs.evolve(case, extensions={"org.example:bomb": value})
    peak, problems = _peak(lambda: casefile.validate(bombed))
    assert [code] == _codes(problems)
    assert peak < 5_000_000


def test_data_that_holds_itself_is_too_deep_where_it_closes() -> None:
    """A list inside itself (twice): too-deep where each loop closes, not an endless walk."""
    loop: list[Any] = [1]
    loop.append(loop)
    loop.append(loop)
    problems = casefile.validate({"schema_version": "1.0", "id": "x", "title": "t", "x": loop})
    assert [("/x/1", "too-deep"), ("/x/2", "too-deep")] == [(p.pointer, p.code) for p in problems]


def _walk_objects(case: casefile.Casefile) -> Iterator[tuple[Any, str]]:
    for visit in casefile.plan.walk(case):
        for field in visit.plan.fields:
            yield visit.record, field.name


def test_validate_never_raises_on_any_field_of_a_casefile_object(small: casefile.Casefile) -> None:
    """Every field of every record, set to wrong values in turn: problems, never raised.

    Each field gets None, a string, and one of the other wrong values in turn (a number, a
    list, a dict with a non-string key, a list inside itself, a record of another class...).
    """
    loop: list[Any] = []
    loop.append(loop)
    wrong = [None, 5, True, 1.5, float("nan"), "IOPC", b"x", [], ["a"], {}, {1: 2}, loop]
    wrong += [small.actors[0], small.sources[0], small.attributions[0].quote, object()]
    count = 0
    for i, (record, name) in enumerate(list(_walk_objects(small))):
        original = getattr(record, name)
        for value in (None, "IOPC", wrong[i % len(wrong)]):
            object.__setattr__(record, name, value)
            try:
                problems = casefile.validate(small)
                assert all(isinstance(p, casefile.Problem) for p in problems)
                if value is not original and problems:
                    with pytest.raises(casefile.InvalidCasefile):
                        casefile.dump(small, io.StringIO())
            finally:
                object.__setattr__(record, name, original)
            count += 1
    assert count > 200


def _deep_list(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("title", "a\ud800b"),
        ("extensions", {"org.example:x": float("inf")}),
        ("extensions", {"org.example:x": 2**1100}),
        ("extensions", {"org.example:deep": _deep_list(254)}),
        ("extensions", {"org.example:deep": _deep_list(256)}),
        ("description", None),
    ],
    ids=["surrogate", "infinity", "huge-int", "deep-within", "deep-past", "valid"],
)
def test_checking_objects_finds_what_checking_their_data_finds(
    small: casefile.Casefile, where: str, value: Any
) -> None:
    """A casefile object and its JSON data get the same problems: the object's own check (which
    spares the data walk) misses nothing the data walk would find, nesting counted from the root."""
    case = attrs.evolve(small, **{where: value})
    data = casefile.converter.unstructure(case)
    expected = [(p.pointer, p.code) for p in casefile.validate(data)]
    assert expected == [(p.pointer, p.code) for p in casefile.validate(case)]


def test_data_shared_many_times_over_is_refused_in_objects_as_in_data(
    small: casefile.Casefile,
) -> None:
    """Shared lists in an object's extensions: too-many-values either way (the object's check
    places it under the extensions that hold them)."""
    shared = [["y" * 100] * 100] * 2_000
    case = attrs.evolve(small, extensions={"org.example:shared": shared})
    data = casefile.converter.unstructure(case)
    assert ["too-many-values"] == _codes(casefile.validate(data))
    assert [("/extensions", "too-many-values")] == [
        (p.pointer, p.code) for p in casefile.validate(case)
    ]


def test_a_figure_that_is_not_a_number_is_found_in_the_object(small: casefile.Casefile) -> None:
    """NaN as a quantity's value: invalid-number at its place, as the data would have it."""
    figure = small.figures[0]
    object.__setattr__(figure.value, "value", float("nan"))
    try:
        problems = casefile.validate(small)
    finally:
        object.__setattr__(figure.value, "value", 7)
    assert [("/figures/0/value/value", "invalid-number")] == [(p.pointer, p.code) for p in problems]
