"""The reporter registry: format name -> function rendering a RunResult, plus atomic file writing."""
from __future__ import annotations

import os
import stat
import tempfile
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable

from ..config import Config
from ..model import RunResult
from .display import finding_status  # noqa: F401  (the commands and tests read it from here)

Reporter = Callable[[RunResult], bytes]  # the report as UTF-8 bytes, ready for a file or a pipe


def _lazy(module: str, function: str = "render") -> Reporter:
    """A reporter imported on first use, so one format's dependencies never slow another. The
    module's function returns text, or UTF-8 bytes where the report is large (JSON, SARIF)."""

    def reporter(result: RunResult) -> bytes:
        report = getattr(import_module(f"{__name__}.{module}"), function)(result)
        return report.encode("utf-8") if isinstance(report, str) else report

    reporter.__name__ = f"{module}.{function}"
    reporter.module = f"{__name__}.{module}"  # type: ignore[attr-defined]
    return reporter


def available(name: str) -> bool:
    """Whether format `name` is registered and its module can be imported (checked before a run starts)."""
    reporter = FORMATS.get(name)
    if reporter is None:
        return False
    module = getattr(reporter, "module", None)
    return module is None or find_spec(module) is not None


# Text formats. Register a format with one line: "name": _lazy("module"), where module.render(result) -> str.
FORMATS: dict[str, Reporter] = {
    "terminal": _lazy("terminal"),
    "json": _lazy("json_report", "render_bytes"),
    "sarif": _lazy("sarif", "render_bytes"),
    "github": _lazy("github"),
    "jsonl": _lazy("jsonl"),
    "html": _lazy("html_report"),
    "concise": _lazy("concise"),
}


def write_csv(result: RunResult, path: str | Path) -> None:
    """One row per side of each finding, utf-8-sig for Excel, written atomically."""
    from .csv_report import findings_csv

    write_atomic(path, findings_csv(result))


def write_xlsx(result: RunResult, path: str | Path) -> None:
    """The Excel workbook (disputes, claims, documents), written atomically."""
    from .xlsx_report import workbook_bytes

    write_atomic(path, workbook_bytes(result))


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write through a temporary file in the same folder, so readers never see half a file; a
    device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is, never replaced; a
    symbolic link is written through: the file it points to is replaced, the link stays."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _special(target):
        with open(target, "wb") as stream:
            stream.write(payload)
        return
    if target.is_symlink():  # after the check above: /dev/stdout is a link to a pipe, not to a path
        target = Path(os.path.realpath(target))
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path("."))
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        # mkstemp creates 0600; give the file the permissions a plain open() would
        os.chmod(temp, 0o666 & ~_current_umask())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _special(target: Path) -> bool:
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask



def rule_rows(config: Config) -> list[dict[str, Any]]:
    """Every known rule, sorted by id: kind, default and configured severity, switch, option values."""
    from ..checks import RULE_SPECS

    rows = []
    for rule_id, spec in sorted(RULE_SPECS.items()):
        settings = config.rules.get(rule_id)
        rows.append({
            "id": rule_id,
            "kind": spec.kind,
            "default": spec.default_severity.value,
            "severity": settings.severity.value if settings else spec.default_severity.value,
            "enabled": settings.enabled if settings else True,
            "options": dict(settings.options) if settings else dict(spec.options),
            "description": spec.description,
            "source": list(config.origins.get(f"rules.{rule_id}", ())),  # files that set it, in order
        })
    return rows
