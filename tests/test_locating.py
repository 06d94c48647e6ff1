"""Tests for quotes of CSV cells and JSON values: the pinned rules (casefile.locating), typed
construction (casefile.anchors), and validation that re-reads the cell or value."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casefile
from casefile import anchors, model
from casefile.anchoring import find_quote
from casefile.errors import AmbiguousQuote, QuoteNotFound
from casefile.locating import LocateError, csv_cells, header_column, json_values

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "oversight"
TABLES = sorted(SHARED.glob("*/*.csv"))
needs_fixtures = pytest.mark.skipif(not TABLES, reason=f"no oversight fixtures at {SHARED}")


def _casefile(folder: Path, file: Path, quote_of: Any) -> tuple[model.Casefile, Path]:
    """A one-attribution casefile quoting ``quote_of(text, document)`` in a copy of ``file``."""
    copy = folder / file.name
    shutil.copyfile(file, copy)
    text = anchors.read_text(copy)
    doc = anchors.document(copy, id="table", sources=["dataset"], folder=folder)
    quote = quote_of(text, doc)
    case = model.Casefile(
        id="anchored",
        title="One value anchored in a data file",
        sources=(model.Source(id="dataset", kind="dataset"),),
        documents=(doc,),
        attributions=(model.Attribution(id="at-1", source="dataset", quote=quote),),
    )
    return case, copy


def _codes(case: model.Casefile, folder: Path) -> list[tuple[str, str, str]]:
    return [(p.pointer, p.code, p.message) for p in casefile.validate(case, documents=folder)]


@needs_fixtures
@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_a_cell_of_each_fixture_table_anchors_and_a_changed_cell_is_named(
    tmp_path: Path, table: Path
) -> None:
    """A quote of row 3's second cell validates; edit that cell in the copy and the problem
    names the row and the column."""
    case, copy = _casefile(tmp_path, table, lambda t, d: anchors.cell_quote(t, d, row=3, column=2))
    assert [] == _codes(case, tmp_path)
    text = anchors.read_text(copy)
    start, end = case.attributions[0].quote.start, case.attributions[0].quote.end
    copy.write_bytes((text[:start] + "CHANGED" + text[end:]).encode("utf-8"))
    problems = _codes(case, tmp_path)
    assert ("/documents/0/sha256", "digest-mismatch") in [(p, c) for p, c, _ in problems]
    (mismatch,) = [m for p, c, m in problems if c == "cell-mismatch"]
    assert "row 3, column 2" in mismatch and "'CHANGED'" in mismatch


@needs_fixtures
def test_a_json_value_anchors_as_written_and_a_changed_value_is_named(tmp_path: Path) -> None:
    """A closing report's complaint id anchors by pointer; changed, the pointer is named."""
    source = SHARED / "ccrb-style" / "closingreports.json"
    where = "/closingReports/0/ComplaintId"
    case, copy = _casefile(tmp_path, source, lambda t, d: anchors.value_quote(t, d, where))
    assert json.loads(source.read_text())["closingReports"][0]["ComplaintId"] == (
        case.attributions[0].quote.exact
    )
    assert [] == _codes(case, tmp_path)
    quote = case.attributions[0].quote
    text = anchors.read_text(copy)
    copy.write_bytes((text[: quote.start] + "X" + text[quote.start + 1 :]).encode("utf-8"))
    (message,) = [m for _, c, m in _codes(case, tmp_path) if c == "value-mismatch"]
    assert repr(where) in message


def test_a_json_number_is_quoted_as_written() -> None:
    """`1.0` stays `1.0`; a string is its characters inside the quotes, escapes as written."""
    text = '{"a": 1.0, "b": "say \\"hi\\"", "c": [true, null], "d/e": {}}'
    values = json_values(text)
    assert "1.0" == text[slice(*values["/a"])]
    assert 'say \\"hi\\"' == text[slice(*values["/b"])]
    assert ["true", "null"] == [text[slice(*values[f"/c/{i}"])] for i in (0, 1)]
    assert "{}" == text[slice(*values["/d~1e"])]


def test_rows_count_records_from_the_header_line() -> None:
    """RFC 7111: the header is row 1; a quoted line break does not start a record."""
    text = 'name,note\r\nA,"two\r\nlines"\r\nB,plain\r\n'
    rows = csv_cells(text)
    assert 3 == len(rows)
    assert "plain" == text[slice(*rows[2][1])]
    assert "two\r\nlines" == text[slice(*rows[1][1])]


def test_a_byte_order_mark_is_counted_but_not_part_of_the_header() -> None:
    """Offsets count the mark; the first column is still found by its name."""
    text = "\ufeffid,value\n7,x\n"
    rows = csv_cells(text)
    assert [1] == header_column(text, rows, "id")
    assert (0, 3) == rows[0][0]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_line_ending_separates_records(ending: str) -> None:
    """LF, CRLF and a lone CR each end a record; a final one starts none."""
    text = ending.join(["a,b", "1,2", "3,4"]) + ending
    assert [["a", "b"], ["1", "2"], ["3", "4"]] == [
        [text[s:e] for s, e in row] for row in csv_cells(text)
    ]


