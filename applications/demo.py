"""Demo data for `make run`: staff, enterprises with users, and claims to look at.

Idempotent: running it again changes nothing that exists. Every login printed at start.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Role, User
from applications.models import Enterprise

DEMO_PASSWORD = "Tianhe-2026-demo"
# Staff log in with a TOTP second factor; the demo staff share this FIXED secret (demo only!).
# Add it to an authenticator app, or print the current code: ``manage.py demo_otp EMAIL``.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's test key
DEMO_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # the same key in base32, for the app


def _demo_totp(user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="演示验证器", key=DEMO_TOTP_KEY_HEX, confirmed=True)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    note: str


STAFF = [
    ("admin@demo.thkgx.gov.cn", "管理员 王敏", Role.ADMIN),
    ("chushen1@demo.thkgx.gov.cn", "初审 李强", Role.REVIEWER),
    ("chushen2@demo.thkgx.gov.cn", "初审 陈静", Role.REVIEWER),
    ("fushen1@demo.thkgx.gov.cn", "复审 张伟", Role.SENIOR_REVIEWER),
    ("fushen2@demo.thkgx.gov.cn", "复审 刘洋", Role.SENIOR_REVIEWER),
]

# Valid 统一社会信用代码 (GB 32100-2015 check characters computed by accounts.uscc).
ENTERPRISES = [
    {
        "uscc": "91440106MA5CXXXX1",
        "name": "广州天河智算科技有限公司",
        "registered_address": "广州市天河区珠江新城华夏路10号",
        "above_scale": True,
        "ai_enterprise": True,
        "contact_person": "黄志明",
        "contact_phone": "020-38880001",
        "profile_facts": {"llm_enterprise": True, "cac_algorithm_filed": True, "ai_llm_field": True},
        "user": ("finance@tianhe-zhisuan.demo", "黄志明"),
    },
    {
        "uscc": "91440106MA5CYYYY2",
        "name": "广州五山大模型数据服务有限公司",
        "registered_address": "广州市天河区五山路381号",
        "above_scale": True,
        "ai_enterprise": True,
        "contact_person": "周丽",
        "contact_phone": "020-38880002",
        "profile_facts": {"ai_llm_field": True},
        "user": ("policy@wushan-data.demo", "周丽"),
    },
    {
        "uscc": "91440106MA5C8K8K3",
        "name": "广州金融城智能应用有限公司",
        "registered_address": "广州市天河区临江大道金融城",
        "above_scale": False,
        "ai_enterprise": True,
        "contact_person": "吴昊",
        "contact_phone": "020-38880003",
        "profile_facts": {},
        "user": ("office@jinrongcheng-ai.demo", "吴昊"),
    },
]


def _user(email, name, role, enterprise=None, manager=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email, email=email, password=DEMO_PASSWORD, full_name=name, role=role,
            enterprise=enterprise, is_enterprise_manager=manager,
        )
    return user


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    from accounts.uscc import with_check_character

    logins = []
    for email, name, role in STAFF:
        user = _user(email, name, role)
        if role == Role.ADMIN and not user.is_staff:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        _demo_totp(user)
        logins.append(DemoLogin(email, Role(role).label, name))
    for spec in ENTERPRISES:
        spec = dict(spec)
        email, contact = spec.pop("user")
        uscc = with_check_character(spec.pop("uscc")[:17])
        enterprise, _ = Enterprise.objects.get_or_create(uscc=uscc, defaults=spec)
        _user(email, contact, Role.APPLICANT, enterprise, manager=True)
        logins.append(DemoLogin(email, Role.APPLICANT.label, enterprise.name))
    from applications.demo_claims import seed_claims

    seed_claims()  # drafts, submitted and returned claims with evidence (idempotent)
    from applications.demo_review import seed_review_demo

    seed_review_demo()  # claims in every review state, made through the review services (idempotent)
    return logins
