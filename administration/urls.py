from django.urls import path

from applications.views import placeholder

app_name = "manage"

urlpatterns = [
    path("", placeholder, {"title": "年度管理"}, name="home"),
]
