"""The built-in rule pack: one YAML file per category."""
