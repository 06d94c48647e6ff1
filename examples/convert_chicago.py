"""Convert the chicago-style complaint files (invented) to a casefile; docs/oversight.md maps them.

Usage: python examples/convert_chicago.py ../shared/fixtures/oversight/chicago-style OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

from tables import Cell, Collector, Row, csv_rows, id_part, penalty

import casefile

R1, R2, R5 = "report1_all_complaints", "report2_accused", "report5_complainant"
CODES = "discipline_penalty_codes"
FINDING = {"SU": "sustained", "NS": "not_sustained", "UN": "unfounded", "EX": "exonerated"}
# A category only where the label leaves no doubt; every allegation keeps its code and label.
CATEGORY = {"03B": "improper_search", "03C": "improper_search", "03D": "improper_arrest"}
CATEGORY |= {"05L": "force", "10U": "failure_to_act", "12D": "neglect_of_duty"}
STAGES = (("recommended", "Accused_Finding", "Accused_Recommended_Discipline"),)
STAGES += (("decided", "Accused_Final_Finding", "Accused_Discipline"),)
# Columns awaiting incidents and recorded characteristics (issue 14): never quoted, never held.
LATER = {"Beat", "Location_Code", "Address", "Street", "Apartment", "City_State_Zipcode"}
LATER |= {"Incident_Datetime", "Investigator_Appointed_Date", "Accused_Birth_Yr"}
LATER |= {"Accused_Gender", "Accused_Race_Code", "Accused_Date_of_Appt"}


def person(out: Collector, file: str, id: str, name: Cell, rank: Cell, unit: Cell) -> str:
    """An officer or investigator, with the current rank as a role and unit as membership."""
    actor = out.add("actors", id, kind="person", name=name[0])
    if rank[0]:
        out.state(actor, "roles", out.cite(file, rank), title=rank[0])
    if unit[0]:
        number = int(float(unit[0]))  # "007" and "7.0" are one unit
        out.add("actors", f"unit-{number}", kind="organisation", name=f"Unit {number}")
        out.state(actor, "member_of", out.cite(file, unit), value=f"unit-{number}")
    return id


def complaint(out: Collector, row: Row) -> None:
    """A complaint and its investigation per number, conducted by its investigators."""
    at, n, name = out.cells(R1, row, LATER), row["Complaint_Number"][0], row["Investigator_Name"]
    made = {"kind": "investigation", "name": f"Investigation of complaint {n}"}
    held, inv = out.complaint(n, f"inv-{n}", at["Complaint_Number"], **made)
    for column, event in (("Complaint_Date", "lodged"), ("Closed_Date", "concluded")):
        if column in at:  # the time is always midnight: only the day is a value
            holder, day = held if event == "lodged" else inv, row[column][0][:10]
            out.state(holder, "milestones", at[column], event=event, value=day)
    if name[0]:
        rank, unit = row["Investigator_Rank"], row["Investigator_Current_Assignment"]
        pid = person(out, R1, f"investigator-{id_part(name[0])}", name, rank, unit)  # by name
        cited = [at[c] for c in ("Investigator_Name", "Investigator_Star") if c in at]
        out.state(inv, "conducted_by", *cited, value=pid)


def discipline(out: Collector, cell: Cell, codes: dict[int, Row], stage: str) -> dict[str, object]:
    """The outcome a discipline code stands for, through the code list where it has the code."""
    entry = codes.get(int(float(cell[0])), {})  # "600.0" is code 600
    cited = [out.cite(R2, cell), *(out.cite(CODES, value) for value in entry.values() if value[0])]
    said = f"{entry['ACTION_TAKEN'][0]} (code {cell[0]})" if entry else f"unlisted code {cell[0]}"
    note = {} if entry else {"note": "Kept as recorded: the code list has no such code."}
    record = {"summary": f"{stage.title()}: {said}", "attributions": cited, **note}
    return record | penalty(said, cited[2:3])  # the days are counted in ACTION_TAKEN's words


def accused(out: Collector, row: Row, codes: dict[int, Row]) -> None:
    """The officer, an allegation against them, and its recommended and final decisions."""
    at, n = out.cells(R2, row, LATER), row["Complaint_Number"][0]
    name, star = row["Accused_Name"], row["Accused_Star"]
    oid = f"officer-{int(float(star[0]))}" if star[0] else f"officer-{n}-{id_part(name[0])}"
    person(out, R2, oid, name, row["Accused_Current_Rank"], row["Accused_Current_Unit"])
    code, _, label = row["Accused_Complaint_Category"][0].partition("-")
    known = {"code": code, "label": label, "category": CATEGORY.get(code)} if code else {}
    cited = [at[c] for c in ("Complaint_Number", "Accused_Complaint_Category") if c in at]
    against = [at[c] for c in ("Accused_Name", "Accused_Star") if c in at]
    aid, complaint = f"cr-{n}.{oid}", out.records["complaints"][f"cr-{n}"]
    summary = f"Allegation against {name[0]} in complaint {n}"
    out.allegation(aid, complaint, oid, against, *cited, summary=summary, **known)
    chain: dict[str, list[str]] = {"findings": [], "outcomes": []}
    for stage, found, imposed in STAGES:
        of, made = [aid], {"concerning": [oid], "stage": stage}
        if found in at:
            kind, of = FINDING[row[found][0]], [aid, f"{aid}.{stage}"]
            record = {"kind": kind, "summary": f"{stage.title()}: {kind.replace('_', ' ')}"}
            record |= {"about": [aid], "investigation": f"inv-{n}", "attributions": [at[found]]}
            out.decide("findings", of[1], chain["findings"], **record, **made)
        if imposed in at:
            record = discipline(out, row[imposed], codes, stage) | made | {"of": of}
            out.decide("outcomes", f"{aid}.{stage}-discipline", chain["outcomes"], **record)


def convert(fixtures: Path, folder: Path) -> casefile.Casefile:
    """Copy the four files to ``folder``/documents, write the casefile beside them, return it."""
    out = Collector(folder / "documents")
    for name in (R1, R2, R5, CODES):
        out.document(fixtures / f"{name}.csv", "text/csv", kind="dataset", title=f"{name}.csv")
    codes = {int(row["CODE"][0]): row for row in csv_rows(out.texts[CODES])}
    for row in csv_rows(out.texts[R1]):
        complaint(out, row)
    for row in csv_rows(out.texts[R2]):
        accused(out, row, codes)
    for row in csv_rows(out.texts[R5]):  # report 5 names no one: complainants are unnamed
        n, cited = row["Complaint_Number"][0], out.cite(R5, row["Complaint_Number"])
        held = out.records["complaints"][f"cr-{n}"]
        pid = f"cr-{n}.complainant-{len(held.get('complainants', [])) + 1}"
        out.add("actors", pid, kind="unnamed_person", name=f"A complainant in complaint {n}")
        out.state(held, "complainants", cited, value=pid)
    title = "Invented complaint files in the shape of a city's published police complaint data"
    case = casefile.check(out.data(id="chicago-style", title=title), documents=out.folder)
    casefile.dump(case, folder / "chicago.casefile.json", validate=False)
    return case


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    case = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"valid: {len(case.findings)} findings, {len(case.outcomes)} outcomes")
