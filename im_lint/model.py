"""The proposal as pydantic models: every node knows its span and the spelling it was written in.

References are resolved by the builder: `Ref.target` names the kind of element it points at, and
`Proposal.element(ref)` gives that element (None when unresolved, which the builder has reported).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from im_lint.source import Span

Lang = Literal["en", "nl"]


class Node(BaseModel):
    # Validators are built on first use only: the builder makes nodes with model_construct, so a
    # plain `check` never pays for them (a cold start does not either).
    model_config = ConfigDict(extra="forbid", defer_build=True)

    span: Span


class Value(BaseModel):
    """A structured value inside an attribute (an amount, a stated text, a choice): no span of its own."""

    model_config = ConfigDict(defer_build=True)  # as Node's


class Ref(Node):
    """A reference by identifier to an element of the kind `target` (goal, activity, ...)."""

    id: str
    target: str


class RoleRef(Node):
    """A role: a built-in one by its English name (`ict`, `board`, ...) or a declared role's ID."""

    id: str
    builtin: bool
    spelling: str


class Money(Value):
    amount: Decimal
    currency: str


class Stated(Value):
    """A text, or `none` with its reason (`impact teachers none "..."`, `collaboration none "..."`)."""

    none: bool = False
    text: str | None = None


class Drop(Value):
    """An application function of a replaced component that a technology consciously drops."""

    function: str
    reason: str


class Dpia(Value):
    decision: Literal["done", "planned", "not-needed"]
    note: str | None = None


class Choice(Value):
    """An enumerated value with an optional text: `ai high-risk "Annex III 3(b)"`, `procedure exempt
    "reason"`, `agreement-model own "reason"`."""

    value: str
    note: str | None = None


class Outcome(Value):
    """A participation's outcome and the day the council answered."""

    value: Literal["agreed", "refused", "pending"]
    day: date | None = None  # the day the council answered


class Attribute(Node):
    """One statement that gives a value: `strategy "..."`, `serves G1, G2`, `budget 85000 EUR`.
    One subclass per kind of value (not a generic class: each parametrisation of a generic model
    costs milliseconds at start-up)."""

    keyword: str  # the English keyword
    spelling: str  # as written
    value: Any
    value_spelling: str | None = None  # an enumerated value as written (`aanschaf`)


class TextAttribute(Attribute):
    value: str


class TextsAttribute(Attribute):
    value: list[str]


class FlagAttribute(Attribute):
    value: bool


class DateAttribute(Attribute):
    value: date


class MoneyAttribute(Attribute):
    value: Money


class RoleAttribute(Attribute):
    value: RoleRef


class RolesAttribute(Attribute):
    value: list[RoleRef]


class RefAttribute(Attribute):
    value: Ref


class RefsAttribute(Attribute):
    value: list[Ref]


class StatedAttribute(Attribute):
    value: Stated


class DpiaAttribute(Attribute):
    value: Dpia


class DropAttribute(Attribute):
    value: Drop


class KindAttribute(Attribute):
    value: Literal["procurement", "change", "policy"]


class StatusAttribute(Attribute):
    value: Literal["draft", "submitted", "decided", "withdrawn"]


class AgendaAttribute(Attribute):
    value: Literal["decision", "opinion", "information"]


class AgreementAttribute(Attribute):
    value: Literal["yes", "no", "planned"]


class ValuesAttribute(Attribute):
    value: list[str]  # enumerated values, each in English (`users students, teachers`)


class SectorAttribute(Attribute):
    value: Literal["po", "so", "vo", "vso"]


class ScopeAttribute(Attribute):
    value: Literal["school", "board-wide"]


class ChoiceAttribute(Attribute):
    value: Choice


class CategoryAttribute(Attribute):
    value: Literal["supplies", "services", "works", "social-services"]


class SectionAttribute(Attribute):
    value: Literal["staff", "parents", "students", "parents-students"]


class OutcomeAttribute(Attribute):
    value: Outcome


# The attribute class of each argument kind of the vocabulary (see language/vocabulary.py).
ATTRIBUTE_CLASSES: dict[str, type[Attribute]] = {
    "string": TextAttribute,
    "strings": TextsAttribute,
    "yesno": FlagAttribute,
    "date": DateAttribute,
    "money": MoneyAttribute,
    "role": RoleAttribute,
    "roles": RolesAttribute,
    "proposals": RefsAttribute,
    "enum:kind": KindAttribute,
    "enum:status": StatusAttribute,
    "enum:agreement": AgreementAttribute,
    "enum:agenda": AgendaAttribute,
    "none?": StatedAttribute,
    "enum:dpia": DpiaAttribute,
    "string string": DropAttribute,  # `drops "function" "reason"`
    "enum:sector": SectorAttribute,
    "enum:scope": ScopeAttribute,
    "enum:ai": ChoiceAttribute,
    "enum:agreement-model": ChoiceAttribute,
    "enum:procedure": ChoiceAttribute,
    "enum:category": CategoryAttribute,
    "enum:section": SectionAttribute,
    "enum:outcome": OutcomeAttribute,
}


def attribute_class(arguments: tuple[str, ...]) -> type[Attribute]:
    """The class of a keyword's whole signature where one is listed, else of its first argument."""
    whole = ATTRIBUTE_CLASSES.get(" ".join(arguments))
    if whole is not None:
        return whole
    first_argument = arguments[0]
    if first_argument.startswith("refs:"):
        return RefsAttribute
    if first_argument.startswith("ref:"):
        return RefAttribute
    if first_argument.startswith("list:"):
        return ValuesAttribute
    return ATTRIBUTE_CLASSES[first_argument]