def test_doubled_quotes_stay_as_written_in_the_cell_text() -> None:
    """A quoted cell's text is what stands inside the quotes: the document's own characters."""
    text = 'a\n"O""NEIL, X"\n'
    assert 'O""NEIL, X' == text[slice(*csv_cells(text)[1][0])]


def test_an_empty_cell_is_anchored_as_data(tmp_path: Path) -> None:
    """An empty cell is a quote of no characters at its place, and validates."""
    table = tmp_path / "src" / "t.csv"
    table.parent.mkdir()
    table.write_text("a,b,c\n1,,3\n", encoding="utf-8")
    case, _ = _casefile(tmp_path, table, lambda t, d: anchors.cell_quote(t, d, row=2, header="b"))
    quote = case.attributions[0].quote
    assert ("", 8, 8) == (quote.exact, quote.start, quote.end)
    assert [] == _codes(case, tmp_path)


def test_an_empty_quote_without_a_cell_or_value_is_refused() -> None:
    """Empty words are data only as an empty cell or value."""
    data = json.loads(casefile.dumps(casefile.reference()))
    data["attributions"][0]["quote"].update(exact="", end=data["attributions"][0]["quote"]["start"])
    assert "/attributions/0/quote" in {p.pointer for p in casefile.validate(json.dumps(data))}


def test_a_duplicated_header_is_refused_by_name_and_taken_by_position(tmp_path: Path) -> None:
    """Two columns named `b`: by name is ambiguous; by number is fine."""
    table = tmp_path / "src" / "t.csv"
    table.parent.mkdir()
    table.write_text("a,b,b\n1,2,3\n", encoding="utf-8")
    with pytest.raises(QuoteNotFound, match="columns"):
        _casefile(tmp_path, table, lambda t, d: anchors.cell_quote(t, d, row=2, header="b"))
    case, _ = _casefile(tmp_path, table, lambda t, d: anchors.cell_quote(t, d, row=2, column=3))
    assert [] == _codes(case, tmp_path)
    (attribution,) = case.attributions
    quote = attrs.evolve(attribution.quote, cell=model.Cell(row=2, header="b"))
    broken = attrs.evolve(case, attributions=(attrs.evolve(attribution, quote=quote),))
    problems = _codes(broken, tmp_path)
    assert ("/attributions/0/quote/cell/header", "ambiguous-header") in [
        (p, c) for p, c, _ in problems
    ]


def test_a_tab_separated_document_says_its_delimiter(tmp_path: Path) -> None:
    """The delimiter is the document's: a tab here, so commas stay inside cells."""
    table = tmp_path / "src" / "t.tsv"
    table.parent.mkdir()
    table.write_text("a\tb\n1,5\t2\n", encoding="utf-8")
    case, _ = _casefile(tmp_path, table, lambda t, d: anchors.cell_quote(t, d, row=2, column=1))
    assert "1,5" == case.attributions[0].quote.exact
    assert [] == _codes(case, tmp_path)


def test_an_unclosed_quoted_cell_cannot_be_read() -> None:
    """A quote that never closes is an error, not a cell running to the end."""
    with pytest.raises(LocateError, match="never closes"):
        csv_cells('a\n"open,\n')


@given(
    st.lists(
        st.lists(st.text(st.characters(codec="utf-8"), max_size=6), min_size=2, max_size=2),
        min_size=1,
        max_size=5,
    )
)
def test_cells_written_by_the_csv_module_are_read_back(rows: list[list[str]]) -> None:
    """Whatever the csv module writes (quoting as RFC 4180 asks), each cell reads back: its
    text, with doubled quotes undone, is the value written."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    text = buffer.getvalue()
    cells = csv_cells(text)
    read = [[text[s:e].replace('""', '"') for s, e in row] for row in cells]
    assert rows == read


def test_find_quote_takes_an_occurrence_or_a_nearby_offset() -> None:
    """A repeated sentence is picked by its number or by where it is near."""
    text = "It was done. Then more. It was done."
    with pytest.raises(AmbiguousQuote):
        find_quote(text, "It was done.")
    assert 24 == find_quote(text, "It was done.", occurrence=2).start
    assert 0 == find_quote(text, "It was done.", near=5).start
    with pytest.raises(QuoteNotFound, match="occurs 2 times, not 3"):
        find_quote(text, "It was done.", occurrence=3)


def test_a_near_miss_names_the_first_differing_character_even_past_80() -> None:
    """A straight apostrophe against a curly one at character 85 is named with its code point."""
    words = "x" * 85 + "\u2019s words, as the document has them"
    text = "Before. " + words + " After."
    exact = "x" * 85 + "'s words, as the document has them"
    with pytest.raises(QuoteNotFound) as info:
        find_quote(text, exact)
    message = str(info.value)
    assert "character 85" in message
    assert "U+0027" in message and "U+2019" in message
