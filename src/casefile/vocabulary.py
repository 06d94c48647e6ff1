"""Open vocabularies: the well-known values of the fields whose values cannot be closed.

An outcome in England and Wales may be "case to answer for gross misconduct"; elsewhere it is
"sustained" or "exonerated". Closing the list would force every jurisdiction into one's words,
so these fields accept any lower-case ``snake_case`` term and document the terms below, which
tools should prefer when one fits. The schema lists them as ``examples``; the docs render them.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CIVILIAN_ROLES", "SENSITIVE_CHARACTERISTICS", "TERM_PATTERN", "VOCABULARIES"]

#: Every open-vocabulary term is a lower-case snake_case word.
TERM_PATTERN: Final = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$"

VOCABULARIES: Final[dict[str, dict[str, str]]] = {
    "source_kind": {
        "news_report": "An article reporting events, written by an outlet's own staff.",
        "republication": "A page that carries another source's text, whole or in part.",
        "official_statement": "A statement issued by an organisation in its own name.",
        "press_release": "A statement issued to the press by an organisation.",
        "report": "A formal report or published summary of an investigation or inquiry.",
        "commentary": "A text whose main form is opinion or argument.",
        "interview": "A conversation with a speaker, published as such.",
        "broadcast": "A radio or television programme or segment.",
        "social_media_post": "A post on a social media service.",
        "court_record": "A judgment, sentencing remarks or other court document.",
        "letter": "A letter or email made public.",
    },
    "derivation": {
        "republishes": "Carries the other source's text, whole or in part, as published.",
        "quotes": "Quotes words from the other source.",
        "reports": "Reports what the other source says, in its own words.",
        "cites": "Names the other source as a basis for what it says.",
    },
    "investigation_kind": {
        "investigation": "An investigation by a body with a duty to investigate.",
        "operation": "A named police or watchdog operation.",
        "inquiry": "An inquiry, public or not, into a matter of concern.",
        "review": "A review of an organisation's actions or records.",
        "criminal_investigation": "An investigation of suspected crimes.",
        "media_investigation": "An investigation published by a news organisation.",
        "hearing": "A misconduct or disciplinary hearing.",
        "prosecution": "An administrative or criminal prosecution of a charge.",
        "trial": "A trial before a court or a trial commissioner.",
        "appeal": "An appeal against an earlier decision.",
        "inquest": "A coroner's inquest into a death.",
    },
    "proceeding_relation": {
        "part_of": "Is one strand of the other, larger proceeding.",
        "arises_from": "Was opened because of the other proceeding or what it found.",
        "oversees": "Oversees the other proceeding, which another body conducts.",
        "directs": "Directs the other proceeding, which another body conducts.",
        "supervises": "Supervises the other proceeding, which another body conducts.",
        "reviews": "Reviews the other proceeding or its decisions.",
        "appeal_of": "Is an appeal against the other proceeding's decisions.",
        "prosecutes": "Prosecutes charges that the other proceeding brought or found.",
        "inquest_into": "Is an inquest into a death that the other proceeding examined.",
    },
    "decision_stage": {
        "recommended": "Recommended to the body that decides.",
        "decided": "Decided by the body that decides.",
        "pending": "Not yet decided.",
        "appealed": "Decided, and under appeal.",
        "overturned": "Decided, then reversed on appeal or review.",
        "set_aside": "Decided, then set aside.",
        "withdrawn": "Withdrawn before or after a decision.",
    },
    "allegation_category": {
        "force": "Use of force.",
        "abuse_of_authority": "Misuse of police powers: stops, searches, arrests, threats.",
        "discourtesy": "Rude or unprofessional words or conduct.",
        "offensive_language": "Language about a person's protected characteristics.",
        "untruthful_statement": "A false or misleading statement.",
        "improper_arrest": "An arrest without lawful grounds.",
        "improper_search": "A search without lawful grounds.",
        "failure_to_act": "A failure to act, to protect or to investigate.",
        "neglect_of_duty": "Neglect of a duty or of procedure.",
        "corruption": "Corruption or improper benefit.",
        "criminal_conduct": "Conduct alleged to be a criminal offence.",
        "other": "Anything the other categories do not fit.",
    },
    "milestone": {
        "started": "Work began.",
        "concluded": "Work ended, or the decision was reached.",
        "published": "The findings or report were made public.",
        "updated": "An updated report or summary was made public.",
        "shared": "Findings were shared with a party before publication.",
        "lodged": "A complaint was made.",
        "decided": "A decision was made on a complaint.",
    },
    "outcome_kind": {
        "management_advice": "Management advice was given.",
        "reflective_practice": "The reflective practice review process was applied.",
        "written_warning": "A written warning was given.",
        "final_written_warning": "A final written warning was given.",
        "dismissal": "Dismissal from employment; also used with a count of zero.",
        "retired_before_hearing": "A person retired or resigned before a hearing.",
        "referral": "A matter was referred to another body.",
        "apology": "An apology was made.",
        "acceptance": "Findings were accepted by the party they concern.",
        "conviction": "A person was convicted.",
        "release": "A person was released from custody.",
        "no_criminal_referral": "No indication of a criminal offence was found.",
        "suspension": "A suspension from duty, with its length where stated.",
        "reprimand": "A reprimand.",
        "command_discipline": "Discipline within the officer's command.",
        "forfeit_vacation_days": "Vacation days forfeited, with how many where stated.",
        "instructions": "Instructions or formal training given.",
        "training": "Training required.",
        "would_have_been_dismissed": "Dismissal, had the person not left before it.",
        "barred_list": "Entry on a list barring a return to policing.",
        "resignation": "A person resigned.",
        "retirement": "A person retired.",
        "prosecution": "A matter was brought to prosecution.",
        "plea": "A plea was agreed, with its penalty where stated.",
        "no_action": "No action was taken.",
        "no_penalty": "No penalty was imposed.",
    },
    "measure": {
        "investigations": "How many investigations or strands a larger one comprised.",
        "allegations": "How many allegations were examined.",
        "complainants": "How many people or bodies complained.",
        "officers_examined": "How many officers were investigated.",
        "victims": "How many people were harmed, as a count or a bound.",
        "cost": "What it cost; the unit is an ISO 4217 currency code.",
        "duration": "How long it lasted; the unit is a time unit such as years.",
        "rank": "A position in a size order, such as second largest.",
    },
    "finding_kind": {
        "failure": "A failure to act, or to act adequately.",
        "no_indication": "No indication of the matter examined was found.",
        "positive_action": "Action that was taken and worked, in part or whole.",
        "observation": "A fact established by the investigation.",
        "upheld": "A complaint was upheld.",
        "not_upheld": "A complaint was not upheld.",
        "case_to_answer": "A case to answer was found (England and Wales police conduct).",
        "case_to_answer_misconduct": "A case to answer for misconduct was found.",
        "case_to_answer_gross_misconduct": "A case to answer for gross misconduct was found.",
        "no_case_to_answer": "No case to answer was found.",
        "substantiated": "The allegation was found to have occurred and to be misconduct.",
        "unsubstantiated": "The evidence could not show whether the conduct occurred.",
        "sustained": "An allegation was sustained (United States usage).",
        "not_sustained": "An allegation was not sustained.",
        "exonerated": "The conduct occurred but was found lawful and proper.",
        "unfounded": "The alleged conduct was found not to have occurred.",
        "proven": "A charge or an allegation was found proven at a hearing or trial.",
        "not_proven": "A charge or an allegation was found not proven.",
        "guilty": "A plea or verdict of guilty.",
        "not_guilty": "A plea or verdict of not guilty.",
        "systemic_failure": "A failure of an organisation's systems rather than of one person.",
    },
    "identifier_scheme": {
        "complaint_number": "A complaint's number in the records of the body that holds it.",
        "case_reference": "A case's reference in the records of the body that holds it.",
        "log_number": "A log or register number given to a matter when it is recorded.",
        "star_number": "A police officer's star number, shown on the uniform.",
        "badge_number": "A police officer's badge or shield number.",
        "tax_number": "An officer's tax or payroll number in personnel records.",
        "employee_number": "A person's number in an employer's records.",
        "company_number": "An organisation's number in a register of companies or charities.",
    },
    "characteristic": {
        "rank": "A rank, as the source records it.",
        "unit": "A unit, command or assignment, as the source records it.",
        "appointed": "When a person was appointed, as the source records it.",
        "gender": "Gender or sex, as the source records it (sensitive).",
        "race_or_ethnicity": "Race or ethnicity, as the source records it (sensitive).",
        "age": "Age, as the source records it (sensitive).",
        "birth_year": "Year of birth, as the source records it (sensitive).",
    },
    "characteristic_time": {
        "at_release": "When the source's data was released or published ('current' columns).",
        "at_incident": "At the time of the incident named in `at`.",
        "at_appointment": "When the person was appointed.",
        "at_decision": "When a decision on the matter was made.",
    },
    "involvement_role": {
        "complainant": "The person who complained (a civilian).",
        "victim": "A person harmed in the incident (a civilian).",
        "witness": "A person who saw or heard what happened (a civilian).",
        "civilian": "A member of the public present, in no other role given (a civilian).",
        "subject": "A person whose conduct is examined: an accused officer, for example.",
        "officer": "An officer present, whose conduct is not examined.",
    },
    "place_part": {
        "street_address": "A house number or the number and street, as recorded.",
        "street": "A street name, as recorded.",
        "apartment": "An apartment, flat or unit number.",
        "locality": "A city, town or village, with a postal code where recorded together.",
        "postal_code": "A postal code.",
        "beat": "A police beat or patrol area, by its code.",
        "district": "A police district or area, by its code or name.",
        "location_code": "The source's code for the kind of place (street, residence, ...).",
        "region": "A state, county or region.",
        "country": "A country.",
    },
}

#: Characteristics whose every recorded value is sensitive: a recorded characteristic with one
#: of these attributes must say ``sensitive: true`` (the schema enforces it).
SENSITIVE_CHARACTERISTICS: Final = frozenset({"gender", "race_or_ethnicity", "age", "birth_year"})

#: Roles in an incident that make a person a civilian, all of whose recorded characteristics
#: are sensitive, whatever the attribute (validation enforces it, with complainants).
CIVILIAN_ROLES: Final = frozenset({"complainant", "victim", "witness", "civilian"})
