"""Which documents changed since a git ref, for diff-aware runs."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Sequence

from .baseline import GateError


def changed_documents(ref: str, paths: Sequence[str | Path]) -> set[str]:
    """Display paths (as load.discover gives them) of documents under `paths` added, copied,
    modified or renamed since `ref`, plus untracked ones; GateError with git's reason otherwise."""
    from ..read import discover  # load imports nothing from here; deferred to keep this module light

    changed = changed_files(ref)
    found, _skipped = discover(paths)
    return {display for path, display in found if _real(path) in changed}


def changed_files(ref: str, cwd: str | Path | None = None) -> frozenset[str]:
    """Real absolute paths of the files changed since `ref` in the work tree, and untracked files."""
    if not ref or ref.startswith("-"):
        # a ref starting with "-" would be read by git as an option
        raise GateError(f"--since {ref!r}: not a git revision")
    label = f"--since {ref}"
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, label).strip("\n"))
    diffed = _git(["diff", "--name-only", "--diff-filter=ACMR", "-z", ref, "--"], cwd, label)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], cwd, label)
    names = [n for n in (diffed + untracked).split("\0") if n]
    return frozenset(_real(top / name) for name in names)


def _git(args: list[str], cwd: str | Path | None, label: str) -> str:
    """Run git with paths printed raw (no octal quoting of CJK names); GateError on failure."""
    command = ["git", "-c", "core.quotepath=off", *args]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GateError(f"{label}: git is not installed") from None
    if done.returncode != 0:
        raise GateError(f"{label}: {_first_line(done.stderr)}")
    return done.stdout.decode("utf-8", errors="surrogateescape")


def _first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"


def _real(path: str | Path) -> str:
    # git prints the resolved top level; the current directory may be reached through a symlink
    return os.path.realpath(path)
