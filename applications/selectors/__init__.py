"""Reads: what views and the API list and show, filtered by ``permissions.visible_*``."""

from applications.selectors.notifications import unread_notification_count

__all__ = ["unread_notification_count"]
