"""The policy's measures and items, and each year's 申报指南 (guideline) with its parameters.

The rules themselves live in ``rules/`` (pure Python); these tables hold what an administrator
may change per year: the parameter values, the application window, the required documents.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


class Measure(models.Model):
    """One of the ten 培育措施 of section 三."""

    number = models.PositiveSmallIntegerField(_("序号"), unique=True)
    clause = models.CharField(_("条款"), max_length=10)
    name = models.CharField(_("措施名称"), max_length=60)
    clause_text = models.TextField(_("条款原文"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("培育措施")
        verbose_name_plural = _("培育措施")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def display_name(self) -> str:
        """The name in the user's language (Chinese is the stored one; English from ``rules``)."""
        if _english():
            from rules import MEASURES

            return next((m.name_en for m in MEASURES if m.number == self.number), self.name)
        return self.name


class Item(models.Model):
    """A way a measure pays (M1A … M10); its rule is ``rules.ITEMS[code]``."""

    code = models.CharField(_("事项代码"), max_length=8, primary_key=True)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="items", verbose_name=_("措施"))
    name = models.CharField(_("事项名称"), max_length=60)
    clause = models.CharField(_("条款"), max_length=10)
    clause_text = models.TextField(_("条款原文"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("申报事项")
        verbose_name_plural = _("申报事项")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def display_name(self) -> str:
        """The name in the user's language (Chinese is the stored one; English from ``rules``)."""
        return self.rule.name_en if _english() else self.name

    @property
    def rule(self):
        from rules import ITEMS

        return ITEMS[self.code]


class GuidelineStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    FROZEN = "frozen", _("已冻结")


class Guideline(models.Model):
    """The 申报指南 of one year: window, parameters and required documents of every item."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=120, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=GuidelineStatus.choices, default=GuidelineStatus.DRAFT)
    opens_at = models.DateTimeField(_("申报开始时间"))
    closes_at = models.DateTimeField(_("申报截止时间"))
    notes = models.TextField(_("说明"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("申报指南")
        verbose_name_plural = _("申报指南")

    def __str__(self):
        return self.title or f"{self.year}年度申报指南"

    @property
    def is_frozen(self) -> bool:
        return self.status == GuidelineStatus.FROZEN

    def window_state(self, now=None) -> str:
        """'before', 'open' or 'closed'."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "before"
        if now > self.closes_at:
            return "closed"
        return "open"

    def save(self, *args, **kwargs):
        from subsidies.services import assert_guideline_row_editable

        assert_guideline_row_editable(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from subsidies.services import GuidelineFrozen

        if self.pk and Guideline.objects.filter(pk=self.pk, status=GuidelineStatus.FROZEN).exists():
            raise GuidelineFrozen(self)
        return super().delete(*args, **kwargs)


class GuidedRow(models.Model):
    """Base of the rows that belong to a guideline: refused once the guideline is frozen."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from subsidies.services import assert_guideline_editable

        assert_guideline_editable(self.guideline_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from subsidies.services import assert_guideline_editable

        assert_guideline_editable(self.guideline_id)
        return super().delete(*args, **kwargs)


class ParameterValue(GuidedRow):
    """One parameter of one item in one year's guideline, with the clause it comes from."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="parameters", verbose_name=_("申报指南"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    name = models.CharField(_("参数"), max_length=40)
    value = models.DecimalField(_("取值"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    label = models.CharField(_("参数名称"), max_length=60, blank=True)
    clause = models.CharField(_("依据条款"), max_length=10, blank=True)

    class Meta:
        ordering = ["item__order", "id"]
        unique_together = [("guideline", "item", "name")]
        verbose_name = _("指南参数")
        verbose_name_plural = _("指南参数")

    def __str__(self):
        return f"{self.guideline.year} {self.item_id}.{self.name} = {self.value.normalize():f}"


class ItemSetting(GuidedRow):
    """Per guideline and item: whether it is open this year, and notes for applicants."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="item_settings", verbose_name=_("申报指南"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    enabled = models.BooleanField(_("本年度开放申报"), default=True)
    notes = models.TextField(_("申报说明"), blank=True)

    class Meta:
        ordering = ["item__order"]
        unique_together = [("guideline", "item")]
        verbose_name = _("事项设置")
        verbose_name_plural = _("事项设置")

    def __str__(self):
        return f"{self.guideline.year} {self.item_id}"


class RequiredDocument(GuidedRow):
    """A document the applicant must (or may) upload for an item in a year."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="documents", verbose_name=_("申报指南"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    code = models.SlugField(_("材料代码"), max_length=40)
    name = models.CharField(_("材料名称"), max_length=80)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    required = models.BooleanField(_("必须提交"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["item__order", "order", "id"]
        unique_together = [("guideline", "item", "code")]
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")

    def __str__(self):
        return f"{self.item_id} {self.name}"
