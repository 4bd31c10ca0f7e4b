"""Steering pages: bounded queries, forms that refuse bad input at the field, circulation, follow-ups."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from steerco.programmes.models import BudgetLine, Expenditure
from steerco.steering.models import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    GroupMember,
    Meeting,
    MeetingPack,
    MeetingStatus,
    NewsDraft,
    Participant,
)
from tests.base import SteercoTestCase

from .world import meeting, point, steering_world

D = datetime.date


class QueryCountTest(SteercoTestCase):
    def grow(self) -> None:
        w = steering_world(self)
        for n in range(2, 10):
            m = meeting(w.kz_nsg, n, D(2022, 2, n), self.year1, status=MeetingStatus.HELD)
            point(m, f"Action {n}", w.kz_org, D(2022, 3, 1))
            point(w.kz_meeting, f"More action {n}", w.kz_org, D(2021, 12, 1))
            Participant.objects.create(meeting=w.kz_meeting, name=f"P{n}", organisation=w.kz_org)
            AgendaItem.objects.create(meeting=w.kz_meeting, order=n, title=f"Item {n}")
            Decision.objects.create(meeting=w.kz_meeting, text=f"Decision {n}")
            GroupMember.objects.create(group=w.kz_nsg, person=f"Member {n}", organisation=w.kz_org)
            line = BudgetLine.objects.create(programme=self.bomca, label=f"Line {n}", amount=Decimal(10))
            Expenditure.objects.create(budget_line=line, period=self.year1, amount=Decimal(1))

    def test_steering_pages_run_a_fixed_number_of_queries(self) -> None:
        w = steering_world(self)
        slug = self.bomca.slug
        urls = {
            "meetings": reverse("steering:meetings", args=[slug]),
            "meeting": reverse("steering:meeting", args=[slug, w.kz_meeting.pk]),
            "pack": reverse("steering:pack", args=[slug, w.rsg_meeting.pk]),
            "news": reverse("steering:news", args=[slug, w.kz_meeting.pk]),
            "groups": reverse("steering:groups", args=[slug]),
            "group": reverse("steering:group", args=[slug, w.kz_nsg.pk]),
            "action points": reverse("steering:action_points", args=[slug]) + "?show=all",
            "action point": reverse("steering:action_point", args=[slug, w.kz_point.pk]),
            "budget": reverse("programmes:budget", args=[slug]),
            "overview": reverse("programmes:overview", args=[slug]),
            "country": reverse("programmes:country", args=[slug, "kz"]),
            "meetings and decisions, exported": reverse("steering:meetings", args=[slug]) + "?export=xlsx",
            "action points, exported": reverse("steering:action_points", args=[slug])
            + "?show=all&export=csv",
            "budget, exported": reverse("programmes:budget", args=[slug]) + "?export=xlsx",
        }
        self.login("manager")
        for url in urls.values():
            self.client.get(url)
        small = {name: self.count_queries(url) for name, url in urls.items()}
        self.grow()
        large = {name: self.count_queries(url) for name, url in urls.items()}
        self.assertEqual(small, large)

    def test_the_kz_coordinator_sees_the_same_number_of_queries_on_the_meeting_list(self) -> None:
        steering_world(self)
        self.assert_constant_queries(
            reverse("steering:meetings", args=[self.bomca.slug]), self.grow, persona="kz_coordinator"
        )


class MeetingPageTest(SteercoTestCase):
    def test_scheduling_a_meeting_outside_the_programme_shows_the_error_at_the_date(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        response = self.client.post(
            reverse("steering:meeting_add", args=[self.bomca.slug]),
            {"group": w.kz_nsg.pk, "start_date": "2027-01-15", "period": self.year1.pk, "mode": "in_person"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("The meeting must fall within the programme", response.content.decode())
        self.assertEqual(
            response.context["form"].errors["start_date"],
            ["The meeting must fall within the programme, 2021-04-01 to 2025-09-30."],
        )

    def test_a_coordinator_may_schedule_only_for_their_own_group(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        response = self.client.post(
            reverse("steering:meeting_add", args=[self.bomca.slug]),
            {"group": w.rsg.pk, "start_date": "2022-06-01", "period": self.year1.pk, "mode": "online"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("group", response.context["form"].errors)
        self.assertFalse(Meeting.objects.filter(group=w.rsg, start_date=D(2022, 6, 1)).exists())

    def test_the_secretariat_circulates_and_the_meeting_page_says_which_version_went_out(self) -> None:
        w = steering_world(self)
        m = meeting(w.kz_nsg, 2, D(2022, 3, 1), self.year1)
        self.login("kz_coordinator")
        response = self.client.post(reverse("steering:meeting_circulate", args=[self.bomca.slug, m.pk]))
        self.assertEqual(response.status_code, 302)
        pack = MeetingPack.objects.get(meeting=m)
        m.refresh_from_db()
        self.assertEqual(m.status, MeetingStatus.PACK_CIRCULATED)
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, m.pk])).content.decode()
        self.assertIn("Version 1 of the pack was circulated on", page)
        frozen_url = reverse("steering:pack_file", args=[self.bomca.slug, m.pk, 1, "docx"])
        frozen = b"".join(self.client.get(frozen_url).streaming_content)  # type: ignore[attr-defined]
        self.assertIn(
            w.kz_point.text,
            " ".join(
                p.text for t in docx.Document(io.BytesIO(frozen)).tables for r in t.rows for p in r.cells
            ),
        )
        # The data moves on: the live pack follows it, the circulated one does not.
        point(w.kz_meeting, "Raised after the pack went out", w.kz_org, D(2022, 2, 1))
        live = self.client.get(reverse("steering:pack", args=[self.bomca.slug, m.pk])).content.decode()
        self.assertIn("Raised after the pack went out", live)
        again = b"".join(self.client.get(frozen_url).streaming_content)  # type: ignore[attr-defined]
        self.assertEqual(again, frozen)
        self.assertEqual(pack.content_hash, MeetingPack.objects.get(pk=pack.pk).content_hash)

    def test_recording_an_action_point_through_the_form(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:action_point_add", args=[self.bomca.slug, w.kz_meeting.pk])
        early = self.client.post(
            url, {"text": "Too early", "owner_organisation": w.kz_org.pk, "due_date": "2021-01-01"}
        )
        self.assertEqual(early.status_code, 400)
        self.assertIn("due_date", early.context["form"].errors)
        done = self.client.post(
            url, {"text": "Send the list", "owner_organisation": w.kz_org.pk, "due_date": "2022-05-01"}
        )
        self.assertEqual(done.status_code, 302)
        self.assertEqual(ActionPoint.objects.get(text="Send the list").country, "KZ")

    def test_closing_without_a_note_is_refused_at_the_note(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:action_point_close", args=[self.bomca.slug, w.kz_point.pk])
        response = self.client.post(url, {"closing_note": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("closing note is required", str(response.context["form"].errors["closing_note"]))
        self.assertEqual(ActionPoint.objects.get(pk=w.kz_point.pk).status, ActionStatus.OPEN)
        ok = self.client.post(url, {"closing_note": "List received.", "closed_at": w.rsg_meeting.pk})
        self.assertEqual(ok.status_code, 302)
        self.assertEqual(ActionPoint.objects.get(pk=w.kz_point.pk).closed_at_id, w.rsg_meeting.pk)

    def test_minutes_download_as_word_document(self) -> None:
        w = steering_world(self)
        self.login("kz_counterpart")
        response = self.client.get(
            reverse("steering:minutes", args=[self.bomca.slug, w.kz_meeting.pk, "docx"])
        )
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        text = " ".join(
            c.text
            for t in docx.Document(io.BytesIO(response.content)).tables
            for r in t.rows
            for c in r.cells
        )
        self.assertIn("Delegate KZ", text)


class CounterpartTest(SteercoTestCase):
    def test_a_counterpart_updates_the_points_their_organisation_owns(self) -> None:
        w = steering_world(self)
        self.login("kz_counterpart")
        url = reverse("steering:action_point", args=[self.bomca.slug, w.kz_point.pk])
        page = self.client.get(url)
        self.assertIsNotNone(page.context["form"])
        response = self.client.post(url, {"status": "reported_done", "note": "List sent on 20 January."})
        self.assertEqual(response.status_code, 302)
        w.kz_point.refresh_from_db()
        self.assertEqual(w.kz_point.status, ActionStatus.REPORTED_DONE)
        self.assertEqual(w.kz_point.notes.get().author_id, self.kz_counterpart.pk)

    def test_a_counterpart_cannot_answer_for_another_organisation_nor_close(self) -> None:
        w = steering_world(self)
        other = point(w.kz_meeting, "The MFA answers this one", w.kg_org, D(2022, 1, 1))
        ActionPoint.objects.filter(pk=other.pk).update(country="KZ")
        self.login("kz_counterpart")
        url = reverse("steering:action_point", args=[self.bomca.slug, other.pk])
        self.assertIsNone(self.client.get(url).context["form"])
        self.assertEqual(self.client.post(url, {"status": "in_progress", "note": "x"}).status_code, 404)
        close = reverse("steering:action_point_close", args=[self.bomca.slug, w.kz_point.pk])
        self.assertEqual(self.client.post(close, {"closing_note": "done"}).status_code, 404)

    def test_a_counterpart_does_not_see_the_regional_group(self) -> None:
        w = steering_world(self)
        self.login("kz_counterpart")
        page = self.client.get(reverse("steering:meetings", args=[self.bomca.slug])).content.decode()
        self.assertIn(str(w.kz_meeting), page)
        self.assertNotIn(str(w.rsg_meeting), page)
        self.assertNotIn(str(w.kg_meeting), page)


class NewsPageTest(SteercoTestCase):
    def test_the_secretariat_edits_the_draft_per_language(self) -> None:
        w = steering_world(self)
        url = reverse("steering:news", args=[self.bomca.slug, w.kz_meeting.pk])
        self.login("kz_coordinator")
        page = self.client.get(url + "?lang=en")
        self.assertIn(
            "held its first meeting in Astana",
            page.context["form"].initial.get("title", page.context["form"].instance.title),
        )
        response = self.client.post(url + "?lang=ru", {"title": "Заголовок", "body": "Текст новости."})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(NewsDraft.objects.get(meeting=w.kz_meeting, language="ru").title, "Заголовок")
        self.assertFalse(NewsDraft.objects.filter(language="en").exists())
        self.login("kz_counterpart")
        self.assertEqual(self.client.post(url, {"title": "x", "body": "y"}).status_code, 404)

    def test_the_ticked_material_goes_into_a_draft_written_again(self) -> None:
        w = steering_world(self)
        url = reverse("steering:news", args=[self.bomca.slug, w.kz_meeting.pk])
        self.login("kz_coordinator")
        page = self.client.get(url + "?lang=en")
        offered = dict(page.context["material_form"].fields["risks"].choices)
        self.assertIn(self.kz_risk.pk, offered)
        self.assertIn(self.regional_risk.pk, offered)  # programme-wide risks concern the country too
        self.assertNotIn(self.kg_risk.pk, offered)  # another country's are not the group's
        ticked = self.client.get(url, {"lang": "en", "regenerate": "1", "risks": [self.kz_risk.pk]})
        self.assertIn("The participants discussed the risk “KZ risk”", ticked.context["form"].instance.body)
        self.assertContains(ticked, "KZ risk")
        # A risk of another country is not a choice: the ticking is refused whole.
        foreign = self.client.get(url, {"lang": "en", "regenerate": "1", "risks": [self.kg_risk.pk]})
        self.assertNotIn("KG risk", foreign.context["form"].instance.body)
        self.assertNotIn("discussed the risk", foreign.context["form"].instance.body)


class DigestTest(SteercoTestCase):
    def test_one_digest_per_contact_lists_their_overdue_points(self) -> None:
        w = steering_world(self)
        self.kz_counterpart.email = "counterpart@example.org"
        self.kz_counterpart.organisation = w.kz_org
        self.kz_counterpart.save()
        point(w.kz_meeting, "Second overdue point", w.kz_org, D(2021, 12, 1))
        point(w.kz_meeting, "Not due yet", w.kz_org, D(2030, 1, 1))
        point(
            w.kz_meeting,
            "Owner with an address",
            None,
            D(2021, 12, 1),
            owner_person="Ms A",
            owner_email="a@example.org",
        )
        closed = point(w.kz_meeting, "Closed already", w.kz_org, D(2021, 12, 1))
        ActionPoint.objects.filter(pk=closed.pk).update(
            status=ActionStatus.CLOSED, closing_note="done", closed_on=D(2022, 1, 1)
        )
        out = io.StringIO()
        call_command(
            "send_overdue_digest",
            "--date",
            "2022-06-01",
            "--base-url",
            "https://steerco.example.org",
            stdout=out,
        )
        by_recipient = {m.to[0]: m for m in mail.outbox}
        self.assertEqual(set(by_recipient), {"counterpart@example.org", "a@example.org"})
        body = by_recipient["counterpart@example.org"].body
        self.assertIn(w.kz_point.text, body)
        self.assertIn("Second overdue point", body)
        self.assertNotIn("Not due yet", body)
        self.assertNotIn("Closed already", body)
        self.assertIn(f"https://steerco.example.org/programmes/bomca/action-points/{w.kz_point.pk}/", body)
        self.assertEqual(by_recipient["counterpart@example.org"].subject, "steerco: 2 overdue action points")
        # Kyrgyz customs has no user and no address: the command says so rather than staying silent.
        self.assertIn(f"No contact for overdue action point {w.kg_point.pk}", out.getvalue())

    def test_a_bad_date_is_refused_with_the_form_expected(self) -> None:
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "YYYY-MM-DD"):
            call_command("send_overdue_digest", "--date", "22/11/2026")


class BudgetPageTest(SteercoTestCase):
    def test_spend_is_refused_twice_for_the_same_line_period_and_country_and_outside_the_programme(
        self,
    ) -> None:
        w = steering_world(self)
        self.login("manager")
        url = reverse("programmes:expenditure_add", args=[self.bomca.slug])
        twice = self.client.post(
            url, {"budget_line": w.budget_line.pk, "period": self.year1.pk, "country": "KZ", "amount": "10"}
        )
        self.assertEqual(twice.status_code, 400)
        self.assertIn("already recorded", str(twice.context["form"].errors["period"]))
        negative = self.client.post(
            url, {"budget_line": w.budget_line.pk, "period": self.year1.pk, "country": "KG", "amount": "-5"}
        )
        self.assertIn("amount", negative.context["form"].errors)
        ok = self.client.post(
            url, {"budget_line": w.budget_line.pk, "period": self.year1.pk, "country": "KG", "amount": "5"}
        )
        self.assertEqual(ok.status_code, 302)
        page = self.client.get(reverse("programmes:budget", args=[self.bomca.slug])).content.decode()
        self.assertIn("2,505", page)

    def test_a_budget_line_with_another_programmes_component_is_refused(self) -> None:
        from tests import factories as f

        foreign = f.component(self.ukraine, code="X1")
        line = BudgetLine(programme=self.bomca, component=foreign, label="Wrong", amount=Decimal(1))
        from django.core.exceptions import ValidationError

        from steerco.programmes.services import save_budget_line

        with self.assertRaises(ValidationError) as raised:
            save_budget_line(line, acting_user=self.manager)
        self.assertIn("component", raised.exception.message_dict)


class AttendanceTest(SteercoTestCase):
    def test_attendance_is_recorded_through_the_participant_form(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse(
            "steering:participant_edit", args=[self.bomca.slug, w.kz_meeting.pk, w.kz_participant.pk]
        )
        response = self.client.post(
            url,
            {"name": "Delegate KZ", "organisation": w.kz_org.pk, "sex": "f", "attendance": Attendance.ONLINE},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Participant.objects.get(pk=w.kz_participant.pk).attendance, Attendance.ONLINE)
