"""The oversight fixtures as casefiles: two invented datasets converted, one fictional watchdog built.

The two datasets live in ``../shared/fixtures/oversight`` beside the repository (their READMEs
describe every column and quirk); the tests that need them skip, saying why, when that folder is
absent. Each converter in ``examples/`` runs as a reader would run it, and what it writes is
checked against the raw files, read here with the csv and json modules alone: the counts and
chains below are computed from the files, never from the converters.
"""

from __future__ import annotations

import csv
import doctest
import hashlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import casefile
from casefile import model
from casefile.cli import main
from casefile.sensitive import redact

from .test_docs_examples import commands

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "fixtures" / "oversight"
CHICAGO, CCRB = SHARED / "chicago-style", SHARED / "ccrb-style"


def _load_tables() -> ModuleType:
    """The converters' shared helpers (examples/tables.py), loaded without touching sys.path."""
    spec = importlib.util.spec_from_file_location("oversight_tables", ROOT / "examples/tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tables = _load_tables()

FINDINGS = {"SU": "sustained", "NS": "not_sustained", "UN": "unfounded", "EX": "exonerated"}


def rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows as the csv module reads them, every value text."""
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def converted(tmp: Path, script: str, fixtures: Path, name: str) -> tuple[Path, casefile.Casefile]:
    """Run a converter as a program; return its documents folder and the casefile it wrote."""
    if not fixtures.is_dir():
        pytest.skip(
            f"the shared oversight fixtures are not at {fixtures} (../shared beside the repo)"
        )
    done = subprocess.run(
        [sys.executable, f"examples/{script}", str(fixtures), str(tmp)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert 0 == done.returncode, done.stdout + done.stderr
    assert done.stdout.startswith("valid: ")
    return tmp / "documents", casefile.load(tmp / name, documents=tmp / "documents")


@pytest.fixture(scope="module")
def chicago(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, casefile.Casefile]:
    """The chicago-style files converted by examples/convert_chicago.py."""
    out = tmp_path_factory.mktemp("chicago")
    return converted(out, "convert_chicago.py", CHICAGO, "chicago.casefile.json")


@pytest.fixture(scope="module")
def ccrb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, casefile.Casefile]:
    """The ccrb-style files converted by examples/convert_ccrb.py."""
    out = tmp_path_factory.mktemp("ccrb")
    return converted(out, "convert_ccrb.py", CCRB, "ccrb.casefile.json")


@pytest.fixture(scope="module")
def chicago_index(chicago: tuple[Path, casefile.Casefile]) -> casefile.Index:
    """The converted chicago-style casefile, indexed."""
    return casefile.Index(chicago[1])


@pytest.fixture(scope="module")
def ccrb_index(ccrb: tuple[Path, casefile.Casefile]) -> casefile.Index:
    """The converted ccrb-style casefile, indexed."""
    return casefile.Index(ccrb[1])


def allegation_of(index: casefile.Index, complaint: str, officer_name: str) -> str:
    """The id of the allegation in a complaint against the officer of this name."""
    (found,) = (
        a.id
        for a in index.allegations(complaint=f"cr-{complaint}")
        if index.get(a.against[0].value).name == officer_name
    )
    return found


# ---------------------------------------------------------------- the helpers the converters share


def test_csv_cells_are_the_values_the_csv_module_reads_at_their_offsets() -> None:
    """Every cell of every chicago-style file is the value the csv module reads, and its offsets
    hold its text: the value itself, or with doubled quotes inside a quoted cell; CRLF included."""
    if not CHICAGO.is_dir():
        pytest.skip(f"the shared oversight fixtures are not at {CHICAGO}")
    for path in sorted(CHICAGO.glob("*.csv")):
        text = path.read_bytes().decode("utf-8")
        cells = tables.csv_rows(text)
        assert [{k: v[0] for k, v in row.items()} for row in cells] == rows(path)
        for row in cells:
            for value, start, end in row.values():
                assert value.replace('"', '""') == text[start:end] or value == text[start:end]


def test_json_cells_are_the_values_json_loads_reads_at_their_offsets() -> None:
    """Every string of both ccrb-style indexes is found, in order, at offsets holding its text."""
    if not CCRB.is_dir():
        pytest.skip(f"the shared oversight fixtures are not at {CCRB}")
    for name, first, key in (
        ("closingreports.json", "ComplaintId", "closingReports"),
        ("departureletters.json", "CaseNumber", "departureLetters"),
    ):
        text = (CCRB / name).read_bytes().decode("utf-8")
        data, (top, entries) = json.loads(text), tables.json_rows(text, first)
        assert {k: v for k, v in data.items() if k != key} == {k: c[0] for k, c in top.items()}
        assert data[key] == [{k: c[0] for k, c in entry.items()} for entry in entries]
        for entry in [top, *entries]:
            assert all(text[start:end] == value for value, start, end in entry.values())


# ---------------------------------------------------------------- all three convert and validate


@pytest.mark.parametrize("dataset", ["chicago", "ccrb"])
def test_each_dataset_converts_to_a_casefile_that_validates_with_its_documents(
    dataset: str, request: pytest.FixtureRequest
) -> None:
    """The converter's casefile validates against the documents it wrote, which are the fixture
    files byte for byte, each a dataset source pinned by its digest."""
    documents, case = request.getfixturevalue(dataset)
    assert [] == casefile.validate(case, documents=documents)
    fixtures = CHICAGO if dataset == "chicago" else CCRB
    for document in case.documents:
        data = (fixtures / document.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == document.sha256
    sources = {s.id: s for s in case.sources}
    assert {"dataset"} == {sources[s].kind for d in case.documents for s in d.sources}


def test_the_watchdog_extraction_builds_a_casefile_that_validates(
    watchdog: casefile.Casefile,
) -> None:
    """The fictional watchdog's three cases build from their extraction and validate."""
    assert [] == casefile.validate(watchdog, documents=ROOT / "tests" / "data" / "watchdog")
    assert 3 == len(watchdog.sources)


def test_every_quote_is_the_text_at_its_offsets(chicago: tuple[Path, casefile.Casefile]) -> None:
    """Each attribution quotes one cell where it stands, so a value the file repeats (600.0 on
    most rows) is quoted many times at different offsets, never searched for."""
    documents, case = chicago
    texts = {d.id: (documents / d.path).read_bytes().decode("utf-8") for d in case.documents}
    quoted = [(a.quote.document, a.quote.start) for a in case.attributions]
    assert len(set(quoted)) == len(quoted)
    assert all(
        texts[a.quote.document][a.quote.start : a.quote.end] == a.quote.exact
        for a in case.attributions
    )
    six_hundred = [a for a in case.attributions if a.quote.exact == "600.0"]
    accused = rows(CHICAGO / "report2_accused.csv")
    columns = ("Accused_Recommended_Discipline", "Accused_Discipline")
    assert sum(row[c] == "600.0" for row in accused for c in columns) == len(six_hundred)


# ---------------------------------------------------------------- chicago-style


def test_a_complaint_per_number_and_an_allegation_per_accused_row(
    chicago_index: casefile.Index,
) -> None:
    """60 complaints (continuation and per-investigator rows merged), one allegation for each
    of the 116 accused rows, each in its complaint and against its officer."""
    complaints = {row["Complaint_Number"] for row in rows(CHICAGO / "report1_all_complaints.csv")}
    accused = rows(CHICAGO / "report2_accused.csv")
    case = chicago_index.casefile
    assert {f"cr-{n}" for n in complaints} == {c.id for c in case.complaints}
    assert len(accused) == len(case.allegations)
    for row in accused:
        allegation = chicago_index.get(
            allegation_of(chicago_index, row["Complaint_Number"], row["Accused_Name"])
        )
        code = row["Accused_Complaint_Category"].partition("-")[0] or None
        assert code == allegation.code


def test_officers_are_told_apart_by_star_not_by_name(chicago_index: casefile.Index) -> None:
    """95 officers: two share the name PLIMMOSS, SELOSA and are two actors (stars 14636 and
    1547); the one with star 14636 is accused in three complaints."""
    officers = [a for a in chicago_index.casefile.actors if a.id.startswith("officer-")]
    assert 95 == len(officers)
    assert ["officer-14636", "officer-1547"] == sorted(
        a.id for a in officers if a.name == "PLIMMOSS, SELOSA"
    )
    assert 3 == len(chicago_index.allegations(against="officer-14636"))


def test_findings_returns_every_decision_of_every_investigation(
    chicago_index: casefile.Index,
) -> None:
    """Index.findings over the investigations gives each recommended and final finding the
    accused rows hold (62), at its stage; rows with no finding give none."""
    accused = rows(CHICAGO / "report2_accused.csv")
    expected = sorted(
        (row["Complaint_Number"], row["Accused_Name"], stage, FINDINGS[row[column]])
        for row in accused
        for stage, column in (
            ("recommended", "Accused_Finding"),
            ("decided", "Accused_Final_Finding"),
        )
        if row[column]
    )
    found = sorted(
        (inv.id.removeprefix("inv-"), chicago_index.get(f.concerning[0]).name, f.stage, f.kind)
        for inv in chicago_index.casefile.investigations
        for f in chicago_index.findings(inv.id)
    )
    assert 62 == len(expected)
    assert expected == found


def test_decisions_show_each_recommendation_then_the_final_decision(
    chicago_index: casefile.Index,
) -> None:
    """For each officer and allegation, Index.decisions gives the recommended finding, then the
    final finding that supersedes it (the only one standing); the same for the discipline."""
    checked, accused = 0, rows(CHICAGO / "report2_accused.csv")
    for row in accused:
        allegation = allegation_of(chicago_index, row["Complaint_Number"], row["Accused_Name"])
        decisions = chicago_index.decisions(allegation)
        for sort, first, last in (
            ("finding", "Accused_Finding", "Accused_Final_Finding"),
            ("outcome", "Accused_Recommended_Discipline", "Accused_Discipline"),
        ):
            chain = [d for d in decisions if d.sort == sort]
            stages = [d.stage for d in chain]
            assert ["recommended"] * bool(row[first]) + ["decided"] * bool(row[last]) == stages
            if row[first] and row[last]:
                assert (chain[0].id,) == chain[1].supersedes
                assert [False, True] == [d.stands for d in chain]
                checked += 1
    pairs = [
        ("Accused_Finding", "Accused_Final_Finding"),
        ("Accused_Recommended_Discipline", "Accused_Discipline"),
    ]
    assert sum(bool(row[a] and row[b]) for row in accused for a, b in pairs) == checked > 0


def test_reversals_are_the_rows_whose_final_decision_changed_the_recommendation(
    chicago_index: casefile.Index,
) -> None:
    """Index.reversals flags 14: the 6 rows whose final finding differs from the recommended
    one, and the 8 whose final discipline is another kind of penalty than the recommended one.
    A suspension changed in length (10 days to 5, 1057093) is not reversed; a recommendation
    with no final decision yet (1063710, 1065596) is not either."""
    codes = {
        int(r["CODE"]): r["ACTION_TAKEN"] for r in rows(CHICAGO / "discipline_penalty_codes.csv")
    }

    def suspension(code: str) -> bool:
        return "DAY SUSPENSION" in codes.get(int(float(code)), "")

    accused = rows(CHICAGO / "report2_accused.csv")
    findings = {
        (r["Complaint_Number"], r["Accused_Name"])
        for r in accused
        if r["Accused_Finding"]
        and r["Accused_Final_Finding"]
        and r["Accused_Finding"] != r["Accused_Final_Finding"]
    }
    penalties = {
        (r["Complaint_Number"], r["Accused_Name"])
        for r in accused
        if r["Accused_Recommended_Discipline"]
        and r["Accused_Discipline"]
        and r["Accused_Recommended_Discipline"] != r["Accused_Discipline"]
        and not (
            suspension(r["Accused_Recommended_Discipline"]) and suspension(r["Accused_Discipline"])
        )
    }
    reversed_ = {"finding": set(), "outcome": set()}
    for reversal in chicago_index.reversals():
        assert "reversed" == reversal.reason
        later = chicago_index.get(reversal.later)
        assert "decided" == later.stage and (reversal.earlier,) == later.supersedes
        allegation = chicago_index.get(reversal.subjects[0])
        officer = chicago_index.get(allegation.against[0].value).name
        sort = chicago_index.kind(reversal.later)
        reversed_[sort].add((allegation.complaint.removeprefix("cr-"), officer))
    assert (6, 8) == (len(findings), len(penalties))
    assert {"finding": findings, "outcome": penalties} == reversed_


def test_outcomes_are_found_from_the_allegation_the_officer_and_the_investigation(
    chicago_index: casefile.Index,
) -> None:
    """Every discipline outcome (188) is reachable from its allegation, its officer, its
    complaint and the investigation of the complaint, including those with no finding at all
    (no action taken, with no finding: the most common row)."""
    outcomes = chicago_index.casefile.outcomes
    assert 188 == len(outcomes)
    for outcome in outcomes:
        allegation = chicago_index.get(outcome.of[0])
        for subject in (
            allegation.id,
            outcome.concerning[0],
            allegation.complaint,
            allegation.complaint.replace("cr-", "inv-"),
        ):
            assert outcome in chicago_index.outcomes(subject)
    no_finding = [o for o in outcomes if len(o.of) == 1]
    assert no_finding


def test_discipline_codes_are_translated_and_unknown_codes_kept(
    chicago_index: casefile.Index,
) -> None:
    """A discipline code is read through the code list (10.0 is a 10 day suspension, counted in
    days; 200 more than 30); 45.0 and 60.0, which the list lacks, are kept as recorded, noted."""
    outcomes = {o.id: o for o in chicago_index.casefile.outcomes}
    reduced = [o for o in outcomes.values() if o.summary.endswith("(code 10.0)")]
    assert ["suspension"] == [o.kind for o in reduced]
    assert [10] == [o.count[0].value.value for o in reduced]
    unlisted = sorted(o.summary for o in outcomes.values() if o.note)
    assert ["Recommended: unlisted code 45.0", "Recommended: unlisted code 60.0"] == unlisted
    assert all(o.kind == "discipline" for o in outcomes.values() if o.note)


# ------------------------------------------- incidents, identifiers and recorded characteristics

R1, R2, R5 = "report1_all_complaints.csv", "report2_accused.csv", "report5_complainant.csv"
PLACE = {"Beat": "beat", "Location_Code": "location_code", "Address": "street_address"}
PLACE |= {"Street": "street", "Apartment": "apartment", "City_State_Zipcode": "locality"}
# Report 2's columns of an officer's recorded characteristics: attribute, held, sensitive.
OFFICER = {
    "Accused_Birth_Yr": ("birth_year", None, True),
    "Accused_Gender": ("gender", None, True),
    "Accused_Race_Code": ("race_or_ethnicity", None, True),
    "Accused_Date_of_Appt": ("appointed", None, False),
    "Accused_Current_Unit": ("unit", "at_release", False),
    "Accused_Current_Rank": ("rank", "at_release", False),
}
COMPLAINANT = {"Complainant_Gender": "gender", "Complainant_Age": "age"}
COMPLAINANT |= {"Complainant_Race_Desc": "race_or_ethnicity"}
# The columns whose every value is sensitive: the incident's place, and the gender, race, age
# and birth year of anyone, and everything recorded of a complainant.
SENSITIVE = {(R1, column) for column in PLACE}
SENSITIVE |= {(R2, c) for c in ("Accused_Birth_Yr", "Accused_Gender", "Accused_Race_Code")}
SENSITIVE |= {(R5, column) for column in COMPLAINANT}
# Columns no attribution quotes, with the reason: none. (Every column states something the
# casefile places; rows or cells left out are in the tests below: blank cells, a continuation
# row's filler, "No" in the ccrb prosecution column.)
NOT_QUOTED: dict[str, set[tuple[str, str]]] = {"chicago": set(), "ccrb": set()}


def continuation(row: dict[str, str]) -> bool:
    """A chicago-style continuation row: no complaint columns but Apartment 0 and 00:00:00."""
    return not row["Complaint_Date"]


def headers(fixtures: Path) -> set[tuple[str, str]]:
    """Every CSV column and every JSON key holding a string, by file, read from the raw files."""
    found = set()
    for path in fixtures.iterdir():
        if path.suffix == ".csv":
            found |= {(path.name, column) for column in rows(path)[0]}
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = [
                entry for value in data.values() if isinstance(value, list) for entry in value
            ]
            strings = [(k, v) for e in [data, *entries] for k, v in e.items()]
            found |= {(path.name, key) for key, value in strings if isinstance(value, str)}
    return found


def cells(documents: Path, case: casefile.Casefile) -> dict[tuple[str, int], tuple[str, str, int]]:
    """Each code point of each cell of the data files: (document id, offset) to (file, column,
    row number); rows count from 0 after the header, a JSON index's top level is row 0."""
    found = {}
    for document in case.documents:
        text = (documents / document.path).read_bytes().decode("utf-8")
        if document.path.endswith(".csv"):
            table = tables.csv_rows(text)
        else:
            top, entries = tables.json_rows(text, re.findall(r'\{\s*"(\w+)"', text)[1])
            table = [top, *entries]
        for number, row in enumerate(table):
            for column, (_, start, end) in row.items():
                found |= {
                    (document.id, at): (document.path, column, number) for at in range(start, end)
                }
    return found


def quoted(case: casefile.Casefile, where: dict[tuple[str, int], tuple[str, str, int]]) -> set:
    """The cells (file, column, row number) that the casefile's attributions quote."""
    spans = [(a.quote.document, a.quote.start, a.quote.end) for a in case.attributions]
    found = {where[document, start] for document, start, _ in spans}
    assert all(where[document, end - 1] == where[document, start] for document, start, end in spans)
    return found


@pytest.mark.parametrize("dataset", ["chicago", "ccrb"])
def test_every_column_of_every_file_is_quoted(dataset: str, request: pytest.FixtureRequest) -> None:
    """Every column of the data files (every string key of the JSON indexes) has cells that
    attributions quote, and each quote lies inside one cell: no column is dropped, incident
    times, places, identifiers and recorded characteristics included."""
    documents, case = request.getfixturevalue(dataset)
    columns = {(file, column) for file, column, _ in quoted(case, cells(documents, case))}
    assert NOT_QUOTED[dataset] == headers(CHICAGO if dataset == "chicago" else CCRB) - columns


def test_every_cell_of_a_time_place_identifier_or_characteristic_is_quoted(
    chicago: tuple[Path, casefile.Casefile],
) -> None:
    """Cell by cell: each value of those columns is quoted, but blank cells and the filler of
    continuation rows (Apartment 0, City_State_Zipcode 00:00:00), which state nothing."""
    documents, case = chicago
    found = quoted(case, cells(documents, case))
    placed = {R1: [*PLACE, "Incident_Datetime", "Complaint_Number", "Investigator_Star"]}
    placed[R1] += ["Investigator_Current_Assignment", "Investigator_Rank"]
    placed[R1] += ["Investigator_Appointed_Date"]
    placed |= {R2: [*OFFICER, "Accused_Star"], R5: [*COMPLAINANT]}
    for file, columns in placed.items():
        for number, row in enumerate(rows(CHICAGO / file)):
            for column in columns:
                filler = file == R1 and continuation(row) and column in PLACE
                assert bool(row[column] and not filler) == ((file, column, number) in found)


def test_each_complaint_has_its_number_and_its_incident_when_and_where(
    chicago_index: casefile.Index,
) -> None:
    """Found by its number, each complaint is about one incident, dated to the second it was
    recorded (to the day where the time is 00:00:00), at the place its columns give in parts;
    each allegation in it is about that incident, and its officers are involved as subjects."""
    for row in rows(CHICAGO / R1):
        if continuation(row):
            continue
        (complaint,) = chicago_index.by_identifier(
            row["Complaint_Number"], scheme="complaint_number"
        )
        (claim,) = complaint.incidents
        incident = chicago_index.get(claim.value)
        day, time = row["Incident_Datetime"].split(" ")
        assert [day if time == "00:00:00" else f"{day}T{time}"] == [
            str(w.value) for w in incident.when
        ]
        parts = [(kind, row[column]) for column, kind in PLACE.items() if row[column]]
        assert [parts] == [[(p.kind, p.value) for p in w.value.parts] for w in incident.where]
        allegations = chicago_index.allegations(complaint=complaint.id)
        assert all(a.incident == incident.id for a in allegations)
        subjects = {i.actor for i in incident.involved if i.role == "subject"}
        assert {a.against[0].value for a in allegations} == subjects


def test_each_officer_has_their_star_and_what_report_2_records_of_them(
    chicago_index: casefile.Index,
) -> None:
    """Found by star number (the digits of 14636.0), each officer holds report 2's values as
    written, current rank and unit held at the release, gender, race code and birth year
    sensitive; a race code stays a code (I, WWH), never translated."""
    for row in rows(CHICAGO / R2):
        if not row["Accused_Star"]:
            continue
        star = row["Accused_Star"].removesuffix(".0")
        (officer,) = chicago_index.by_identifier(star, scheme="star_number")
        held = {(c.attribute, c.value, c.held, c.sensitive) for c in officer.characteristics}
        expected = {(a, row[column], h, s) for column, (a, h, s) in OFFICER.items() if row[column]}
        assert expected <= held
    codes = {c.value for a in chicago_index.casefile.actors for c in a.characteristics}
    assert {"I", "WWH", "S", "BLK"} <= codes


def test_complainants_are_involved_in_the_incident_and_all_they_record_is_sensitive(
    chicago_index: casefile.Index,
) -> None:
    """Each report 5 row is an unnamed complainant, involved in the complaint's incident as a
    complainant, with the row's gender, age and race as written, all marked sensitive."""
    expected: dict[str, list[set[tuple[str, str]]]] = {}
    for row in rows(CHICAGO / R5):
        values = {(a, row[column]) for column, a in COMPLAINANT.items() if row[column]}
        expected.setdefault(f"cr-{row['Complaint_Number']}", []).append(values)
    for complaint, people in expected.items():
        found = [
            chicago_index.get(claim.value) for claim in chicago_index.get(complaint).complainants
        ]
        assert {model.ActorKind.UNNAMED_PERSON} == {a.kind for a in found}
        assert sorted(map(sorted, people)) == sorted(
            sorted((c.attribute, c.value) for c in a.characteristics) for a in found
        )
        assert all(c.sensitive for a in found for c in a.characteristics)
        (incident,) = (chicago_index.get(c.value) for c in chicago_index.get(complaint).incidents)
        involved = {i.actor for i in incident.involved if i.role == "complainant"}
        assert {a.id for a in found} == involved


def test_an_officer_found_by_star_has_every_allegation_against_them_across_complaints(
    chicago_index: casefile.Index,
) -> None:
    """For each star number in two or more complaints of report 2 (PLIMMOSS, SELOSA's 14636 in
    three), by_identifier finds one officer, and the allegations against them are in exactly
    the complaints report 2 lists for that star."""
    complaints: dict[str, set[str]] = {}
    for row in rows(CHICAGO / R2):
        if row["Accused_Star"]:
            complaints.setdefault(row["Accused_Star"], set()).add(row["Complaint_Number"])
    several = {star: numbers for star, numbers in complaints.items() if len(numbers) > 1}
    assert len(several) >= 10 and 3 == len(several["14636.0"])
    for star, numbers in several.items():
        (officer,) = chicago_index.by_identifier(star.removesuffix(".0"), scheme="star_number")
        against = chicago_index.allegations(against=officer.id)
        assert {f"cr-{n}" for n in numbers} == {a.complaint for a in against}
        assert len(numbers) == len(against)


def test_redaction_withholds_exactly_the_sensitive_cells_and_stays_valid(
    chicago: tuple[Path, casefile.Casefile],
) -> None:
    """redact() leaves out every quote of a sensitive column and no other (each such cell is
    cited by its sensitive value alone), and what remains validates with its documents; no
    quote carries the text beside it (a neighbouring cell may be sensitive)."""
    documents, case = chicago
    where = cells(documents, case)
    redacted = redact(case)
    assert [] == casefile.validate(redacted.casefile, documents=documents)
    kept = {a.id for a in redacted.casefile.attributions}
    left_out = {
        where[a.quote.document, a.quote.start] for a in case.attributions if a.id not in kept
    }
    assert SENSITIVE == {(file, column) for file, column, _ in left_out}
    assert not {(f, c) for f, c, _ in quoted(redacted.casefile, where)} & SENSITIVE
    assert not any(a.quote.prefix or a.quote.suffix for a in case.attributions)
    assert not any(i.where for i in redacted.casefile.incidents)


@pytest.mark.parametrize("flag", [[], ["--include-sensitive"]])
def test_search_and_show_give_sensitive_values_only_when_asked(
    chicago: tuple[Path, casefile.Casefile], tmp_path: Path, flag: list[str]
) -> None:
    """Without --include-sensitive, a search for a street, a complainant's race or age, or an
    officer's race code finds nothing, and show gives an incident without its place and an
    officer without gender, race or birth year; with it, each is there."""
    _, case = chicago
    path = tmp_path / "chicago.casefile.json"
    casefile.dump(case, path)
    r1, r2, r5 = (rows(CHICAGO / name) for name in (R1, R2, R5))
    for text in (r1[1]["Street"], r5[2]["Complainant_Race_Desc"], r5[0]["Complainant_Age"], "WWH"):
        out = io.StringIO()
        assert 0 == main(["search", text, str(path), "--format", "json", *flag], out=out)
        found = json.loads(out.getvalue())
        assert bool(flag) == any(text in match["text"] for match in found), text
    first = r1[0]
    out = io.StringIO()
    assert 0 == main(
        ["show", f"incident-{first['Complaint_Number']}", str(path), "--format", "json", *flag],
        out=out,
    )
    assert bool(flag) == (first["Street"] in out.getvalue())
    officer = r2[0]
    out = io.StringIO()
    oid = f"officer-{officer['Accused_Star'].removesuffix('.0')}"
    assert 0 == main(["show", oid, str(path), "--format", "json", *flag], out=out)
    shown = json.loads(out.getvalue())["item"]
    values = {(c["attribute"], c["value"]) for c in shown.get("characteristics", [])}
    sensitive = {(a, officer[column]) for column, (a, _, s) in OFFICER.items() if s}
    assert bool(flag) == (sensitive <= values)
    assert ("rank", officer["Accused_Current_Rank"]) in values


def test_the_casefiles_own_words_never_use_a_sensitive_value(
    chicago: tuple[Path, casefile.Casefile], tmp_path: Path
) -> None:
    """Convert the files again with every sensitive cell overwritten (same length, so every
    offset holds): the names, summaries, titles, notes and phrases come out the same, so none
    of them is made from a sensitive value."""
    documents, case = chicago
    kept = {a.id for a in redact(case).casefile.attributions}
    texts = {d.path: bytearray((documents / d.path).read_bytes()) for d in case.documents}
    paths = {d.id: d.path for d in case.documents}
    for attribution in case.attributions:
        if attribution.id not in kept:
            quote = attribution.quote
            assert quote.exact.isascii()  # so code points are bytes
            texts[paths[quote.document]][quote.start : quote.end] = b"Q" * len(quote.exact)
    (tmp_path / "fixtures").mkdir()
    for name, data in texts.items():
        (tmp_path / "fixtures" / name).write_bytes(bytes(data))
    _, again = converted(
        tmp_path / "out", "convert_chicago.py", tmp_path / "fixtures", "chicago.casefile.json"
    )
    own = {"name", "summary", "title", "description", "note", "phrase", "aliases"}

    def words(data: object) -> list[tuple[str, object]]:
        if isinstance(data, dict):
            return [(k, v) for k, v in data.items() if k in own] + [
                w for v in data.values() for w in words(v)
            ]
        return [w for v in data for w in words(v)] if isinstance(data, list) else []

    assert words(json.loads(casefile.dumps(case))) == words(json.loads(casefile.dumps(again)))


# ---------------------------------------------------------------- ccrb-style


def penalty_rows() -> list[dict[str, str]]:
    """The ccrb-style penalties table, read with the csv module."""
    return rows(CCRB / "penalties.csv")


def test_every_substantiated_officer_is_a_board_finding(ccrb_index: casefile.Index) -> None:
    """A complaint per id, an officer per tax id (129), and per row a finding decided by the
    board that the allegation against that officer was substantiated."""
    table = penalty_rows()
    case = ccrb_index.casefile
    board = [
        f
        for f in case.findings
        if f.decided_by == ("board",) and f.about[0] in {a.id for a in case.allegations}
    ]
    assert len(table) == len(board) == 149
    assert {f"officer-{r['Tax ID']}" for r in table} == {
        a.id for a in case.actors if a.id.startswith("officer-")
    }
    assert 129 == len({r["Tax ID"] for r in table})
    assert {"substantiated"} == {f.kind for f in board}


def test_complaints_and_officers_are_found_by_the_numbers_the_board_gives(
    ccrb_index: casefile.Index,
) -> None:
    """Each Complaint Id is the complaint's complaint_number, each Tax ID its officer's
    tax_number; a departure letter's link states the tax id too, quoted inside the link."""
    for row in penalty_rows():
        (complaint,) = ccrb_index.by_identifier(row["Complaint Id"], scheme="complaint_number")
        (officer,) = ccrb_index.by_identifier(row["Tax ID"], scheme="tax_number")
        assert (f"cr-{row['Complaint Id']}", f"officer-{row['Tax ID']}") == (
            complaint.id,
            officer.id,
        )
        assert officer.id in {c.value for c in complaint.against}
    letters = json.loads((CCRB / "departureletters.json").read_text(encoding="utf-8"))
    for entry in letters["departureLetters"]:
        tax = entry["FileLink"].split("_Tax")[1].split("_")[0]
        (officer,) = ccrb_index.by_identifier(tax, scheme="tax_number")
        (number,) = officer.identifiers
        said = {
            (ccrb_index.get(at).source, ccrb_index.get(at).quote.exact)
            for at in number.attributions
        }
        assert {("src-penalties", tax), ("src-departureletters", tax)} <= said


def chain(index: casefile.Index, complaint: str, tax: str) -> list[str]:
    """The kinds of the decisions on one officer's allegation, in Index.decisions' order."""
    return [
        f"{d.sort}:{d.kind}:{d.stage}" for d in index.decisions(f"cr-{complaint}.officer-{tax}")
    ]


def test_the_board_chain_is_walked_in_order_through_a_plea(ccrb_index: casefile.Index) -> None:
    """201103224 / 940732: the board substantiated and recommended charges, its unit
    prosecuted, a plea was agreed (8 days), and the penalty imposed (Instructions) follows."""
    assert [
        "finding:substantiated:decided",
        "outcome:prosecution:recommended",
        "outcome:prosecution:decided",
        "outcome:plea:decided",
        "outcome:instructions:decided",
    ] == chain(ccrb_index, "201103224", "940732")


def test_the_board_chain_is_walked_in_order_through_a_trial(ccrb_index: casefile.Index) -> None:
    """201209180 / 940732: after the prosecution, a guilty verdict (approved), the penalties
    asked for and recommended at trial, then the penalty imposed, which replaces them."""
    assert [
        "finding:substantiated:decided",
        "outcome:prosecution:recommended",
        "outcome:prosecution:decided",
        "finding:guilty:decided",
        "outcome:forfeit_vacation_days:recommended",
        "outcome:forfeit_vacation_days:recommended",
        "outcome:forfeit_vacation_days:decided",
    ] == chain(ccrb_index, "201209180", "940732")
    decisions = ccrb_index.decisions("cr-201209180.officer-940732")
    assert ("cr-201209180.officer-940732.trial",) == decisions[-1].supersedes
    assert [3] == [c.value.value for c in ccrb_index.get(decisions[-1].id).count]


def test_a_prosecution_is_a_proceeding_arising_from_the_board_investigation(
    ccrb_index: casefile.Index,
) -> None:
    """Each of the 19 rows the unit prosecuted is a prosecution within the board's investigation
    of its complaint, where its verdicts are found."""
    prosecuted = [r for r in penalty_rows() if r["Officer is_APU"] == "Yes"]
    proceedings = [i for i in ccrb_index.casefile.investigations if i.kind == "prosecution"]
    assert 19 == len(prosecuted) == len(proceedings)
    for row in prosecuted:
        board = f"board-{row['Complaint Id']}"
        (inside,) = (
            i
            for i in ccrb_index.within(board)
            if ccrb_index.get(i).name.endswith(
                f"officer-{row['Tax ID']} in cr-{row['Complaint Id']}"
            )
        )
        assert [("arises_from", board)] == [
            (link.relation, link.value) for link in ccrb_index.get(inside).links
        ]
        verdicts = {f.kind for f in ccrb_index.findings(board) if f.investigation == inside}
        assert ("trial" in row["APU Case Status"].lower()) == bool(verdicts)


def test_verdicts_the_police_commissioner_reversed_are_reversals(
    ccrb_index: casefile.Index,
) -> None:
    """The finding reversals are exactly the rows whose status says the police commissioner
    reversed the trial verdict (2): the trial's verdict overturned, the final one standing."""
    reversed_rows = {
        (r["Complaint Id"], r["Tax ID"])
        for r in penalty_rows()
        if "reversed by PC" in r["APU Case Status"]
    }
    found = {}
    for reversal in ccrb_index.reversals():
        if ccrb_index.kind(reversal.later) == "finding":
            complaint, officer = reversal.later.split(".")[:2]
            found[(complaint[3:], officer[8:])] = (reversal.earlier_by, reversal.later_by)
            assert "overturned" == ccrb_index.get(reversal.earlier).stage
    assert 2 == len(reversed_rows)
    assert {key: (("tc",), ("pc",)) for key in reversed_rows} == found
    recommended = ccrb_index.get("cr-202112245.officer-937775.trial")  # 5 days, after the trial
    assert ("cr-202112245.officer-937775.verdict",) == recommended.of
    assert ["finding:guilty:overturned", "finding:not_guilty:decided"] == [
        step for step in chain(ccrb_index, "202112245", "937775") if step.startswith("finding:")
    ][1:]


def test_a_board_recommendation_of_another_kind_reverses_the_disposition_level(
    ccrb_index: casefile.Index,
) -> None:
    """Where the board's recommendation names another kind of discipline than the level in its
    disposition (6 rows: charges for command discipline; command discipline A to B is one kind),
    the recommendation is reported as reversing the level; the other 11 changes are not."""

    def level(label: str) -> str:
        return (
            label.removeprefix("Substantiated (").rstrip(")").removesuffix(" A").removesuffix(" B")
        )

    changed = {
        (r["Complaint Id"], r["Tax ID"])
        for r in penalty_rows()
        if r["Board Discipline Recommendation"]
        and level(r["Board Discipline Recommendation"])
        != level(r["CCRB Substantiated Officer Disposition"])
    }
    found = {
        tuple(part.split("-", 1)[1] for part in r.later.split(".")[:2])
        for r in ccrb_index.reversals()
        if r.earlier.endswith(".level") and r.later.endswith(".recommended")
    }
    assert 6 == len(changed)
    assert changed == found


def test_pending_prosecutions_are_pending(ccrb_index: casefile.Index) -> None:
    """A pending case (3 rows) has a prosecution at stage pending and no penalty imposed."""
    pending = [r for r in penalty_rows() if r["APU Case Status"] == "Pending"]
    assert 3 == len(pending)
    for row in pending:
        steps = chain(ccrb_index, row["Complaint Id"], row["Tax ID"])
        assert "outcome:prosecution:pending" == steps[-1]


def test_closing_reports_and_departure_letters_are_sources(ccrb_index: casefile.Index) -> None:
    """Each closing report (41) and departure letter (12) is a source its index cites; a report
    gives its case's disposition; a letter names its officer, joined by the tax id in its link."""
    reports = json.loads((CCRB / "closingreports.json").read_text(encoding="utf-8"))
    letters = json.loads((CCRB / "departureletters.json").read_text(encoding="utf-8"))
    sources = {s.id: s for s in ccrb_index.casefile.sources}
    cited = {d.source for d in sources["src-closingreports"].derived_from}
    assert {f"src-report-cr-{e['ComplaintId']}" for e in reports["closingReports"]} == cited
    assert int(reports["totalPosted"]) == len(cited) == 41
    assert 12 == len(sources["src-departureletters"].derived_from)
    for entry in letters["departureLetters"]:
        tax = entry["FileLink"].split("_Tax")[1].split("_")[0]
        assert f"{entry['FirstName']} {entry['LastName']}" == ccrb_index.get(f"officer-{tax}").name
    for entry in reports["closingReports"]:
        disposition = ccrb_index.get(f"cr-{entry['ComplaintId']}.disposition")
        assert f"Case disposition: {entry['CaseDisposition']}" == disposition.summary
        assert f"cr-{entry['ComplaintId']}" in {s for s in disposition.about}


# ---------------------------------------------------------------- the watchdog


def test_a_hearing_and_the_appeal_that_overturns_it_are_found_from_the_investigation(
    watchdog: casefile.Casefile,
) -> None:
    """From the original investigation: Index.findings gives the hearing's finding and the
    appeal's, Index.decisions the sanction and its reversal in order, Index.reversals both."""
    index = casefile.Index(watchdog)
    assert ("hearing-2022-031", "appeal-2022-031") == index.within("wd-2022-031")
    assert [
        ("ingrith.cta", "wd-2022-031", "case_to_answer_gross_misconduct"),
        ("ingrith.proven", "hearing-2022-031", "proven"),
        ("ingrith.not-proven", "appeal-2022-031", "not_proven"),
    ] == [(f.id, f.investigation, f.kind) for f in index.findings("wd-2022-031")]
    assert [
        ("ingrith.cta", True),
        ("ingrith.proven", False),
        ("ingrith.not-proven", True),
        ("ingrith.dismissal", False),
        ("ingrith.reinstated", True),
    ] == [(d.id, d.stands) for d in index.decisions("wd-2022-031")]
    assert [
        ("ingrith.proven", "ingrith.not-proven", ("panel-2022-031",), ("tribunal",)),
        ("ingrith.dismissal", "ingrith.reinstated", ("panel-2022-031",), ("tribunal",)),
    ] == [(r.earlier, r.later, r.earlier_by, r.later_by) for r in index.reversals("wd-2022-031")]


def test_the_watchdog_cases_hold_each_kind_of_decision(watchdog: casefile.Casefile) -> None:
    """Cases to answer for misconduct and gross misconduct and none; hearings' findings and
    sanctions (dismissal, final written warning, would have been dismissed, barred list); a
    referral for a charging decision; an inquest into a death the investigation examined."""
    index = casefile.Index(watchdog)
    assert {
        "case_to_answer_gross_misconduct",
        "case_to_answer_misconduct",
        "no_case_to_answer",
        "proven",
        "not_proven",
    } == {f.kind for f in watchdog.findings}
    assert {
        "referral",
        "dismissal",
        "barred_list",
        "final_written_warning",
        "would_have_been_dismissed",
        "reinstatement",
        "retired_before_hearing",
    } == {o.kind for o in watchdog.outcomes}
    assert {"investigation", "hearing", "appeal", "inquest"} == {
        i.kind for i in watchdog.investigations
    }
    inquest = index.get("inquest-2021-014")
    assert [("inquest_into", "wd-2021-014")] == [
        (link.relation, link.value) for link in inquest.links
    ]
    assert ("hearing-2021-014", "inquest-2021-014") == index.within("wd-2021-014")
    assert () == index.reversals("wd-2021-014") == index.reversals("wd-2023-007")


def test_the_watchdog_fixture_names_no_one_who_complained_or_died(
    watchdog: casefile.Casefile,
) -> None:
    """The man who died and the member of the public who complained are unnamed people."""
    kinds = {a.id: a.kind for a in watchdog.actors}
    assert model.ActorKind.UNNAMED_PERSON == kinds["man-2021"] == kinds["complainant-2023"]


# ---------------------------------------------------------------- the documentation


def test_the_oversight_page_maps_every_column_and_field() -> None:
    """docs/oversight.md has a table for each data file that names every column of the CSV
    files and every key of the JSON indexes, and nothing else: none is left out silently."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared oversight fixtures are not at {SHARED}")
    page = (ROOT / "docs" / "oversight.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### `([^`]+)`\n(.*?)(?=^#)", page + "\n#", re.S | re.M))
    for path in sorted([*CHICAGO.iterdir(), *CCRB.iterdir()]):
        if path.suffix == ".csv":
            expected = set(next(csv.reader(io.StringIO(path.read_text(encoding="utf-8")))))
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = [value for value in data.values() if isinstance(value, list)]
            expected = set(data) | {key for entry in entries[0] for key in entry}
        else:
            continue
        listed = set(re.findall(r"^\| `([^`]+)` \|", sections[path.name], re.M))
        assert expected == listed, path.name


def test_the_commands_the_page_shows_print_what_it_shows(tmp_path: Path) -> None:
    """The page's ``text`` blocks of ``$`` commands (shown, not run by the docs tests, since the
    fixtures are outside the repository) run here in order, in a scratch folder, and print what
    the page shows (``...`` standing for any text)."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared oversight fixtures are not at {SHARED}")
    page = (ROOT / "docs" / "oversight.md").read_text(encoding="utf-8")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "COLUMNS": "80", "PATH": path}
    paths = {"../shared/fixtures/oversight": str(SHARED), "examples/": f"{ROOT}/examples/"}
    paths["tests/data/"] = f"{ROOT}/tests/data/"
    ran = 0
    for block in re.findall(r"^```text\n(\$ .*?)^```", page, re.S | re.M):
        # Commands continued over lines with a backslash run as one, as the docs tests run them.
        for command, shown in ((c.command, c.expected) for c in commands(block)):
            for written, real in paths.items():
                command = command.replace(written, real)
            done = subprocess.run(
                command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True
            )
            printed = "".join(
                f"{line.rstrip()}\n" for line in (done.stdout + done.stderr).splitlines()
            )
            assert doctest.OutputChecker().check_output(shown, printed, doctest.ELLIPSIS), (
                f"$ {command}\n--- the page shows:\n{shown}--- it printed:\n{printed}"
            )
            ran += 1
    assert ran >= 8
