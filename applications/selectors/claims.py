"""Reads for the enterprise's pages and API: its claims, one claim's checklist, timeline, history.

Everything starts from ``permissions.visible_claims(user)``, so another enterprise's id is not
found. The list runs a fixed number of queries whatever the number of claims.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from applications import permissions
from applications.models import Claim, ClaimEvent, ClaimSubmission, Document
from applications.models.claims import ClaimStatus
from applications.services.documents import required_documents
from subsidies.models import ItemSetting

STATUS_TAGS = {
    ClaimStatus.DRAFT: "tag",
    ClaimStatus.SUBMITTED: "tag-info",
    ClaimStatus.SECOND_REVIEW: "tag-info",
    ClaimStatus.RETURNED: "tag-warn",
    ClaimStatus.APPROVED: "tag-info",
    ClaimStatus.PUBLICIZED: "tag-info",
    ClaimStatus.AWARDED: "tag-ok",
    ClaimStatus.PAID: "tag-ok",
    ClaimStatus.REJECTED: "tag-err",
    ClaimStatus.WITHDRAWN: "tag",
    ClaimStatus.REVOKED: "tag-err",
}


def claims_for(user):
    """The user's enterprise's claims for lists: only what a list shows (large JSON deferred)."""
    return (
        permissions.visible_claims(user)
        .select_related("item")
        .defer("facts", "verified_facts", "result", "decision_reasons", "return_message", "item__clause_text")
        .order_by("-updated_at", "-id")
    )


def claim_for(user, pk: int) -> Claim:
    """One claim the user may see (``Claim.DoesNotExist`` otherwise → 404)."""
    return permissions.visible_claims(user).select_related("item", "guideline", "enterprise", "demo_project", "preapproval").get(pk=pk)


def open_items(guideline):
    """Items open for application this year, for the "新建申报" buttons."""
    if guideline is None:
        return []
    from subsidies.models import Item

    disabled = set(ItemSetting.objects.filter(guideline=guideline, enabled=False).values_list("item_id", flat=True))
    return [i for i in Item.objects.order_by("order").only("code", "name", "clause", "order") if i.code not in disabled]


def checklist(claim: Claim) -> list[dict]:
    """Each required document with its current file and earlier versions."""
    docs = list(Document.objects.filter(claim=claim).order_by("code", "-version"))
    rows = []
    for req in required_documents(claim):
        versions = [d for d in docs if d.code == req.code]
        current = next((d for d in versions if d.is_current), None)
        rows.append({"required": req, "current": current, "earlier": [d for d in versions if d is not current]})
    return rows


def documents_of(claim: Claim):
    return Document.objects.filter(claim=claim).order_by("code", "-version")


def timeline(claim: Claim):
    return ClaimEvent.objects.filter(claim=claim, public=True).exclude(action="edit").select_related("actor").order_by("created_at", "id")


def submissions(claim: Claim):
    return ClaimSubmission.objects.filter(claim=claim).select_related("submitted_by").order_by("sequence")


# The path a claim follows, for the progress strip on the claim page.
PATH = [
    ("draft", _("草稿")),
    ("submitted", _("已提交（待初审）")),
    ("second_review", _("复审")),
    ("approved", _("复审通过")),
    ("publicized", _("公示")),
    ("awarded", _("决定")),
    ("letter", _("出具决定书")),
    ("paid", _("拨付")),
]
_ORDER = {
    ClaimStatus.DRAFT: 0,
    ClaimStatus.RETURNED: 1,
    ClaimStatus.SUBMITTED: 1,
    ClaimStatus.SECOND_REVIEW: 2,
    ClaimStatus.APPROVED: 3,
    ClaimStatus.PUBLICIZED: 4,
    ClaimStatus.AWARDED: 5,
    ClaimStatus.REJECTED: 5,
    ClaimStatus.REVOKED: 5,
    ClaimStatus.PAID: 7,
    ClaimStatus.WITHDRAWN: -1,
}


def progress(claim: Claim) -> list[dict]:
    reached = _ORDER.get(claim.status, 0)
    has_letter = letter_of(claim) is not None
    steps = []
    for index, (key, label) in enumerate(PATH):
        done = index <= reached or (key == "letter" and has_letter)
        steps.append({"key": key, "label": str(label), "done": done})
    return steps


def letter_of(claim: Claim):
    try:
        return claim.letter
    except Exception:  # RelatedObjectDoesNotExist
        return None


def letter_url(letter) -> str:
    if letter is None:
        return ""
    try:
        return reverse("letters:download", args=[letter.claim_id])  # the letter of a claim, by the claim's id
    except NoReverseMatch:
        return ""


def award_of(claim: Claim):
    try:
        return claim.award
    except Exception:
        return None


def payments_of(claim: Claim):
    award = award_of(claim)
    return list(award.payments.order_by("paid_on")) if award is not None else []


def notifications_page(user):
    from applications.models import Notification

    return Notification.objects.filter(user=user).select_related("claim").order_by("-created_at", "-id")




def fact_rows(item_code: str, facts: dict) -> list[dict]:
    """The claimed facts as label/value pairs in the item's order, for display."""
    import rules
    from applications.selectors.facts import display_fact

    spec = rules.ITEMS[item_code]
    rows = []
    for name in dict.fromkeys(spec.requires + spec.reads):
        if name not in facts:
            continue
        fact = rules.FACTS[name]
        shown = display_fact(name, facts[name])
        rows.append({"name": name, "label": fact.label_zh, "value": shown})
    return rows


def timeline_rows(claim: Claim) -> list[dict]:
    """The public events as lines: what happened, when, by whom (staff shown as the bureau)."""
    from applications.workflow import ACTIONS

    labels = dict(ClaimStatus.choices)
    rows = []
    for e in timeline(claim):
        changed = bool(e.to_status) and e.to_status != e.from_status
        if changed:
            title = str(labels.get(e.to_status, e.to_status))
            if e.action in ACTIONS:
                title = f"{ACTIONS[e.action].label} → {title}"
        elif e.action == "create":
            title = str(_("创建申报草稿"))
        else:
            title = str(ACTIONS[e.action].label) if e.action in ACTIONS else e.action
        actor = ""
        if e.actor is not None:
            actor = str(_("区科工信局")) if e.actor.is_portal_staff else e.actor.display_name
        message = e.message if (changed or e.action not in ("create",)) else ""
        rows.append({"title": title, "at": e.created_at, "actor": actor, "message": message, "status": e.to_status})
    return rows
