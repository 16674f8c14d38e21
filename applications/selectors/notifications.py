from applications.models import Notification


def unread_notification_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(user=user).select_related("claim")
