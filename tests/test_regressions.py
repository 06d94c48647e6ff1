"""Regression tests: each pins a bug an independent review found, so that it stays fixed."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import attrs
import pytest

import casefile
from casefile.anchoring import AmbiguousQuote, find_quote
from casefile.dates import DateError, PartialDate, Period
from casefile.query import compatible
from casefile.storage import write_atomic

SMALL = Path(__file__).parent / "data" / "small"


def _data(small: casefile.Casefile) -> dict[str, object]:
    return json.loads(casefile.dumps(small))


def _codes(problems: list[casefile.Problem]) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in problems]


def test_integer_with_thousands_of_digits_is_a_problem() -> None:
    """A 5000-digit integer is beyond a double: reported, never a ValueError."""
    assert [("/a", "invalid-number")] == _codes(casefile.validate('{"a": ' + "1" * 5000 + "}"))


def test_huge_integer_in_python_data_is_a_problem(small: casefile.Casefile) -> None:
    """An integer beyond a double's range set from Python is reported."""
    data = _data(small)
    data["extensions"] = {"x.y:z": -(10**400)}
    assert [("/extensions/x.y:z", "invalid-number")] == _codes(casefile.validate(data))


def test_raw_lone_surrogate_in_text_is_a_problem(small: casefile.Casefile) -> None:
    """A str holding a raw lone surrogate (not an escape) is refused before anything is written."""
    text = casefile.dumps(small).replace("Small test casefile", "Small \ud800 casefile")
    assert [("/title", "lone-surrogate")] == _codes(casefile.validate(text))


def test_non_json_python_data_is_a_problem(small: casefile.Casefile) -> None:
    """Non-string keys and values JSON cannot hold are reported, not raised."""
    data = _data(small)
    data["extensions"] = {"a.b:c": {1, 2}, "a.b:d": {3: "x"}}
    assert {("/extensions/a.b:c", "not-json"), ("/extensions/a.b:d/3", "not-json")} == set(
        _codes(casefile.validate(data))
    )


def test_year_zero_is_not_a_date() -> None:
    """The proleptic Gregorian calendar has no year 0; 0000-02-29 is refused, never crashes later."""
    with pytest.raises(DateError):
        PartialDate.parse("0000-02-29")


@pytest.mark.parametrize("path", ["a.txt\x00", "x" * 300 + ".txt"])
def test_document_paths_the_system_refuses_are_problems(
    small: casefile.Casefile, path: str
) -> None:
    """A null byte or an over-long name is reported at the document's path."""
    document = attrs.evolve(small.documents[0], path=path)
    problems = casefile.validate(attrs.evolve(small, documents=(document,)), documents=SMALL)
    assert [("/documents/0/path", "unreadable-document")] == _codes(problems) or [
        ("/documents/0/path", "missing-document")
    ] == _codes(problems)


@pytest.mark.parametrize(
    "extraction",
    [
        "id: x\ntitle: t\nattributions: 5\n",
        "id: x\ntitle: t\nsources: [{x: 1}]\ndocuments: [{id: d, path: a.txt, sources: [{x: 1}]}]\n",
        "id: x\ntitle: t\nattributions: [{id: a, source: [s], quote: hi}]\n",
        "id: x\ntitle: t\nattributions: [{id: a, source: s, quote: {document: [d], exact: hi}}]\n",
        "id: x\ntitle: t\nattributions: [{id: a, source: s, quote: {document: d, exact: hi, prefix: 5}}]\n",
        "? [a, b]\n: 1\n",
        "id: x\ntitle: !!binary aGk=\n",
        "id: x\ntitle: t\ndescription: " + "1" * 5000 + "\n",
    ],
)
def test_malformed_extractions_give_build_errors(tmp_path: Path, extraction: str) -> None:
    """Every malformed extraction stops the build with problems, never another exception."""
    path = tmp_path / "extraction.yaml"
    path.write_text(extraction)
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(path, SMALL)
    assert info.value.problems


def test_unknown_quote_key_in_an_extraction_is_reported(tmp_path: Path) -> None:
    """A misspelt `sufix` is an error, never silently dropped."""
    path = tmp_path / "extraction.yaml"
    path.write_text(
        (SMALL / "extraction.yaml")
        .read_text()
        .replace('quote: "the force failed"', 'quote: {exact: "the force failed", sufix: "."}')
    )
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(path, SMALL)
    assert [("/attributions/0/quote/sufix", "unknown-property")] == _codes(
        list(info.value.problems)
    )


def test_missing_document_does_not_cascade_in_build(tmp_path: Path) -> None:
    """A build with no documents reports the missing file once, not every quote after it."""
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(SMALL / "extraction.yaml", tmp_path)
    assert ["missing-document"] == [p.code for p in info.value.problems]


