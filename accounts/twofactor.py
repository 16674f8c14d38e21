"""Staff second factor (TOTP, django-otp): who needs it, their device, the enrolment QR code.

Reviewers, senior reviewers and administrators (``User.is_portal_staff``) log in with their
password and then a 6-digit code from an authenticator app, when
``settings.PORTAL_STAFF_REQUIRE_2FA`` is on (the default; tests turn it on with the ``staff_2fa``
marker). Applicants are not asked.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "验证器"


def requires_otp(user) -> bool:
    return bool(
        getattr(settings, "PORTAL_STAFF_REQUIRE_2FA", True)
        and user is not None
        and user.is_authenticated
        and getattr(user, "is_portal_staff", False)
    )


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_otp_step(user) -> bool:
    """Logged in with the password but the second factor is still missing."""
    return requires_otp(user) and not is_verified(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user; created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG markup (no image service, no file)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg"):] if "<svg" in svg else svg
