"""Start a real Celery worker process for tests that are about task delivery."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def celery_worker(redis_url: str, concurrency: int = 1, extra_env: dict | None = None, name: str = "test"):
    """A worker subprocess on ``redis_url``; yields the Popen and stops it afterwards.

    The worker uses the same DATABASE_URL as the test run (the test database name is passed in
    ``extra_env`` by tests that need the database).
    """
    env = {**os.environ, "REDIS_URL": redis_url, "CELERY_TASK_ALWAYS_EAGER": "0", **(extra_env or {})}
    cmd = [
        sys.executable, "-m", "celery", "-A", "portal", "worker",
        "--loglevel=WARNING", f"--concurrency={concurrency}", "--pool=prefork",
        "-n", f"{name}-{os.getpid()}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        from portal.celery import app

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("Celery worker exited early:\n" + (proc.stdout.read() if proc.stdout else ""))
            try:
                replies = app.control.ping(timeout=1.0)
            except Exception:  # broker not yet reachable
                replies = []
            if any(f"{name}-{os.getpid()}@" in next(iter(r)) for r in replies):
                break
        else:
            raise RuntimeError("Celery worker did not answer a ping within 60 s")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
