"""Demo claims: idempotent, in draft, submitted and returned states, with real PDF/PNG evidence."""

import pytest

from applications.demo import seed_demo
from applications.models import Claim, ClaimSubmission, Document
from applications.services.documents import sniff

pytestmark = pytest.mark.django_db


def test_seed_claims_is_idempotent_and_covers_the_states():
    seed_demo()
    first = Claim.objects.count()
    seed_demo()
    assert Claim.objects.count() == first >= 4
    assert set(Claim.objects.values_list("status", flat=True)) >= {"draft", "submitted", "returned"}
    returned = Claim.objects.filter(status="returned")
    assert returned.exists()
    for claim in returned:
        assert claim.return_message and ClaimSubmission.objects.filter(claim=claim).count() >= 1
    for doc in Document.objects.all():
        with doc.file.open("rb") as f:
            assert sniff(f.read(262)) == doc.content_type
