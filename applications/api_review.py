"""REST API of this area (see portal/api_urls.py)."""

urlpatterns: list = []
