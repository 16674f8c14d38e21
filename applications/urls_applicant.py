from django.urls import path

from applications.views import applicant as views

app_name = "applicant"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("enterprise/", views.enterprise, name="enterprise"),
    path("enterprise/invite/", views.enterprise_invite, name="enterprise_invite"),
    path("claims/", views.claims, name="claims"),
    path("claims/new/<str:code>/", views.claim_new, name="claim_new"),
    path("claims/<id:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<id:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/<id:pk>/submit/", views.claim_submit, name="claim_submit"),
    path("claims/<id:pk>/withdraw/", views.claim_withdraw, name="claim_withdraw"),
    path("claims/<id:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<id:pk>/", views.document_download, name="document_download"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
]

# M10 事前同意 (organiser's side), owned by the review area.
from applications.views import review as _review_views  # noqa: E402

urlpatterns += [path("preapprovals/", _review_views.my_preapprovals, name="preapprovals")]
