from django.urls import path

from applications.views import placeholder

app_name = "notices"

urlpatterns = [
    path("", placeholder, {"title": "公示"}, name="list"),
]
