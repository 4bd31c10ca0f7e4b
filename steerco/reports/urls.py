"""Addresses of the donor tables, under the programme they report on."""

from django.urls import path

from . import views

app_name = "reports"

P = "programmes/<slug:slug>/reports/"

urlpatterns = [
    path(P + "iptt/", views.iptt, name="iptt"),
    path(P + "iptt.<str:fmt>", views.iptt, name="iptt_file"),
    path(P + "logframe/", views.logframe_matrix, name="logframe"),
    path(P + "logframe.<str:fmt>", views.logframe_matrix, name="logframe_file"),
    path("programmes/<slug:slug>/translations/", views.missing_translations, name="translations"),
]
