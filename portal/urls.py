"""URL map. Each area has its own module and namespace; the API lives under /api/."""

from django.contrib import admin
from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from portal.converters import IdConverter
from subsidies import views as subsidies_views

register_converter(IdConverter, "id")  # before the include()s below import the areas' URL modules

admin.site.site_header = "天河区人工智能大模型产业扶持资金申报平台 · 后台管理"
admin.site.site_title = "扶持资金申报平台后台"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("", subsidies_views.home, name="home"),
    path("measures/<str:code>/", subsidies_views.item_detail, name="item_detail"),
    path("accounts/", include("accounts.urls")),
    path("", include("applications.urls_applicant")),
    path("review/", include("applications.urls_review")),
    path("notices/", include("applications.urls_notices")),
    path("letters/", include("applications.urls_letters")),
    path("manage/", include("administration.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("healthz", subsidies_views.healthz, name="healthz"),
]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
