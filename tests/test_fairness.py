"""Counterfactual fairness: edits that only change who someone is never change the result.

Each resume below (written for this test) is a template; one field at a time is replaced
(name and e-mail, pronouns, age, graduation year, address, a photo line) and the score and
every competency's status and credit must equal the baseline's.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from analyzer.extract import Extractor
from analyzer.ingest import from_text
from analyzer.profile import load_profile
from analyzer.scoring import Scorer

AS_OF = "2026-11"

RESUMES = {
    "senior_manager": """{name}
{address} | {email} | (555) 010-4477
{photo}{personal}
Summary
Infrastructure and service delivery leader. {subj} ran a 14-person IT department through a move
to Microsoft 365 and Azure, and {subj_l} cut help desk backlog in half with ITIL practices.

Experience
IT Manager, Harbor Freight Logistics — March 2016 to Present
- Managed budgets of $2.1M, vendor contracts and the disaster recovery plan
- Led the network refresh (Cisco switching, Fortinet firewalls) and SOC 2 audit work
Systems Administrator, Lakeside Clinic — June 2011 to February 2016
- Looked after VMware hosts, Active Directory, backups and Windows Server patching

Education
Bachelor of Science in Information Systems, State University, {grad}

Certifications
ITIL 4 Foundation; PMP; CompTIA Security+
""",
    "junior_admin": """{name}
{email}
{address}
{photo}{personal}
Profile
Systems administrator who likes automation. {subj} writes PowerShell and Python scripts for
user provisioning and keeps the Linux servers patched.

Work history
Junior Systems Administrator | Brightside Schools | 2021 – present
  * Active Directory, Intune, Jamf for 900 devices
  * Tier 2 ticket queue in ServiceNow
IT Support Technician | CityDesk Coworking | 2019 – 2021

Education
{grad} — Associate degree in Network Technology, Riverbend Community College

Skills
PowerShell, Python, Linux, Active Directory, Microsoft Intune, ServiceNow, Wireshark
""",
    "project_lead": """Name: {name}
Address: {address}
Email: {email}
{personal}{photo}
PROFESSIONAL SUMMARY
Project lead with eight years delivering ERP and CRM rollouts. {subj} coordinates vendors,
budgets and training across finance and operations teams.

EXPERIENCE
Senior Project Manager — Meridian Foods (Jan 2018 – Dec 2024)
Managed SAP S/4HANA rollout for 1,200 users; ran steering committee and risk register.
Business Analyst — Meridian Foods (Aug 2014 – Dec 2017)
Gathered requirements; wrote SQL reports; built dashboards in Power BI.

EDUCATION
MBA, Northbridge Business School ({grad})

CERTIFICATIONS
PRINCE2 Practitioner, Certified ScrumMaster
""",
    "security_head": """{name} · {email}
{address}
{photo}{personal}
Head of IT Security with a background in network engineering. {subj} built the incident
response program and {subj_l} reports to the board on cyber risk every quarter.

Employment
Head of Information Security, Castellan Insurance, 2019 - 2025
  - ISO 27001 certification, vulnerability management (Tenable), SIEM (Splunk)
  - Managed a team of 6 analysts and the security budget
Network Engineer, Castellan Insurance, 2012 - 2019
  - BGP, OSPF, VPNs, Palo Alto firewalls

Education
MSc Cyber Security, {grad}

