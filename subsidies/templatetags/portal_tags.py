"""Template filters shared by every page: money in 元 and 万元, fact labels, statuses."""

from decimal import Decimal, InvalidOperation

from django import template

import rules

register = template.Library()


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def yuan(value):
    """1234567.891 → '1,234,567.89 元'."""
    d = _decimal(value)
    return "—" if d is None else rules.format_yuan(d)


@register.filter
def wan(value):
    """1234567.89 → '123.46 万元'."""
    d = _decimal(value)
    return "—" if d is None else rules.format_wan(d)


@register.filter
def fact_label(name):
    """A rule fact's label in the user's language."""
    from django.utils.translation import get_language

    spec = rules.FACTS.get(name)
    if spec is None:
        return name
    return spec.label_en if (get_language() or "").startswith("en") else spec.label_zh


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
