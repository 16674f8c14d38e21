"""The fourteen payable items of 三、培育措施, one declarative :class:`Item` each, in policy order.

``shared/spec/measures.md`` is the contract. Each item quotes the policy sentence(s) it implements;
its comments give measures.md's **Readings** and every choice made here where the contract is
silent, citing the clause. Readings that apply to every item:

- Every item requires ``registered_in_tianhe`` (measures.md **Reading**: a district policy pays
  enterprises registered in the district; for ``M10`` the organiser is 区内).
- Only a clause's operative sentence sets conditions; its opening 鼓励… sentence does not
  (measures.md **Reading**). So ``ai_enterprise`` is not required where only the 鼓励 sentence
  names 人工智能大模型+企业 (三.4, 三.5).
- ``≥`` is 及以上 / 以上 / 达 / 达到; ``>`` is 超 / 超过 (measures.md "Conventions").
- Facts are the figures the year's guideline asks for; the rules do not date-check them.
"""

from __future__ import annotations

from .declarations import (
    Compare,
    Const,
    Diff,
    EnteredAmount,
    Fact,
    FixedAward,
    Item,
    LevelAmount,
    Param,
    ParamSpec,
    PerWholeStep,
    RateOf,
    RequiredWhen,
    int_param,
    money_param,
    rate_param,
)

__all__ = ["ITEMS", "ITEM_CODES"]

_TIANHE = "registered_in_tianhe"


def _annual_cap(default: str) -> ParamSpec:
    return money_param("annual_cap", "每年最高", "annual cap", default)


M1A = Item(
    code="M1A",
    measure=1,
    name_zh="新设企业纳统奖励",
    name_en="Award for a new enterprise entering the above-scale statistics",
    clause="三.1",
    clause_text=(
        "支持世界 500 强企业及其一级子公司,或新一代人工智能开放创新平台等国家级创新载体建设单位在天河区新设立"
        "(包括新注册成立或从广州市外新迁入)人工智能相关业务的公司,新设立企业纳入天河区规模以上统计的,"
        "给予 10 万元一次性奖励;"
    ),
    requires=(_TIANHE, "investor_qualified", "newly_established", "ai_business", "above_scale"),
    reads=(),
    params=(money_param("award", "一次性奖励金额", "one-off award", "100000"),),
    conditions=(),
    formula=FixedAward("award"),
    # 一次性奖励: at most once per enterprise over all years; any earlier M1A award of any
    # amount makes the claim ineligible (reason ``already_awarded``).
    limit="once",
)

M1B = Item(
    code="M1B",
    measure=1,
    name_zh="营收首次达1亿奖励",
    name_en="Award for revenue first reaching 100 million yuan",
    clause="三.1",
    clause_text="年度营业收入首次达 1 亿元及以上的,一次性给予 100 万元奖励。",
    # Choice: the sentence continues the previous one (same subject: the newly established
    # company of a qualified investor running AI-related business), so M1B requires the same
    # three facts; it does not require above_scale (measures.md lists exactly these).
    requires=(_TIANHE, "investor_qualified", "newly_established", "ai_business"),
    reads=("annual_revenue", "previous_peak_revenue"),
    params=(
        money_param("revenue_threshold", "营业收入门槛", "revenue threshold", "100000000"),
        money_param("award", "一次性奖励金额", "one-off award", "1000000"),
    ),
    conditions=(
        # 达 1 亿元及以上: ≥.
        Compare("revenue_reached", Fact("annual_revenue"), ">=", Param("revenue_threshold")),
        # 首次: no earlier year reached the threshold, i.e. the previous peak is strictly below it.
        Compare("first_time", Fact("previous_peak_revenue"), "<", Param("revenue_threshold")),
    ),
    formula=FixedAward("award"),
    # 一次性给予: once per enterprise over all years (an earlier M1B award of any year blocks).
    limit="once",
)

