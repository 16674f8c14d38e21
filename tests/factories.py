"""factory_boy factories shared by the suite. Append new factories; don't rename existing ones."""

import itertools

import factory

from accounts.models import Role, User
from accounts.uscc import with_check_character
from applications.models import Claim, ClaimStatus, Enterprise
from subsidies.models import Guideline, Item

_uscc_counter = itertools.count(1)


def next_uscc() -> str:
    return with_check_character(f"914401060000{next(_uscc_counter):05d}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.LazyFunction(next_uscc)
    name = factory.Sequence(lambda n: f"广州天河测试科技有限公司{n}")
    registered_address = "广州市天河区天河路1号"
    district = "天河区"
    above_scale = True
    ai_enterprise = True
    contact_person = "张三"
    contact_phone = "13800138000"
    profile_facts = factory.LazyFunction(dict)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    username = factory.SelfAttribute("email")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.APPLICANT
    password = factory.PostGenerationMethodCall("set_password", "Correct-Horse-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ApplicantFactory(UserFactory):
    enterprise = factory.SubFactory(EnterpriseFactory)
    is_enterprise_manager = True


class ReviewerFactory(UserFactory):
    role = Role.REVIEWER


class SeniorReviewerFactory(UserFactory):
    role = Role.SENIOR_REVIEWER


class AdminFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim of the 2025 guideline (seeded by post_migrate); pass item_id and facts."""

    class Meta:
        model = Claim

    enterprise = factory.SubFactory(EnterpriseFactory)
    item = factory.LazyFunction(lambda: Item.objects.get(code="M6"))
    guideline = factory.LazyAttribute(lambda o: Guideline.objects.get(year=o.year))
    year = 2025
    status = ClaimStatus.DRAFT
    facts = factory.LazyAttribute(
        lambda o: {
            "registered_in_tianhe": True,
            "above_scale": True,
            "ai_enterprise": True,
            "ai_llm_field": True,
            "paid_to_institutions": "3800000",
        }
    )
