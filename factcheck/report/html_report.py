"""The HTML evidence page: one self-contained file rendered by Jinja2 with autoescape, locked by a CSP.

The page loads nothing: its style and its one script are inlined, and its Content-Security-Policy
allows exactly those two by their SHA-256 hashes, so even markup that slipped through escaping
could neither run a script nor fetch anything. What the page shows is built in `html_view`.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib.resources import files

from ..model import RunResult
from . import html_view

TEMPLATES = "templates"


def render(result: RunResult) -> str:
    """The whole run as one HTML page (UTF-8 text, ending with a newline)."""
    page = html_view.page(result)
    from markupsafe import Markup  # comes with Jinja2

    style, script = Markup(_asset("report.css")), Markup(_asset("report.js"))
    html = _template().render(
        page=page,
        csp=content_security_policy(script, style),
        style=style,
        script=script,
        severities=html_view.SEVERITIES,
        statuses=html_view.STATUSES,
        outlet_keys={outlet: f"o{index}" for index, outlet in enumerate(page.outlets)},
    )
    return html if html.endswith("\n") else html + "\n"


def content_security_policy(script: str, style: str) -> str:
    """Nothing from anywhere; the page's own inline script and style, each by the hash of its text."""
    return "; ".join([
        "default-src 'none'",
        f"script-src '{source_hash(script)}'",
        f"style-src '{source_hash(style)}'",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def source_hash(text: str) -> str:
    """A CSP hash source: sha256 of the element's text exactly as it stands between its tags."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = files(__package__).joinpath(TEMPLATES, name).read_text(encoding="utf-8")
    # The text is inserted raw between <script> or <style> tags: it must not be able to close them.
    if "</" in text:
        raise ValueError(f"{name}: an inline asset must not contain '</'")
    return text


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader(__package__, TEMPLATES),
        autoescape=True,  # every value is escaped unless marked Markup: only the package's own style and script are
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")
