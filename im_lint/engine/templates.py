"""Message templates of a pack, checked when it loads: plain named fields only.

A template is text with `{name}` fields filled from the rule's arguments; `{{` and `}}` are literal
braces. Nothing else is allowed: no positional field (`{0}`), no attribute or index (`{x.y}`,
`{x[0]}`), no conversion (`{x!r}`) and no format spec (`{x:>9}`), so a pack cannot make a message
crash, leak Python's internals or take memory when a rule fires.
"""

from __future__ import annotations

import re
from string import Formatter

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class TemplateError(ValueError):
    pass


def fields(template: str) -> list[str]:
    """The field names of a template; TemplateError for anything but `{name}` and `{{`/`}}`."""
    try:
        parsed = list(Formatter().parse(template))
    except ValueError as error:  # `{budget` or a lone `}`
        raise TemplateError(f"{error}; write a literal brace as {{{{ or }}}}") from None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not _NAME.match(name):
            raise TemplateError(
                f"`{shown}`: a field is a plain argument name such as {{id}}; no numbers, attributes or indexes"
            )
        if conversion or spec:
            raise TemplateError(f"`{shown}`: a field takes no conversion or format; write {{{name}}}")
        names.append(name)
    return names
