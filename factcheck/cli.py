"""The console entry point (`factcheck`, `python -m factcheck`), kept small on purpose.

Importing the commands takes half a second (opencc, numpy, rich): a Ctrl-C meanwhile must end
the run as it does later, with one line and exit 130, not a traceback through whichever import
it hit. So this module imports nothing heavy; `main` takes over SIGINT first and imports the
commands (`commands.py`) after. Their names stay reachable from here: `factcheck.cli.cli` is
the click group.
"""
from __future__ import annotations

import os
import signal

TYPE_CHECKING = False  # typing is not imported at run time: its import is a window for a traceback
if TYPE_CHECKING:
    from typing import Any, Sequence

from .exits import EXIT_INTERRUPTED, INTERRUPTED


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line: see `commands.main`, which ends the process with the exit code.

    A first Ctrl-C once the commands run unwinds them (KeyboardInterrupt: a report being written
    is left as it was, workers are stopped); before that, and at a second one, the process
    leaves at once: nothing it began needs undoing."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started ignoring it (nohup, `&`): so be it
        _run(argv)
        return
    signal.signal(signal.SIGINT, _leave)
    from . import commands  # noqa: F401  (the heavy imports, under _leave)

    signal.signal(signal.SIGINT, _unwind)
    _run(argv)


def _run(argv: Sequence[str] | None) -> None:
    try:
        from .commands import main as run_commands

        run_commands(argv)
    except KeyboardInterrupt:  # one arriving outside the command itself (while click starts or ends)
        _leave()


def _unwind(signum: int, frame: Any) -> None:
    """First Ctrl-C: raise KeyboardInterrupt where the run is, so it unwinds; the next leaves."""
    signal.signal(signal.SIGINT, _leave)
    raise KeyboardInterrupt


def _leave(signum: int | None = None, frame: Any = None) -> None:
    """One line on stderr and exit 130, now (os._exit: no clean-up that could hang or trace back)."""
    try:
        os.write(2, f"{INTERRUPTED}\n".encode())
    except OSError:  # stderr closed or gone: the exit code says it
        pass
    os._exit(EXIT_INTERRUPTED)


def __getattr__(name: str) -> Any:
    """`factcheck.cli.cli`, `factcheck.cli.ProgressBar`...: the commands' names, imported on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    from . import commands

    try:
        return getattr(commands, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
