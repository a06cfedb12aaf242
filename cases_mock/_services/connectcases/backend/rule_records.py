"""Plain records of a case rule (CaseRuleDetails): a ``required`` or ``hidden`` rule's default
value and conditions, or a ``fieldOptions`` rule's parent, child and option mappings.
``wire_forms.py`` turns them to and from the API's shape; ``rule_structure.py`` checks them
against the domain and ``rule_engine.py`` evaluates them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cases_mock._services.connectcases.backend.scalar import Scalar


@dataclass(frozen=True, slots=True)
class Comparison:
    """A leaf condition: ``equalTo`` (``equal``) or ``notEqualTo``. It compares the field
    ``field_id`` (``operandOne``) with the literal ``operand`` (``operandTwo`` in the form values
    are stored in, None for ``emptyValue``); ``result`` is the value it dictates when it holds."""

    equal: bool
    field_id: str
    operand: Scalar | None
    result: bool

    @property
    def member(self) -> str:
        """Its member of the BooleanCondition union, as messages name it."""
        return "equalTo" if self.equal else "notEqualTo"

    @property
    def operand_member(self) -> str:
        """The member of the OperandTwo union its operand is."""
        if self.operand is None:
            return "emptyValue"
        if isinstance(self.operand, bool):
            return "booleanValue"
        return "doubleValue" if isinstance(self.operand, float) else "stringValue"


@dataclass(frozen=True, slots=True)
class Compound:
    """``andAll`` (``all_hold``) or ``orAll`` of its conditions."""

    all_hold: bool
    conditions: tuple[Condition, ...]

    @property
    def member(self) -> str:
        return "andAll" if self.all_hold else "orAll"


Condition = Comparison | Compound


@dataclass(frozen=True, slots=True)
class BooleanRule:
    """A ``required`` or ``hidden`` rule (``kind``): the first condition that holds dictates its
    value, ``default_value`` when none does."""

    kind: str  # required | hidden
    default_value: bool
    conditions: tuple[Condition, ...]

    def field_ids(self) -> Iterator[str]:
        """The fields its conditions test, leaf by leaf in order (repeats included)."""
        yield from _tested(self.conditions)


@dataclass(frozen=True, slots=True)
class OptionsMapping:
    """The child options allowed while the parent has ``parent_value`` (``""``: no value)."""

    parent_value: str
    child_values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FieldOptionsRule:
    """A ``fieldOptions`` rule: the child field's options limited by the parent field's value.
    The model leaves both field ids optional; ``rule_structure`` refuses a rule without them."""

    parent_field_id: str | None
    child_field_id: str | None
    mappings: tuple[OptionsMapping, ...]
    kind: str = "fieldOptions"


RuleDetails = BooleanRule | FieldOptionsRule  # CaseRuleDetails: the one member a rule sets


def _tested(conditions: tuple[Condition, ...]) -> Iterator[str]:
    for condition in conditions:
        if isinstance(condition, Comparison):
            yield condition.field_id
        else:
            yield from _tested(condition.conditions)
