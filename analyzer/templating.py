"""The one jinja2 environment for jobfit's HTML: templates in ``analyzer/templates``, autoescaped.

Every value a template prints is escaped unless it is ours and marked safe (:class:`markupsafe.Markup`):
a resume is untrusted input and must never become markup. ``None`` prints as nothing.

Templates are written one tag (or one whole sentence) a line, indented for reading; the loader
joins their lines, dropping indentation and line ends, so the page carries no layout whitespace
and rendering stays deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jinja2


class _JoinedLinesLoader(jinja2.PackageLoader):
    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        return "".join(line.lstrip() for line in source.splitlines()), filename, uptodate


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def num(value: Any, fmt: str = ".1f") -> str:
    """A number in ``fmt``; anything else as its text (escaped by the template), None as nothing."""
    try:
        return format(float(value), fmt)
    except (TypeError, ValueError):
        return "" if value is None or isinstance(value, jinja2.Undefined) else str(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from .evidence import evidence_texts
    from .reports import STATUS_COLOURS, requirement_value, suggestion_text

    env = jinja2.Environment(
        loader=_JoinedLinesLoader("analyzer", "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"], default_for_string=True, default=True),
        finalize=_finalize,
        undefined=jinja2.ChainableUndefined,
        auto_reload=False,
    )
    env.filters.update(
        num=num,
        evidence_texts=evidence_texts,
        requirement_value=requirement_value,
        suggestion_text=suggestion_text,
    )
    env.globals["colours"] = STATUS_COLOURS
    return env


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` (autoescaped) with ``context``."""
    return environment().get_template(name).render(**context)
