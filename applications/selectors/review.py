"""Reads of the review side: the queue (filters, search, sort, constant queries per page), the
review page's context, the public 公示 lists."""


import django_filters
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

import rules
from accounts.models import Role, User
from applications import permissions
from applications.models import Award, Claim, ClaimStatus, NoticeBatch, NoticeStatus, ObjectionStatus
from applications.selectors.facts import display_fact
from applications.services import ledger
from applications.services.facts import BUREAU_FACTS, evaluate_claim
from subsidies.models import Item

SORTS = {
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "enterprise": ("enterprise__name", "id"),
    "-enterprise": ("-enterprise__name", "-id"),
    "amount": ("computed_amount", "id"),
    "-amount": ("-computed_amount", "-id"),
    "item": ("item__order", "id"),
    "status": ("status", "id"),
    "updated": ("-updated_at", "-id"),
}
SORT_LABELS = [
    ("-submitted", _("提交时间（新→旧）")),
    ("submitted", _("提交时间（旧→新）")),
    ("enterprise", _("企业名称")),
    ("-amount", _("测算金额（高→低）")),
    ("amount", _("测算金额（低→高）")),
    ("item", _("事项")),
    ("status", _("状态")),
    ("updated", _("最近更新")),
]
QUEUE_STATUSES = [(s.value, s.label) for s in ClaimStatus if s != ClaimStatus.DRAFT]


def _reviewer_choices():
    return User.objects.filter(role__in=[Role.REVIEWER, Role.SENIOR_REVIEWER], is_active=True).order_by("role", "full_name")


