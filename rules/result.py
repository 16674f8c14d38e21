"""What :func:`rules.evaluate` returns: :class:`Result`, with its :class:`Reason` and :class:`Step` lists.

The engine stores steps as tuples; the objects and their Chinese text are made on first access.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["Reason", "Result", "Step"]


class Step:
    """One step of an evaluation: a condition (``held`` True/False) or a figure (``held`` None).

    Attributes: ``code``, ``label_zh``, ``label_en``, ``value`` (str), ``clause``, ``held``.
    """

    __slots__ = ("_definition", "held", "_data")

    def __init__(self, definition, held: bool | None, data: object):
        self._definition = definition
        self.held = held
        self._data = data

    @property
    def code(self) -> str:
        return self._definition.code

    @property
    def label_zh(self) -> str:
        return self._definition.label_zh

    @property
    def label_en(self) -> str:
        return self._definition.label_en

    @property
    def clause(self) -> str:
        return self._definition.clause

    @property
    def value(self) -> str:
        return self._definition.value(self.held, self._data)

    @property
    def sentence_zh(self) -> str:
        """The step as a Chinese sentence ending with its clause: ``…（依据：三.3）``."""
        return f"{self._definition.sentence_zh(self.held, self._data)}（依据：{self.clause}）"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "value": self.value,
            "clause": self.clause,
            "held": self.held,
        }

    def __repr__(self) -> str:
        return f"Step({self.code!r}, {self.value!r}, clause={self.clause!r})"


class Reason:
    """Why a claim fails a condition (``blocking``), or why an eligible claim is paid 0.00 (info).

    Attributes: ``code`` (the condition id, e.g. ``above_scale``, ``revenue_reached``,
    ``already_awarded``; for info ``cap_exhausted``, ``no_whole_step``, ``revenue_not_grown``,
    ``zero_amount``), ``message_zh``, ``message_en``, ``clause``, ``hint_zh`` (what would make it
    eligible), ``hint_en`` and ``blocking``.
    """

    __slots__ = ("_definition", "_data", "blocking")

    def __init__(self, definition, data: object, blocking: bool):
        self._definition = definition
        self._data = data
        self.blocking = blocking

    @property
    def code(self) -> str:
        return self._definition.code

    @property
    def clause(self) -> str:
        return self._definition.clause

    @property
    def message_zh(self) -> str:
        return self._definition.message_zh(self._data)

    @property
    def message_en(self) -> str:
        return self._definition.message_en(self._data)

    @property
    def hint_zh(self) -> str:
        return self._definition.hint_zh(self._data)

    @property
    def hint_en(self) -> str:
        return self._definition.hint_en(self._data)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "clause": self.clause,
            "hint_zh": self.hint_zh,
            "hint_en": self.hint_en,
            "blocking": self.blocking,
        }

    def __repr__(self) -> str:
        return f"Reason({self.code!r}, {self.message_zh!r}, blocking={self.blocking})"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Result:
    """The outcome of one claim for one item in one guideline year.

    - ``eligible``: every condition holds, once-only rules included;
    - ``amount``: the award, Decimal to the fen (``0.00`` when not eligible);
    - ``formula_amount``: the formula's amount before any cap (None when not eligible);
    - ``cap``: the cap that applies (annual, term, per project level, M7 level amount) or None;
    - ``already_awarded``: earlier awards that count against that cap or once-only rule;
    - ``remaining_cap``: ``max(cap − already_awarded, 0)`` or None;
    - ``reasons``: one blocking :class:`Reason` per failed condition; an eligible claim paid 0.00
      has one non-blocking (info) reason saying why;
    - ``trace``: every :class:`Step`, each with its clause.
    """

    __slots__ = (
        "item",
        "year",
        "eligible",
        "amount",
        "formula_amount",
        "cap",
        "already_awarded",
        "remaining_cap",
        "_steps",
        "_info",
        "_reasons",
        "_trace",
    )

    def __init__(
        self, item, year, eligible, amount, formula_amount, cap, already_awarded, remaining_cap, steps, info
    ):
        self.item = item
        self.year = year
        self.eligible = eligible
        self.amount = amount
        self.formula_amount = formula_amount
        self.cap = cap
        self.already_awarded = already_awarded
        self.remaining_cap = remaining_cap
        self._steps = steps  # [(definition, held, data)]
        self._info = info  # None or (InfoDef, data)
        self._reasons = None
        self._trace = None

    @property
    def reasons(self) -> list[Reason]:
        if self._reasons is None:
            reasons = [Reason(d, data, True) for d, held, data in self._steps if held is False]
            if self._info is not None:
                reasons.append(Reason(self._info[0], self._info[1], False))
            self._reasons = reasons
        return self._reasons

    @property
    def trace(self) -> list[Step]:
        if self._trace is None:
            self._trace = [Step(d, held, data) for d, held, data in self._steps]
        return self._trace

    def explain_zh(self) -> list[str]:
        """The evaluation as plain Chinese sentences, each ending with its clause: ``…（依据：三.3）``."""
        lines = [step.sentence_zh for step in self.trace]
        lines.extend(f"{r.message_zh}（依据：{r.clause}）" for r in self.reasons if not r.blocking)
        return lines

    def to_dict(self) -> dict[str, object]:
        """JSON-safe form: decimals as strings (``"320000.00"``), None kept as None."""
        return {
            "item": self.item,
            "year": self.year,
            "eligible": self.eligible,
            "amount": str(self.amount),
            "formula_amount": _money(self.formula_amount),
            "cap": _money(self.cap),
            "already_awarded": str(self.already_awarded),
            "remaining_cap": _money(self.remaining_cap),
            "reasons": [reason.to_dict() for reason in self.reasons],
            "trace": [step.to_dict() for step in self.trace],
        }

    def __repr__(self) -> str:
        return f"Result(item={self.item!r}, year={self.year}, eligible={self.eligible}, amount={self.amount})"
