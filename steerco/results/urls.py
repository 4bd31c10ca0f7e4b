from django.urls import path

from . import views

app_name = "results"

P = "programmes/<slug:slug>/"

urlpatterns = [
    path(P + "logframe/", views.logframe, name="logframe"),
    path(P + "logframe/results/add/", views.result_edit, name="result_add"),
    path(P + "logframe/results/<int:pk>/edit/", views.result_edit, name="result_edit"),
    path(P + "logframe/results/<int:result_pk>/indicators/add/", views.indicator_edit, name="indicator_add"),
    path(P + "indicators/<int:pk>/", views.indicator_page, name="indicator"),
    path(P + "indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path(P + "indicators/<int:pk>/targets/", views.targets_edit, name="targets"),
    path(P + "indicators/<int:pk>/records/", views.computed_records, name="records"),
    path(P + "disaggregations/", views.categories, name="categories"),
    path(P + "disaggregations/add/", views.category_edit, name="category_add"),
    path(P + "disaggregations/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path(P + "updates/<int:period_id>/", views.programme_entry, name="programme_entry"),
    path(P + "countries/<str:iso2>/updates/<int:period_id>/", views.country_entry, name="country_entry"),
    path(P + "evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(P + "updates/withdraw/<int:pk>/", views.withdraw, name="withdraw"),
    path(P + "approvals/", views.approvals, name="approvals"),
    path(P + "approvals/approve/", views.approve_many, name="approve_many"),
    path(P + "approvals/<int:pk>/", views.review, name="review"),
    path(P + "dashboard/", views.programme_dashboard, name="dashboard"),
    path(P + "countries/<str:iso2>/dashboard/", views.country_dashboard, name="country_dashboard"),
]
