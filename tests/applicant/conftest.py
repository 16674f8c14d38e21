"""Fixtures of the enterprise-side tests: applicants of two enterprises, files, a claim with evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.demo_claims import tiny_pdf, tiny_png
from subsidies.models import Guideline, RequiredDocument
from tests.factories import ApplicantFactory, EnterpriseFactory

M6_FACTS = {"ai_llm_field": "yes", "paid_to_institutions": "3,800,000.00"}


@pytest.fixture
def pdf_bytes():
    return tiny_pdf("测试材料")


@pytest.fixture
def png_bytes():
    return tiny_png()


def pdf_upload(name="材料.pdf", content=None):
    return SimpleUploadedFile(name, content or tiny_pdf("evidence"), content_type="application/pdf")


@pytest.fixture
def applicant_a(db):
    return ApplicantFactory(enterprise=EnterpriseFactory(name="甲企业"))


@pytest.fixture
def applicant_b(db):
    return ApplicantFactory(enterprise=EnterpriseFactory(name="乙企业"))


@pytest.fixture
def client_a(client, applicant_a):
    client.force_login(applicant_a)
    return client


@pytest.fixture
def guideline_2026(db):
    return Guideline.objects.get(year=2026)


def required_codes(year: int, item: str) -> list[str]:
    return list(
        RequiredDocument.objects.filter(guideline__year=year, item_id=item, required=True).values_list("code", flat=True)
    )
