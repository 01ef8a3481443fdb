"""The Lark grammar of the proposal language (shipped as im_lint.grammar)."""
