"""im-lint: a linter for ICT decision proposals of schools."""

# The one place the version is written (pyproject.toml reads it); a plain string, because asking
# importlib.metadata costs a noticeable part of a cold start.
__version__ = "0.1.0"
