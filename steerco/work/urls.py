from django.urls import path

from . import views

app_name = "work"

urlpatterns = [
    path("tasks/", views.tasks_page, name="tasks"),
    path("accounts/notifications/", views.preferences, name="preferences"),
    path("programmes/<slug:slug>/comments/<str:kind>/<int:pk>/", views.thread, name="thread"),
]
