"""The review demo: claims in every state, consistent ledger, idempotent."""

import pytest

from applications.models import Award, AwardStatus, Claim, ClaimStatus, NoticeBatch, NoticeStatus

pytestmark = pytest.mark.django_db


def test_seed_review_demo_covers_every_state_and_is_idempotent(django_capture_on_commit_callbacks):
    from applications.demo import seed_demo

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    demo = Claim.objects.filter(title__startswith="【演示】")
    states = set(demo.values_list("status", flat=True))
    assert {ClaimStatus.SUBMITTED, ClaimStatus.SECOND_REVIEW, ClaimStatus.RETURNED, ClaimStatus.APPROVED,
            ClaimStatus.PUBLICIZED, ClaimStatus.AWARDED, ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN,
            ClaimStatus.PAID} <= states
    count = demo.count()
    publicized = demo.get(status=ClaimStatus.PUBLICIZED)
    assert publicized.notice_batch.status == NoticeStatus.OPEN
    assert publicized.award.status == AwardStatus.RESERVED
    assert demo.get(status=ClaimStatus.PAID).award.status == AwardStatus.PAID
    assert demo.get(status=ClaimStatus.AWARDED).award.status == AwardStatus.COMMITTED
    assert not Award.objects.filter(claim__status=ClaimStatus.WITHDRAWN).exclude(status=AwardStatus.RELEASED).exists()
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    assert Claim.objects.filter(title__startswith="【演示】").count() == count


def test_every_review_page_renders_for_the_demo(client, django_capture_on_commit_callbacks):
    from accounts.models import User
    from applications.demo import seed_demo

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    for email in ("fushen1@demo.thkgx.gov.cn", "chushen1@demo.thkgx.gov.cn", "admin@demo.thkgx.gov.cn"):
        client.force_login(User.objects.get(email=email))
        for url in ["/review/", "/review/notices/", "/review/demo-projects/?year=2026", "/review/preapprovals/",
                    "/review/conflicts/", "/review/export/queue.xlsx", "/review/export/decisions.csv?year=2025"]:
            assert client.get(url).status_code == 200, (email, url)
        for claim in Claim.objects.filter(title__startswith="【演示】"):
            r = client.get(f"/review/claims/{claim.pk}/")
            assert r.status_code == 200, (email, claim.status)
        for batch in NoticeBatch.objects.all():
            assert client.get(f"/review/notices/{batch.pk}/").status_code == 200
    client.logout()
    for batch in NoticeBatch.objects.all():
        assert client.get(f"/notices/{batch.pk}/").status_code == 200
    client.force_login(User.objects.get(email="office@jinrongcheng-ai.demo"))
    r = client.get("/preapprovals/")
    assert r.status_code == 200 and "天河人工智能大模型金融应用论坛" in r.content.decode()
