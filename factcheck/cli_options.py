"""The command line's project options: --config, --cache-dir, a document on standard input, the hook's hint."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from .config import Config
from .project import ProjectFile, cache_file, load_project_config

STDIN = "-"
STDIN_NAME = "stdin.txt"  # the document's name when --stdin-filename is not given
_META = "factcheck."  # prefix of what these options keep in click's context


def _keep(name: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.meta[_META + name] = value
        return value

    return callback


def _kept(name: str) -> Any:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_META + name) if ctx else None


rules_option = click.option(
    "--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
    help="Rules directory replacing the packaged rules (default: $FACTCHECK_RULES, else the rules shipped with factcheck).",
)
config_option = click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), default=None, expose_value=False,
    callback=_keep("config"),
    help="Project settings file (default: the nearest factcheck.toml or pyproject.toml [tool.factcheck] "
         "from here up to the repository root).",
)


def project_options(command: Callable) -> Callable:
    """--config, --cache-dir and --stdin-filename; kept in click's context, read by load_rules,
    cache_location and the pipeline run, so the commands' signatures do not grow."""
    for option in reversed((
        config_option,
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, expose_value=False,
                     callback=_keep("cache_dir"),
                     help="Cache folder (default: $FACTCHECK_CACHE_DIR, else .factcheck_cache beside the "
                          "settings file or at the repository root)."),
        click.option("--stdin-filename", metavar="NAME", default=None, expose_value=False, callback=_keep("stdin_name"),
                     help="With '-' among PATHS: the name of the document read from standard input."),
    )):
        command = option(command)
    return command


def load_rules(rules_dir: Path | None) -> Config:
    """The rules with the project's settings over them (see project.load_project_config)."""
    config, project = load_project_config(rules_dir, _kept("config"))
    ctx = click.get_current_context(silent=True)
    if ctx:
        ctx.meta[_META + "project"] = project
    return config


def loaded_project() -> ProjectFile | None:
    return _kept("project")


def cache_location(no_cache: bool, cache_path: Path | None) -> Path | None:
    """--no-cache: none; --cache FILE; else claims.sqlite in the project's cache folder."""
    if no_cache:
        return None
    return cache_path if cache_path is not None else cache_file(_kept("project"), _kept("cache_dir"))


# ----------------------------------------------------------------------- standard input


def stdin_document(paths: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """PATHS with '-' replaced by a temporary file holding standard input, and that file's name
    as reports show it (--stdin-filename, else stdin.txt). A file of that name among the other
    paths is not read: the document on standard input stands for it, as in an editor's buffer."""
    if STDIN not in paths:
        return list(paths), {}
    if paths.count(STDIN) > 1:
        raise click.UsageError("'-' (standard input) may be given once")
    name = _kept("stdin_name") or STDIN_NAME
    folder = tempfile.mkdtemp(prefix="factcheck-stdin-")
    temp = Path(folder) / Path(name).name
    temp.write_bytes(sys.stdin.buffer.read())
    return [str(temp) if path == STDIN else path for path in paths], {str(temp): _shown(name)}


def _shown(name: str) -> str:
    from .read.paths import display_path

    return display_path(name)


def remove_stdin_copies(renamed: dict[str, str]) -> None:
    for temp in renamed:
        Path(temp).unlink(missing_ok=True)
        os.rmdir(Path(temp).parent)


# --------------------------------------------------------------------------- the hook


def hook_hint() -> str:
    """Under pre-commit, what to run to accept the findings that failed the commit: in its own
    environment `factcheck` is not on the user's PATH, so the manual hook is the command that works."""
    if not os.environ.get("PRE_COMMIT"):
        return ""
    return ("factcheck: fix the documents, or accept these findings into the baseline with: "
            "pre-commit run factcheck-baseline --hook-stage manual")


def settings_listing(project: ProjectFile | None) -> str:
    """The lines `factcheck rules` prints after the table: every project setting and its file."""
    from .project import project_settings

    if project is None:
        return "\nproject settings: none (no factcheck.toml or pyproject.toml [tool.factcheck] found)\n"
    how = "extending the rules above" if project.extend else "extend = false: the only rules"
    lines = [f"project settings: {project.label} ({how})", *(f"  {line}" for line in project_settings(project))]
    return "\n" + "\n".join(lines) + "\n"
