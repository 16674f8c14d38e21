"""Two simultaneous "new claim" requests of one enterprise for the same item: one wins (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applications.models import Claim
from applications.services.claims import start_claim

M6 = {"ai_llm_field": True, "paid_to_institutions": "1000"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_claims_only_one_is_created(postgres, applicant_a):
    barrier = threading.Barrier(4)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            start_claim(applicant_a, "M6", facts=M6)
            outcomes.append("created")
        except ValidationError as exc:
            outcomes.append("refused" if "不能重复申报" in " ".join(exc.messages) else repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    assert Claim.objects.filter(enterprise=applicant_a.enterprise, item_id="M6").count() == 1
