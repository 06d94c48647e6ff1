"""Exports opened by the tools people use on them: Datasette over HTTP, sqlite-utils,
Frictionless and DuckDB; the command line's messages and its atomic, refusing writes.

Each format is written for the reference casefile and for a generated one: 5,000 records
here, and the 100,000 the issue names under ``HYPOTHESIS_PROFILE=thorough`` (it takes a few
minutes on two cores).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import generate

import casefile
from casefile.cli import main
from casefile.errors import ExportError, UnsafeOutput
from casefile.export import export, export_files

# Every connection a test opens is closed after it: Python 3.13 warns of one left to the
# garbage collector, and pytest turns that warning into an error in whichever test it lands.
_OPENED: list[sqlite3.Connection] = []


def _open(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    _OPENED.append(db)
    return db


@pytest.fixture(autouse=True)
def _close_connections() -> Iterator[None]:
    yield
    while _OPENED:
        _OPENED.pop().close()


REFERENCE = Path(casefile.__file__).parent / "data" / "reference" / "casefile.json"
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
GENERATED = 100_000 if THOROUGH else 5_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> casefile.Casefile:
    """A generated casefile of GENERATED records, loaded (validated)."""
    folder = tmp_path_factory.mktemp("generated")
    path = generate(GENERATED, seed=5).write(folder)
    return casefile.load(path, max_bytes=1 << 30)


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference casefile exported to SQLite, with its Datasette metadata beside it."""
    path = tmp_path_factory.mktemp("sqlite") / "casefiles.db"
    export(casefile.reference(), path, "sqlite")
    return path


def _expected_rows(case: casefile.Casefile) -> dict[str, int]:
    """How many rows of each root collection a casefile gives: one per record."""
    return {name: len(getattr(case, name)) for name in casefile.plan.collections()}


# ------------------------------------------------------------------ SQLite and its tools


def test_every_value_is_one_join_from_its_source_speaker_and_quote(
    reference_db: Path, case: casefile.Casefile
) -> None:
    """Through the support view, each claim's attributions come with source, speaker and quote;
    they are the model's own."""
    db = _open(reference_db)
    found = db.execute(
        "SELECT c.id, s.attribution, s.source, s.speaker, s.quote_exact FROM when_claims c "
        "JOIN support s ON s.casefile = c.casefile AND s.record = c.id"
    ).fetchall()
    attributions = {a.id: a for a in case.attributions}
    assert found
    for _claim, attribution, source, speaker, quote in found:
        expected = attributions[attribution]
        assert (expected.source, expected.speaker, expected.quote.exact) == (
            source,
            speaker,
            quote,
        )
    claims = {v.record.id: v.record for v in casefile.plan.walk(case) if v.plan.kind == "claim"}
    dated = [i for (i,) in db.execute("SELECT id FROM when_claims")]
    assert {(c, a) for c in dated for a in claims[c].attributions} == {(c, a) for c, a, *_ in found}


def test_the_foreign_keys_hold_and_every_reference_has_its_target(reference_db: Path) -> None:
    """SQLite finds no broken foreign key; every refs row names a row of its target's kind."""
    db = _open(reference_db)
    assert [] == db.execute("PRAGMA foreign_key_check").fetchall()
    tables = {
        kind: name
        for name, kind in casefile.plan.collections().items()  # actor -> actors
    }
    for kind, table in tables.items():
        missing = db.execute(
            f'SELECT r.target FROM refs r LEFT JOIN "{table}" t ON t.casefile = r.casefile '
            "AND t.id = r.target WHERE r.target_kind = ? AND t.id IS NULL",
            (kind,),
        ).fetchall()
        assert [] == missing, kind