M1C = Item(
    code="M1C",
    measure=1,
    name_zh="一事一议",
    name_en="Case-by-case support",
    clause="三.1",
    clause_text='对带动能力强、社会效益大、引领性强的,经区政府同意,可实行"一事一议"的办法另行给予扶持。',
    # measures.md Reading: limited to the enterprises M1 is about (newly established by a
    # qualified investor); it needs the district government's approval recorded.
    # Choice: ai_business is not required (measures.md does not list it; 带动能力强… is judged by
    # the district government, whose approval is the condition).
    requires=(_TIANHE, "investor_qualified", "newly_established", "district_government_approved"),
    reads=("approved_amount",),
    params=(),
    conditions=(),
    # measures.md Reading: discretionary, no formula; the amount is entered by a reviewer.
    # An entered 0 gives eligible with 0.00 and an info reason ``zero_amount``.
    formula=EnteredAmount("approved_amount"),
    # No cap and no once-only rule: each approval stands on its own; prior awards are ignored.
    limit="none",
    discretionary=True,
)

_REVENUE_GROWTH = Diff("annual_revenue", "prev_annual_revenue", "营业收入增长额", "revenue growth")

M2 = Item(
    code="M2",
    measure=2,
    name_zh="产业能级跃升奖励",
    name_en="Industry upgrade award",
    clause="三.2",
    clause_text=(
        "对年度营业收入达 50 亿元及以上,研发投入总量达 5 亿元及以上且为正增长的天河区人工智能大模型企业(集团),"
        "按其年度营业收入每增长 1000 万元给予 10 万元奖励,每家企业(集团)每年最高不超过 1000 万元。"
    ),
    # measures.md Reading: the group (集团) files one claim a year through its parent in 天河区.
    requires=(_TIANHE, "llm_enterprise"),
    reads=("annual_revenue", "prev_annual_revenue", "rd_investment", "prev_rd_investment"),
    params=(
        money_param("revenue_threshold", "营业收入门槛", "revenue threshold", "5000000000"),
        money_param("rd_threshold", "研发投入门槛", "R&D threshold", "500000000"),
        money_param("step", "每档营业收入增长额", "revenue growth per step", "10000000"),
        money_param("award_per_step", "每档奖励金额", "award per step", "100000"),
        _annual_cap("10000000"),
    ),
    conditions=(
        Compare("revenue_threshold", Fact("annual_revenue"), ">=", Param("revenue_threshold")),
        Compare("rd_threshold", Fact("rd_investment"), ">=", Param("rd_threshold")),
        # 且为正增长: strictly more R&D than the previous year.
        Compare("rd_growth", Fact("rd_investment"), ">", Fact("prev_rd_investment")),
    ),
    # measures.md Reading: 每增长1000万元给予10万元 counts whole steps; a partial step pays
    # nothing. Revenue that did not grow pays 0. Both give eligible with 0.00 and an info reason
    # (``revenue_not_grown`` / ``no_whole_step``).
    formula=PerWholeStep(_REVENUE_GROWTH, step="step", award="award_per_step"),
    limit="annual_cap",
    cap_param="annual_cap",
)


def _scenario_item(code: str, side_zh: str, side_en: str, text: str) -> Item:
    """M3S and M3P: the same clause paid to each side of one demonstration project."""
    return Item(
        code=code,
        measure=3,
        name_zh=f"应用场景开放奖励·{side_zh}",
        name_en=f"Application scenario award ({side_en})",
        clause="三.3",
        clause_text=text,
        requires=(_TIANHE, "above_scale", "selected_demonstration"),
        reads=("actual_payment",),
        params=(
            rate_param("rate", "奖励比例", "award rate", "0.10"),
            _annual_cap("500000"),
            # measures.md Reading: 每年遴选 10 个 is the review workflow's limit, not a rule input:
            # the parameter is kept with the guideline and never read by the formula.
            int_param("quota", "每年遴选示范项目数", "projects selected per year", "10"),
        ),
        conditions=(),
        formula=RateOf(Fact("actual_payment"), rate="rate"),
        # measures.md Reading: one project pays both sides; each side's cap is its own, per
        # enterprise and year. So M3S counts only earlier M3S awards and M3P only M3P.
        limit="annual_cap",
        cap_param="annual_cap",
        # The claim names its demonstration project (for review and the ledger); the rules do
        # not read it: several projects of one year share the annual cap.
        has_project_ref=True,
    )


