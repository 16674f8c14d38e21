from django.urls import path

from applications.views import placeholder

app_name = "applicant"

urlpatterns = [
    path("calculator/", placeholder, {"title": "政策计算器"}, name="calculator"),
    path("notifications/", placeholder, {"title": "通知"}, name="notifications"),
    path("claims/", placeholder, {"title": "我的申报"}, name="claims"),
    path("enterprise/", placeholder, {"title": "企业档案"}, name="enterprise"),
]
