"""The English words jobfit reads documents by, in one place, as spaCy keeps its own in
``spacy/lang/en``: number words, month names, the years of a career, degree levels and the words
of management. Data only: each module builds the patterns it needs from these.

Changing a list here changes every module that reads it (and so extraction and scores): the
fairness and score tests say whether a change is safe.
"""

from __future__ import annotations

# --- numbers ------------------------------------------------------------------------------------

# "five years", "twenty years", "a year's experience": the numbers a claim spells out.
NUMBER_WORDS: dict[str, int] = {
    **{
        word: i + 1
        for i, word in enumerate(
            """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
            fifteen sixteen seventeen eighteen nineteen twenty""".split()
        )
    },
    "thirty": 30,
    "forty": 40,
    "a": 1,
    "an": 1,
}

# --- dates --------------------------------------------------------------------------------------

# Each month's written forms, the longest first (so an alternation of them prefers "june" to
# "jun", "sept" to "sep").
MONTH_FORMS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
# A month's number by the first three letters of any of its forms ("Sept" -> "sep" -> 9).
MONTH_NUMBERS: dict[str, int] = {forms[-1]: i + 1 for i, forms in enumerate(MONTH_FORMS)}
# Every form of every month, lower case: "(?:jan(?:uary)?|...)" written out.
MONTH_NAME_PATTERN = "(?:" + "|".join(form for forms in MONTH_FORMS for form in forms) + ")"
# The three-letter stems, for patterns that take any ending ("jan[a-z]*").
MONTH_STEM_PATTERN = "(?:" + "|".join(MONTH_NUMBERS) + ")"
# A calendar year of a working life.
YEAR_PATTERN = r"(?:19|20)\d\d"
# The words that end a date range still open ("Jan 2016 - Present", "2019 to now"). A role's
# range may also run "to date" or be "ongoing" (``analyzer.experience`` adds those), but a line
# that ends in "date" is no date line ("kept the records up to date"): line rules use these alone.
ONGOING_WORDS: tuple[str, ...] = ("present", "current", "now", "today")
ONGOING_PATTERN = "(?:" + "|".join(ONGOING_WORDS) + ")"

# --- what someone did ---------------------------------------------------------------------------

# Done verbs that do not end in "-ed" ("Led a team", "and cut annual spend"): with the "-ed"
# forms, the words that open a statement or a clause of one (``analyzer.statements``).
IRREGULAR_DONE_VERBS: tuple[str, ...] = tuple(
    """led built ran wrote cut drove oversaw grew won made set began took gave kept met sold bought
    taught held brought found chose""".split()
)

# --- education ----------------------------------------------------------------------------------

# Degree levels, lowest first: the ids of records and CSVs ("highest_education": "bachelor").
DEGREE_LEVELS: tuple[str, ...] = (
    "high_school",
    "certificate",
    "associate",
    "bachelor",
    "master",
    "doctorate",
)
DEGREE_RANK: dict[str, int] = {level: i for i, level in enumerate(DEGREE_LEVELS)}

# --- management ---------------------------------------------------------------------------------

