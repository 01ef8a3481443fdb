"""The rule packs, as data (shipped as im_lint.rules)."""
