"""Search of the audit log (django-auditlog ``LogEntry``): by object, user and date."""

from datetime import datetime, time

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

#: The objects the audit log records, as (app_label.model, Chinese label) for the search form.
AUDITED = [
    ("subsidies.guideline", "申报指南"),
    ("subsidies.parametervalue", "指南参数"),
    ("subsidies.requireddocument", "申报材料"),
    ("subsidies.itemsetting", "事项设置"),
    ("applications.claim", "申报（状态、核定数据、金额）"),
    ("applications.factcorrection", "数据核定"),
    ("applications.award", "资金台账"),
    ("applications.payment", "拨付记录"),
    ("accounts.user", "用户（角色、启用）"),
    ("administration.annualbudget", "年度预算"),
]
ACTION_LABELS = {0: "新增", 1: "修改", 2: "删除", 3: "查看"}


def _content_type(key: str):
    app_label, _dot, model = (key or "").partition(".")
    if not model:
        return None
    return ContentType.objects.filter(app_label=app_label, model=model).first()


def _day(value, end=False):
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = datetime.strptime(value.strip(), "%Y-%m-%d").date()
        except ValueError:
            return None
    return timezone.make_aware(datetime.combine(value, time.max if end else time.min))


def search(*, object_type: str = "", object_id: str = "", object_text: str = "", user: str = "", date_from=None, date_to=None):
    """Entries newest first; every filter optional. ``user`` matches the actor's e-mail or name."""
    qs = LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-id")
    if object_type:
        ct = _content_type(object_type)
        qs = qs.filter(content_type=ct) if ct else qs.none()
    if object_id:
        qs = qs.filter(object_pk=str(object_id).strip())
    if object_text:
        qs = qs.filter(object_repr__icontains=object_text.strip())
    if user:
        u = user.strip()
        qs = qs.filter(Q(actor__email__icontains=u) | Q(actor__full_name__icontains=u) | Q(actor_email__icontains=u))
    start, end = _day(date_from), _day(date_to, end=True)
    if start:
        qs = qs.filter(timestamp__gte=start)
    if end:
        qs = qs.filter(timestamp__lte=end)
    return qs


def type_label(entry) -> str:
    key = f"{entry.content_type.app_label}.{entry.content_type.model}"
    return dict(AUDITED).get(key, entry.content_type.name)


def entry_changes(entry) -> list[dict]:
    """[{field, before, after}] of one entry (auditlog stores [before, after] per field)."""
    out = []
    for field, pair in (entry.changes_dict or {}).items():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            before, after = pair
        else:
            before, after = "", pair
        out.append({"field": field, "before": before, "after": after})
    return out


def entry_json(entry) -> dict:
    return {
        "id": entry.pk,
        "timestamp": entry.timestamp.isoformat(),
        "action": ACTION_LABELS.get(entry.action, str(entry.action)),
        "object_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
        "object_type_label": type_label(entry),
        "object_id": entry.object_pk,
        "object_repr": entry.object_repr,
        "actor": entry.actor.email if entry.actor else (entry.actor_email or None),
        "remote_addr": entry.remote_addr,
        "changes": entry_changes(entry),
    }
