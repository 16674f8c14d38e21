"""Playwright driving the system Chromium (no browser download), for tests marked ``browser``."""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and shutil.which(candidate):
            return candidate
    if os.environ.get("CI"):
        pytest.fail("CI: Chromium is required for browser tests but is missing", pytrace=False)
    pytest.skip("Chromium not installed")


@pytest.fixture
def browser_page(live_server, artifacts_dir):
    """A fresh Chromium page; yields (page, base_url). Sync Playwright inside pytest-django."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page, live_server.url
        finally:
            context.close()
            browser.close()
