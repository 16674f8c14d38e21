from django.urls import path

from applications.views import notices

app_name = "notices"

urlpatterns = [
    path("", notices.notice_list, name="list"),
    path("<id:pk>/", notices.notice_detail, name="detail"),
]
