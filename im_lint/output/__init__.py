"""Findings -> the world. Each format is one module with a `write(result, options) -> str`."""
