"""`python -m factcheck`: the same command line as the `factcheck` script (see cli.py: nothing
heavy is imported before the Ctrl-C handler is set)."""
from .cli import main

if __name__ == "__main__":
    main()
