"""The oversight fixtures as casefiles: two invented datasets converted, one fictional watchdog built.

The two datasets live in ``../shared/fixtures/oversight`` beside the repository (their READMEs
describe every column and quirk); the tests that need them skip, saying why, when that folder is
absent. Each converter in ``examples/`` runs as a reader would run it, and what it writes is
checked against the raw files, read here with the csv and json modules alone: the counts and
chains below are computed from the files, never from the converters.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import casefile
from casefile import model

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


def test_characteristics_and_incidents_are_not_in_the_casefile(
    chicago: tuple[Path, casefile.Casefile],
) -> None:
    """No attribution quotes a cell of a column that awaits incidents and recorded
    characteristics (issue 14): gender, race, age, birth year, appointment, place and time."""
    documents, case = chicago
    later = {
        "Beat",
        "Location_Code",
        "Address",
        "Street",
        "Apartment",
        "City_State_Zipcode",
        "Incident_Datetime",
        "Investigator_Appointed_Date",
        "Accused_Birth_Yr",
        "Accused_Gender",
        "Accused_Race_Code",
        "Accused_Date_of_Appt",
        "Complainant_Gender",
        "Complainant_Age",
        "Complainant_Race_Desc",
    }
    quoted = {(a.quote.document, a.quote.start) for a in case.attributions}
    for document in case.documents:
        text = (documents / document.path).read_bytes().decode("utf-8")
        for row in tables.csv_rows(text):
            for column, (value, start, _) in row.items():
                if column in later and value:
                    assert (document.id, start) not in quoted, (column, value)


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
