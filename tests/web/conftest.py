"""Fixtures for the web tests: a small resume, and PDF/DOCX files generated from it in memory."""

from __future__ import annotations

import pytest

from tests.fixtures.documents import docx_bytes, pdf_bytes

# Written for these tests: a resume with skills from several IT Manager competencies, a dated
# management role, a degree and a certification, so every part of the page has something to show.
RESUME = """Casey Quinn
IT Manager

SUMMARY
IT manager with 10 years of experience in IT operations and 6 years managing IT teams.

EXPERIENCE
IT Manager
Bluewater Freight    Jan 2018 - Present
- Lead a team of 8 engineers; hiring, mentoring and performance reviews.
- Own the IT budget and vendor management; ran ITIL incident management on ServiceNow.
- Built the disaster recovery plan; moved file shares to Microsoft 365 and Azure.

Systems Administrator
Harbor Supply    2013 - 2017
- Administered Active Directory, Linux servers and SQL Server databases.

EDUCATION
Bachelor of Science in Information Technology, 2012

CERTIFICATIONS
ITIL 4 Foundation
"""

POSTING = """Senior Data Engineer
Requirements
- 5+ years of experience building data pipelines with Python and SQL.
- Experience with Apache Spark, Kafka and Kubernetes.
- Bachelor's degree in Computer Science.
"""


@pytest.fixture(scope="session")
def resume_pdf() -> bytes:
    return pdf_bytes(RESUME)


@pytest.fixture(scope="session")
def resume_docx() -> bytes:
    return docx_bytes(RESUME)
