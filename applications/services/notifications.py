"""In-app notifications for every change of a claim, and the e-mail, sent by a Celery task."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import Claim, Notification
from applications.workflow import ACTIONS


def _claim_url(claim: Claim) -> str:
    try:
        return reverse("applicant:claim_detail", args=[claim.pk])
    except NoReverseMatch:
        return ""


def notify_users(users, title: str, body: str = "", claim: Claim | None = None, url: str = "") -> list[Notification]:
    rows = [Notification(user=u, claim=claim, title=title, body=body, url=url) for u in users]
    Notification.objects.bulk_create(rows)
    from applications.tasks import send_notification_emails

    ids = [n.pk for n in rows if n.pk]
    if ids:
        send_notification_emails.delay(ids)
    return rows


def notify_claim_change(claim_id: int, action: str, message: str = "") -> None:
    """Tell the enterprise's users what happened to their claim (in-app and by e-mail)."""
    claim = Claim.objects.select_related("item").get(pk=claim_id)
    users = User.objects.filter(enterprise_id=claim.enterprise_id, role=Role.APPLICANT, is_active=True)
    label = ACTIONS[action].label if action in ACTIONS else action
    title = _("您的申报 %(number)s（%(item)s）：%(action)s") % {
        "number": claim.number,
        "item": claim.item.name,
        "action": label,
    }
    body = _("当前状态：%(status)s。") % {"status": claim.get_status_display()}
    if message:
        body += "\n" + message
    notify_users(users, title, body, claim=claim, url=_claim_url(claim))


def email_body(notification: Notification) -> str:
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    return _("%(name)s，您好：\n\n%(title)s\n%(body)s\n\n查看详情：%(link)s\n\n%(bureau)s\n（本邮件由系统自动发送，请勿回复）") % {
        "name": notification.user.display_name,
        "title": notification.title,
        "body": notification.body,
        "link": link,
        "bureau": settings.PORTAL_BUREAU_NAME,
    }


def mark_read(user, notification_id=None) -> int:
    """Mark the user's unread notifications read (one, when ``notification_id`` is given).

    Only the user's own notifications are touched; an id that is not a number, or not theirs,
    marks nothing.
    """
    from django.utils import timezone

    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id not in (None, ""):
        text = str(notification_id)
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            return 0
        rows = rows.filter(pk=int(text))
    return rows.update(read_at=timezone.now())