# Both sides quote the whole operative sentence: the opening names the project both are paid for.
_M3_TEXT = (
    "结合天河区战略性主导产业,在天河区规模以上人工智能大模型+企业开放的各类大模型应用场景中,"
    "每年遴选 10 个重点应用场景示范项目,"
    "按照该项目实际支付总金额的 10%给予天河区规模以上企业(供应方)奖励,每年最高 50 万元;"
    "按照该项目实际支付总金额的 10%给予天河区规模以上企业(采购方)奖励,每年最高 50 万元。"
)
M3S = _scenario_item("M3S", "供应方", "supplier", _M3_TEXT)
M3P = _scenario_item("M3P", "采购方", "purchaser", _M3_TEXT)

M4 = Item(
    code="M4",
    measure=4,
    name_zh="软件产品示范奖励",
    name_en="Software product demonstration award",
    clause="三.4",
    clause_text=(
        "对入库国家、省、市且属于人工智能大模型领域的首版次软件产品项目,或获得国家、省、市科技部门或工信部门"
        "立项奖励并通过验收的人工智能大模型领域核心技术攻关项目,按项目获得上级扶持资金的50%给予一次性配套,其中,"
        "国家级项目最高不超过100万元,省级项目最高不超过50万元,市级项目最高不超过30万元,市级项目最高不超过30万元。"
    ),
    # The opening 鼓励人工智能大模型+企业… sets no condition (measures.md Reading), so
    # ai_enterprise is not required; the project must be in the AI large-model field.
    requires=(_TIANHE, "ai_llm_field"),
    # ``basis`` is read before ``accepted``: accepted is read only for a core_tech_project.
    reads=("basis", "accepted", "level", "superior_funding", "project_ref"),
    params=(
        rate_param("rate", "配套比例", "matching rate", "0.50"),
        money_param("cap_national", "国家级项目最高", "cap for a national project", "1000000"),
        money_param("cap_provincial", "省级项目最高", "cap for a provincial project", "500000"),
        money_param("cap_municipal", "市级项目最高", "cap for a municipal project", "300000"),
    ),
    conditions=(
        # 获得…立项奖励并通过验收: a core-technology project must have passed acceptance; a
        # first-version software product needs no acceptance (``accepted`` is then not read).
        RequiredWhen("accepted", "accepted", when_fact="basis", when_value="core_tech_project"),
    ),
    formula=RateOf(Fact("superior_funding"), rate="rate"),
    # measures.md Reading: the cap is per project; the same project_ref is paid once, at the level
    # it is filed under (the applicant chooses the highest level the project has). The clause
    # repeats 市级项目最高不超过30万元: one municipal cap. An earlier M4 award with the same
    # project_ref (any year, compared after stripping spaces) makes the claim ineligible
    # (``project_already_awarded``); other projects of the enterprise do not count.
    limit="level_cap_once_per_project",
    level_fact="level",
    level_caps=(
        ("national", "cap_national"),
        ("provincial", "cap_provincial"),
        ("municipal", "cap_municipal"),
    ),
    project_fact="project_ref",
    consistency=(("cap_national", ">=", "cap_provincial"), ("cap_provincial", ">=", "cap_municipal")),
    has_project_ref=True,
)

_RD_INCREMENT = Diff("rd_investment", "prev_rd_investment", "研发投入增量", "R&D increment")

M5 = Item(
    code="M5",
    measure=5,
    name_zh="核心技术研发补贴",
    name_en="Core technology R&D subsidy",
    clause="三.5",
    clause_text=(
        "对经国家网信办备案深度合成服务算法的天河区企业及其关联企业,其研发投入增量合计达1000万元及以上的,"
        "按研发投入增量的3%给予补贴,每家企业每年最高100万元。"
    ),
    requires=(_TIANHE, "cac_algorithm_filed"),
    # measures.md Reading: both figures include the affiliates'; that an affiliate's increment is
    # not claimed twice in a year is a review check, not a rule input.
    reads=("rd_investment", "prev_rd_investment"),
    params=(
        money_param("increment_threshold", "研发投入增量门槛", "R&D increment threshold", "10000000"),
        rate_param("rate", "补贴比例", "subsidy rate", "0.03"),
        _annual_cap("1000000"),
    ),
    # 增量合计达1000万元及以上: ≥ on the difference (a fall is a negative increment and fails).
    conditions=(Compare("increment_threshold", _RD_INCREMENT, ">=", Param("increment_threshold")),),
    formula=RateOf(_RD_INCREMENT, rate="rate"),
    limit="annual_cap",
    cap_param="annual_cap",
)

