from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimStatus(models.TextChoices):
    """The states of a claim; transitions are declared in ``applications/workflow.py``."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待初审")
    SECOND_REVIEW = "second_review", _("待复审")
    RETURNED = "returned", _("退回补正")
    APPROVED = "approved", _("复审通过（待公示）")
    PUBLICIZED = "publicized", _("公示中")
    AWARDED = "awarded", _("已决定予以扶持")
    REJECTED = "rejected", _("不予扶持")
    WITHDRAWN = "withdrawn", _("已撤回")
    REVOKED = "revoked", _("已撤销")
    PAID = "paid", _("已拨付")


OPEN_STATUSES = (
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.SECOND_REVIEW,
    ClaimStatus.RETURNED,
    ClaimStatus.APPROVED,
    ClaimStatus.PUBLICIZED,
)
DECIDED_STATUSES = (ClaimStatus.AWARDED, ClaimStatus.REJECTED, ClaimStatus.REVOKED, ClaimStatus.PAID)
EDITABLE_STATUSES = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)


class Claim(models.Model):
    """An enterprise's claim under one item of one year's guideline.

    ``facts`` is the working copy the applicant edits; every submission is frozen in
    ``ClaimSubmission`` (never overwritten). ``verified_facts`` are the reviewer's corrections
    over the last submission; the award is computed from the claimed facts overlaid with them.
    """

    enterprise = models.ForeignKey(
        "applications.Enterprise", on_delete=models.PROTECT, related_name="claims", verbose_name=_("申报企业")
    )
    item = models.ForeignKey("subsidies.Item", on_delete=models.PROTECT, related_name="claims", verbose_name=_("申报事项"))
    guideline = models.ForeignKey(
        "subsidies.Guideline", on_delete=models.PROTECT, related_name="claims", verbose_name=_("申报年度")
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    status = models.CharField(_("状态"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, db_index=True)
    title = models.CharField(_("项目名称"), max_length=120, blank=True)
    project_ref = models.CharField(_("项目编号"), max_length=80, blank=True)
    facts = models.JSONField(_("申报数据"), default=dict, blank=True)
    verified_facts = models.JSONField(_("核定数据"), default=dict, blank=True)
    result = models.JSONField(_("计算结果"), default=dict, blank=True)
    computed_amount = models.DecimalField(_("测算金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    awarded_amount = models.DecimalField(_("核定金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    return_message = models.TextField(_("补正要求"), blank=True)

    # Review
    first_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("初审人")
    )
    second_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("复审人")
    )
    first_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("初审通过人")
    )
    second_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("复审通过人")
    )

    # Special items
    demo_project = models.ForeignKey(
        "applications.DemonstrationProject",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("示范项目（M3）"),
    )
    preapproval = models.ForeignKey(
        "applications.PreApproval", null=True, blank=True, on_delete=models.PROTECT, related_name="claims", verbose_name=_("事前同意（M10）")
    )
    approval_ref = models.CharField(_("区政府同意文号（M1C）"), max_length=80, blank=True)
    m1c_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("一事一议确认人")
    )
    m1c_confirmed_at = models.DateTimeField(_("一事一议确认时间"), null=True, blank=True)

    notice_batch = models.ForeignKey(
        "applications.NoticeBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims", verbose_name=_("公示批次")
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        indexes = [
            models.Index(fields=["year", "item", "status"]),
            models.Index(fields=["enterprise", "year", "item"]),
        ]

    def __str__(self):
        return f"{self.number} {self.item_id}"

    @property
    def number(self) -> str:
        return f"TH{self.year}-{self.item_id}-{self.pk or 0:06d}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def effective_facts(self) -> dict:
        """Claimed facts overlaid with the reviewer's verified values."""
        facts = dict(self.facts or {})
        facts.update(self.verified_facts or {})
        return facts


class ClaimSubmission(models.Model):
    """Each submission (and resubmission after correction) of a claim, kept as submitted."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("申报"))
    sequence = models.PositiveSmallIntegerField(_("第几次提交"))
    facts = models.JSONField(_("提交的申报数据"))
    title = models.CharField(_("项目名称"), max_length=120, blank=True)
    project_ref = models.CharField(_("项目编号"), max_length=80, blank=True)
    estimated_amount = models.DecimalField(_("提交时测算金额"), max_digits=14, decimal_places=2, null=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        ordering = ["claim", "sequence"]
        unique_together = [("claim", "sequence")]
        verbose_name = _("提交记录")
        verbose_name_plural = _("提交记录")


class ClaimEvent(models.Model):
    """The claim's timeline and record of every action: who, when, what, before and after."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events", verbose_name=_("申报"))
    action = models.CharField(_("动作"), max_length=40)
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("操作人"))
    message = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("变更前后"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    public = models.BooleanField(_("申报企业可见"), default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")


class FactCorrection(models.Model):
    """A reviewer's correction of one claimed fact, with the reason."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("申报"))
    fact = models.CharField(_("事实"), max_length=60)
    claimed_value = models.JSONField(_("申报值"), null=True)
    verified_value = models.JSONField(_("核定值"), null=True)
    reason = models.TextField(_("核定理由"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("核定人"))
    corrected_at = models.DateTimeField(_("核定时间"), auto_now_add=True)

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("数据核定")
        verbose_name_plural = _("数据核定")
