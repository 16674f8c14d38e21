"""The ten 培育措施 of the policy, section 三, with each clause's text quoted verbatim.

Source: 天河区促进人工智能大模型产业高质量发展实施意见(2024-2026年)(征求意见稿), section 三、培育措施
(``shared/policy/000_b4e07f6a1d9fdc80.txt``). The text is the policy's own, characters and
punctuation included (its half-width commas, and the repeated 市级 phrase of clause 4); only the
page breaks of the source file (``— 7 —``) were removed where a clause runs across a page.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MEASURES", "Measure", "POLICY_TITLE"]

POLICY_TITLE = "天河区促进人工智能大模型产业高质量发展实施意见(2024-2026年)"


@dataclass(frozen=True, slots=True)
class Measure:
    """One clause of 三、培育措施 and the item codes that implement it."""

    number: int
    clause: str
    name_zh: str
    name_en: str
    clause_text: str
    items: tuple[str, ...]


MEASURES: tuple[Measure, ...] = (
    Measure(
        number=1,
        clause="三.1",
        name_zh="招商引资奖励",
        name_en="Investment attraction award",
        clause_text=(
            "1.招商引资奖励。"
            "大力招引具有核心竞争力的人工智能大模型+企业,带动产业协同发展。"
            "支持世界 500 强企业及其一级子公司,或新一代人工智能开放创新平台等国家级创新载体建设单位在天河区新设立(包括新注册成立或从广州市外新迁入)人工智能相关业务的公司,新设立企业纳入天河区规模以上统计的,给予 10 万元一次性奖励;"
            " 年度营业收入首次达 1 亿元及以上的,一次性给予 100 万元奖励。"
            '对带动能力强、社会效益大、引领性强的,经区政府同意,可实行"一事一议"的办法另行给予扶持。'
        ),
        items=("M1A", "M1B", "M1C"),
    ),
    Measure(
        number=2,
        clause="三.2",
        name_zh="产业能级跃升奖励",
        name_en="Industry upgrade award",
        clause_text=(
            "2.产业能级跃升奖励。"
            "对年度营业收入达 50 亿元及以上,研发投入总量达 5 亿元及以上且为正增长的天河区人工智能大模型企业(集团),按其年度营业收入每增长 1000 万元给予 10 万元奖励,每家企业(集团)每年最高不超过 1000 万元。"
        ),
        items=("M2",),
    ),
    Measure(
        number=3,
        clause="三.3",
        name_zh="应用场景开放奖励",
        name_en="Application scenario award",
        clause_text=(
            "3.应用场景开放奖励。"
            "结合天河区战略性主导产业,在天河区规模以上人工智能大模型+企业开放的各类大模型应用场景中,每年遴选 10 个重点应用场景示范项目,按照该项目实际支付总金额的 10%给予天河区规模以上企业(供应方)奖励,每年最高 50 万元;"
            "按照该项目实际支付总金额的 10%给予天河区规模以上企业(采购方)奖励,每年最高 50 万元。"
        ),
        items=("M3S", "M3P"),
    ),
    Measure(
        number=4,
        clause="三.4",
        name_zh="软件产品示范奖励",
        name_en="Software product demonstration award",
        clause_text=(
            "4.软件产品示范奖励。"
            "鼓励人工智能大模型+企业开展核心技术攻关,对入库国家、省、市且属于人工智能大模型领域的首版次软件产品项目,或获得国家、省、市科技部门或工信部门立项奖励并通过验收的人工智能大模型领域核心技术攻关项目,按项目获得上级扶持资金的50%给予一次性配套,其中,国家级项目最高不超过100万元,省级项目最高不超过50万元,市级项目最高不超过30万元,市级项目最高不超过30万元。"
        ),
        items=("M4",),
    ),
    Measure(
        number=5,
        clause="三.5",
        name_zh="核心技术研发补贴",
        name_en="Core technology R&D subsidy",
        clause_text=(
            "5.核心技术研发补贴。"
            "鼓励人工智能大模型+企业加大研发投入。"
            "对经国家网信办备案深度合成服务算法的天河区企业及其关联企业,其研发投入增量合计达1000万元及以上的,按研发投入增量的3%给予补贴,每家企业每年最高100万元。"
        ),
        items=("M5",),
    ),
    Measure(
        number=6,
        clause="三.6",
        name_zh="创新联合体奖励",
        name_en="Innovation consortium award",
        clause_text=(
            "6.创新联合体奖励。"
            "鼓励天河区规模以上人工智能大模型+企业与国内外高校、科研机构进行人工智能大模型方向的产学研合作,包括但不限于建立联合实验室、建立创新联合体、开展产教融合等,按照项目实到高校、科研机构金额的10%给予企业支持,每年最高100万元。"
        ),
        items=("M6",),
    ),
    Measure(
        number=7,
        clause="三.7",
        name_zh="数据要素供给奖励",
        name_en="Data supply award",
        clause_text=(
            "7.数据要素供给奖励。"
            "引导企业提升数据管理能力,以高质量数据治理激活数据要素潜能,为人工智能大模型+企业发展提供有力的要素支撑。"
            "对通过数据管理能力成熟度评估模型(DCMM)三级及以上的规模以上企业给予奖励,其中三级奖励5万元,四级奖励10万元,五级奖励20万元。"
        ),
        items=("M7",),
    ),
    Measure(
        number=8,
        clause="三.8",
        name_zh="算力算法赋能补贴",
        name_en="Compute and algorithm subsidy",
        clause_text=(
            "8. 算力算法赋能补贴。"
            "全面提升智能算力、算法供给能力,鼓励天河区人工智能大模型+企业购买和使用算力、算法服务,对年度交易额超过500万元的人工智能大模型+企业,按其年度合同总金额的5%给予补贴,每家企业最高不超过100万元。"
        ),
        items=("M8",),
    ),
    Measure(
        number=9,
        clause="三.9",
        name_zh="科技金融赋能奖励",
        name_en="Technology finance award",
        clause_text=(
            "9.科技金融赋能奖励。"
            "强化科技金融支撑,引导社会资本资源向人工智能大模型领域倾斜,鼓励风险投资机构、银行业金融机构对人工智能大模型+企业提供赋能支持。"
            "对上年度获得风险投资超 100 万元的人工智能大模型+企业,按 3%给予补贴,每家企业每年最高 100 万元。"
            "对取得商业银行机构贷款且累计贷款额度达 500 万元以上的天河区规模以上人工智能大模型+企业,其上一年度实际发生的利息总额达到 20 万元及以上,按实际发生利息总额的50%给予补助,每家企业每年获得奖励金额最高不超过100万元。"
        ),
        items=("M9A", "M9B"),
    ),
    Measure(
        number=10,
        clause="三.10",
        name_zh="创新氛围营造奖励",
        name_en="Innovation atmosphere award",
        clause_text=(
            "10.创新氛围营造奖励。"
            "发挥行业协会和龙头企业在资源汇聚方面的作用,全方位营造人工智能大模型产业创新创业生态。"
            "对区内行业协会或龙头企业,在天河区组织开展高层次人工智能大模型学术论坛、产业峰会、行业展会、赛事等活动,事前经天河区科工信局同意支持的,按照活动实际发生费用的50%给予奖励,每年最高不超过50万元。"
        ),
        items=("M10",),
    ),
)
