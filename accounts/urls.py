from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views, views_login

app_name = "accounts"

urlpatterns = [
    path("login/", views_login.login_view, name="login"),
    path("otp/", views_login.otp_verify, name="otp"),
    path("otp/setup/", views_login.otp_setup, name="otp_setup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
