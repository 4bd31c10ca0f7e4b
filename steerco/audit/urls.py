from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("programmes/<slug:slug>/history/", views.programme_history, name="history"),
]
