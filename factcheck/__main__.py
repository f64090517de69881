"""`python -m factcheck`: the same command line as the `factcheck` script."""
from .cli import main

if __name__ == "__main__":
    main()
