"""factcheck: find where Chinese-language news sources contradict each other."""

__version__ = "0.1.0"
