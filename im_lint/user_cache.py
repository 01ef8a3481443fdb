"""The user's cache folder of im-lint (the results cache, the compiled pack, the grammar's tables).

On Linux it is `$XDG_CACHE_HOME/im-lint`, else `~/.cache/im-lint`, exactly what platformdirs says
there, without importing platformdirs at every start (2 ms); elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys


def user_cache_root() -> str:
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        path = os.environ.get("XDG_CACHE_HOME", "")
        if not path.strip():
            path = os.path.expanduser("~/.cache")
        return os.path.join(path, "im-lint")
    from platformdirs import user_cache_dir

    return user_cache_dir("im-lint", appauthor=False)
