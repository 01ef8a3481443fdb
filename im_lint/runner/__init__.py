"""Files to findings at scale: discovery results in, batches, the cache, workers and per-file records out."""
