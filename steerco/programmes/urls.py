from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/new/", views.programme_create, name="create"),
    path("programmes/<slug:slug>/", views.programme_overview, name="overview"),
    path("programmes/<slug:slug>/edit/", views.programme_edit, name="edit"),
    path("programmes/<slug:slug>/countries/add/", views.country_edit, name="country_add"),
    path("programmes/<slug:slug>/countries/<str:iso2>/", views.country_page, name="country"),
    path("programmes/<slug:slug>/countries/<str:iso2>/edit/", views.country_edit, name="country_edit"),
    path("programmes/<slug:slug>/components/add/", views.component_edit, name="component_add"),
    path("programmes/<slug:slug>/components/<int:pk>/edit/", views.component_edit, name="component_edit"),
    path("programmes/<slug:slug>/amendments/", views.amendment_list, name="amendments"),
    path("programmes/<slug:slug>/amendments/add/", views.amendment_edit, name="amendment_add"),
    path("programmes/<slug:slug>/amendments/<int:pk>/edit/", views.amendment_edit, name="amendment_edit"),
    path(
        "programmes/<slug:slug>/amendments/<int:pk>/remove/", views.amendment_remove, name="amendment_remove"
    ),
    path("programmes/<slug:slug>/periods/", views.period_list, name="periods"),
    path("programmes/<slug:slug>/periods/add/", views.period_edit, name="period_add"),
    path("programmes/<slug:slug>/periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("programmes/<slug:slug>/risks/", views.risk_list, name="risks"),
    path("programmes/<slug:slug>/risks/add/", views.risk_edit, name="risk_add"),
    path("programmes/<slug:slug>/risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("programmes/<slug:slug>/budget/", views.budget_page, name="budget"),
    path("programmes/<slug:slug>/budget/lines/add/", views.budget_line_edit, name="budget_line_add"),
    path(
        "programmes/<slug:slug>/budget/lines/<int:pk>/edit/", views.budget_line_edit, name="budget_line_edit"
    ),
    path("programmes/<slug:slug>/budget/spend/", views.spend_list, name="spend"),
    path("programmes/<slug:slug>/budget/spend/add/", views.expenditure_edit, name="expenditure_add"),
    path(
        "programmes/<slug:slug>/budget/spend/<int:pk>/edit/", views.expenditure_edit, name="expenditure_edit"
    ),
    path(
        "programmes/<slug:slug>/budget/spend/<int:pk>/remove/",
        views.expenditure_remove,
        name="expenditure_remove",
    ),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/add/", views.organisation_edit, name="organisation_add"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
