"""How a rule fact's value is shown to a person: 是/否, money in 元, choice labels, DCMM 级."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

import rules


def display_fact(name: str, value) -> str:
    """One fact's value for pages and letters; what cannot be read is shown as stored."""
    spec = rules.FACTS.get(name)
    if value is None or value == "":
        return "—"
    kind = spec.kind if spec else ""
    if kind == "bool" or isinstance(value, bool):
        return _("是") if value is True else (_("否") if value is False else str(value))
    if kind == "money":
        try:
            return rules.format_yuan(Decimal(str(value).replace(",", "")))
        except (InvalidOperation, ValueError):
            return str(value)
    if kind == "choice" and spec:
        return spec.choice_label(str(value))
    if name == "dcmm_level":
        return _("%(level)s 级") % {"level": value}
    return str(value)
