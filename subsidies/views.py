"""Public pages about the policy: the home page and one page per item."""

from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render

import rules
from subsidies import selectors


def home(request):
    guideline = selectors.current_guideline()
    return render(request, "subsidies/home.html", selectors.home_context(guideline))


def item_detail(request, code: str):
    if code not in rules.ITEMS:
        raise Http404
    guideline = selectors.current_guideline()
    return render(request, "subsidies/item_detail.html", selectors.item_context(code, guideline))


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