class QueueFilter(django_filters.FilterSet):
    """Filters of the queue; the enterprise is filtered by id (a link from a row), not a select
    of thousands of names."""

    q = django_filters.CharFilter(method="search", label=_("企业名称或信用代码"))
    year = django_filters.ChoiceFilter(
        choices=[(str(y), f"{y}") for y in rules.GUIDELINE_YEARS], label=_("年度"), empty_label=_("全部年度")
    )
    item = django_filters.ModelChoiceFilter(queryset=Item.objects.order_by("order"), label=_("事项"), empty_label=_("全部事项"))
    status = django_filters.ChoiceFilter(choices=QUEUE_STATUSES, label=_("状态"), empty_label=_("全部状态"))
    assignee = django_filters.ModelChoiceFilter(
        queryset=_reviewer_choices(), method="by_assignee", label=_("审核人"), empty_label=_("全部审核人")
    )
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("企业编号"))
    mine = django_filters.BooleanFilter(method="only_mine", label=_("只看分配给我的"))

    class Meta:
        model = Claim
        fields = ["q", "year", "item", "status", "assignee", "enterprise", "mine"]

    def search(self, qs, name, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(Q(enterprise__name__icontains=value) | Q(enterprise__uscc__iexact=value.upper()))

    def by_assignee(self, qs, name, value):
        return qs.filter(Q(first_assignee=value) | Q(second_assignee=value)) if value else qs

    def only_mine(self, qs, name, value):
        if value:
            user = self.request.user
            return qs.filter(Q(first_assignee=user) | Q(second_assignee=user))
        return qs


class QueuePaginator(Paginator):
    """Counts on the filtered claims alone (no joins, no annotations, no ordering): the COUNT
    stays cheap whatever the sort or the page."""

    def __init__(self, object_list, per_page, count_queryset, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count_queryset = count_queryset

    @cached_property
    def count(self):
        return self._count_queryset.order_by().count()


def queue_queryset(user, params=None):
    """(filterset, count queryset, page queryset) of the queue for ``user``."""
    base = permissions.visible_claims(user)
    filterset = QueueFilter(params or {}, queryset=base, request=_FakeRequest(user))
    filtered = filterset.qs if filterset.is_valid() else base
    mine = Case(
        When(Q(first_assignee_id=user.pk, status=ClaimStatus.SUBMITTED) | Q(second_assignee_id=user.pk, status=ClaimStatus.SECOND_REVIEW),
             then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    sort = (params or {}).get("sort") or "-submitted"
    ordering = SORTS.get(sort, SORTS["-submitted"])
    rows = (
        filtered.select_related("enterprise", "item", "first_assignee", "second_assignee")
        .defer("facts", "verified_facts", "result", "decision_reasons", "return_message",
               "enterprise__profile_facts", "enterprise__registered_address")
        .annotate(mine=mine)
        .order_by("mine", *ordering)
    )
    return filterset, filtered, rows


class _FakeRequest:
    def __init__(self, user):
        self.user = user


def queue_page(user, params, *, per_page: int = 25):
    filterset, filtered, rows = queue_queryset(user, params)
    paginator = QueuePaginator(rows, per_page, filtered)
    page = paginator.get_page(params.get("page") if params else 1)
    return filterset, page


# --- The review page ---------------------------------------------------------------------------


def fact_rows(claim: Claim) -> list[dict]:
    from applications.services.review import correctable_facts

    corrections = {}
    for c in claim.corrections.all():
        corrections[c.fact] = c  # the last one wins
    verified = claim.verified_facts or {}
    rows = []
    for name in correctable_facts(claim):
        spec = rules.FACTS[name]
        claimed = (claim.facts or {}).get(name)
        rows.append({
            "name": name,
            "spec": spec,
            "label": spec.label_zh,
            "kind": spec.kind,
            "claimed": claimed,
            "claimed_display": display_fact(name, claimed),
            "verified": verified.get(name),
            "verified_display": display_fact(name, verified[name]) if name in verified else "",
            "corrected": name in verified and verified[name] != claimed,
            "correction": corrections.get(name),
        })
    return rows



def review_context(user, claim: Claim) -> dict:
    from applications.services.review import available_actions, reviewers_for

    try:
        result = evaluate_claim(claim)
        error = ""
    except rules.RulesError as exc:
        result, error = None, str(exc)
    year_sum = ledger.summary(claim.enterprise_id, claim.item_id, claim.year, exclude_claim_id=claim.pk)
    ledger_rows = (
        Award.objects.filter(enterprise_id=claim.enterprise_id, item_id=claim.item_id)
        .select_related("claim")
        .order_by("year", "reserved_at")
    )
    documents = claim.documents.filter(is_current=True).order_by("code")
    bureau = {k: v for k, v in (claim.facts or {}).items() if k in BUREAU_FACTS}
    try:
        award = claim.award
    except Award.DoesNotExist:
        award = None
    return {
        "claim": claim,
        "facts": fact_rows(claim),
        "result": result,
        "result_error": error,
        "year_sum": year_sum,
        "ledger_rows": ledger_rows,
        "documents": documents,
        "events": event_rows(claim),
        "objections": claim.objections.order_by("-filed_at"),
        "actions": available_actions(user, claim),
        "first_reviewers": reviewers_for(claim),
        "second_reviewers": reviewers_for(claim, senior=True),
        "bureau_claimed": bureau,
        "award": award,
        "payments": award.payments.all() if award else [],
    }


EXTRA_ACTION_LABELS = {
    "assign": _("分配审核人员"),
    "dismiss_objection": _("公示异议不成立"),
    "upload": _("上传材料"),
    "letter_issued": _("出具决定书"),
}


def event_rows(claim: Claim) -> list[dict]:
    from applications.workflow import ACTIONS

    statuses = dict(ClaimStatus.choices)
    rows = []
    for e in claim.events.select_related("actor").order_by("created_at", "id"):
        label = ACTIONS[e.action].label if e.action in ACTIONS else EXTRA_ACTION_LABELS.get(e.action, e.action)
        rows.append({
            "event": e, "label": label, "actor": e.actor.display_name if e.actor else _("系统"),
            "from": statuses.get(e.from_status, e.from_status), "to": statuses.get(e.to_status, e.to_status),
            "changed": e.from_status != e.to_status, "message": e.message, "at": e.created_at,
        })
    return rows


# --- 公示 ------------------------------------------------------------------------------------------


def public_batches():
    """Batches anyone may see: those published (open, closed or decided)."""
    return NoticeBatch.objects.order_by("-starts_on", "-id")


def public_claims(batch: NoticeBatch):
    """What the public page shows: enterprise, item and amount — nothing else of a claim."""
    return (
        Claim.objects.filter(
            Q(notice_batch=batch) & Q(status__in=[ClaimStatus.PUBLICIZED, ClaimStatus.AWARDED, ClaimStatus.PAID])
        )
        .select_related("enterprise", "item")
        .only("id", "year", "item__name", "item__code", "item__clause", "enterprise__name", "enterprise__uscc",
              "awarded_amount", "status", "notice_batch_id")
        .order_by("item__order", "enterprise__name")
    )


def staff_batches():
    return NoticeBatch.objects.select_related("published_by").order_by("-published_at")


def pending_objection_count(batch: NoticeBatch) -> int:
    return batch.objections.filter(status=ObjectionStatus.PENDING).count()


def approved_claims(user, year: int | None = None):
    qs = permissions.visible_claims(user).filter(status=ClaimStatus.APPROVED).select_related("enterprise", "item")
    if year:
        qs = qs.filter(year=year)
    return qs.defer("facts", "verified_facts", "result").order_by("year", "item__order", "enterprise__name")


OPEN_NOTICE = NoticeStatus.OPEN
