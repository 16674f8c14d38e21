"""The facts the rules read: one :class:`FactSpec` per name, with its Chinese label for forms.

A fact is a figure or a yes/no answer about an enterprise or a project, as the year's 申报指南
asks for it (normally the previous calendar year's figures: the rules do not date-check them).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FACTS", "FactSpec", "FACT_KINDS"]

FACT_KINDS = ("bool", "money", "int", "choice", "text")


@dataclass(frozen=True, slots=True)
class FactSpec:
    """What one fact is: its name, kind and labels.

    ``kind`` is ``"bool"`` (Python ``bool`` only), ``"money"`` (元: ``str``/``int``/``Decimal``),
    ``"int"`` (a level, Python ``int``), ``"choice"`` (one of ``choices``' values) or ``"text"``.
    ``choices`` lists ``(value, label_zh)`` pairs for a choice fact, else ``()``.
    ``requirement_zh`` / ``requirement_en`` phrase a bool fact as a requirement, for the hint
    shown when it is false (``"须为天河区规模以上企业"``). ``minimum`` / ``maximum`` bound an
    int fact (DCMM levels are 1–5).
    """

    name: str
    kind: str
    label_zh: str
    label_en: str
    help_zh: str
    choices: tuple[tuple[str, str], ...] = ()
    requirement_zh: str = ""
    requirement_en: str = ""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def subject_zh(self) -> str:
        """How messages name this fact: ``事实「年度营业收入」(annual_revenue)``."""
        return f"事实「{self.label_zh}」({self.name})"

    @property
    def subject_en(self) -> str:
        return f'Fact "{self.label_en}" ({self.name})'

    def choice_label(self, value: str) -> str:
        """The Chinese label of one of this choice fact's values."""
        return dict(self.choices).get(value, value)


def _bool(name: str, label_zh: str, label_en: str, help_zh: str, requirement_zh: str, requirement_en: str):
    return FactSpec(name, "bool", label_zh, label_en, help_zh, (), requirement_zh, requirement_en)


def _money(name: str, label_zh: str, label_en: str, help_zh: str):
    return FactSpec(name, "money", label_zh, label_en, help_zh)


_SPECS = (
    # The three facts every item may read (measures.md "Facts every item may read").
    _bool(
        "registered_in_tianhe",
        "在天河区注册",
        "registered in Tianhe District",
        "企业（或活动主办方）在天河区注册。",
        "须为在天河区注册的企业",
        "must be registered in Tianhe District",
    ),
    _bool(
        "above_scale",
        "天河区规模以上企业",
        "above-scale enterprise in Tianhe",
        "企业纳入天河区规模以上统计（规上企业）。",
        "须为天河区规模以上企业",
        "must be in Tianhe's above-designated-size statistics",
    ),
    _bool(
        "ai_enterprise",
        "人工智能大模型+企业",
        "AI large-model+ enterprise",
        "企业属于人工智能大模型+企业。",
        "须为人工智能大模型+企业",
        "must be an AI large-model+ enterprise",
    ),
    # Requirements of particular items.
    _bool(
        "investor_qualified",
        "投资方符合条件",
        "qualified investor",
        "投资方为世界500强企业或其一级子公司，或新一代人工智能开放创新平台等国家级创新载体建设单位。",
        "投资方须为世界500强企业及其一级子公司，或国家级创新载体建设单位",
        "the investor must be a Fortune Global 500 company or its first-tier subsidiary, "
        "or a builder of a national innovation platform",
    ),
    _bool(
        "newly_established",
        "在天河区新设立",
        "newly established in Tianhe",
        "政策期内在天河区新注册成立，或从广州市外新迁入天河区。",
        "须为政策期内在天河区新设立（新注册成立或从广州市外新迁入）的企业",
        "must be newly registered in, or moved from outside Guangzhou into, Tianhe during the policy term",
    ),
    _bool(
        "ai_business",
        "从事人工智能相关业务",
        "runs AI-related business",
        "新设立的公司从事人工智能相关业务。",
        "须从事人工智能相关业务",
        "must run AI-related business",
    ),
    _bool(
        "district_government_approved",
        "经区政府同意（一事一议）",
        "approved by the district government",
        "经区政府同意，按“一事一议”办法另行给予扶持，并已记录批准情况。",
        "须经区政府同意并记录批准情况",
        "the district government's approval must be recorded",
    ),
    _bool(
        "llm_enterprise",
        "人工智能大模型企业（集团）",
        "AI large-model enterprise (group)",
        "天河区人工智能大模型企业或集团本身（比“人工智能大模型+企业”范围更窄）。",
        "须为天河区人工智能大模型企业（集团）",
        "must be an AI large-model enterprise or group",
    ),
    _bool(
        "selected_demonstration",
        "入选重点应用场景示范项目",
        "selected demonstration project",
        "项目入选当年天河区重点应用场景示范项目（由天河区规上人工智能大模型+企业开放）。",
        "项目须入选当年重点应用场景示范项目",
        "the project must be one of the year's selected demonstration projects",
    ),
    _bool(
        "ai_llm_field",
        "属于人工智能大模型领域",
        "in the AI large-model field",
        "产品、项目或合作属于人工智能大模型领域。",
        "须属于人工智能大模型领域",
        "must be in the AI large-model field",
    ),
    _bool(
        "accepted",
        "项目已通过验收",
        "project accepted",
        "核心技术攻关项目已通过验收（仅核心技术攻关项目需要）。",
        "核心技术攻关项目须已通过验收",
        "a core-technology project must have passed acceptance",
    ),
    _bool(
        "cac_algorithm_filed",
        "深度合成服务算法已备案",
        "deep-synthesis algorithm filed with the CAC",
        "深度合成服务算法已经国家网信办备案。",
        "深度合成服务算法须已经国家网信办备案",
        "the deep-synthesis service algorithm must be filed with the Cyberspace Administration of China",
    ),
    _bool(
        "preapproved",
        "事前经区科工信局同意",
        "approved beforehand by the district bureau",
        "活动事前经天河区科工信局同意支持，属高层次人工智能大模型论坛、峰会、展会或赛事。",
        "活动须事前经天河区科工信局同意支持",
        "the event must be approved beforehand by the district bureau",
    ),
    _bool(
        "event_in_tianhe",
        "活动在天河区举办",
        "event held in Tianhe",
        "活动在天河区组织开展。",
        "活动须在天河区举办",
        "the event must be held in Tianhe District",
    ),
    # Amounts (元).
    _money("annual_revenue", "年度营业收入", "annual revenue", "申报年度（通常为上年度）的营业收入，元。"),
    _money(
        "previous_peak_revenue",
        "以往年度最高营业收入",
        "previous peak annual revenue",
        "此前各年度营业收入的最高值，元；用于判断是否“首次”达到门槛。",
    ),
    _money(
        "prev_annual_revenue",
        "上年度营业收入",
        "previous year's revenue",
        "再上一年度的营业收入，元，用于计算增长额。",
    ),
    _money(
        "rd_investment",
        "年度研发投入",
        "annual R&D investment",
        "申报年度的研发投入总量，元（三.5 含关联企业合计）。",
    ),
    _money(
        "prev_rd_investment",
        "上年度研发投入",
        "previous year's R&D investment",
        "再上一年度的研发投入总量，元（三.5 含关联企业合计）。",
    ),
    _money(
        "approved_amount",
        "经批准的扶持金额",
        "approved amount",
        "经区政府同意、由审核人员录入的“一事一议”扶持金额，元。",
    ),
    _money(
        "actual_payment",
        "项目实际支付总金额",
        "total actually paid for the project",
        "应用场景示范项目的实际支付总金额，元。",
    ),
    _money(
        "superior_funding",
        "上级扶持资金",
        "funding from higher authorities",
        "项目获得的国家、省、市上级扶持资金，元。",
    ),
    _money(
        "paid_to_institutions",
        "实到高校、科研机构金额",
        "amount paid to universities and institutes",
        "产学研合作项目实际到达高校、科研机构的金额，元。",
    ),
    _money(
        "compute_transaction_amount",
        "年度算力算法交易额",
        "annual compute and algorithm transactions",
        "年度购买和使用算力、算法服务的交易额，元。",
    ),
    _money(
        "compute_contract_amount",
        "年度算力算法合同总金额",
        "annual compute and algorithm contract total",
        "年度购买算力、算法服务的合同总金额，元。",
    ),
    _money(
        "vc_investment_prev_year",
        "上年度获得风险投资",
        "venture investment received last year",
        "上年度获得的风险投资金额，元。",
    ),
    _money(
        "cumulative_bank_loans",
        "商业银行累计贷款额度",
        "cumulative commercial bank loans",
        "从商业银行机构实际提取的累计贷款额度，元。",
    ),
    _money(
        "interest_paid_prev_year",
        "上年度实际发生利息总额",
        "interest incurred last year",
        "上述贷款上一年度实际发生的利息总额，元。",
    ),
    _money("actual_expenses", "活动实际发生费用", "actual event expenses", "活动实际发生的费用，元。"),
    # Levels, choices and text.
    FactSpec(
        "dcmm_level",
        "int",
        "DCMM 评估等级",
        "DCMM level",
        "通过数据管理能力成熟度评估模型（DCMM）评估的等级，1 至 5 级。",
        minimum=1,
        maximum=5,
    ),
    FactSpec(
        "basis",
        "choice",
        "申报依据",
        "basis of the claim",
        "软件产品示范奖励的申报依据。",
        (
            ("first_version_software", "入库国家、省、市首版次软件产品"),
            ("core_tech_project", "获科技或工信部门立项奖励的核心技术攻关项目"),
        ),
    ),
    FactSpec(
        "level",
        "choice",
        "项目级别",
        "project level",
        "首版次目录或立项部门的级别；项目有多个级别时选最高者。",
        (("national", "国家级"), ("provincial", "省级"), ("municipal", "市级")),
    ),
    FactSpec(
        "organizer_type",
        "choice",
        "主办方类型",
        "organiser type",
        "活动主办方的类型。",
        (("industry_association", "行业协会"), ("leading_enterprise", "龙头企业")),
    ),
    FactSpec(
        "project_ref",
        "text",
        "项目编号",
        "project reference",
        "首版次目录或立项文件中的项目编号；同一项目只配套一次。",
    ),
)

#: Every fact any item reads, by name.
FACTS: dict[str, FactSpec] = {spec.name: spec for spec in _SPECS}
