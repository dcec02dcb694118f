"""A role's scoring policy: every number the score uses, carried by the profile (format 2).

The defaults below are the single definition of the IT Manager numbers (README: the score);
``jobfit profile build`` writes them into the profile's ``"policy"`` object and
``analyzer.scoring.Scorer`` reads them from there, so a second role with other shares or bands
needs a profile, not a code change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _competency_share() -> dict[str, float]:
    # ``C``: the competencies' share of the score, per kind of document.
    return {"resume": 0.50, "posting": 0.60}


def _requirement_shares() -> dict[str, dict[str, float]]:
    # ``s_r``: each requirement's share, per kind of document.
    return {
        "resume": {"management_years": 0.30, "total_years": 0.05, "education": 0.10, "certifications": 0.05},
        "posting": {"title": 0.40, "manages": 0.0},
    }


def _posting_manages() -> dict[str, float]:
    # A posting's managing duties scale its competency points: base + people + budget + vendors.
    return {"base": 0.40, "people": 0.40, "budget": 0.10, "vendors": 0.10}


def _building_weights() -> dict[str, float]:
    # Evidence weights of a competency when a profile is built: documents naming it matter most
    # (share of documents, log-scaled mentions, share inside lists); O*NET is a second opinion.
    return {"documents": 0.40, "frequency": 0.25, "lists": 0.15, "onet": 0.20}


@dataclass(frozen=True)
class ScoringPolicy:
    competency_share: dict[str, float] = field(default_factory=_competency_share)
    requirement_shares: dict[str, dict[str, float]] = field(default_factory=_requirement_shares)
    posting_manages: dict[str, float] = field(default_factory=_posting_manages)
    building_weights: dict[str, float] = field(default_factory=_building_weights)
    # Competency strength: distinct ids named (at most max_distinct), + demonstrated_strength if a
    # statement shows it, + repeated_strength if two or more do; credit = strength / max_distinct.
    max_distinct: int = 3
    demonstrated_strength: int = 2
    repeated_strength: int = 1
    # A posting's technology competency that statements demonstrate but whose skills the posting
    # never names gets at most this strength (out of max_distinct): partial, not met. Management
    # functions (areas data, "management": true) are exempt.
    posting_unnamed_strength: int = 1
    # A posting's supervision area (areas data, "supervision": true: team leadership) gets at most
    # this strength when the job shows no supervision (posting_fit.duty_signals), and none when
    # the posting says the job manages no one ("an individual contributor role").
    posting_unsupervised_strength: int = 1
    # Supervisory titles below a manager ("team lead", "supervisor") count at this factor.
    junior_factor: float = 0.5
    # Stated years ("12 years managing IT teams") count at this factor: a dated role is evidence.
    claim_factor: float = 0.5
    # Management credit keeps growing past the minimum: full credit at this multiple of it.
    full_credit_multiple: float = 2.0
    # Against a posting: at most item_penalty points go when no required ask is found, and never
    # less than item_points_min per full-weight ask.
    item_penalty: float = 50.0
    item_points_min: float = 4.0
    soft_item_weight: float = 0.75  # "communication", "leadership": every resume claims them
    vague_item_weight: float = 0.75  # "previous experience in a similar role": no number to check
    partial_credit: float = 0.5
    # A competency or requirement is met from this credit on (two of three strengths), partial
    # above 0.
    met_credit: float = 2 / 3
    # A posting "manages" (its requirement item is met) from this management factor on: people
    # and one of budget or vendors.
    manages_met: float = 0.8
    # posting_fit.match_title's overlap from which a role title is the posting's.
    title_found: float = 0.6
    # A posting without a title line whose text names the job ("we are seeking an IT Manager",
    # posting_fit.title_in_text): the title credit at this factor, a sentence being weaker
    # evidence than a title line (it may name a related role too).
    text_title_factor: float = 0.5
    # Score bands, highest floor first.
    bands: tuple[tuple[float, str], ...] = ((70.0, "strong"), (50.0, "good"), (30.0, "fair"), (0.0, "weak"))

    def band(self, score: float) -> str:
        return next(name for floor, name in self.bands if score >= floor)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["bands"] = [[floor, name] for floor, name in self.bands]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoringPolicy:
        """The policy of a profile file; a key it lacks keeps its default, an unknown key is an error."""
        if not isinstance(data, dict):
            raise TypeError("policy is not an object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise KeyError(f"unknown policy key(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "bands":
                values[key] = tuple((float(floor), str(name)) for floor, name in value)
            elif key == "requirement_shares":
                values[key] = {k: {r: float(s) for r, s in v.items()} for k, v in value.items()}
            elif isinstance(value, dict):
                values[key] = {k: float(v) for k, v in value.items()}
            elif key in (
                "max_distinct",
                "demonstrated_strength",
                "repeated_strength",
                "posting_unnamed_strength",
                "posting_unsupervised_strength",
            ):
                values[key] = int(value)
            else:
                values[key] = float(value)
        return cls(**values)


DEFAULT_POLICY = ScoringPolicy()
