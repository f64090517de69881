"""`python -m factcheck`: the same command line as the `factcheck` script (see cli.py: nothing
heavy is imported before the Ctrl-C handler is set; here it is set before cli.py is even read)."""
import os
import signal


def _leave(signum: int, frame: object) -> None:
    os.write(2, b"factcheck: interrupted\n")
    os._exit(130)


if __name__ == "__main__" and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
    signal.signal(signal.SIGINT, _leave)  # cli.main takes it over with the same behaviour

from .cli import main  # noqa: E402  (after the handler, on purpose)

if __name__ == "__main__":
    main()
