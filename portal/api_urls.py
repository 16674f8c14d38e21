"""The REST API: one router per area, all under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("subsidies.api")),
    path("", include("applications.api_applicant")),
    path("review/", include("applications.api_review")),
    path("letters/", include("applications.api_letters")),
    path("manage/", include("administration.api")),
]
