"""Schemathesis against the OpenAPI schema, in-process: whatever it sends, no 500.

Every operation of /api/schema/ is called with generated (valid and invalid) input by an
applicant; a deeper run with staff tokens is described in docs/testing.md.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from portal.wsgi import application
from tests.factories import ApplicantFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def applicant_token(db):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=ApplicantFactory()).key


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case, applicant_token):
    case.call_and_validate(headers={"Authorization": f"Token {applicant_token}"}, checks=[not_a_server_error])
