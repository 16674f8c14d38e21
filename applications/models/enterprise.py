from django.db import models
from django.utils.translation import gettext_lazy as _


class Enterprise(models.Model):
    """一企一档: the enterprise, identified by its 统一社会信用代码 (USCC).

    ``profile_facts`` holds the facts the rules read that belong to the enterprise rather than
    to one claim (e.g. ``llm_enterprise``, ``cac_algorithm_filed``); they pre-fill every claim.
    """

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("企业名称"), max_length=120)
    registered_address = models.CharField(_("注册地址"), max_length=200)
    district = models.CharField(_("注册所在区"), max_length=20, default="天河区")
    above_scale = models.BooleanField(_("规模以上企业（规上）"), default=False)
    ai_enterprise = models.BooleanField(_("人工智能大模型+企业"), default=False)
    contact_person = models.CharField(_("联系人"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    profile_facts = models.JSONField(_("企业档案事实"), default=dict, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.name

    @property
    def registered_in_tianhe(self) -> bool:
        return self.district.strip() in {"天河区", "天河"}

    def facts(self) -> dict:
        """The rule facts this enterprise knows of itself, to pre-fill a claim."""
        facts = dict(self.profile_facts or {})
        facts["registered_in_tianhe"] = self.registered_in_tianhe
        facts["above_scale"] = self.above_scale
        facts["ai_enterprise"] = self.ai_enterprise
        return facts
