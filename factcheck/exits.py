"""The exit-code policy shared by the console entry point and the commands."""

EXIT_CLEAN = 0  # no finding at or above the failing severity
EXIT_FINDINGS = 1  # findings at or above the failing severity
EXIT_ERROR = 2  # usage, configuration or input error
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a run ended by Ctrl-C
INTERRUPTED = "factcheck: interrupted"