def test_quote_shorthand_finds_a_document_carrying_the_source_upstream(tmp_path: Path) -> None:
    """A source quoted by a page's source is carried by that page, in builder and validator alike."""
    (tmp_path / "a.txt").write_text("The ministry said: all is well.")
    extraction = {
        "schema_version": "1.0",
        "id": "x",
        "title": "t",
        "sources": [
            {"id": "ministry", "kind": "official_statement"},
            {
                "id": "paper",
                "kind": "news_report",
                "derived_from": [{"source": "ministry", "relation": "quotes"}],
            },
        ],
        "documents": [{"id": "d", "path": "a.txt", "sources": ["paper"]}],
        "attributions": [{"id": "a", "source": "ministry", "quote": "all is well"}],
    }
    assert "d" == casefile.build(extraction, tmp_path).attributions[0].quote.document


def test_new_files_get_the_usual_mode(tmp_path: Path) -> None:
    """A file written for the first time is 0666 less the umask, not the temp file's 0600."""
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(umask)
    assert 0o644 == stat.S_IMODE((tmp_path / "new.json").stat().st_mode)


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    """The file a link points to is replaced; the link stays a link."""
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert (True, "new") == (link.is_symlink(), real.read_text())


def test_writing_to_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder as the target is an error before anything is written."""
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "{}")
    assert [] == list(tmp_path.iterdir())


def test_disputes_by_about_count_in_evidence(small: casefile.Casefile) -> None:
    """A dispute that names its target in `about` counts in evidence as in disputes()."""
    attribution = attrs.evolve(small.attributions[1], responds_to=(), about=("f1",))
    index = casefile.Index(
        attrs.evolve(
            small, attributions=(small.attributions[0], attribution, small.attributions[2])
        )
    )
    assert [attribution.id] == [a.id for a in index.evidence("f1").disputing]
    assert [attribution.id] == [d.attribution.id for d in index.disputes()]


def test_overlapping_occurrences_are_ambiguous() -> None:
    """'ha ha' occurs twice in 'ha ha ha', overlapping; a prefix picks the second."""
    with pytest.raises(AmbiguousQuote):
        find_quote("ha ha ha", "ha ha")
    assert (3, 8) == attrs.astuple(find_quote("ha ha ha", "ha ha", prefix="ha "))


def test_drifted_offsets_are_named_as_drift(small: casefile.Casefile) -> None:
    """Offsets moved off words that are in the document: the message says so and where they are."""
    quote = small.attributions[0].quote
    moved = attrs.evolve(quote, start=quote.start - 1, end=quote.end - 1)
    cf = attrs.evolve(
        small,
        attributions=(attrs.evolve(small.attributions[0], quote=moved), *small.attributions[1:]),
    )
    (problem,) = casefile.validate(cf, documents=SMALL)
    assert "drifted" in problem.message and f"at {quote.start}-{quote.end}" in problem.message


def test_missing_documents_folder_does_not_hide_other_problems(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """A wrong documents folder is reported beside the casefile's other problems."""
    broken = attrs.evolve(
        small, findings=(attrs.evolve(small.findings[0], investigation="nowhere"),)
    )
    codes = {p.code for p in casefile.validate(broken, documents=tmp_path / "absent")}
    assert {"missing-documents-folder", "dangling-reference"} == codes


def test_reversed_quantity_range_is_refused(small: casefile.Casefile) -> None:
    """A minimum above its maximum is reported with code reversed-range."""
    data = _data(small)
    data["figures"][0]["value"] = {"minimum": 10, "maximum": 5, "unit": "years"}  # type: ignore[index]
    assert [("/figures/0/value", "reversed-range")] == _codes(casefile.validate(data))


def test_open_periods_that_cannot_meet_conflict() -> None:
    """'from 2022' and 'until 2021' cannot describe one period."""
    assert not compatible(Period.parse("2022/.."), Period.parse("../2021"))
    assert compatible(Period.parse("2020/.."), Period.parse("../2021"))


def test_id_with_a_trailing_newline_is_refused(small: casefile.Casefile) -> None:
    """Python's `$` matches before a final newline; the schema check must not."""
    data = _data(small)
    data["actors"][0]["id"] = "watchdog\n"  # type: ignore[index]
    assert ("/actors/0/id", "bad-format") in _codes(casefile.validate(data))


def test_invalid_utf8_column_counts_characters() -> None:
    """The column of a bad byte counts characters before it, not bytes."""
    (problem,) = casefile.validate(b'{"a": "\xc3\xa9\xc3\xa9\xc3\xa9\xff"}')
    assert (1, 11) == (problem.line, problem.column)
