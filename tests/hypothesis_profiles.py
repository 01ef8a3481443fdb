"""Hypothesis profiles for the robustness tests: "ci" (deterministic, quick) when CI=true, else "dev".

Imported by tests/test_robustness.py, tests/test_limits.py and tests/test_corpus.py; loading a
profile sets the default for the session, and a test's own @settings still wins.

    CI=true pytest tests/test_robustness.py   # ci: ~60 examples per property, fixed seed, no database
    pytest tests/test_robustness.py           # dev: 200 examples, the example database on
    HYPOTHESIS_PROFILE=dev CI=true pytest ... # choose one explicitly
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    print_blob=True,
    database=None,
    suppress_health_check=_SLOW,
)
settings.register_profile("dev", max_examples=200, deadline=None, print_blob=True, suppress_health_check=_SLOW)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
settings.load_profile(PROFILE)
