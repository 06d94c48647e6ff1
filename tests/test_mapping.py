"""Mapping files: published tables imported into casefiles with no code (casefile.mapping).

The two example mappings import the shared oversight fixtures (``../shared/fixtures/oversight``
beside the repository; those tests skip, saying why, when it is absent) and are compared with
what the hand-written converters make (tests/test_oversight.py). The mistakes are made in
small tables written here.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections import Counter
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

import casefile
from casefile.cli import main
from casefile.mapping import extraction, import_file, mapping_schema

ROOT = Path(__file__).resolve().parent.parent
MAPPINGS = ROOT / "examples" / "mappings"
SHARED = ROOT.parent / "shared" / "fixtures" / "oversight"


def fixtures(name: str) -> Path:
    folder = SHARED / f"{name}-style"
    if not folder.is_dir():
        pytest.skip(
            f"the shared oversight fixtures are not at {folder} (../shared beside the repo)"
        )
    return folder


@pytest.fixture(scope="module")
def chicago() -> casefile.Casefile:
    """The chicago-style files imported through examples/mappings/chicago.yaml."""
    fixtures("chicago")
    return import_file(MAPPINGS / "chicago.yaml")


@pytest.fixture(scope="module")
def ccrb() -> casefile.Casefile:
    """The ccrb-style files imported through examples/mappings/ccrb.yaml."""
    fixtures("ccrb")
    return import_file(MAPPINGS / "ccrb.yaml")


# ---------------------------------------------------------------- the mapping schema


def test_the_packaged_mapping_schema_is_the_published_one() -> None:
    """schema/mapping.schema.json and the copy inside the package are the same file."""
    packaged = resources.files("casefile").joinpath("data/mapping.schema.json").read_text("utf-8")
    assert (ROOT / "schema" / "mapping.schema.json").read_text("utf-8") == packaged
    jsonschema.Draft202012Validator.check_schema(json.loads(packaged))


@pytest.mark.parametrize("path", sorted(MAPPINGS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_mapping_fits_the_schema_in_at_most_80_lines(path: Path) -> None:
    """Each example mapping is valid against the mapping schema, and short: 80 lines at most."""
    data = yaml.safe_load(path.read_text("utf-8"))
    assert [] == list(jsonschema.Draft202012Validator(mapping_schema()).iter_errors(data))
    assert len(path.read_text("utf-8").splitlines()) <= 80


# ---------------------------------------------------------------- the fixtures


@pytest.mark.parametrize("name", ["chicago", "ccrb"])
def test_each_fixture_imports_into_a_casefile_that_validates_with_its_documents(
    name: str, tmp_path: Path
) -> None:
    """The import writes a casefile that validates against the fixture files as its documents,
    and importing twice writes the same bytes."""
    folder = fixtures(name)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    import_file(MAPPINGS / f"{name}.yaml", first)
    import_file(MAPPINGS / f"{name}.yaml", second)
    assert first.read_bytes() == second.read_bytes()
    assert [] == casefile.validate(casefile.load(first), documents=folder)


@pytest.mark.parametrize("name", ["chicago", "ccrb"])
def test_every_column_and_key_of_the_fixtures_is_mapped_or_skipped(name: str) -> None:
    """Every CSV header and every JSON key holding a string, read from the raw files, is named
    in the mapping (read by a template, a condition or a lookup, or listed under skip)."""
    folder = fixtures(name)
    text = (MAPPINGS / f"{name}.yaml").read_text("utf-8")
    found = set()
    for path in folder.iterdir():
        if path.suffix == ".csv":
            reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""))
            found |= {(path.name, column) for column in next(reader)}
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            entries = [e for value in data.values() if isinstance(value, list) for e in value]
            pairs = [(k, v) for e in [data, *entries] for k, v in e.items()]
            found |= {(path.name, k) for k, v in pairs if isinstance(v, str)}
    assert found
    assert [] == sorted((file, column) for file, column in found if column not in text)


def test_chicago_import_makes_what_the_converter_makes(chicago: casefile.Casefile) -> None:
    """60 complaints, 116 allegations, 95 officers, 62 findings and 188 outcomes: the counts
    tests/test_oversight.py holds the converter to, with the same kinds at the same stages."""
    officers = [a for a in chicago.actors if a.id.startswith("officer-")]
    counts = (len(chicago.complaints), len(chicago.allegations), len(officers))
    assert (60, 116, 95) == counts
    assert (62, 188) == (len(chicago.findings), len(chicago.outcomes))
    kinds = Counter((o.stage, o.kind) for o in chicago.outcomes)
    assert 84 == kinds["decided", "no_action"]
    assert 2 == kinds["recommended", "discipline"]  # 45.0 and 60.0, which the code list lacks
    unlisted = [o for o in chicago.outcomes if o.note]
    assert ["discipline", "discipline"] == [o.kind for o in unlisted]


def test_chicago_final_decisions_supersede_the_recommendations(chicago: casefile.Casefile) -> None:
    """Where an accused row has a recommended and a final finding, the final one supersedes
    the recommended one and is the only one standing (recommended -> final)."""
    index = casefile.Index(chicago)
    decided = [f for f in chicago.findings if f.stage == "decided"]
    chained = [f for f in decided if f.supersedes]
    assert chained
    for finding in chained:
        (earlier,) = finding.supersedes
        assert "recommended" == index.get(earlier).stage
        chain = [d for d in index.decisions(finding.about[0]) if d.sort == "finding"]
        assert [False, True] == [d.stands for d in chain]
    reversed_ = {r.later for r in index.reversals()}
    assert "cr-1066881.officer-2209.decided" in reversed_ or len(reversed_) == 14


def test_ccrb_import_makes_what_the_converter_makes(ccrb: casefile.Casefile) -> None:
    """198 findings and 377 outcomes, as the converter makes; the board's disposition, the
    prosecution's verdicts and the police commissioner's penalty are one chain."""
    assert (149, 198, 377) == (len(ccrb.allegations), len(ccrb.findings), len(ccrb.outcomes))
    stages = Counter((o.stage, o.kind) for o in ccrb.outcomes)
    assert (16, 3, 4, 1) == (
        stages["decided", "prosecution"],
        stages["pending", "prosecution"],
        stages["decided", "plea"],
        stages["set_aside", "plea"],
    )
    outcomes = {o.id: o for o in ccrb.outcomes}
    # Trial: 15 days asked, 3 recommended, guilty, penalty 3 days (201209180 / 940732).
    aid = "cr-201209180.officer-940732"
    assert (f"{aid}.asked",) == outcomes[f"{aid}.trial"].supersedes
    assert (f"{aid}.trial",) == outcomes[f"{aid}.penalty"].supersedes
    assert (f"{aid}.level",) == outcomes[
        f"{aid}.prosecution"
    ].supersedes  # before 2019: no board recommendation
    # Board -> prosecution -> final penalty, where there is no trial: a plea.
    aid = "cr-202209139.officer-939797"
    assert (f"{aid}.plea",) == outcomes[f"{aid}.penalty"].supersedes
    assert "forfeit_vacation_days" == outcomes[f"{aid}.penalty"].kind


def test_the_departure_letters_name_the_officers_of_the_penalties_table(
    ccrb: casefile.Casefile,
) -> None:
    """An officer named in a departure letter is one actor with the penalties table's
    officer of that tax id: a join through the tax id inside the letter's link."""
    actors = {a.id: a for a in ccrb.actors}
    assert "person" == actors["officer-964126"].kind.value
    assert "Alosa Mczimmwick" == actors["officer-964126"].name
    cited = actors["officer-964126"].identifiers[0].attributions
    assert "at.departureletters.departureLetters.0.FileLink" in cited
    assert "at.penalties.r75.c2" in cited


