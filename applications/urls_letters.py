from django.urls import path

from applications.views import letters

app_name = "letters"

urlpatterns = [
    path("<int:claim_pk>/pdf/", letters.download, name="download"),
    path("jobs/<int:pk>/", letters.job, name="job"),
    path("jobs/<int:pk>/retry/", letters.retry, name="retry"),
]
