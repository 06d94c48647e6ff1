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
# The place of an incident: report 1's columns and the part of a place each holds.
PLACE = {"Beat": "beat", "Location_Code": "location_code", "Address": "street_address"}
PLACE |= {"Street": "street", "Apartment": "apartment", "City_State_Zipcode": "locality"}
FILLER = {"Apartment", "City_State_Zipcode"}  # a continuation row's 0 and 00:00:00: nothing
MIDNIGHT = "The time 00:00:00 is read as no time given: only the day is a value."
# What each file records of a person, kept as written: the attribute, and when it held.
RECORDED = {
    "Investigator_Current_Assignment": ("unit", "at_release"),  # "current": at the release
    "Investigator_Rank": ("rank", None),  # the file does not say when
    "Investigator_Appointed_Date": ("appointed", None),
    "Accused_Birth_Yr": ("birth_year", None),
    "Accused_Gender": ("gender", None),
    "Accused_Race_Code": ("race_or_ethnicity", None),
    "Accused_Date_of_Appt": ("appointed", None),
    "Accused_Current_Unit": ("unit", "at_release"),
    "Accused_Current_Rank": ("rank", "at_release"),
}
COMPLAINANT = {"Complainant_Gender": "gender", "Complainant_Age": "age"}
COMPLAINANT |= {"Complainant_Race_Desc": "race_or_ethnicity"}


def person(out: Collector, id: str, row: Row, at: dict[str, str], name: str, star: str) -> str:
    """An officer or investigator, their star number, and what the row records of them; the
    current unit is also a membership of a unit actor."""
    actor = out.add("actors", id, kind="person", name=row[name][0])
    if star in at:
        out.identifier(actor, "star_number", row[star], at[star])
    for column, (attribute, held) in RECORDED.items():
        if column in at:
            out.characteristic(actor, attribute, row[column], at[column], held=held)
        if column in at and attribute == "unit":
            number = int(float(row[column][0]))  # "007" and "7.0" are one unit
            out.add("actors", f"unit-{number}", kind="organisation", name=f"Unit {number}")
            out.state(actor, "member_of", at[column], value=f"unit-{number}")
    return id


def incident(out: Collector, complaint: dict, row: Row, at: dict[str, str]) -> None:
    """The incident a complaint is about: when (local time, as written) and where."""
    n, cited = complaint["id"][3:], at["Incident_Datetime"]
    day, time = row["Incident_Datetime"][0].split(" ")
    summary = f"The incident complaint {n} is about"
    held = out.add("incidents", f"incident-{n}", summary=summary, attributions=[cited])
    when = {"value": day, "note": MIDNIGHT} if time == "00:00:00" else {"value": f"{day}T{time}"}
    out.state(held, "when", cited, **when)
    out.place(held, row, at, PLACE)
    out.state(complaint, "incidents", cited, value=held["id"])


def complaint(out: Collector, row: Row) -> None:
    """A complaint, its number, its incident and its investigation, by its investigators."""
    skip = set() if row["Complaint_Date"][0] else FILLER  # a continuation row
    at, n, name = out.cells(R1, row, skip), row["Complaint_Number"][0], row["Investigator_Name"]
    made = {"kind": "investigation", "name": f"Investigation of complaint {n}"}
    held, inv = out.complaint(n, f"inv-{n}", at["Complaint_Number"], **made)
    out.identifier(held, "complaint_number", row["Complaint_Number"], at["Complaint_Number"])
    for column, event in (("Complaint_Date", "lodged"), ("Closed_Date", "concluded")):
        if column in at:  # the time is always midnight: only the day is a value
            holder, day = held if event == "lodged" else inv, row[column][0][:10]
            out.state(holder, "milestones", at[column], event=event, value=day)
    if "Incident_Datetime" in at:
        incident(out, held, row, at)
    if name[0]:
        pid = f"investigator-{id_part(name[0])}"  # by name: investigators have no other key
        person(out, pid, row, at, "Investigator_Name", "Investigator_Star")
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
    name, (star, start, _) = row["Accused_Name"], row["Accused_Star"]
    star = star.removesuffix(".0")  # "14636.0" is a float's text: the star is the digits
    row["Accused_Star"] = (star, start, start + len(star))
    at, n = out.cells(R2, row), row["Complaint_Number"][0]
    oid = f"officer-{star}" if star else f"officer-{n}-{id_part(name[0])}"
    person(out, oid, row, at, "Accused_Name", "Accused_Star")
    code, _, label = row["Accused_Complaint_Category"][0].partition("-")
    known = {"code": code, "label": label, "category": CATEGORY.get(code)} if code else {}
    cited = [at[c] for c in ("Complaint_Number", "Accused_Complaint_Category") if c in at]
    against = [at[c] for c in ("Accused_Name", "Accused_Star") if c in at]
    aid, complaint = f"cr-{n}.{oid}", out.records["complaints"][f"cr-{n}"]
    summary = f"Allegation against {name[0]} in complaint {n}"
    made = {"summary": summary, "incident": f"incident-{n}", **known}
    out.allegation(aid, complaint, oid, against, *cited, **made)
    incident = out.records["incidents"][f"incident-{n}"]
    out.state(incident, "involved", *against, actor=oid, role="subject")
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


def complainant(out: Collector, row: Row) -> None:
    """An unnamed complainant per row (report 5 names no one), involved in the complaint's
    incident, with what the row records of them: all sensitive, as a civilian's."""
    at, n = out.cells(R5, row), row["Complaint_Number"][0]
    held, cited = out.records["complaints"][f"cr-{n}"], at["Complaint_Number"]
    pid = f"cr-{n}.complainant-{len(held.get('complainants', [])) + 1}"
    actor = out.add("actors", pid, kind="unnamed_person", name=f"A complainant in complaint {n}")
    out.state(held, "complainants", cited, value=pid)
    incident = out.records["incidents"][f"incident-{n}"]
    out.state(incident, "involved", cited, actor=pid, role="complainant")
    for column, attribute in COMPLAINANT.items():
        if column in at:
            out.characteristic(actor, attribute, row[column], at[column], civilian=True)


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
    for row in csv_rows(out.texts[R5]):
        complainant(out, row)
    title = "Invented complaint files in the shape of a city's published police complaint data"
    case = casefile.check(out.data(id="chicago-style", title=title), documents=out.folder)
    casefile.dump(case, folder / "chicago.casefile.json", validate=False)
    return case


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    case = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"valid: {len(case.findings)} findings, {len(case.outcomes)} outcomes")
