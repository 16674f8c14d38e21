from django.urls import path

from applications.views import review

app_name = "review"

urlpatterns = [
    path("", review.queue, name="queue"),
    path("claims/<id:pk>/", review.claim_detail, name="claim"),
    path("claims/<id:pk>/<str:action>/", review.claim_action, name="claim_action"),
    path("documents/<id:pk>/", review.document, name="document"),
    path("conflicts/", review.conflicts, name="conflicts"),
    path("demo-projects/", review.demo_projects, name="demo_projects"),
    path("preapprovals/", review.preapprovals, name="preapprovals"),
    path("notices/", review.notice_manage, name="notices"),
    path("notices/<id:pk>/", review.notice_batch, name="notice_batch"),
    path("export/<str:kind>.<str:fmt>", review.export, name="export"),
]
