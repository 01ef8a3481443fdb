"""The proposal as pydantic models: every node knows its span and the spelling it was written in.

References are resolved by the builder: `Ref.target` names the kind of element it points at, and
`Proposal.element(ref)` gives that element (None when unresolved, which the builder has reported).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from im_lint.source import Span

T = TypeVar("T")

Lang = Literal["en", "nl"]


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")

    span: Span


class Ref(Node):
    """A reference by identifier to an element of the kind `target` (goal, activity, ...)."""

    id: str
    target: str


class RoleRef(Node):
    """A role: a built-in one by its English name (`ict`, `board`, ...) or a declared role's ID."""

    id: str
    builtin: bool
    spelling: str


class Money(BaseModel):
    amount: Decimal
    currency: str


class Stated(BaseModel):
    """A text, or `none` with its reason (`impact teachers none "..."`, `collaboration none "..."`)."""

    none: bool = False
    text: str | None = None


class Dpia(BaseModel):
    decision: Literal["done", "planned", "not-needed"]
    note: str | None = None


class Attribute(Node, Generic[T]):
    """One statement that gives a value: `strategy "..."`, `serves G1, G2`, `budget 85000 EUR`."""

    keyword: str  # the English keyword
    spelling: str  # as written
    value: T
    value_spelling: str | None = None  # an enumerated value as written (`aanschaf`)


class Element(Node):
    keyword: str
    spelling: str
    id: str
    id_span: Span
    title: str


class Role(Element):
    keyword: Literal["role"] = "role"
    ict: Attribute[bool] | None = None


class Stakeholder(Element):
    keyword: Literal["stakeholder"] = "stakeholder"


class Goal(Element):
    keyword: Literal["goal"] = "goal"
    strategy: Attribute[str] | None = None
    owner: Attribute[RoleRef] | None = None


class Process(Element):
    keyword: Literal["process"] = "process"
    owner: Attribute[RoleRef] | None = None
    executor: Attribute[list[RoleRef]] | None = None
    reference: Attribute[str] | None = None


class Activity(Element):
    keyword: Literal["activity"] = "activity"
    serves: Attribute[list[Ref]] | None = None
    part_of: Attribute[Ref] | None = None


class Need(Element):
    keyword: Literal["need"] = "need"
    for_: Attribute[list[Ref]] | None = Field(default=None, alias="for")
    data: Attribute[list[str]] | None = None
    personal_data: Attribute[bool] | None = None
    established: Attribute[date] | None = None

    model_config = ConfigDict(populate_by_name=True)


class Provision(Element):
    keyword: Literal["provision"] = "provision"
    meets: Attribute[list[Ref]] | None = None


class Technology(Element):
    keyword: Literal["technology"] = "technology"
    realizes: Attribute[list[Ref]] | None = None
    supports: Attribute[list[Ref]] | None = None
    replaces: Attribute[list[Ref]] | None = None
    vendor: Attribute[str] | None = None
    chosen: Attribute[date] | None = None
    cost: Attribute[Money] | None = None


class Existing(Element):
    keyword: Literal["existing"] = "existing"
    supports: Attribute[list[Ref]] | None = None


class Impact(Node):
    keyword: Literal["impact"] = "impact"
    spelling: str
    subject: str  # English name of a built-in subject, or a declared stakeholder's ID
    subject_spelling: str
    subject_span: Span
    stated: Stated
    involved: Attribute[date] | None = None
    training: Attribute[str] | None = None


class Capacity(Node):
    keyword: Literal["capacity"] = "capacity"
    spelling: str
    internal: Attribute[str] | None = None
    collaboration: Attribute[Stated] | None = None
    external: Attribute[str] | None = None


class Privacy(Node):
    keyword: Literal["privacy"] = "privacy"
    spelling: str
    dpia: Attribute[Dpia] | None = None
    dpo_consulted: Attribute[date] | None = None
    processor_agreement: Attribute[Literal["yes", "no", "planned"]] | None = None


ELEMENT_CLASSES: dict[str, type[Element]] = {
    "role": Role,
    "stakeholder": Stakeholder,
    "goal": Goal,
    "process": Process,
    "activity": Activity,
    "need": Need,
    "provision": Provision,
    "technology": Technology,
    "existing": Existing,
}


class Proposal(Node):
    keyword: Literal["proposal"] = "proposal"
    spelling: str
    id: str
    id_span: Span
    title: str
    lang: Lang = Field(description="The language the file mostly uses (a tie is Dutch).")
    kind: Attribute[Literal["procurement", "change", "policy"]] | None = None
    status: Attribute[Literal["draft", "submitted", "decided", "withdrawn"]] | None = None
    school: Attribute[str] | None = None
    author: Attribute[str] | None = None
    submitted_by: Attribute[RoleRef] | None = None
    decision_by: Attribute[RoleRef] | None = None
    meeting: Attribute[date] | None = None
    budget: Attribute[Money] | None = None
    summary: Attribute[str] | None = None
    depends_on: Attribute[list[Ref]] | None = None
    roles: list[Role] = []
    stakeholders: list[Stakeholder] = []
    goals: list[Goal] = []
    processes: list[Process] = []
    activities: list[Activity] = []
    needs: list[Need] = []
    provisions: list[Provision] = []
    technologies: list[Technology] = []
    existing: list[Existing] = []
    impacts: list[Impact] = []
    capacity: Capacity | None = None
    privacy: Privacy | None = None
    risks: list[Attribute[str]] = []
    alternatives: list[Attribute[str]] = []
    exits: list[Attribute[str]] = []

    _index: dict[str, Element] = PrivateAttr(default_factory=dict)
    _ict_roles: frozenset[str] = PrivateAttr(default=frozenset({"ict"}))

    @property
    def effective_status(self) -> str:
        return self.status.value if self.status else "draft"

    @property
    def effective_kind(self) -> str | None:
        return self.kind.value if self.kind else None

    def element(self, ref: Ref) -> Element | None:
        """The element a reference points at, if it exists and is of the right kind."""
        found = self._index.get(ref.id)
        return found if found is not None and found.keyword == ref.target else None

    def by_id(self, identifier: str) -> Element | None:
        return self._index.get(identifier)

    def is_ict_role(self, role: RoleRef) -> bool:
        return role.id in self._ict_roles

    def elements(self) -> list[Element]:
        return [
            *self.roles, *self.stakeholders, *self.goals, *self.processes, *self.activities,
            *self.needs, *self.provisions, *self.technologies, *self.existing,
        ]


def refs(attribute: Attribute | None) -> list[Ref]:
    """The references of a list attribute, or none when it is not stated."""
    if attribute is None:
        return []
    value = attribute.value
    return value if isinstance(value, list) else [value]