def test_changing_one_cell_makes_validation_report_it_by_row_and_column(tmp_path: Path) -> None:
    """Import, then change one cell of the table: validation names that cell's row and column."""
    folder = tmp_path / "tables"
    shutil.copytree(fixtures("chicago"), folder)
    out = tmp_path / "chicago.json"
    import_file(MAPPINGS / "chicago.yaml", out, documents=folder)
    path = folder / "report2_accused.csv"
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert lines[3].startswith("107815,")  # row 4 (the header is row 1)
    lines[3] = lines[3].replace("YARRTINKER, ULOBY", "YARRTINKER, ULOBX")
    path.write_bytes("\n".join(lines).encode("utf-8"))
    problems = casefile.validate(casefile.load(out), documents=folder)
    mismatched = [p for p in problems if p.code == "cell-mismatch"]
    assert mismatched
    assert all("row 4" in p.message and "column 2" in p.message for p in mismatched)


# ---------------------------------------------------------------- mistakes


TABLE = """\
number,officer,finding,date
1,"A, B",SU,2019-03-15
2,"C, D",XX,15/03/2019
"""
CODES = "code,label\nSU,sustained\n"


def mapping(tmp_path: Path, body: str) -> Path:
    """A mapping over a two-row table (with a code list), written beside it."""
    (tmp_path / "table.csv").write_text(TABLE, encoding="utf-8")
    (tmp_path / "codes.csv").write_text(CODES, encoding="utf-8")
    head = """\
        casefile: {id: small, title: A small table}
        documents:
          table: {path: table.csv}
          codes: {path: codes.csv}
        lookups:
          codes: {document: codes, key: code, skip: [label]}
        values:
          finding: {SU: sustained, NS: not_sustained}
        tables:
          - document: table
            make:
              complaints: {id: "cr-{number}", summary: "Complaint {number}"}
    """
    path = tmp_path / "mapping.yaml"
    path.write_text(textwrap.dedent(head) + textwrap.indent(textwrap.dedent(body), " " * 6))
    return path


