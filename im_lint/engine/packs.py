"""Rule packs: YAML data, validated against the pack model on load, never executed.

A pack is a folder of YAML files (or one file); each file holds one category and its rules. The
built-in pack ships inside the package as `im_lint.rules.builtin`.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, ValidationError, field_validator

from im_lint.engine.conditions import Declarative
from im_lint.engine.fixes import FixSpec
from im_lint.files import PACK_LIMIT, describe, read_text
from im_lint.findings import Severity

CODE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A text in both languages."""

    en: str = Field(min_length=1)
    nl: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class Docs(Strict):
    what: str = Field(min_length=1, description="What the rule flags.")
    why: str = Field(min_length=1, description="Why it matters, with its source.")
    where: str = Field(min_length=1, description="Where the finding is reported.")
    fail: str = Field(min_length=1, description="A proposal that the rule flags.")
    pass_: str = Field(min_length=1, alias="pass", description="The same proposal, mended.")


class BilingualDocs(Strict):
    en: Docs
    nl: Docs

    def get(self, lang: str) -> Docs:
        return self.nl if lang == "nl" else self.en


class Option(Strict):
    type: Literal["words", "integer", "subjects"]
    default: list[str] | int
    doc: Text
    from_config: Literal["stakeholders"] | None = Field(
        default=None,
        alias="from-config",
        description="A configuration key that, when set, gives this option its value (IM201's groups "
        "come from `stakeholders`).",
    )


class Rule(Strict):
    code: str = Field(pattern=CODE.pattern, description="Prefix and three digits, e.g. IM201 or ORG001.")
    name: str = Field(pattern=NAME.pattern, description="kebab-case, naming the problem.")
    severity: Severity
    summary: Text
    source: Text
    messages: dict[str, Text]
    docs: BilingualDocs
    options: dict[str, Option] = {}
    severities: dict[str, Severity] = Field(
        default={}, description="A severity per message variant, where one rule's findings differ in weight (IM901)."
    )
    check: Annotated[
        Union[Annotated[str, Tag("name")], Annotated[Declarative, Tag("declarative")], Annotated[None, Tag("none")]],
        Discriminator(lambda v: "none" if v is None else "name" if isinstance(v, str) else "declarative"),
    ] = Field(
        default=None,
        description="A declarative check (see docs/packs.md), or the name of a built-in check or of an "
        "`im_lint.checks` entry point. None: reported by the language stage.",
    )

    requires: Literal["catalogue"] | None = Field(
        default=None, description="`catalogue`: the rule is off unless a reference catalogue is configured."
    )
    scope: Literal["file", "portfolio"] = Field(
        default="file", description="`portfolio`: the check sees every proposal of the repository (IM7)."
    )
    board: Text | None = Field(
        default=None,
        description="For the school board: what is missing and why it matters to the decision, in plain "
        "words without proposal syntax. May use the same {fields} as the messages.",
    )
    board_summary: Text | None = Field(
        default=None,
        alias="board-summary",
        description="The summary in a board member's words, where the summary quotes proposal syntax "
        "(`decision-by`): the board report heads the rule's findings with it.",
    )
    fixes: list[FixSpec] = Field(
        default_factory=list, description="The fixes the rule offers (see docs/packs.md, 'Fixes')."
    )
    _compiled: Any = PrivateAttr(default=None)  # the declarative check made ready to run (compile.py)

    @property
    def compiled(self) -> Any:
        """The declarative check as compiled when the pack loaded (None for a named check)."""
        return self._compiled

    def board_message(self, args: dict[str, Any], lang: str, terms: dict[str, Text] | None = None) -> str:
        """The board's wording of a finding of this rule (its arguments written in `lang`); the
        summary where the pack gives no board wording."""
        from im_lint.engine.messages import fill

        return fill(self.board.get(lang), args, lang, terms or {}) if self.board else self.summary.get(lang)

    @field_validator("messages")
    @classmethod
    def _has_default(cls, messages: dict[str, Text]) -> dict[str, Text]:
        if "default" not in messages:
            raise ValueError("a rule needs a `default` message")
        return messages


class Category(Strict):
    code: str
    title: Text


class PackFile(Strict):
    """One YAML file of a pack: a category and its rules (and, in the built-in pack, the terms that
    messages may name)."""

    category: Category
    rules: list[Rule]
    terms: dict[str, Text] = {}


class PackError(Exception):
    """A pack that cannot be used; the message names the file and, where known, the line."""


class DuplicateKey(Exception):
    """A mapping that names a key twice: YAML keeps the last one and silently drops the first."""

    def __init__(self, key: Any, line: int, column: int, first: int) -> None:
        super().__init__(f"{line}:{column}: duplicate key {str(key)!r} (first at line {first})")
        self.line, self.column = line, column
        self.detail = f"duplicate key {str(key)!r} (first at line {first})"


