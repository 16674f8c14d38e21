from django.urls import path

from applications.views import letters

app_name = "letters"

urlpatterns = [
    path("<id:claim_pk>/pdf/", letters.download, name="download"),
    path("jobs/<id:pk>/", letters.job, name="job"),
    path("jobs/<id:pk>/retry/", letters.retry, name="retry"),
]
