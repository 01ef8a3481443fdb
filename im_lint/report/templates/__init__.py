"""Jinja2 templates of the board report (package data)."""