def problems_of(path: Path, tmp_path: Path) -> list[casefile.Problem]:
    """The problems of importing a mapping; the output must not have been written."""
    out = tmp_path / "out.json"
    with pytest.raises(casefile.MappingError) as raised:
        import_file(path, out)
    assert not out.exists()
    return list(raised.value.problems)


DATE = r"'{date|match:^(\d\d\d\d-\d\d-\d\d)$}'"
GOOD = f"""\
findings: {{id: "cr-{{number}}.finding", kind: "{{finding|term}}", about: ["cr-{{number}}"],
  date: [{{value: {DATE}}}]}}
actors: {{id: "o-{{officer|slug}}", kind: person, name: "{{officer}}"}}
"""


def test_a_mapping_that_reads_each_column_imports(tmp_path: Path) -> None:
    """The small mapping, with nothing wrong, imports: the second row's date does not match
    the pattern, so that finding has no date; each finding cites its finding's cell."""
    case = import_file(mapping(tmp_path, GOOD), tmp_path / "out.json")
    assert ["cr-1.finding", "cr-2.finding"] == [f.id for f in case.findings]
    assert ("at.table.r2.c3",) == case.findings[0].attributions
    assert [1, 0] == [len(f.date) for f in case.findings]


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "row"),
    [
        ("{officer|slug}", "{oficer|slug}", "unknown-column", 15, None),
        ("{finding|term}", "{finding|lookup:codes.label}", "code-not-in-lookup", 13, 3),
        ("{finding|term}", "{finding|map:finding}", "code-not-in-values", 13, 3),
        ('["cr-{number}"]', '["complaint-{number}"]', "join-missing", 13, 2),
        (DATE, '"{date|date:%Y-%m-%d}"', "unparseable-cell", 14, 3),
        (GOOD.splitlines()[2], "", "column-unmapped", 10, None),
    ],
)
def test_each_kind_of_mistake_is_reported_at_its_line_with_the_row(
    tmp_path: Path, old: str, new: str, code: str, line: int, row: int | None
) -> None:
    """An unknown column, a code missing from its lookup or values, a key that joins nothing,
    a cell that does not parse, a column neither read nor skipped: each is reported at the
    mapping's line, with the table's row where one is to blame, and nothing is written."""
    assert old in GOOD
    found = problems_of(mapping(tmp_path, GOOD.replace(old, new)), tmp_path)
    problem = next(p for p in found if p.code == code)
    assert {code} <= {p.code for p in found} <= {code, "column-unmapped"}  # a misspelt column
    assert (code, line) == (problem.code, problem.line)
    if row is not None:
        assert problem.message.startswith(f"row {row} of table.csv: ")
    if code == "unknown-column":
        assert "did you mean 'officer'?" in problem.message


def test_every_mistake_is_reported_in_one_run(tmp_path: Path) -> None:
    """An unknown column and a values table that does not exist are both reported at once."""
    body = GOOD.replace("{finding|term}", "{finding|map:findings}").replace("{officer}", "{oficer}")
    codes = {p.code for p in problems_of(mapping(tmp_path, body), tmp_path)}
    assert {"unknown-values", "unknown-column"} == codes


def test_a_mapping_that_breaks_the_schema_is_refused_at_its_line(tmp_path: Path) -> None:
    """A table without a document is a schema problem at the table's line."""
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "casefile: {id: x, title: X}\ndocuments: {t: {path: t.csv}}\ntables:\n  - make: {}\n"
    )
    (problem,) = problems_of(path, tmp_path)
    assert ("mapping-schema", 4) == (problem.code, problem.line)


def test_the_extraction_is_the_builders_input(tmp_path: Path) -> None:
    """``extraction`` gives the JSON-ready extraction the import builds: cells quoted by row
    and header, one attribution per cell."""
    data = extraction(mapping(tmp_path, GOOD))
    quotes = {a["id"]: a["quote"] for a in data["attributions"]}
    assert {"document": "table", "cell": {"row": 3, "header": "finding"}} == quotes[
        "at.table.r3.c3"
    ]
    assert casefile.build(data, tmp_path).findings


# ---------------------------------------------------------------- the command


def test_the_command_writes_the_casefile_and_summarises_it(tmp_path: Path) -> None:
    """``casefile import MAPPING -o OUT`` writes a valid casefile and says what it made."""
    fixtures("ccrb")
    out, printed = tmp_path / "ccrb.json", io.StringIO()
    assert 0 == main(["import", str(MAPPINGS / "ccrb.yaml"), "-o", str(out)], out=printed)
    assert printed.getvalue().startswith(f"wrote {out}")
    assert "198 findings, 377 outcomes" in printed.getvalue()


def test_the_command_lists_problems_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a mistake the command exits 1, lists each problem with its line, writes nothing."""
    path = mapping(tmp_path, GOOD.replace("{finding|term}", "{finding|map:finding}"))
    out = tmp_path / "out.json"
    assert 1 == main(["import", str(path), "-o", str(out)])
    assert not out.exists()
    assert "line 13 column" in capsys.readouterr().err