M6 = Item(
    code="M6",
    measure=6,
    name_zh="创新联合体奖励",
    name_en="Innovation consortium award",
    clause="三.6",
    clause_text=(
        "鼓励天河区规模以上人工智能大模型+企业与国内外高校、科研机构进行人工智能大模型方向的产学研合作,"
        "包括但不限于建立联合实验室、建立创新联合体、开展产教融合等,按照项目实到高校、科研机构金额的10%"
        "给予企业支持,每年最高100万元。"
    ),
    # Here the 鼓励 sentence is the operative one (it names who is paid), so its subject's
    # qualities are requirements, as measures.md lists them.
    requires=(_TIANHE, "above_scale", "ai_enterprise", "ai_llm_field"),
    reads=("paid_to_institutions",),
    params=(rate_param("rate", "支持比例", "support rate", "0.10"), _annual_cap("1000000")),
    conditions=(),
    formula=RateOf(Fact("paid_to_institutions"), rate="rate"),
    limit="annual_cap",
    cap_param="annual_cap",
)

M7 = Item(
    code="M7",
    measure=7,
    name_zh="数据要素供给奖励",
    name_en="Data supply award",
    clause="三.7",
    clause_text=(
        "对通过数据管理能力成熟度评估模型(DCMM)三级及以上的规模以上企业给予奖励,"
        "其中三级奖励5万元,四级奖励10万元,五级奖励20万元。"
    ),
    # Choice: 规模以上企业 with no place named reads as 天河区规上 (the district's statistics), like
    # every other clause; measures.md requires above_scale.
    requires=(_TIANHE, "above_scale"),
    # dcmm_level must be an int 1–5 (code level_out_of_range otherwise); 1 and 2 are valid
    # levels that are not eligible.
    reads=("dcmm_level",),
    params=(
        money_param("award_level3", "三级奖励", "award for level 3", "50000"),
        money_param("award_level4", "四级奖励", "award for level 4", "100000"),
        money_param("award_level5", "五级奖励", "award for level 5", "200000"),
    ),
    # 三级及以上: ≥ 3, fixed by the policy text (not a guideline parameter).
    conditions=(Compare("dcmm_level", Fact("dcmm_level"), ">=", Const(3)),),
    formula=LevelAmount("dcmm_level", ((3, "award_level3"), (4, "award_level4"), (5, "award_level5"))),
    # measures.md Reading: once per level reached; an enterprise paid for a lower level that later
    # certifies higher is paid the difference (level amount − everything already paid under M7,
    # any year); when what was paid reaches the level's amount the claim is not eligible
    # (``level_already_paid``). Result.cap is the level amount.
    limit="m7_levels",
    consistency=(("award_level4", ">=", "award_level3"), ("award_level5", ">=", "award_level4")),
)

M8 = Item(
    code="M8",
    measure=8,
    name_zh="算力算法赋能补贴",
    name_en="Compute and algorithm subsidy",
    clause="三.8",
    clause_text=(
        "对年度交易额超过500万元的人工智能大模型+企业,按其年度合同总金额的5%给予补贴,每家企业最高不超过100万元。"
    ),
    requires=(_TIANHE, "ai_enterprise"),
    # measures.md Reading: the threshold reads the year's transaction amount (交易额), the award
    # the contract total (合同总金额); both are facts.
    reads=("compute_transaction_amount", "compute_contract_amount"),
    params=(
        money_param("threshold", "年度交易额门槛", "annual transaction threshold", "5000000"),
        rate_param("rate", "补贴比例", "subsidy rate", "0.05"),
        money_param("cap", "每家企业最高（政策期内）", "cap over the policy term", "1000000"),
    ),
    # 超过500万元: strictly more than the threshold.
    conditions=(
        Compare("transaction_threshold", Fact("compute_transaction_amount"), ">", Param("threshold")),
    ),
    formula=RateOf(Fact("compute_contract_amount"), rate="rate"),
    # measures.md Reading: no 每年, so one cap per enterprise over the policy term, counting every
    # earlier M8 award of any year. Choice: the cap is the claim year's parameter.
    limit="term_cap",
    cap_param="cap",
)

