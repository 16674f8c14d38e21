"""The first page: the ten measures with their items, this year's guideline and clause text."""

import re

import pytest
from django.urls import reverse

import rules
from subsidies.models import Guideline

pytestmark = pytest.mark.django_db


def test_home_lists_every_measure_and_item_in_chinese(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert "十项培育措施" in html
    for measure in rules.MEASURES:
        assert measure.name_zh in html
    for code, item in rules.ITEMS.items():
        assert f"<strong>{code}</strong> {item.name_zh}" in html
    # clause text quoted from the policy
    assert "按照活动实际发生费用的50%给予奖励" in html
    # the current year's guideline, its window and values in 元 and 万元
    g = Guideline.objects.get(year=2026)
    assert g.title in html
    assert "2026年3月1日" in html
    assert "500,000.00 元（50.00 万元）" in html
    assert "奖励比例：10%" in html or re.search(r"10%", html)


def test_home_is_chinese_even_for_an_english_browser(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert "政策首页" in response.content.decode()


def test_english_when_the_user_chooses_it(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "en"


def test_item_page_shows_conditions_parameters_and_documents(client):
    response = client.get(reverse("item_detail", args=["M9B"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "三.9" in html
    assert rules.FACTS["above_scale"].label_zh in html
    assert "贷款合同" in html  # a required document of the guideline
    assert client.get(reverse("item_detail", args=["M99"])).status_code == 404


def test_home_without_any_guideline_says_so(client):
    Guideline.objects.all().delete()
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "申报指南尚未发布" in response.content.decode()


def test_public_policy_api(client):
    measures = client.get("/api/measures/").json()
    assert [m["number"] for m in measures] == list(range(1, 11))
    guideline = client.get("/api/guidelines/2025/").json()
    values = {(p["item"], p["name"]): p["value"] for p in guideline["parameters"]}
    assert values[("M5", "rate")].startswith("0.03")


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_in_english_the_policy_names_and_fact_labels_are_english_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert rules.ITEMS["M6"].name_en in html
    assert rules.MEASURES[5].name_en in html
    detail = client.get(reverse("item_detail", args=["M9B"])).content.decode()
    assert rules.FACTS["above_scale"].label_en in detail
    # the policy's own text stays as published
    assert "按照活动实际发生费用的50%给予奖励" in html
