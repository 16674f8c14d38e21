"""Values every template may read."""

from django.conf import settings


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = getattr(request, "_unread_notifications", None)
        if unread is None:
            from applications.selectors import unread_notification_count

            unread = unread_notification_count(user)
    return {
        "PORTAL_TITLE": settings.PORTAL_TITLE,
        "BUREAU_NAME": settings.PORTAL_BUREAU_NAME,
        "unread_notifications": unread,
    }
