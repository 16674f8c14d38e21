"""The review demo: claims in every state, consistent ledger, idempotent."""

import pytest

from applications.models import Award, AwardStatus, Claim, ClaimStatus, NoticeStatus

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
