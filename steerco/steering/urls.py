from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "steering"

P = "programmes/<slug:slug>/"
M = P + "meetings/<int:pk>/"

urlpatterns = [
    path(P + "steering-groups/", views.group_list, name="groups"),
    path(P + "steering-groups/add/", views.group_edit, name="group_add"),
    path(P + "steering-groups/<int:pk>/", views.group_detail, name="group"),
    path(P + "steering-groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path(P + "steering-groups/<int:pk>/members/add/", views.member_edit, name="member_add"),
    path(P + "steering-groups/<int:pk>/members/<int:member>/edit/", views.member_edit, name="member_edit"),
    path(P + "meetings/", views.meeting_list, name="meetings"),
    path(P + "meetings/add/", views.meeting_edit, name="meeting_add"),
    path(M, views.meeting_detail, name="meeting"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "status/", views.meeting_status, name="meeting_status"),
    path(M + "circulate/", views.meeting_circulate, name="meeting_circulate"),
    path(M + "pack/", views.pack_page, name="pack"),
    path(M + "pack.<fmt:fmt>", views.pack_download, name="pack_download"),
    path(M + "packs/<int:version>.<fmt:fmt>", views.pack_file, name="pack_file"),
    path(M + "minutes.<fmt:fmt>", views.minutes_download, name="minutes"),
    path(M + "news/", views.news_page, name="news"),
    path(M + "participants/add/", views.participant_edit, name="participant_add"),
    path(M + "participants/<int:item>/edit/", views.participant_edit, name="participant_edit"),
    path(M + "participants/<int:item>/remove/", views.participant_remove, name="participant_remove"),
    path(M + "agenda/add/", views.agenda_edit, name="agenda_add"),
    path(M + "agenda/<int:item>/edit/", views.agenda_edit, name="agenda_edit"),
    path(M + "agenda/<int:item>/speakers/add/", views.speaker_edit, name="speaker_add"),
    path(M + "agenda/<int:item>/speakers/<int:speaker>/edit/", views.speaker_edit, name="speaker_edit"),
    path(M + "agenda/<int:item>/remove/", views.agenda_remove, name="agenda_remove"),
    path(M + "decisions/add/", views.decision_add, name="decision_add"),
    path(M + "decisions/<int:item>/edit/", views.decision_add, name="decision_edit"),
    path(M + "decisions/<int:item>/remove/", views.decision_remove, name="decision_remove"),
    path(M + "action-points/add/", views.action_point_add, name="action_point_add"),
    path(P + "action-points/", views.action_point_list, name="action_points"),
    path(P + "action-points/<int:pk>/", views.action_point_detail, name="action_point"),
    path(P + "action-points/<int:pk>/edit/", views.action_point_edit, name="action_point_edit"),
    path(P + "action-points/<int:pk>/close/", views.action_point_close, name="action_point_close"),
]
