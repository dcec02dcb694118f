"""jobfit: offline, explainable analysis of resumes and job postings."""

__version__ = "0.1.0"
