"""The real services: PostgreSQL as the database and a Celery worker fed through Redis."""

import pytest
from django.db import connection

from portal.celery import app, ping
from tests.celery_worker import celery_worker


def test_database_is_postgresql_in_ci(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@pytest.mark.redis
def test_task_goes_through_redis_to_a_worker_process(redis_url):
    app.conf.broker_url = redis_url
    app.conf.result_backend = redis_url
    app.conf.task_always_eager = False
    with celery_worker(redis_url):
        result = ping.delay("你好，天河")
        assert result.get(timeout=30) == "你好，天河"
        # it really ran elsewhere: the result came back through the Redis backend
        assert result.backend.__class__.__name__ == "RedisBackend"
