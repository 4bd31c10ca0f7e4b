"""Addresses of delivery pages, under the programme they belong to."""

from django.urls import path

from . import views

app_name = "delivery"

P = "programmes/<slug:slug>/"

urlpatterns = [
    path(P + "delivery/", views.dashboard, name="dashboard"),
    path(P + "countries/<str:iso2>/delivery/", views.country_dashboard, name="country"),
    path(P + "events/", views.event_list, name="events"),
    path(P + "events/add/", views.event_edit, name="event_add"),
    path(P + "events/<int:pk>/", views.event_detail, name="event"),
    path(P + "events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path(P + "events/<int:pk>/remove/", views.event_remove, name="event_remove"),
    path(P + "events/<int:pk>/attachments/add/", views.attachment_add, name="attachment_add"),
    path(P + "attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path(P + "workplan/", views.work_plan, name="workplan"),
    path(P + "workplan/add/", views.work_plan_edit, name="workplan_add"),
    path(P + "workplan/<int:pk>/edit/", views.work_plan_edit, name="workplan_edit"),
    path(P + "workplan/<int:pk>/remove/", views.work_plan_remove, name="workplan_remove"),
    path(P + "recommendations/", views.recommendation_list, name="recommendations"),
    path(P + "recommendations/add/", views.recommendation_edit, name="recommendation_add"),
    path(P + "recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path(P + "recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(P + "recommendations/<int:pk>/status/", views.recommendation_status, name="recommendation_status"),
    path(
        P + "recommendations/evidence/<int:pk>/",
        views.recommendation_evidence,
        name="recommendation_evidence",
    ),
    path(P + "procurement/", views.procurement, name="procurement"),
    path(P + "procurement/add/", views.lot_edit, name="lot_add"),
    path(P + "procurement/<int:pk>/", views.lot_detail, name="lot"),
    path(P + "procurement/<int:pk>/edit/", views.lot_edit, name="lot_edit"),
    path(P + "procurement/<int:pk>/steps/<str:stage>/", views.step_edit, name="step_edit"),
    path(P + "procurement/<int:pk>/handovers/add/", views.handover_add, name="handover_add"),
    path(P + "procurement/<int:pk>/assets/add/", views.asset_add, name="asset_add"),
    path(P + "handovers/<int:pk>/acknowledge/", views.handover_acknowledge, name="handover_acknowledge"),
    path(P + "handovers/<int:pk>/act/", views.handover_document, name="handover_document"),
    path(P + "handovers/<int:pk>/verify/", views.verification_add, name="verification_add"),
    path(P + "verifications/<int:pk>/photo/", views.verification_photo, name="verification_photo"),
    path(P + "assets/", views.asset_register, name="assets"),
]