@cache
def _strict_loader() -> Any:
    """The safe loader (libyaml's when PyYAML has it, ten times faster), refusing a key given twice
    in one mapping (merge keys `<<` aside). Both build only plain data: a pack never runs code. Made
    here, not at import: a start that reads the compiled built-in pack (artifact.py) needs no YAML."""
    import yaml

    class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, int] = {}
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node)
                    mark = key_node.start_mark
                    if key in seen:
                        raise DuplicateKey(key, mark.line + 1, mark.column + 1, seen[key])
                    seen[key] = mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return _StrictLoader


def load_yaml(document: str, path: str) -> Any:
    """A pack's (or its fixtures' or facts') YAML as plain data; PackError at the line and column of
    a syntax error or of a key given twice."""
    import yaml

    try:
        return yaml.load(document, Loader=_strict_loader())
    except DuplicateKey as error:
        raise PackError(f"{path}:{error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise PackError(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None


def _position(document: str, location: tuple) -> tuple[int, int] | None:
    """The line and column of a location (a path of keys and indexes) in the YAML node tree."""
    import yaml

    try:
        node = yaml.compose(document, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    for key in location:
        if isinstance(node, yaml.MappingNode):
            found = next(((name, value) for name, value in node.value if name.value == str(key)), None)
            if found is None:
                break
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else None


def _where(path: str, document: str, location: tuple) -> str:
    position = _position(document, location)
    return f"{path}:{position[0]}:{position[1]}" if position else path


def load_pack_file(path: str, document: str) -> PackFile:
    data = load_yaml(document, path)
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        # Leave out the union's tag that follows `check` (`check.declarative.flag` -> `check.flag`).
        location = tuple(
            part
            for index, part in enumerate(first["loc"])
            if not (index and first["loc"][index - 1] == "check" and part in ("name", "declarative", "none"))
        )
        field = ".".join(str(part) for part in location) or "(top)"
        raise PackError(f"{_where(path, document, location)}: {field}: {first['msg']}") from None
    from im_lint.engine.compile import PackProblem
    from im_lint.engine.validate import compile_rule

    for index, rule in enumerate(pack.rules):
        try:
            rule._compiled = compile_rule(rule, ("rules", index))
        except PackProblem as problem:
            raise PackError(f"{_where(path, document, problem.location)}: rule {rule.code}: {problem}") from None
    return pack


# A pack folder holds a few YAML files: bounded, so that `packs = ["/"]` is a clear error, not a
# walk over the file system, and a pack cannot take the memory of a run.
MAX_PACK_ENTRIES = 1000  # entries of the folder looked at
MAX_PACK_FILES = 100
MAX_PACK_BYTES = PACK_LIMIT  # all YAML files of one pack together


def pack_paths(folder: Path) -> list[Path]:
    """The YAML files of a pack folder (not its subfolders), in name order; PackError past the bounds."""
    found = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries, 1):
                if count > MAX_PACK_ENTRIES:
                    raise PackError(
                        f"{folder}: more than {MAX_PACK_ENTRIES} entries; is this a pack? A pack folder "
                        "holds its *.yaml files"
                    )
                if entry.name.endswith((".yaml", ".yml")):
                    found.append(Path(entry.path))
    except OSError as error:
        raise PackError(f"{folder}: cannot read the pack folder: {error.strerror or error}") from None
    if len(found) > MAX_PACK_FILES:
        raise PackError(f"{folder}: {len(found)} YAML files; a pack holds at most {MAX_PACK_FILES}")
    if not found and not (Path(str(folder)) / "facts").is_dir():  # facts only (engine/facts.py) is a pack too
        raise PackError(f"{folder}: no *.yaml file in this folder; a pack is a folder of YAML files (or one file)")
    return sorted(found, key=lambda path: path.name)


def load_pack_dir(folder: Path | Any) -> list[PackFile]:
    """Every *.yaml of a folder (a Path, bounded, or an importlib Traversable), in name order."""
    if isinstance(folder, Path):
        loaded, budget = [], MAX_PACK_BYTES
        for path in pack_paths(folder):
            if budget <= 0:
                raise PackError(f"{folder}: its YAML files are larger than {PACK_LIMIT // (1024 * 1024)} MiB together")
            text = read_pack_text(path, budget)
            budget -= len(text.encode("utf-8"))
            loaded.append(load_pack_file(str(path), text))
        return loaded
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith((".yaml", ".yml"))), key=lambda e: e.name
    )
    return [load_pack_file(str(entry), read_pack_text(entry)) for entry in entries]


def read_pack_text(entry: Path | Any, limit: int = PACK_LIMIT) -> str:
    """A pack file's text: a regular file of bounded size only (a link to /dev/zero or a FIFO in a
    pack folder is a PackError naming it, not a hang)."""
    if not isinstance(entry, Path):  # a file inside an installed package
        return entry.read_text(encoding="utf-8")
    try:
        return read_text(entry, limit)
    except OSError as error:
        raise PackError(f"{entry}: cannot read: {describe(error)}") from None
    except UnicodeDecodeError:
        raise PackError(f"{entry}: not UTF-8 text") from None


def builtin_pack() -> tuple[PackFile, ...]:
    from im_lint.engine.artifact import builtin  # the compiled pack, or the YAML when there is none

    return builtin().packs
