from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from config.health import healthz
from config.views import home

admin.site.site_header = "Recall administration"
admin.site.site_title = "Recall admin"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("", include("content.urls")),
    path("", include("quizzes.urls")),
    path("", include("teaching.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # django.conf.urls.static.static() is a no-op without DEBUG, so route it here.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
