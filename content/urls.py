from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("documents/<int:document_id>/", views.document_detail, name="document"),
]
