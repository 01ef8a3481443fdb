"""im-lint: a linter for ICT decision proposals of schools."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("im-lint")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0.0.0"
