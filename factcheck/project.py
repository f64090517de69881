"""A project's own place: its configuration file (factcheck.toml or [tool.factcheck]) and its cache folder."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from .config import Config, ConfigError, ProjectFile, read_toml
from .settings import load_config

CONFIG_NAME = "factcheck.toml"
PYPROJECT = "pyproject.toml"
CACHE_FOLDER = ".factcheck_cache"
CACHE_FILE = "claims.sqlite"
CACHE_DIR_ENV = "FACTCHECK_CACHE_DIR"
# https://bford.info/cachedir/: backup and archiving tools skip a folder holding this file
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Automatically created by factcheck: nothing in this folder belongs in git.\n*\n"



def load_project_config(rules_dir: Path | None, config_file: Path | None) -> tuple[Config, ProjectFile | None]:
    """The rules to run: the rules directory (`--rules`, $FACTCHECK_RULES, else the packaged
    rules) with the project's settings over them: `--config FILE`, else the nearest one found."""
    project = read_project_file(config_file, explicit=True) if config_file else find_project(Path.cwd())
    return load_config(rules_dir, project), project


def find_project(start: Path) -> ProjectFile | None:
    """The nearest factcheck.toml, or pyproject.toml with a [tool.factcheck] table, from `start`
    up to the repository root (the folder holding .git), as ruff and Vale look for theirs.
    Outside a repository the search goes up to the file system's root."""
    for folder in _upwards(start):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return read_project_file(candidate)
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            found = read_project_file(pyproject)
            if found is not None:
                return found
        if (folder / ".git").exists():
            return None
    return None


def read_project_file(path: Path, explicit: bool = False) -> ProjectFile | None:
    """A factcheck.toml's whole table, or a pyproject.toml's [tool.factcheck] (None without one,
    unless the file was named with --config: then that is an error)."""
    label = _display(path)
    if explicit and not path.is_file():
        raise ConfigError(f"{label}: config file not found")
    data = read_toml(Path(label))  # errors name the file as the user would
    if path.name != PYPROJECT:
        return ProjectFile(path, label, data)
    tool = data.get("tool", {})
    table = tool.get("factcheck") if isinstance(tool, dict) else None
    if table is None:
        if explicit:
            raise ConfigError(f"{label}: no [tool.factcheck] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: [tool.factcheck] must be a table")
    return ProjectFile(path, f"{label} [tool.factcheck]", table)


def project_settings(project: ProjectFile) -> list[str]:
    """Every setting of a project file, one line each, as `factcheck rules` lists them:
    `rules.date-conflict.severity = "warning"`, `lexicon.events.code-red += ["…"]`."""
    lines = []
    for rule_id, body in sorted(project.table.get("rules", {}).items()):
        lines += [f"rules.{rule_id}.{key} = {toml_value(value)}" for key, value in sorted(body.items())]
    for section, body in sorted(project.table.get("lexicon", {}).items()):
        for key, value in sorted(body.items()):
            operator = "+=" if isinstance(value, list) else "="
            lines.append(f"lexicon.{section}.{key} {operator} {toml_value(value)}")
    for entry in project.table.get("suppress", []):
        lines.append("suppress += {" + ", ".join(f"{k} = {toml_value(v)}" for k, v in sorted(entry.items())) + "}")
    return lines


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list)) else str(value)


def _upwards(start: Path) -> Iterator[Path]:
    start = start.absolute()
    yield start
    yield from start.parents


def repository_root(start: Path) -> Path | None:
    """The nearest folder holding .git, from `start` upwards; None outside a repository."""
    return next((folder for folder in _upwards(start) if (folder / ".git").exists()), None)


def _display(path: Path) -> str:
    """A path as messages show it: relative to the current folder when that is shorter."""
    relative = os.path.relpath(path)
    return Path(relative).as_posix() if len(relative) <= len(str(path)) else path.as_posix()


# ------------------------------------------------------------------------- cache folder


def cache_file(project: ProjectFile | None, cache_dir: Path | None) -> Path:
    """Where the claims cache lives: in `--cache-dir`, else $FACTCHECK_CACHE_DIR, else the folder
    .factcheck_cache beside the project's configuration file, else at the repository's root, else
    in the current folder. The folder is made on first use and marked as a cache."""
    if cache_dir is None and os.environ.get(CACHE_DIR_ENV):
        cache_dir = Path(os.environ[CACHE_DIR_ENV])
    if cache_dir is None:
        root = project.folder if project else repository_root(Path.cwd()) or Path.cwd()
        cache_dir = Path(os.path.relpath(root / CACHE_FOLDER)) if _under_cwd(root) else root / CACHE_FOLDER
    prepare_cache_folder(cache_dir)
    return cache_dir / CACHE_FILE


def _under_cwd(folder: Path) -> bool:
    return not os.path.relpath(folder.absolute()).startswith(os.pardir)


def prepare_cache_folder(folder: Path) -> None:
    """Make the folder, with a .gitignore of `*` (git never offers its files, so `git add -A`
    after a run adds nothing) and a CACHEDIR.TAG (backup tools skip it), as ruff marks its own.

    A folder the user named that already exists (`--cache-dir reports`) is left unmarked: its
    other files are theirs. A folder that cannot be made is not an error here: the cache says it
    cannot open its file, and the run goes on without it."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if folder.name != CACHE_FOLDER:
            return
    except OSError:
        return
    for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        marker = folder / name
        if not marker.exists():
            try:
                marker.write_text(text, encoding="utf-8")
            except OSError:  # read-only folder: the cache will say so
                return
