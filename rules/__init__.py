"""Rules as code for 天河区's AI large-model policy (2024–2026), section 三、培育措施.

Pure Python (no Django): the fourteen payable items, the facts they read, the annual guideline
parameters, and :func:`evaluate`, which turns one claim into an eligibility, an amount and a trace
citing the policy clause at every step. ``shared/spec/measures.md`` is the contract;
``python -m rules check FILE...`` runs case files against it.
"""

from .declarations import Item, ParamSpec
from .engine import PriorAward, evaluate
from .errors import RulesError
from .facts import FACTS, FactSpec
from .items import ITEM_CODES, ITEMS
from .money import format_wan, format_yuan
from .parameters import DEFAULT_PARAMETERS, GUIDELINE_YEARS, YearParameters, validate_parameters
from .policy import MEASURES, Measure
from .result import Reason, Result, Step

__all__ = [
    "DEFAULT_PARAMETERS",
    "FACTS",
    "GUIDELINE_YEARS",
    "ITEMS",
    "ITEM_CODES",
    "MEASURES",
    "FactSpec",
    "Item",
    "Measure",
    "ParamSpec",
    "PriorAward",
    "Reason",
    "Result",
    "RulesError",
    "Step",
    "YearParameters",
    "evaluate",
    "format_wan",
    "format_yuan",
    "validate_parameters",
]
