import pytest

from tests.factories import AdminFactory, ApplicantFactory, ReviewerFactory, SeniorReviewerFactory


@pytest.fixture
def admin_user(db):
    return AdminFactory(email="admin@thkgx.test", full_name="管理员甲")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def senior(db):
    return SeniorReviewerFactory()


@pytest.fixture
def applicant(db):
    return ApplicantFactory()
