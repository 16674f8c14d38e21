"""Staff second factor (TOTP) and login lockout (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tests.factories import AdminFactory, ApplicantFactory, ReviewerFactory

PASSWORD = "Correct-Horse-42"
pytestmark = pytest.mark.django_db


def code_for(device) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1000000:06d}"


def login(client, user, password=PASSWORD, next_url=""):
    data = {"username": user.email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


@pytest.fixture
def no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp otherwise waits 1 s, 2 s, … after a wrong code


@pytest.mark.staff_2fa
def test_staff_without_device_is_sent_to_enrolment_and_confirms_with_a_code(client, no_throttle):
    admin = AdminFactory()
    r = login(client, admin, next_url="/manage/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/otp/setup/")
    # Any staff page before the second factor: back to the OTP step.
    r = client.get("/manage/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/otp/")
    page = client.get("/accounts/otp/setup/?next=/manage/")
    html = page.content.decode()
    assert "<svg" in html and "绑定手机验证器" in html
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    from base64 import b32encode

    assert b32encode(device.bin_key).decode() in html
    right = code_for(device)
    bad = client.post("/accounts/otp/setup/", {"code": wrong(right), "next": "/manage/"})
    assert bad.status_code == 400 and "验证码不正确" in bad.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    ok = client.post("/accounts/otp/setup/", {"code": code_for(device), "next": "/manage/"})
    assert ok.status_code == 302 and ok["Location"] == "/manage/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/manage/").status_code == 200


@pytest.mark.staff_2fa
def test_staff_with_device_must_give_the_right_code(client, no_throttle):
    reviewer = ReviewerFactory()
    device = TOTPDevice.objects.create(user=reviewer, name="test", confirmed=True)
    r = login(client, reviewer, next_url="/manage/dashboard/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/otp/?")
    assert client.get("/manage/dashboard/").status_code == 302
    api = client.get("/api/manage/dashboard/?year=2025")
    assert api.status_code == 403 and "双重验证" in api.json()["detail"]
    right = code_for(device)
    assert client.post("/accounts/otp/", {"code": wrong(right)}).status_code == 400
    assert client.post("/accounts/otp/", {"code": "abc"}).status_code == 400
    assert client.get("/manage/dashboard/").status_code == 302
    ok = client.post("/accounts/otp/", {"code": code_for(device), "next": "/manage/dashboard/"})
    assert ok.status_code == 302 and ok["Location"] == "/manage/dashboard/"
    assert client.get("/manage/dashboard/").status_code == 200
    assert client.get("/api/manage/dashboard/?year=2025").status_code == 200


@pytest.mark.staff_2fa
def test_applicants_are_not_asked_for_a_code(client):
    applicant = ApplicantFactory()
    r = login(client, applicant)
    assert r.status_code == 302 and "/accounts/otp" not in r["Location"]
    assert client.get("/accounts/otp/").status_code == 302  # nothing to do there
    assert not TOTPDevice.objects.filter(user=applicant).exists()


@pytest.mark.staff_2fa
def test_staff_api_token_is_refused_while_2fa_is_required(client):
    admin = AdminFactory()
    token = Token.objects.create(user=admin)
    r = client.get("/api/manage/guidelines/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code == 403 and "令牌" in r.json()["detail"]
    applicant_token = Token.objects.create(user=ApplicantFactory())
    r = client.get("/api/manage/guidelines/", HTTP_AUTHORIZATION=f"Token {applicant_token.key}")
    assert r.status_code == 403 and "仅限管理员" in r.json()["detail"]  # the permission module, not 2FA


def test_without_2fa_setting_staff_log_in_with_the_password(client):
    admin = AdminFactory()
    r = login(client, admin)
    assert r.status_code == 302 and r["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200


# --- Lockout ---------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_and_say_so(client):
    user = ApplicantFactory()
    for attempt in range(1, 5):
        r = login(client, user, password="wrong-password")
        html = r.content.decode()
        assert r.status_code == 200 and "邮箱或密码不正确" in html
        assert f"再输错 {5 - attempt} 次，该账号将在本地址锁定 15 分钟" in html
    r = login(client, user, password="wrong-password")
    assert r.status_code == 429
    r = login(client, user)  # the right password does not help during the cool-off
    html = r.content.decode()
    assert r.status_code == 429 and "登录已暂时锁定" in html and "15 分钟" in html
    assert "_auth_user_id" not in client.session
    # after the cool-off the right password works again
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    r = login(client, user)
    assert r.status_code == 302 and client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.staff_2fa
def test_wrong_codes_count_towards_the_lockout(client, no_throttle):
    reviewer = ReviewerFactory()
    device = TOTPDevice.objects.create(user=reviewer, name="test", confirmed=True)
    login(client, reviewer)
    right = code_for(device)
    statuses = [client.post("/accounts/otp/", {"code": wrong(right)}).status_code for _ in range(5)]
    assert statuses[:4] == [400] * 4 and statuses[4] == 429
    assert "_auth_user_id" not in client.session  # logged out
    r = login(client, reviewer)
    assert r.status_code == 429 and "登录已暂时锁定" in r.content.decode()


@pytest.mark.staff_2fa
def test_demo_staff_can_log_in_with_the_printed_code(client):
    from io import StringIO

    from django.core.management import call_command

    from applications.demo import DEMO_PASSWORD, seed_demo

    seed_demo()
    out = StringIO()
    call_command("demo_otp", "admin@demo.thkgx.gov.cn", stdout=out, stderr=StringIO())
    r = client.post("/accounts/login/", {"username": "admin@demo.thkgx.gov.cn", "password": DEMO_PASSWORD})
    assert r["Location"].startswith("/accounts/otp/?")
    r = client.post("/accounts/otp/", {"code": out.getvalue().strip(), "next": "/manage/"})
    assert r.status_code == 302 and r["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200