def test_sqlite_utils_sees_the_tables_keys_and_full_text_search(
    reference_db: Path, case: casefile.Casefile
) -> None:
    """sqlite-utils counts the rows, reads the keys and searches the quotes."""
    import sqlite_utils

    db = sqlite_utils.Database(_open(reference_db))
    for name, count in _expected_rows(case).items():
        assert count == db[name].count
    attributions = db.table("attributions")
    assert ["casefile", "id"] == attributions.pks
    assert "attributions_fts" == attributions.detect_fts()
    word = "misconduct"
    hits = list(attributions.search(word, columns=["id"]))
    expected = {a.id for a in case.attributions if word in a.quote.exact.lower()}
    assert expected and expected <= {h["id"] for h in hits}
    assert {"sources", "casefiles"} <= {fk.other_table for fk in attributions.foreign_keys}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def datasette(reference_db: Path) -> Iterator[str]:
    """Datasette serving the reference export on 127.0.0.1, with its metadata; its address."""
    port = _free_port()
    metadata = reference_db.with_name("casefiles.metadata.json")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(reference_db),
            "--metadata",
            str(metadata),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to 30 seconds
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stderr.read() if server.stderr else "") from None
                time.sleep(0.3)
        else:
            raise AssertionError("datasette did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


def test_datasette_serves_the_attributions_with_descriptions_facets_and_search(
    datasette: str, case: casefile.Casefile
) -> None:
    """Over HTTP: every attribution, the schema's descriptions, facets on terms, and search."""
    rows = _get(f"{datasette}/casefiles/attributions.json?_shape=array&_size=max")
    assert {a.id for a in case.attributions} == {r["id"] for r in rows}
    metadata = _get(f"{datasette}/-/metadata.json")
    table = metadata["databases"]["casefiles"]["tables"]["attributions"]
    assert table["description"].startswith("Who said what, where")
    assert "stance" in table["facets"]
    found = _get(f"{datasette}/casefiles/findings.json")
    assert {"kind", "stage"} <= set(found["facet_results"])
    hits = _get(f"{datasette}/casefiles/attributions.json?_search=misconduct&_shape=array")
    assert hits and all("misconduct" in h["quote_exact"].lower() for h in hits)


def test_datasette_runs_the_join_from_values_to_quotes(datasette: str) -> None:
    """The documented query (each dated value with its source, speaker and quote) runs."""
    sql = (
        "select c.holder, c.field, c.value, s.source, s.speaker, s.quote_exact "
        "from when_claims c join support s on s.casefile = c.casefile and s.record = c.id"
    )
    url = f"{datasette}/casefiles.json?_shape=array&sql=" + urllib.parse.quote(sql)
    rows = _get(url)
    assert rows and all(r["quote_exact"] for r in rows)


# ------------------------------------------------------------------ CSV and Frictionless


def test_the_csv_data_package_is_valid_by_frictionless(tmp_path: Path) -> None:
    """Frictionless validates every table against the package: types, keys, foreign keys."""
    import frictionless

    export(casefile.reference(), tmp_path / "out", "csv")
    report = frictionless.validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_csv_tables_have_the_sqlite_tables_columns(tmp_path: Path, reference_db: Path) -> None:
    """The same tables, columns and row counts as the SQLite export."""
    export(casefile.reference(), tmp_path / "out", "csv")
    db = _open(reference_db)
    for path in sorted((tmp_path / "out").glob("*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{path.stem}")')]
        assert ",".join(columns) == lines[0]
        (count,) = db.execute(f'SELECT count(*) FROM "{path.stem}"').fetchone()
        import csv

        with path.open(encoding="utf-8", newline="") as handle:
            assert count == sum(1 for _ in csv.reader(handle)) - 1


# ------------------------------------------------------------------ JSON Lines and DuckDB


def test_duckdb_reads_a_corpus_of_exports_and_joins_back_to_quotes(
    tmp_path: Path, case: casefile.Casefile, small: casefile.Casefile, watchdog: casefile.Casefile
) -> None:
    """Three casefiles exported apart and read together: counts per casefile, and every
    attribution reference of a claim joins to its quote."""
    import duckdb

    corpus = (case, small, watchdog)
    for each in corpus:
        export(each, tmp_path / "corpus" / each.id, "jsonl")
    glob = str(tmp_path / "corpus" / "*" / "{}.jsonl")
    db = duckdb.connect()
    counts = dict(
        db.sql(
            f"SELECT casefile, count(*) FROM read_json_auto('{glob.format('attributions')}') "
            "GROUP BY casefile"
        ).fetchall()
    )
    assert {c.id: len(c.attributions) for c in corpus} == counts
    joined = db.sql(
        f"""
        SELECT c.casefile, c.id, a.id, a.quote_exact
        FROM read_json_auto('{glob.format("when_claims")}') c
        JOIN read_json_auto('{glob.format("refs")}') r
          ON r.casefile = c.casefile AND r.record = c.id AND r.target_kind = 'attribution'
        JOIN read_json_auto('{glob.format("attributions")}', union_by_name = true) a
          ON a.casefile = r.casefile AND a.id = r.target
        """
    ).fetchall()
    quotes = {(c.id, a.id): a.quote.exact for c in corpus for a in c.attributions}
    assert joined
    assert all(quotes[(cf, attribution)] == quote for cf, _, attribution, quote in joined)
    dated = db.sql(
        f"SELECT casefile, id FROM read_json_auto('{glob.format('when_claims')}')"
    ).fetchall()
    claims = {
        (c.id, v.record.id): v.record
        for c in corpus
        for v in casefile.plan.walk(c)
        if v.plan.kind == "claim"
    }
    assert sum(len(claims[key].attributions) for key in dated) == len(joined)


def test_every_jsonl_line_has_its_kind_and_casefile(tmp_path: Path) -> None:
    """Each line of a record table names its record kind and casefile."""
    export(casefile.reference(), tmp_path / "out", "jsonl")
    for line in (tmp_path / "out" / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert ("finding", "iopc-operation-amazon-2025") == (row["record_kind"], row["casefile"])


# ------------------------------------------------------------------ a large casefile


@pytest.mark.parametrize("format", ["sqlite", "csv", "jsonl"])
def test_a_generated_casefile_is_exported_whole_and_read_by_its_consumer(
    format: str, generated: casefile.Casefile, tmp_path: Path
) -> None:
    """The generated casefile's every record is a row, read back by SQLite, Frictionless or
    DuckDB."""
    target = tmp_path / f"big.{format}"
    result = export(generated, target, format)
    expected = _expected_rows(generated)
    assert expected == {name: result.rows[name] for name in expected}
    if format == "sqlite":
        db = _open(target)
        for name, count in expected.items():
            assert (count,) == db.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        (supported,) = db.execute("SELECT count(DISTINCT record) FROM support").fetchone()
        assert supported > 0
    elif format == "csv":
        import frictionless

        package = frictionless.Package(str(target / "datapackage.json"))
        resource = package.get_resource("attributions")
        assert expected["attributions"] == sum(1 for _ in resource.read_rows())
        if not THOROUGH:  # the whole package, keys included, at CI size
            assert frictionless.validate(str(target / "datapackage.json")).valid
    else:
        import duckdb

        [(count,)] = duckdb.sql(
            f"SELECT count(*) FROM read_json_auto('{target}/attributions.jsonl')"
        ).fetchall()
        assert expected["attributions"] == count


# ------------------------------------------------------------------ errors and safety


def test_two_casefiles_with_one_id_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    """Their rows could not be told apart: an ExportError, and no file."""
    with pytest.raises(ExportError) as raised:
        export([casefile.reference(), casefile.reference()], tmp_path / "x.db", "sqlite")
    assert "duplicate-casefile" == raised.value.code
    assert [] == list(tmp_path.iterdir())


def test_an_unknown_format_is_refused() -> None:
    """The message names the formats there are."""
    with pytest.raises(ExportError, match="sqlite, csv, jsonl"):
        export(casefile.reference(), "x", "parquet")


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    """Writing over the casefile read, or replacing a folder holding it, is refused."""
    path = tmp_path / "casefile.json"
    path.write_bytes(REFERENCE.read_bytes())
    with pytest.raises(UnsafeOutput) as raised:
        export_files([path], path, "sqlite")
    assert "output-is-input" == raised.value.code
    with pytest.raises(UnsafeOutput):
        export_files([path], tmp_path, "csv")
    assert REFERENCE.read_bytes() == path.read_bytes()


def test_a_folder_with_other_files_is_not_replaced(tmp_path: Path) -> None:
    """An export replaces its folder whole, so a folder of other things is refused."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        export(casefile.reference(), tmp_path, "jsonl")
    assert "not-empty" == raised.value.code
    assert "mine" == (tmp_path / "notes.txt").read_text(encoding="utf-8")


def test_a_second_export_replaces_the_first_whole(tmp_path: Path) -> None:
    """Exporting again over an export leaves the new tables and nothing stale or temporary."""
    out = tmp_path / "out"
    export(casefile.reference(), out, "csv")
    (out / "stale.csv").write_text("x\n", encoding="utf-8")
    export(casefile.reference(), out, "csv")
    assert not (out / "stale.csv").exists()
    assert ["out"] == [p.name for p in tmp_path.iterdir()]


def test_a_failed_export_leaves_the_previous_one(tmp_path: Path) -> None:
    """An export that fails part way leaves the file it would have replaced, and no temporary."""
    out = tmp_path / "x.db"
    export(casefile.reference(), out, "sqlite")
    before = out.read_bytes()
    with pytest.raises(ExportError):
        export([casefile.reference(), casefile.reference()], out, "sqlite")
    assert before == out.read_bytes()
    assert {"x.db", "x.metadata.json"} == {p.name for p in tmp_path.iterdir()}


def test_the_command_writes_each_format_and_says_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`casefile export` prints what it wrote and exits 0."""
    for format in ("sqlite", "csv", "jsonl"):
        out = tmp_path / f"out-{format}"
        assert 0 == main(["export", format, str(REFERENCE), "-o", str(out)])
        printed = capsys.readouterr().out
        assert printed.startswith(f"wrote {out} ({format}): ")
        assert "from 1 casefile" in printed


def test_the_command_reports_an_invalid_input_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid casefile: its problems, exit 1, nothing written."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    assert 1 == main(["export", "sqlite", str(REFERENCE), str(bad), "-o", str(tmp_path / "o.db")])
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: ") and "nothing was written" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o.db").exists()


def test_the_command_refuses_an_output_that_is_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 and the refusal's code, as other commands do."""
    path = tmp_path / "casefile.json"
    path.write_bytes(REFERENCE.read_bytes())
    assert 2 == main(["export", "sqlite", str(path), "-o", str(path)])
    assert "[output-is-input]" in capsys.readouterr().err


def test_quotes_of_sensitive_values_are_left_out_with_the_values(tmp_path: Path) -> None:
    """Without --include-sensitive, the attributions that quote only sensitive values go too
    (their quotes are the values) and the context beside them; left_out names them."""
    from tests.test_sensitive import _with_people

    case = casefile.loads(json.dumps(_with_people()))
    export(case, tmp_path / "out.db", "sqlite")
    with _open(tmp_path / "out.db") as db:
        kept = {row[0] for row in db.execute("SELECT id FROM attributions")}
        withheld = {row[0] for row in db.execute("SELECT pointer FROM left_out")}
        contexts = db.execute(
            "SELECT count(*) FROM attributions WHERE quote_prefix IS NOT NULL"
        ).fetchone()[0]
    assert not {"at-x3", "at-x4", "at-x6"} & kept
    assert {"at-x1", "at-x2", "at-x5"} <= kept
    assert 0 == contexts
    assert {"/actors/2/characteristics/1", "/attributions/5", "/attributions/8"} <= withheld
    export(case, tmp_path / "all.db", "sqlite", include_sensitive=True)
    with _open(tmp_path / "all.db") as db:
        assert {"at-x3", "at-x4", "at-x6"} <= {
            r[0] for r in db.execute("SELECT id FROM attributions")
        }