class Element(Node):
    keyword: str
    spelling: str
    id: str
    id_span: Span
    title: str


class Role(Element):
    keyword: Literal["role"] = "role"
    ict: FlagAttribute | None = None


class Stakeholder(Element):
    keyword: Literal["stakeholder"] = "stakeholder"


class Goal(Element):
    keyword: Literal["goal"] = "goal"
    strategy: TextAttribute | None = None
    owner: RoleAttribute | None = None


class Process(Element):
    keyword: Literal["process"] = "process"
    owner: RoleAttribute | None = None
    executor: RolesAttribute | None = None
    reference: TextAttribute | None = None


class Activity(Element):
    keyword: Literal["activity"] = "activity"
    serves: RefsAttribute | None = None
    part_of: RefAttribute | None = None


class Need(Element):
    keyword: Literal["need"] = "need"
    for_: RefsAttribute | None = Field(default=None, alias="for")
    data: TextsAttribute | None = None
    personal_data: FlagAttribute | None = None
    established: DateAttribute | None = None
    data_of: ValuesAttribute | None = None
    special_categories: FlagAttribute | None = None

    model_config = ConfigDict(populate_by_name=True)


class Provision(Element):
    keyword: Literal["provision"] = "provision"
    meets: RefsAttribute | None = None


class Technology(Element):
    keyword: Literal["technology"] = "technology"
    realizes: RefsAttribute | None = None
    supports: RefsAttribute | None = None
    replaces: RefsAttribute | None = None
    component: TextAttribute | None = None  # a reference component of the catalogue (FORA)
    covers: list[TextsAttribute] = []  # its application functions this technology takes over
    drops: list[DropAttribute] = []  # ... and those it consciously drops, with the reason
    vendor: TextAttribute | None = None
    chosen: DateAttribute | None = None
    cost: MoneyAttribute | None = None
    users: ValuesAttribute | None = None
    observes: ValuesAttribute | None = None
    processing: ValuesAttribute | None = None
    ai: ChoiceAttribute | None = None
    privacy_notice: AgreementAttribute | None = None


class Existing(Element):
    keyword: Literal["existing"] = "existing"
    supports: RefsAttribute | None = None
    component: TextAttribute | None = None


class Impact(Node):
    keyword: Literal["impact"] = "impact"
    spelling: str
    subject: str  # English name of a built-in subject, or a declared stakeholder's ID
    subject_spelling: str
    subject_span: Span
    stated: Stated
    involved: DateAttribute | None = None
    training: StatedAttribute | None = None  # a text, or `none` with the reason nothing is to be learned


class Capacity(Node):
    keyword: Literal["capacity"] = "capacity"
    spelling: str
    internal: TextAttribute | None = None
    collaboration: StatedAttribute | None = None
    external: TextAttribute | None = None


class Privacy(Node):
    keyword: Literal["privacy"] = "privacy"
    spelling: str
    dpia: DpiaAttribute | None = None
    dpo_consulted: DateAttribute | None = None
    processor_agreement: AgreementAttribute | None = None
    agreement_model: ChoiceAttribute | None = None


class Procurement(Node):
    """`procurement { ... }`: what is bought, its estimated value and the procedure (LAW.md)."""

    keyword: Literal["procurement"] = "procurement"
    spelling: str
    category: CategoryAttribute | None = None
    value: MoneyAttribute | None = None
    procedure: ChoiceAttribute | None = None
    via: TextAttribute | None = None
    commodity: TextAttribute | None = None


class Participation(Node):
    """`participation mr consent { ... }`, or `participation none "reason"` (no right applies)."""

    keyword: Literal["participation"] = "participation"
    spelling: str
    none: bool = False
    reason: str | None = None
    body: Literal["mr", "gmr"] | None = None
    right: Literal["consent", "advice", "information"] | None = None
    right_spelling: str | None = None
    section: SectionAttribute | None = None
    article: TextAttribute | None = None
    requested: DateAttribute | None = None
    outcome: OutcomeAttribute | None = None


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
    kind: KindAttribute | None = None
    status: StatusAttribute | None = None
    school: TextAttribute | None = None
    author: TextAttribute | None = None
    submitted_by: RoleAttribute | None = None
    decision_by: RoleAttribute | None = None
    meeting: DateAttribute | None = None
    budget: MoneyAttribute | None = None
    summary: TextAttribute | None = None
    depends_on: RefsAttribute | None = None
    agenda: AgendaAttribute | None = None
    proposed_decision: TextAttribute | None = None
    supersedes: RefsAttribute | None = None
    sector: SectorAttribute | None = None
    scope: ScopeAttribute | None = None
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
    procurement: Procurement | None = None
    participations: list[Participation] = []
    risks: list[TextAttribute] = []
    alternatives: list[TextAttribute] = []
    exits: list[TextAttribute] = []

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
            *self.roles,
            *self.stakeholders,
            *self.goals,
            *self.processes,
            *self.activities,
            *self.needs,
            *self.provisions,
            *self.technologies,
            *self.existing,
        ]


def refs(attribute: Attribute | None) -> list[Ref]:
    """The references of a list attribute, or none when it is not stated."""
    if attribute is None:
        return []
    value = attribute.value
    return value if isinstance(value, list) else [value]