Certifications: CISSP, CISM, CCNP
""",
    "short_generalist": """{name} — {email} — {address}
{personal}{photo}
IT generalist for a 40-person accounting firm since 2015: help desk, Microsoft 365 admin,
backups with Veeam, Wi-Fi and printers, onboarding laptops, small budget and purchasing.
{subj} also manages the relationship with the managed service provider.
Degree: BA in Economics ({grad}).
""",
}

NAMES = [
    "Emily Walsh",
    "Lakisha Washington",
    "Jamal Jones",
    "Nguyen Van Anh",
    "Mohammed Al-Sayed",
    "Priya Raghunathan",
    "José García",
    "Olga Ivanova",
    "Wei Zhang",
    "Kwame Mensah",
    "Siobhán Ní Bhriain",
    "Aarav Shah",
    "Fatima Zahra Benali",
    # Names that are also the names of tools: before the fix these scored as skills.
    "Sarah Jenkins",
    "Cassandra Lee",
    "Tom Spark",
    "Rachel Perl",
    "Anna Kafka",
    "Azure Nwosu",
    "Jordan Swift",
    "Ruby Okafor",
    "Julia Chase",
    "Grace Hopper-Lee",
]
PRONOUNS = [("She", "she"), ("He", "he"), ("They", "they")]
PERSONAL = ["", "Age: 58\n", "Age: 24\n", "Born 1966\n", "Date of birth: 14 May 1966\n", "Born in 1999\n"]
GRAD_YEARS = ["2019", "1985", "2003"]
ADDRESSES = [
    "12 Elm Street, Springfield, IL 62704",
    "Apt 5C, 880 Grand River Ave, Detroit, MI 48201",
    "Flat 4, 22 Baker Street, London NW1 6XE, United Kingdom",
    "Calle Mayor 5, 28013 Madrid, Spain",
    "Plot 17, Osu, Accra, Ghana",
    "Sector 62, Noida 201309, India",
    "ul. Tverskaya 10, Moscow 125009, Russia",
    "Rua Augusta 1500, São Paulo 01304-001, Brazil",
]
PHOTOS = ["", "[photo]\n"]

BASE = {
    "name": NAMES[0],
    "address": ADDRESSES[0],
    "personal": PERSONAL[0],
    "grad": GRAD_YEARS[0],
    "photo": PHOTOS[0],
    "subj": "She",
    "subj_l": "she",
}


def email_for(name: str) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isascii() and (c.isalnum() or c == "."))
    return f"{local}@example.com"


def render(template: str, **changes: str) -> str:
    fields = {**BASE, **changes}
    return template.format(email=email_for(fields["name"]), **fields)


@functools.cache
def scorer() -> tuple[Extractor, Scorer]:
    extractor = Extractor(as_of=AS_OF)
    return extractor, Scorer(load_profile("it_manager", check=False), as_of=AS_OF)


def outcome(text: str) -> dict[str, Any]:
    extractor, sc = scorer()
    result = sc.score(extractor.extract(from_text(text, id="r")))
    return {
        "score": result.score,
        "competencies": {c.id: (c.status, c.credit) for c in result.competencies},
        "requirements": {r.id: (r.status, r.credit) for r in result.requirements},
    }


VARIANTS: list[tuple[str, dict[str, str]]] = (
    [(f"name={n}", {"name": n}) for n in NAMES[1:]]
    + [(f"pronoun={p}", {"subj": p, "subj_l": q}) for p, q in PRONOUNS[1:]]
    + [(f"personal={p.strip()}", {"personal": p}) for p in PERSONAL[1:]]
    + [(f"grad={g}", {"grad": g}) for g in GRAD_YEARS[1:]]
    + [(f"address={a}", {"address": a}) for a in ADDRESSES[1:]]
    + [("photo", {"photo": p}) for p in PHOTOS[1:]]
)


def differences(base: dict[str, Any], other: dict[str, Any]) -> list[str]:
    out = [f"score {base['score']} -> {other['score']}"] if base["score"] != other["score"] else []
    for key in ("competencies", "requirements"):
        for cid, value in base[key].items():
            if other[key][cid] != value:
                out.append(f"{cid}: {value} -> {other[key][cid]}")
    return out


@pytest.mark.parametrize("resume", sorted(RESUMES))
def test_counterfactual_edits_change_nothing(resume: str) -> None:
    template = RESUMES[resume]
    base = outcome(render(template))
    assert base["score"] > 0  # the resumes are real enough to score
    failures = {
        label: diff
        for label, changes in VARIANTS
        if (diff := differences(base, outcome(render(template, **changes))))
    }
    assert not failures, failures


@pytest.mark.parametrize("resume", sorted(RESUMES))
def test_a_name_used_in_the_text_changes_nothing(resume: str) -> None:
    """Resumes that call their writer by name instead of "she": the first name in the text as
    well, where "Ruby", "Azure" or "Cassandra" must not name a tool and "Wei" must read as
    "Emily" does."""
    template = RESUMES[resume]
    first = NAMES[0].split()[0]
    base = outcome(render(template, subj=first, subj_l=first))
    failures = {}
    for name in NAMES[1:]:
        first = name.split()[0]
        if diff := differences(base, outcome(render(template, name=name, subj=first, subj_l=first))):
            failures[name] = diff
    assert not failures, failures


# Real and plausible addresses whose words name products ("Oracle", "Azure", "Salesforce") or
# areas ("Cloud", "Security", "Backup").
PRODUCT_ADDRESSES = [
    "1 Oracle Parkway, Redwood City, CA 94065",
    "5 Azure Way, Apple Valley, MN 55124",
    "Salesforce Tower, 415 Mission St, San Francisco, CA 94105",
    "Flat 2, Server House, Cloud Lane, Bristol BS1 4DJ",
    "4 Security Row, Backup Hill, Leeds LS1 4AP",
    "7 Cisco Road, Network Park, Reading RG1 1AA",
]


@pytest.mark.parametrize("resume", sorted(RESUMES))
def test_an_address_that_names_products_changes_nothing(resume: str) -> None:
    template = RESUMES[resume]
    base = outcome(render(template))
    failures = {
        address: diff
        for address in PRODUCT_ADDRESSES
        if (diff := differences(base, outcome(render(template, address=address))))
    }
    assert not failures, failures


def test_all_edits_at_once_change_nothing() -> None:
    """The most different person we can write: every field changed together."""
    changes = {
        "name": "Mohammed Al-Sayed",
        "subj": "He",
        "subj_l": "he",
        "personal": "Age: 58\nBorn 1966\n",
        "grad": "1985",
        "address": "Plot 17, Osu, Accra, Ghana",
        "photo": "[photo]\n",
    }
    for template in RESUMES.values():
        assert differences(outcome(render(template)), outcome(render(template, **changes))) == []


def test_the_resumes_differ_from_each_other() -> None:
    """Guard against a degenerate pipeline that scores everything the same."""
    scores = {outcome(render(t))["score"] for t in RESUMES.values()}
    assert len(scores) >= 4


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sarah Jenkins\nIT Manager\n", "Sarah Jenkins"),
        ("Name: Tom Spark\nAddress: 1 Main St\n", "Tom Spark"),
        ("Resume\n\nCassandra Lee · cassandra@example.com\n", "Cassandra Lee"),
        ("Nguyen Van Anh — anh@example.com — Hanoi\n", "Nguyen Van Anh"),
        ("José García-Núñez, PMP\n", "José García-Núñez"),
        ("IT Manager\n", None),
        ("Azure Cloud Engineer\n", None),
        ("Jenkins, Kafka, Spark\n", None),
    ],
)
def test_name_line_is_found(text: str, name: str | None) -> None:
    from analyzer.skills import name_ranges

    found = [text[a:b] for a, b in name_ranges(text, len(text))]
    assert found == ([name] if name else [])


def test_tool_named_like_a_person_still_counts_outside_the_name() -> None:
    extractor, _ = scorer()
    text = "Sarah Jenkins\nDevOps lead\n\nSkills\nJenkins, Kafka, Spark, Terraform\n"
    ext = extractor.extract(from_text(text))
    found = {(s.id, s.start) for s in ext.skills}
    assert {"tech:jenkins", "tech:kafka", "tech:spark"} <= {i for i, _ in found}
    assert all(start > len("Sarah Jenkins") for _, start in found)
