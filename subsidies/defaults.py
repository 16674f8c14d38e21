"""What a new guideline starts with: the application window and each item's documents.

Parameter values come from ``rules.DEFAULT_PARAMETERS`` (measures.md); the documents below are
the bureau's usual evidence for each clause. Administrators edit both per year.
"""

COMMON_DOCUMENTS = [
    ("business_licence", "营业执照", "加盖公章的营业执照复印件（统一社会信用代码须与申报企业一致）"),
    ("commitment", "申报承诺书", "法定代表人签字并加盖公章的真实性承诺书"),
]

ITEM_DOCUMENTS: dict[str, list[tuple[str, str, str]]] = {
    "M1A": [
        ("investor_proof", "投资方资格证明", "世界500强企业或其一级子公司、国家级创新载体建设单位的证明材料"),
        ("statistics_proof", "纳统证明", "纳入天河区规模以上统计的证明（统计部门出具）"),
    ],
    "M1B": [
        ("investor_proof", "投资方资格证明", "世界500强企业或其一级子公司、国家级创新载体建设单位的证明材料"),
        ("audit_report", "年度审计报告", "会计师事务所出具的上年度审计报告，载明营业收入"),
    ],
    "M1C": [
        ("investor_proof", "投资方资格证明", "世界500强企业或其一级子公司、国家级创新载体建设单位的证明材料"),
        ("district_approval", "区政府同意文件", "区政府同意“一事一议”扶持的批复或会议纪要"),
    ],
    "M2": [
        ("audit_report", "年度审计报告", "上年度及前一年度审计报告，载明营业收入与研发投入"),
        ("rd_statement", "研发投入专项审计报告", "研发费用专项审计报告或加计扣除鉴证报告"),
    ],
    "M3S": [
        ("demo_selection", "示范项目遴选文件", "列入本年度重点应用场景示范项目的文件"),
        ("contract", "项目合同", "供需双方签订的项目合同"),
        ("payment_proof", "支付凭证", "银行回单、发票等实际支付证明"),
    ],
    "M3P": [
        ("demo_selection", "示范项目遴选文件", "列入本年度重点应用场景示范项目的文件"),
        ("contract", "项目合同", "供需双方签订的项目合同"),
        ("payment_proof", "支付凭证", "银行回单、发票等实际支付证明"),
    ],
    "M4": [
        ("catalogue_or_project", "入库或立项文件", "首版次软件入库证明，或科技、工信部门立项文件"),
        ("acceptance", "验收证明", "核心技术攻关项目的验收证明（首版次软件可不提供）"),
        ("funding_proof", "上级扶持资金到账凭证", "上级扶持资金拨付文件及银行到账凭证"),
    ],
    "M5": [
        ("cac_filing", "深度合成服务算法备案证明", "国家网信办深度合成服务算法备案信息截图或证明"),
        ("rd_statement", "研发投入专项审计报告", "本企业及关联企业上年度与前一年度研发投入专项审计报告"),
    ],
    "M6": [
        ("cooperation_agreement", "产学研合作协议", "与高校、科研机构签订的合作协议"),
        ("payment_proof", "实到资金凭证", "向高校、科研机构支付的银行回单"),
    ],
    "M7": [("dcmm_certificate", "DCMM 评估证书", "数据管理能力成熟度评估（DCMM）等级证书")],
    "M8": [
        ("contract", "算力算法服务合同", "上年度购买算力、算法服务的合同"),
        ("invoices", "发票及支付凭证", "与合同对应的发票和银行回单"),
    ],
    "M9A": [("investment_proof", "风险投资证明", "投资协议、验资报告或银行入账凭证")],
    "M9B": [
        ("loan_contracts", "贷款合同", "与商业银行签订的贷款合同及放款凭证"),
        ("interest_statement", "利息支付凭证", "上一年度银行出具的利息支付清单"),
    ],
    "M10": [
        ("preapproval", "事前同意文件", "区科工信局事前同意支持的文件"),
        ("event_report", "活动总结", "活动方案、现场照片与总结报告"),
        ("expense_proof", "费用凭证", "活动实际发生费用的发票与支付凭证"),
    ],
}

OPTIONAL_DOCUMENTS = {("M4", "acceptance")}
