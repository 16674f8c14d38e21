"""Sign-up (account and enterprise in one go), accepting an invitation, password reset."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.forms import EnterpriseForm
from applications.services.enterprise import check_new_uscc


class PasswordPairMixin:
    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif p1:
            probe = User(email=cleaned.get("email") or getattr(self, "email", ""), full_name=cleaned.get("full_name", ""))
            try:
                validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


def _password_fields():
    return (
        forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False,
                        help_text=password_validators_help_text_html()),
        forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False),
    )


class SignUpForm(PasswordPairMixin, EnterpriseForm):
    """Account fields + the enterprise's profile; the USCC is checked here and in the service."""

    email = forms.EmailField(label=_("电子邮箱（登录名）"))
    full_name = forms.CharField(label=_("您的姓名"), max_length=60)
    phone = forms.CharField(label=_("您的手机号码"), max_length=20, required=False)
    password1, password2 = _password_fields()
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        help_text=_("18位，由数字和大写字母组成（不含 I、O、S、V、Z），见营业执照。"),
    )

    account_fields = ("email", "full_name", "phone", "password1", "password2")

    class Meta(EnterpriseForm.Meta):
        pass

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("该邮箱已注册，请直接登录；如忘记密码，可通过“忘记密码”重设。"))
        return email

    def clean_uscc(self):
        return check_new_uscc(self.cleaned_data["uscc"])

    def account(self):
        return [self[n] for n in self.account_fields]

    def enterprise_fields(self):
        return [self[n] for n in ("uscc", "name", "registered_address", "district", "above_scale", "ai_enterprise",
                                  "contact_person", "contact_phone")]


class RegisterEnterpriseForm(EnterpriseForm):
    """For a signed-up user who has no enterprise yet."""

    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=30,
                           help_text=_("18位，由数字和大写字母组成（不含 I、O、S、V、Z），见营业执照。"))

    class Meta(EnterpriseForm.Meta):
        pass

    def clean_uscc(self):
        return check_new_uscc(self.cleaned_data["uscc"])


class AcceptInvitationForm(PasswordPairMixin, forms.Form):
    full_name = forms.CharField(label=_("您的姓名"), max_length=60)
    phone = forms.CharField(label=_("您的手机号码"), max_length=20, required=False)
    password1, password2 = _password_fields()

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)


class ChinesePasswordResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("注册时使用的电子邮箱"), max_length=254)