M9A = Item(
    code="M9A",
    measure=9,
    name_zh="科技金融·风险投资补贴",
    name_en="Technology finance: venture investment subsidy",
    clause="三.9",
    clause_text="对上年度获得风险投资超 100 万元的人工智能大模型+企业,按 3%给予补贴,每家企业每年最高 100 万元。",
    requires=(_TIANHE, "ai_enterprise"),
    reads=("vc_investment_prev_year",),
    params=(
        money_param("threshold", "风险投资门槛", "venture investment threshold", "1000000"),
        rate_param("rate", "补贴比例", "subsidy rate", "0.03"),
        _annual_cap("1000000"),
    ),
    # 超 100 万元: strictly more.
    conditions=(Compare("vc_threshold", Fact("vc_investment_prev_year"), ">", Param("threshold")),),
    # 按 3%: of the venture investment received (the only amount the sentence names).
    formula=RateOf(Fact("vc_investment_prev_year"), rate="rate"),
    # measures.md Reading: M9A and M9B each have their own cap.
    limit="annual_cap",
    cap_param="annual_cap",
)

M9B = Item(
    code="M9B",
    measure=9,
    name_zh="科技金融·贷款贴息",
    name_en="Technology finance: loan interest subsidy",
    clause="三.9",
    clause_text=(
        "对取得商业银行机构贷款且累计贷款额度达 500 万元以上的天河区规模以上人工智能大模型+企业,"
        "其上一年度实际发生的利息总额达到 20 万元及以上,按实际发生利息总额的50%给予补助,"
        "每家企业每年获得奖励金额最高不超过100万元。"
    ),
    requires=(_TIANHE, "above_scale", "ai_enterprise"),
    # measures.md Reading: 累计贷款额度 is the amount actually drawn from commercial banks; the
    # interest is what was incurred on those loans in the previous year.
    reads=("cumulative_bank_loans", "interest_paid_prev_year"),
    params=(
        money_param("loan_threshold", "累计贷款额度门槛", "cumulative loan threshold", "5000000"),
        money_param("interest_threshold", "利息总额门槛", "interest threshold", "200000"),
        rate_param("rate", "补助比例", "subsidy rate", "0.50"),
        _annual_cap("1000000"),
    ),
    conditions=(
        # 达 500 万元以上: 达…以上 is ≥.
        Compare("loan_threshold", Fact("cumulative_bank_loans"), ">=", Param("loan_threshold")),
        # 达到 20 万元及以上: ≥.
        Compare("interest_threshold", Fact("interest_paid_prev_year"), ">=", Param("interest_threshold")),
    ),
    formula=RateOf(Fact("interest_paid_prev_year"), rate="rate"),
    limit="annual_cap",
    cap_param="annual_cap",
)

M10 = Item(
    code="M10",
    measure=10,
    name_zh="创新氛围营造奖励",
    name_en="Innovation atmosphere award",
    clause="三.10",
    clause_text=(
        "对区内行业协会或龙头企业,在天河区组织开展高层次人工智能大模型学术论坛、产业峰会、行业展会、赛事等活动,"
        "事前经天河区科工信局同意支持的,按照活动实际发生费用的50%给予奖励,每年最高不超过50万元。"
    ),
    # measures.md Reading: for M10 the organiser is 区内, i.e. registered_in_tianhe. Whether the
    # event is 高层次 is part of the bureau's prior approval (preapproved).
    requires=(_TIANHE, "preapproved", "event_in_tianhe"),
    # organizer_type must be one of the two organisers the clause names; either pays the same.
    reads=("organizer_type", "actual_expenses"),
    params=(rate_param("rate", "奖励比例", "award rate", "0.50"), _annual_cap("500000")),
    conditions=(),
    formula=RateOf(Fact("actual_expenses"), rate="rate"),
    # The claim names its event (has_project_ref); several events of a year share the annual cap.
    limit="annual_cap",
    cap_param="annual_cap",
    has_project_ref=True,
)

#: Every item, by code, in policy order.
ITEMS: dict[str, Item] = {
    item.code: item for item in (M1A, M1B, M1C, M2, M3S, M3P, M4, M5, M6, M7, M8, M9A, M9B, M10)
}
ITEM_CODES: tuple[str, ...] = tuple(ITEMS)
