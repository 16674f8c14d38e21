"""The decision letter's content, HTML and PDF.

:func:`letter_context` gathers what the letter says from the decided claim (its stored result,
verified facts, decision reasons) and the numbered :class:`DecisionLetter` row; the template
``templates/letters/decision.html`` lays it out as a 红头 government letter; :func:`render_pdf`
turns it into A4 PDF bytes with WeasyPrint.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

import rules
from applications.letters.capitals import amount_in_chinese_capitals
from applications.letters.checks import missing_letter_font
from applications.selectors.facts import display_fact

POLICY_TITLE = "《天河区促进人工智能大模型产业高质量发展实施意见（2024-2026年）》"
CSS_PATH = Path(settings.BASE_DIR) / "templates" / "letters" / "decision.css"


class LetterRenderError(RuntimeError):
    """The letter cannot be rendered (no Chinese font, claim not decided...). ``str()`` is Chinese."""


def chinese_date(value: datetime.date | datetime.datetime) -> str:
    """2025-12-03 → 2025年12月3日."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.year}年{value.month}月{value.day}日"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def fact_names(item_code: str) -> list[str]:
    """The facts an item reads, in the order the rules declare them."""
    spec = rules.ITEMS[item_code]
    names = list(spec.requires) + list(spec.reads)
    for extra in (getattr(spec, "level_fact", None), getattr(spec, "project_fact", None)):
        if extra and extra not in names:
            names.append(extra)
    return names


def _facts_used(claim) -> list[dict]:
    from applications.services.facts import rule_facts

    facts = rule_facts(claim)
    verified = set((claim.verified_facts or {}).keys())
    rows = []
    for name in fact_names(claim.item_id):
        spec = rules.FACTS.get(name)
        rows.append(
            {
                "name": name,
                "label": spec.label_zh if spec else name,
                "value": display_fact(name, facts.get(name)),
                "verified": name in verified,
            }
        )
    return rows


def _steps(claim, stored_trace: list[dict]) -> list[dict]:
    """The stored trace as Chinese sentences citing the clause.

    When re-evaluating the claim gives the very same trace, the rules' own sentences are used
    (they show the formula, e.g. ``3,800,000.00 元 × 10%``); otherwise each stored step is
    worded from its label and value — the letter never shows figures other than the decided ones.
    """
    sentences = None
    try:
        from applications.services.facts import evaluate_claim

        result = evaluate_claim(claim)
        if [s.to_dict() for s in result.trace] == stored_trace:
            sentences = [s.sentence_zh for s in result.trace]
    except Exception:  # noqa: BLE001 — fall back to the stored wording
        sentences = None
    steps = []
    for i, step in enumerate(stored_trace):
        held = step.get("held")
        if sentences is not None:
            text = sentences[i]
        else:
            verdict = "，满足条件" if held is True else ("，不满足条件" if held is False else "")
            text = f"{step.get('label_zh', '')}：{step.get('value', '')}{verdict}（依据：{step.get('clause', '')}）"
        steps.append({"text": text, "held": held, "clause": step.get("clause", "")})
    return steps


def _clause_words(clause: str) -> str:
    """"三.6" → "第三部分“培育措施”第6条"."""
    part, _, number = clause.partition(".")
    if part == "三" and number:
        return f"第三部分“培育措施”第{number}条"
    return f"第{clause}条"


def _reasons(claim, result: dict) -> list[str]:
    reasons = [line.strip() for line in (claim.decision_reasons or "").splitlines() if line.strip()]
    for r in result.get("reasons") or []:
        if not r.get("blocking", True):
            continue
        text = f"{r.get('message_zh', '')}（依据：{r.get('clause', '')}）"
        if r.get("hint_zh"):
            text += f"：{r['hint_zh']}"
        reasons.append(text)
    return reasons


def letter_context(claim, letter) -> dict:
    """Everything the template prints, from the decided claim and its numbered letter row."""
    spec = rules.ITEMS[claim.item_id]
    result = claim.result or {}
    award = letter.kind == "award"
    decided = claim.decided_at or letter.issued_at or timezone.now()
    amount = claim.awarded_amount if claim.awarded_amount is not None else _decimal(result.get("amount"))
    remaining = _decimal(result.get("remaining_cap"))
    cap = _decimal(result.get("cap"))
    context = {
        "letter": letter,
        "claim": claim,
        "award": award,
        "bureau": settings.PORTAL_BUREAU_NAME,
        "reference": letter.reference,
        "policy_title": POLICY_TITLE,
        "enterprise": claim.enterprise,
        "item": spec,
        "item_name": spec.name_zh,
        "clause": spec.clause,
        "clause_words": _clause_words(spec.clause),
        "clause_text": spec.clause_text.strip(),
        "year": claim.year,
        "submitted_on": chinese_date(claim.submitted_at) if claim.submitted_at else "",
        "decided_on": chinese_date(decided),
        "facts": _facts_used(claim),
        "steps": _steps(claim, result.get("trace") or []),
        "cap": rules.format_yuan(cap) if cap is not None else None,
        "remaining_before": rules.format_yuan(remaining) if remaining is not None else None,
        "reasons": [] if award else _reasons(claim, result),
    }
    if award:
        amount = amount if amount is not None else Decimal("0")
        context.update(
            {
                "amount": rules.format_yuan(amount),
                "amount_capitals": amount_in_chinese_capitals(rules.money.to_fen(amount)),
                "remaining_after": (
                    rules.format_yuan(max(remaining - amount, Decimal("0"))) if remaining is not None else None
                ),
            }
        )
    return context


@lru_cache(maxsize=1)
def letter_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def render_html(claim, letter, *, inline_css: bool = False) -> str:
    """The letter's HTML; its stylesheet is given to WeasyPrint parsed once (``inline_css`` for previews)."""
    with translation.override("zh-hans"):  # a decision letter is Chinese whoever triggers it
        context = letter_context(claim, letter)
        if inline_css:
            context["css"] = letter_css()
        return render_to_string("letters/decision.html", context)


def html_to_pdf(html: str, css: str | None = None) -> bytes:
    """A4 PDF bytes of an HTML string styled by ``css`` (the letter's by default).

    Refuses to print boxes when no Chinese font is installed.
    """
    problem = missing_letter_font()
    if problem:
        raise LetterRenderError(problem)
    import weasyprint

    from applications.letters.fonts import stylesheet

    font_config, fonts_css = stylesheet(letter_css() if css is None else css)
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[fonts_css], font_config=font_config
    )


def render_pdf(claim, letter) -> bytes:
    """The letter as PDF bytes."""
    return html_to_pdf(render_html(claim, letter))
