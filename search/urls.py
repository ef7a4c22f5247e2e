from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="search"),
    path("platform/", views.platform_search, name="search_platform"),  # 统一搜索
]
