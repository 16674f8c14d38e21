"""Marking notifications read: own ones only, and a malformed id changes nothing (no 500)."""

import pytest

from applications.models import Notification
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db


def _note(user, title="通知"):
    return Notification.objects.create(user=user, title=title)


def test_mark_one_all_and_never_someone_elses(client):
    me, other = ApplicantFactory(), ApplicantFactory()
    a, b, theirs = _note(me), _note(me), _note(other)
    client.force_login(me)
    assert client.post("/notifications/read/", {"id": "abc"}).status_code == 302
    assert client.post("/notifications/read/", {"id": str(theirs.pk)}).status_code == 302
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    client.post("/notifications/read/", {"id": str(a.pk)})
    assert set(Notification.objects.filter(read_at__isnull=False).values_list("pk", flat=True)) == {a.pk}
    assert client.post(f"/api/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post("/api/notifications/read-all/").json() == {"updated": 1}
    b.refresh_from_db()
    theirs.refresh_from_db()
    assert b.read_at is not None and theirs.read_at is None
