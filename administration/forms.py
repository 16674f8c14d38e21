"""Forms of the administration pages (simple inputs; the services validate the substance)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import STAFF_ROLES, Role
from administration.selectors.audit import AUDITED


class CopyForm(forms.Form):
    source_year = forms.IntegerField(label=_("复制自年度"), min_value=2000, max_value=2100)
    new_year = forms.IntegerField(label=_("新年度"), min_value=2000, max_value=2100)


class SimulationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("申报年度（用哪一年的申报）"), coerce=int)
    draft_year = forms.TypedChoiceField(label=_("草稿参数来源"), coerce=int, required=False, empty_value=None)
    overrides = forms.CharField(
        label=_("逐项调整参数（可选）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "M6.rate = 0.12\nM5.annual_cap = 1500000"}),
        help_text=_("每行一项，形如“M6.rate = 0.12”；比例填小数（0.12 即 12%），金额以元为单位。"),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y}年度") for y in years]
        self.fields["draft_year"].choices = [("", _("不使用其他年度的指南（仅用下方调整）"))] + [
            (y, _("%(y)s年度指南的参数") % {"y": y}) for y in years
        ]

    def clean_overrides(self):
        text = self.cleaned_data.get("overrides") or ""
        out = {}
        for number, line in enumerate(text.replace("：", ":").replace("＝", "=").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            sep = "=" if "=" in line else ":" if ":" in line else None
            if sep is None:
                raise forms.ValidationError(_("第 %(n)s 行应形如“M6.rate = 0.12”。") % {"n": number})
            key, value = (part.strip() for part in line.split(sep, 1))
            out[key] = value
        return out


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    amount = forms.CharField(label=_("年度预算（元）"), max_length=30)


class AuditSearchForm(forms.Form):
    object_type = forms.ChoiceField(label=_("对象类型"), required=False, choices=[("", _("全部"))] + AUDITED)
    object_id = forms.CharField(label=_("对象编号"), required=False, max_length=40)
    object_text = forms.CharField(label=_("对象名称包含"), required=False, max_length=80)
    user = forms.CharField(label=_("操作人（邮箱或姓名）"), required=False, max_length=80)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


STAFF_CHOICES = [(r.value, r.label) for r in STAFF_ROLES]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"))
    role = forms.ChoiceField(label=_("角色"), choices=STAFF_CHOICES)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=STAFF_CHOICES + [(Role.APPLICANT.value, _("撤销工作人员角色"))])


class AcceptForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=60)
    password = forms.CharField(label=_("设置密码"), widget=forms.PasswordInput, help_text=_("至少 10 位，不能全为数字，不能与邮箱过于相似。"))
    password2 = forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput)
