"""Enterprises, claims, documents, review, awards, notices and letters."""

from applications.models.claims import Claim, ClaimEvent, ClaimStatus, ClaimSubmission, FactCorrection
from applications.models.documents import Document
from applications.models.enterprise import Enterprise
from applications.models.ledger import Award, AwardStatus, Payment
from applications.models.letters import DecisionLetter, LetterJob, LetterSerial
from applications.models.notices import NoticeBatch, NoticeStatus, Objection, ObjectionStatus
from applications.models.notifications import Notification
from applications.models.review import (
    ConflictOfInterest,
    DemonstrationProject,
    PreApproval,
    PreApprovalStatus,
)

__all__ = [
    "Award",
    "AwardStatus",
    "Claim",
    "ClaimEvent",
    "ClaimStatus",
    "ClaimSubmission",
    "ConflictOfInterest",
    "DecisionLetter",
    "DemonstrationProject",
    "Document",
    "Enterprise",
    "FactCorrection",
    "LetterJob",
    "LetterSerial",
    "NoticeBatch",
    "NoticeStatus",
    "Notification",
    "Objection",
    "ObjectionStatus",
    "Payment",
    "PreApproval",
    "PreApprovalStatus",
]
