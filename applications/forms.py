"""Forms of the enterprise's pages, built from ``rules.FACTS`` (labels, help, kinds).

Forms only turn the posted text into values and show errors; the checks that matter (facts,
duplicates, window, documents) are in ``services.claims`` / ``services.documents``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

import rules
from applications.models import Enterprise
from applications.selectors.calculator import GROUPS, calculator_fact_names
from applications.services.claims import claim_fact_names, demo_projects_for, parse_money, preapprovals_for
from applications.services.enterprise import PROFILE_FACTS

YES_NO = [("yes", _l("是")), ("no", _l("否"))]


class MoneyField(forms.CharField):
    """元, accepting ``1,234,567.89``; cleaned to a Decimal (None when blank)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "placeholder": "例如 1,234,567.89", "class": "money"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_money(value)

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        try:
            return rules.format_yuan(parse_money(value)).removesuffix(" 元")
        except ValidationError:
            return value


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda v: v == "yes",
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "yesno"}),
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


def _help(spec, clause: str = "") -> str:
    text = spec.help_zh
    if clause:
        text = f"{text}（依据：{clause}）"
    return text


def fact_field(name: str, *, calculator: bool = False, clause: str = "") -> forms.Field:
    """The form field of one fact: checkbox (calculator) or yes/no, money, level, choice, text."""
    spec = rules.FACTS[name]
    common = {"label": spec.label_zh, "help_text": _help(spec, clause), "required": False}
    if spec.kind == "bool":
        if calculator:
            return forms.BooleanField(**common)
        return YesNoField(**common)
    if spec.kind == "money":
        return MoneyField(**common)
    if spec.kind == "int":
        return forms.IntegerField(min_value=spec.minimum, max_value=spec.maximum, **common)
    if spec.kind == "choice":
        return forms.ChoiceField(choices=[("", _("请选择"))] + list(spec.choices), **common)
    return forms.CharField(max_length=200, **common)


def facts_from(cleaned: dict, names) -> dict:
    """The facts of a cleaned form: blanks dropped, money as decimal strings."""
    out = {}
    for name in names:
        value = cleaned.get(name)
        if value is None or value == "":
            continue
        spec = rules.FACTS[name]
        out[name] = f"{value:f}" if spec.kind == "money" else value
    return out


class CalculatorForm(forms.Form):
    """Every fact the calculator asks, grouped; all optional (unchecked box = no)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in calculator_fact_names():
            self.fields[name] = fact_field(name, calculator=True)

    def groups(self):
        seen = set()
        out = []
        for title, names in GROUPS:
            fields = [self[n] for n in names if n in self.fields]
            seen.update(names)
            out.append({"title": title, "fields": fields})
        rest = [self[n] for n in self.fields if n not in seen]
        if rest:
            out.append({"title": _("其他"), "fields": rest})
        return out

    def facts(self) -> dict:
        out = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            spec = rules.FACTS[name]
            if spec.kind == "bool":
                out[name] = bool(value)
            elif value is not None and value != "":
                out[name] = f"{value:f}" if spec.kind == "money" else value
        return out


class ClaimForm(forms.Form):
    """The form of one item's claim, built from ``rules.ITEMS[code]`` (bureau facts excluded)."""

    title = forms.CharField(label=_l("项目名称"), max_length=120, required=False, help_text=_l("便于识别本次申报，例如项目或产品名称。"))

    def __init__(self, *args, item_code: str, enterprise: Enterprise, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_code = item_code
        spec = rules.ITEMS[item_code]
        if spec.has_project_ref and item_code == "M4":
            self.fields["project_ref"] = forms.CharField(
                label=_("项目编号"), max_length=80, required=False,
                help_text=_("首版次目录或立项文件中的项目编号；同一项目只配套一次（依据：%(clause)s）。") % {"clause": spec.clause},
            )
        if item_code in ("M3S", "M3P"):
            self.fields["demo_project"] = forms.ModelChoiceField(
                queryset=demo_projects_for(enterprise.pk, item_code, year),
                required=False,
                label=_("重点应用场景示范项目"),
                empty_label=_("请选择"),
                help_text=_("只列出区科工信局遴选的%(year)s年度示范项目中贵企业作为%(side)s的项目（依据：三.3）。")
                % {"year": year, "side": _("供应方") if item_code == "M3S" else _("采购方")},
            )
        if item_code == "M10":
            self.fields["preapproval"] = forms.ModelChoiceField(
                queryset=preapprovals_for(enterprise.pk, item_code),
                required=False,
                label=_("事前同意的活动"),
                empty_label=_("请选择"),
                help_text=_("活动须事前经区科工信局同意支持（依据：三.10）。"),
            )
        self.fact_names = claim_fact_names(item_code)
        for name in self.fact_names:
            self.fields[name] = fact_field(name, clause=spec.clause)

    def fact_fields(self):
        return [self[n] for n in self.fact_names]

    def facts(self) -> dict:
        return facts_from(self.cleaned_data, self.fact_names)


class DocumentUploadForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(label=_l("选择文件"), help_text=_l("PDF、JPG 或 PNG，不超过 20 MB。"))


class EnterpriseForm(forms.ModelForm):
    """The enterprise profile, with the rule facts that belong to the enterprise."""

    class Meta:
        model = Enterprise
        fields = ["name", "registered_address", "district", "above_scale", "ai_enterprise", "contact_person", "contact_phone"]
        widgets = {"above_scale": forms.CheckboxInput, "ai_enterprise": forms.CheckboxInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        facts = (self.instance.profile_facts or {}) if self.instance and self.instance.pk else {}
        for name in PROFILE_FACTS:
            spec = rules.FACTS[name]
            self.fields[name] = forms.BooleanField(label=spec.label_zh, help_text=spec.help_zh, required=False, initial=facts.get(name, False))
        self.fields["district"].help_text = _("注册地址所在区，例如“天河区”。")
        self.fields["contact_phone"].help_text = _("手机或固定电话，例如 13800138000 或 020-38880001。")

    def clean_contact_phone(self):
        import re

        phone = self.cleaned_data["contact_phone"].strip()
        if not re.fullmatch(r"[0-9+\-() ]{7,20}", phone):
            raise ValidationError(_("请输入有效的电话号码（数字，可含“-”），例如 13800138000 或 020-38880001。"))
        return phone

    def fact_fields(self):
        return [self[n] for n in PROFILE_FACTS]

    def main_fields(self):
        return [self[n] for n in self._meta.fields]

    def data_dict(self) -> dict:
        return dict(self.cleaned_data)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_l("同事的电子邮箱"))
