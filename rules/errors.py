"""The one validation error the rules raise: :class:`RulesError`."""

from __future__ import annotations

__all__ = ["RulesError"]


class RulesError(ValueError):
    """Input the rules refuse: a missing or malformed fact, unknown item, year without a guideline…

    Attributes:
        code: a stable machine-readable kind, one of ``missing_fact``, ``wrong_type``,
            ``negative_amount``, ``not_finite``, ``too_large``, ``unknown_item``,
            ``unknown_choice``, ``level_out_of_range``, ``no_guideline``, ``bad_parameter``.
        field: the fact or parameter concerned (``"annual_revenue"``, ``"M3S.annual_cap"``,
            ``"prior_awards[0].amount"``) or ``None``.
        message_zh: the message for users, in Chinese; ``str(error)`` returns it.
        message_en: the same message in English.
    """

    def __init__(self, code: str, message_zh: str, message_en: str, field: str | None = None):
        super().__init__(message_zh)
        self.code = code
        self.field = field
        self.message_zh = message_zh
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_zh

    def __repr__(self) -> str:
        return f"RulesError(code={self.code!r}, field={self.field!r}, message_zh={self.message_zh!r})"

    def to_dict(self) -> dict[str, str | None]:
        """JSON-safe form, for an API response or a form error."""
        return {
            "code": self.code,
            "field": self.field,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }
