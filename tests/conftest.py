"""Shared fixtures (browser fixtures: tests/browser.py).

Services: tests about PostgreSQL, Redis or a Celery worker ask for the ``postgres`` or
``redis_url`` fixture. Without the service they skip on a developer's machine and FAIL in CI
(``CI`` set), so a missing service can never turn CI green.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from portal.celery import app as celery_app
from tests.browser import browser_page  # noqa: F401  (fixture)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "test-artifacts"


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI: {what} is required for this test but is missing", pytrace=False)
    pytest.skip(f"{what} not configured")


@pytest.fixture
def postgres(db):
    """The test database must be PostgreSQL (row locks, concurrency)."""
    if connection.vendor != "postgresql":
        _missing("PostgreSQL (DATABASE_URL)")
    return connection


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        _missing("Redis (REDIS_URL)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI: Redis at {url} unreachable: {exc}", pytrace=False)
        pytest.skip(f"Redis unreachable: {exc}")
    return url


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Tasks run in-process in tests unless the test is about a real worker (``redis`` marker)."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    old = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = old


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    """Uploaded files and letters go to a temporary folder per test."""
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_STORAGE_ROOT = root
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    from django.core.files.storage import storages

    storages._storages = {}
    yield root
    storages._storages = {}


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _no_staff_2fa_by_default(settings, request):
    """Staff 2FA is on in the portal; tests about it turn it on with the ``staff_2fa`` marker."""
    settings.PORTAL_STAFF_REQUIRE_2FA = bool(request.node.get_closest_marker("staff_2fa"))


@pytest.fixture(autouse=True)
def _fresh_cache(settings, request):
    """Each test starts with an empty cache of its own (rate limits, lockouts do not leak between
    tests, nor between CI runs sharing the local Redis)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }
