"""Celery tasks of the applications app. Thin: each calls a service."""

from celery import shared_task
from django.core.mail import send_mail

from applications.models import Notification


@shared_task(name="applications.tasks.send_notification_emails", acks_late=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    from applications.services.notifications import email_body

    sent = 0
    for n in Notification.objects.filter(pk__in=notification_ids).select_related("user"):
        if not n.user.email:
            continue
        send_mail(f"[天河区AI扶持资金] {n.title}", email_body(n), None, [n.user.email], fail_silently=False)
        sent += 1
    return sent


@shared_task(name="applications.tasks.close_expired_notice_periods")
def close_expired_notice_periods() -> int:
    """Beat: mark 公示 batches whose period ended (deciding stays a reviewer's action)."""
    from django.utils import timezone

    from applications.models import NoticeBatch, NoticeStatus

    return NoticeBatch.objects.filter(status=NoticeStatus.OPEN, ends_on__lt=timezone.localdate()).update(
        status=NoticeStatus.CLOSED
    )


@shared_task(name="applications.tasks.render_decision_letter", acks_late=True, reject_on_worker_lost=True)
def render_decision_letter(claim_id: int, job_id: int | None = None) -> dict:
    """Render, number and store one claim's decision letter; idempotent (runs twice → one letter)."""
    from applications.services.letters import run_letter_task

    return run_letter_task(claim_id, job_id)
