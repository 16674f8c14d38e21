from django.urls import path

from applications.views import placeholder

app_name = "review"

urlpatterns = [
    path("", placeholder, {"title": "审核工作台"}, name="queue"),
]
