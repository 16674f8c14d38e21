from django.urls import path

from administration import views

app_name = "manage"

urlpatterns = [
    path("", views.home, name="home"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("guidelines/copy/", views.guideline_copy, name="guideline_copy"),
    path("guidelines/<id:year>/", views.guideline_edit, name="guideline_edit"),
    path("guidelines/<id:year>/window/", views.guideline_window, name="guideline_window"),
    path("guidelines/<id:year>/items/<str:code>/", views.guideline_item, name="guideline_item"),
    path("guidelines/<id:year>/items/<str:code>/documents/", views.document_add, name="document_add"),
    path("guidelines/<id:year>/documents/<id:pk>/", views.document_edit, name="document_edit"),
    path("guidelines/<id:year>/diff/", views.guideline_diff_view, name="guideline_diff"),
    path("guidelines/<id:year>/publish/", views.guideline_publish, name="guideline_publish"),
    path("simulations/", views.simulations, name="simulations"),
    path("simulations/<id:pk>/", views.simulation_detail, name="simulation"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<id:year>.xlsx", views.dashboard_export, name="dashboard_xlsx"),
    path("dashboard/budget/", views.budget, name="budget"),
    path("audit/", views.audit, name="audit"),
    path("users/", views.users, name="users"),
    path("users/invite/", views.user_invite, name="user_invite"),
    path("users/<id:pk>/role/", views.user_role, name="user_role"),
    path("users/<id:pk>/active/", views.user_active, name="user_active"),
    path("users/accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