# A job title that manages (``roles[].is_management``): executives, managers, heads, supervisors,
# team leads, owners and founders.
MANAGEMENT_TITLE_PATTERN = (
    r"manager|director|chief|head\s*of|\bhead\b|\bcio\b|\bcto\b|\bciso\b|\bceo\b|\bcoo\b|\bcfo\b"
    r"|\bsvp\b|\bevp\b|\bavp\b|\bvp\b|vice\s*president|president|supervisor|team\s*lead|leader"
    r"|superintendent|\bowner\b|founder|principal|managing"
)
# The management titles above a supervisor (a manager, a director, an executive): their years count
# in full toward management experience, a team lead's or a supervisor's at the policy's
# ``junior_factor``.
SENIOR_MANAGEMENT_TITLE_PATTERN = (
    r"manager|director|chief|head|\bcio\b|\bcto\b|\bciso\b|\bvp\b|vice\s*president|president|managing"
)
# The area of an experience claim that is about managing ("8 years managing IT teams",
# "5 years of leadership experience").
MANAGEMENT_AREA_PATTERN = r"manag|lead|supervis"
# Words that make a line read as a job title rather than a company, a place or a sentence.
JOB_TITLE_WORD_PATTERN = (
    r"manager|director|chief|head|\bcio\b|\bcto\b|\bvp\b|president|supervisor|lead|officer"
    r"|engineer|analyst|specialist|administrator|developer|consultant|technician|architect"
    r"|coordinator|assistant|associate|intern|programmer|designer|support|accountant|clerk"
    r"|representative|executive|owner|founder|partner|scientist|professor|teacher|instructor"
    r"|tester|auditor|officer|agent|advisor|adviser|operator|planner|strategist|owner"
)
# Abbreviations that job titles also write out ("IT Manager", "Information Technology Manager").
TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "it": ("information", "technology"),
    "is": ("information", "systems"),
    "ict": ("information", "technology"),
}
# A job title's rank by its seniority word ("VP", "Head of" and "Chief" are directors; "Lead" and
# "Coordinator" supervise), for matching a posting's title with a role's.
TITLE_RANKS: dict[str, str] = {
    "director": "director",
    "head": "director",
    "vp": "director",
    "vice": "director",
    "president": "director",
    "chief": "director",
    "cio": "director",
    "cto": "director",
    "svp": "director",
    "evp": "director",
    "avp": "director",
    "manager": "manager",
    "mgr": "manager",
    "management": "manager",
    "supervisor": "supervisor",
    "lead": "supervisor",
    "coordinator": "supervisor",
}

# --- names of places and organisations ----------------------------------------------------------

# Short legal forms and a trade that end both kinds of name below.
_NAME_ENDS_OF_BOTH = frozenset("inc ltd llc plc gmbh corp haulage".split())
# The last word of a place's or a business's name ("Azure Bay Hotel", "Linux Park", "VMware Inc"):
# a product's name inside such a name is part of the name, not the product. Only words that no
# technology's name ends with: not "Center" (System Center), "Farm" (server farm), "Store" (App
# Store), "Academy" (Cisco Networking Academy), "Club" or "Foundation".
PLACE_NAME_WORDS: frozenset[str] = _NAME_ENDS_OF_BOTH | frozenset(
    """
    hotel inn motel resort restaurant cafe café bakery pub diner grill house street road lane avenue
    park bay valley grove gardens stables ranch clinic hospital dental surgery pharmacy church
    choir charity theatre theater cinema gazette herald supermarket supplies airport stadium zoo
    museum salon spa gym logistics catering builders realty motors
    """.split()
)
# The last word of a business's name whatever words come before it ("Parcel Networks Inc",
# "Cloud Nine Couriers"): legal forms and trades that name no skill ("Logistics" does: "Reverse
# Logistics").
BUSINESS_NAME_ENDS: frozenset[str] = _NAME_ENDS_OF_BOTH | frozenset(
    "incorporated limited corporation couriers freight removals".split()
)
# The same for two words whose last one alone is ambiguous ("High School" but not "Java School").
PLACE_NAME_PAIRS: frozenset[tuple[str, str]] = frozenset(
    (first, last)
    for first, last in (
        pair.split("-")
        for pair in """
    high-school middle-school elementary-school primary-school secondary-school grammar-school
    community-college medical-center medical-centre learning-centre learning-center care-home
    nursing-home petrol-station gas-station train-station police-station fire-station
    """.split()
    )
)

# Particles of personal names, not names on their own ("van", "de", "al", "Ní"), with and without
# their accents as resumes write them.
NAME_PARTICLES: frozenset[str] = frozenset(
    "al bin ibn da das de del della der di do dos du el la le ni ní nic o ó ten ter van von y".split()
)

# Words that deny what follows them in a clause ("no direct reports", "non-supervisory role").
NEGATION_WORDS: frozenset[str] = frozenset({"no", "not", "non", "without", "never", "nor", "neither"})
