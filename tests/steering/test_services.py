"""Writes of the steering cycle: validation, the status flow, carry-forward of action points, audit."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from steerco.audit.models import AuditAction, AuditEntry
from steerco.reports.pack import carried_forward_action_points
from steerco.steering import services
from steerco.steering.models import (
    ActionPoint,
    ActionStatus,
    Decision,
    GroupKind,
    Meeting,
    MeetingPack,
    MeetingStatus,
    SteeringGroup,
)
from tests.base import SteercoTestCase

from .world import meeting, point, steering_world

D = datetime.date


def audit_of(obj: object) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),  # type: ignore[attr-defined]
        ).order_by("id")
    )


class ValidationTest(SteercoTestCase):
    def test_a_meeting_outside_the_programme_dates_is_refused_at_the_date(self) -> None:
        w = steering_world(self)
        late = Meeting(group=w.kz_nsg, start_date=D(2026, 1, 10), period=self.year1)
        with self.assertRaises(ValidationError) as raised:
            services.save_meeting(late, acting_user=self.kz_coordinator)
        self.assertIn("start_date", raised.exception.message_dict)
        self.assertIn("2021-04-01 to 2025-09-30", raised.exception.message_dict["start_date"][0])
        self.assertFalse(Meeting.objects.filter(start_date=D(2026, 1, 10)).exists())

    def test_a_meeting_ending_before_it_starts_is_refused(self) -> None:
        w = steering_world(self)
        backwards = Meeting(
            group=w.kz_nsg, start_date=D(2022, 5, 10), end_date=D(2022, 5, 9), period=self.year1
        )
        with self.assertRaises(ValidationError) as raised:
            services.save_meeting(backwards, acting_user=self.kz_coordinator)
        self.assertIn("end_date", raised.exception.message_dict)

    def test_a_meeting_takes_the_next_number_of_its_group_and_a_taken_number_is_refused(self) -> None:
        w = steering_world(self)
        second = services.save_meeting(
            Meeting(group=w.kz_nsg, start_date=D(2022, 5, 10), period=self.year1),
            acting_user=self.kz_coordinator,
        )
        self.assertEqual(second.number, 2)
        clash = Meeting(group=w.kz_nsg, number=2, start_date=D(2022, 6, 10), period=self.year1)
        with self.assertRaises(ValidationError) as raised:
            services.save_meeting(clash, acting_user=self.kz_coordinator)
        self.assertIn("already has a meeting number 2", raised.exception.message_dict["number"][0])

    def test_an_action_point_due_before_its_meeting_is_refused(self) -> None:
        w = steering_world(self)
        Meeting.objects.filter(pk=w.kz_meeting.pk).update(status=MeetingStatus.HELD)
        early = ActionPoint(
            meeting=w.kz_meeting, text="Too early", owner_organisation=w.kz_org, due_date=D(2021, 11, 1)
        )
        with self.assertRaises(ValidationError) as raised:
            services.record_action_point(early, acting_user=self.kz_coordinator)
        self.assertIn("before the meeting", raised.exception.message_dict["due_date"][0])
        self.assertFalse(ActionPoint.objects.filter(text="Too early").exists())

    def test_an_action_point_needs_an_owner(self) -> None:
        w = steering_world(self)
        ownerless = ActionPoint(meeting=w.kz_meeting, text="Nobody's", due_date=D(2022, 1, 1))
        with self.assertRaises(ValidationError) as raised:
            services.record_action_point(ownerless, acting_user=self.kz_coordinator)
        self.assertIn("owner_organisation", raised.exception.message_dict)

    def test_closing_an_action_point_without_a_note_is_refused_and_nothing_is_written(self) -> None:
        w = steering_world(self)
        entries = AuditEntry.objects.count()
        with self.assertRaises(ValidationError) as raised:
            services.close_action_point(w.kz_point, acting_user=self.kz_coordinator, note="  ")
        self.assertIn("closing note is required", raised.exception.message_dict["closing_note"][0])
        w.kz_point.refresh_from_db()
        self.assertEqual(w.kz_point.status, ActionStatus.OPEN)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_an_action_point_is_closed_at_a_later_meeting_only(self) -> None:
        w = steering_world(self)
        earlier = meeting(w.kz_nsg, 9, D(2021, 10, 1), self.year1)
        with self.assertRaises(ValidationError) as raised:
            services.close_action_point(w.kz_point, acting_user=self.manager, note="Done", closed_at=earlier)
        self.assertIn("closed_at", raised.exception.message_dict)

    def test_a_national_group_needs_a_country_of_the_programme_and_a_regional_one_none(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            services.save_steering_group(
                SteeringGroup(programme=self.bomca, kind=GroupKind.NATIONAL, name="NSG ?"),
                acting_user=self.manager,
            )
        self.assertIn("country", raised.exception.message_dict)
        with self.assertRaises(ValidationError):
            services.save_steering_group(
                SteeringGroup(programme=self.bomca, kind=GroupKind.NATIONAL, country="UZ", name="NSG UZ"),
                acting_user=self.manager,
            )
        with self.assertRaises(ValidationError):
            services.save_steering_group(
                SteeringGroup(programme=self.bomca, kind=GroupKind.REGIONAL, country="KZ", name="RSG 2"),
                acting_user=self.manager,
            )

    def test_decisions_wait_for_the_pack_and_stop_when_the_minutes_are_approved(self) -> None:
        w = steering_world(self)
        with self.assertRaises(ValidationError) as raised:
            services.record_decision(
                Decision(meeting=w.rsg_meeting, text="Too soon"), acting_user=self.manager
            )
        self.assertIn("planned", raised.exception.messages[0])
        services.approve_minutes(w.kz_meeting, acting_user=self.manager)
        with self.assertRaises(ValidationError):
            services.record_decision(
                Decision(meeting=w.kz_meeting, text="Too late"), acting_user=self.manager
            )


class StatusFlowTest(SteercoTestCase):
    def test_the_meeting_goes_planned_circulated_held_minutes_approved_with_an_audit_entry_each(self) -> None:
        w = steering_world(self)
        m = w.rsg_meeting
        with self.assertRaises(ValidationError):
            services.hold_meeting(m, acting_user=self.manager)  # the pack goes out first
        pack = services.circulate_pack(m, acting_user=self.manager)
        self.assertEqual((pack.version, m.status), (1, MeetingStatus.PACK_CIRCULATED))
        services.hold_meeting(m, acting_user=self.manager)
        with self.assertRaises(ValidationError):
            services.circulate_pack(m, acting_user=self.manager)
        services.approve_minutes(m, acting_user=self.manager)
        m.refresh_from_db()
        self.assertEqual(m.status, MeetingStatus.MINUTES_APPROVED)
        transitions = [(e.action, e.before["status"], e.after["status"]) for e in audit_of(m)]
        self.assertEqual(
            transitions,
            [
                (AuditAction.CIRCULATE, "planned", "pack_circulated"),
                (AuditAction.UPDATE, "pack_circulated", "held"),
                (AuditAction.UPDATE, "held", "minutes_approved"),
            ],
        )
        self.assertEqual(audit_of(m)[-1].rationale, "Minutes approved")
        self.assertEqual([e.action for e in audit_of(pack)], [AuditAction.CIRCULATE])
        self.assertEqual(audit_of(pack)[0].programme_id, self.bomca.pk)

    def test_circulating_again_adds_a_version_and_leaves_the_first_unchanged(self) -> None:
        w = steering_world(self)
        first = services.circulate_pack(w.rsg_meeting, acting_user=self.manager)
        first_pdf = first.pdf.read()
        first.pdf.close()
        point(w.kz_meeting, "A new action appears after the first circulation", w.kz_org, D(2022, 1, 1))
        second = services.circulate_pack(w.rsg_meeting, acting_user=self.manager)
        self.assertEqual(second.version, 2)
        self.assertNotEqual(first.content_hash, second.content_hash)
        first.refresh_from_db()
        with first.pdf.open("rb") as stored:
            self.assertEqual(stored.read(), first_pdf)
        self.assertEqual(MeetingPack.objects.filter(meeting=w.rsg_meeting).count(), 2)


class ActionPointTest(SteercoTestCase):
    def test_recording_sets_the_answering_country_and_audits(self) -> None:
        w = steering_world(self)
        Meeting.objects.filter(pk=w.rsg_meeting.pk).update(status=MeetingStatus.HELD)
        w.rsg_meeting.refresh_from_db()
        regional = services.record_action_point(
            ActionPoint(
                meeting=w.rsg_meeting,
                text="KZ agency reports",
                owner_organisation=w.kz_org,
                due_date=D(2022, 9, 1),
            ),
            acting_user=self.manager,
        )
        self.assertEqual(regional.country, "KZ")  # so that the Kazakh counterpart may answer it
        entry = audit_of(regional)[0]
        self.assertEqual(
            (entry.action, entry.country, entry.actor_id), (AuditAction.CREATE, "KZ", self.manager.pk)
        )

    def test_a_follow_up_moves_the_status_with_a_note_but_never_closes(self) -> None:
        w = steering_world(self)
        services.update_action_point_status(
            w.kz_point,
            acting_user=self.kz_counterpart,
            status=ActionStatus.IN_PROGRESS,
            note="Drafting the list.",
        )
        w.kz_point.refresh_from_db()
        self.assertEqual(w.kz_point.status, ActionStatus.IN_PROGRESS)
        self.assertEqual(w.kz_point.notes.get().note, "Drafting the list.")
        self.assertEqual(audit_of(w.kz_point)[-1].rationale, "Drafting the list.")
        with self.assertRaises(ValidationError) as raised:
            services.update_action_point_status(
                w.kz_point, acting_user=self.kz_counterpart, status="closed", note="x"
            )
        self.assertIn("status", raised.exception.message_dict)
        with self.assertRaises(ValidationError) as raised:
            services.update_action_point_status(
                w.kz_point, acting_user=self.kz_counterpart, status="open", note=""
            )
        self.assertIn("note", raised.exception.message_dict)

    def test_closing_records_where_when_and_how(self) -> None:
        w = steering_world(self)
        services.close_action_point(
            w.kz_point, acting_user=self.manager, note="List received.", closed_at=w.rsg_meeting
        )
        w.kz_point.refresh_from_db()
        self.assertEqual(
            (w.kz_point.status, w.kz_point.closed_on, w.kz_point.closed_at_id, w.kz_point.closing_note),
            (ActionStatus.CLOSED, w.rsg_meeting.start_date, w.rsg_meeting.pk, "List received."),
        )
        entry = audit_of(w.kz_point)[-1]
        self.assertEqual(
            (entry.action, entry.before["status"], entry.after["status"]), ("close", "open", "closed")
        )


class CarryForwardTest(SteercoTestCase):
    def test_open_points_follow_their_group_and_national_ones_reach_the_regional_group(self) -> None:
        w = steering_world(self)
        kz_next = meeting(w.kz_nsg, 2, D(2022, 3, 1), self.year1)
        kg_next = meeting(w.kg_nsg, 2, D(2022, 3, 1), self.year1)
        rsg_next = meeting(w.rsg, 2, D(2022, 3, 20), self.year1)
        self.assertEqual(carried_forward_action_points(kz_next), [w.kz_point])
        self.assertEqual(carried_forward_action_points(kg_next), [w.kg_point])
        self.assertEqual(set(carried_forward_action_points(w.rsg_meeting)), {w.kz_point, w.kg_point})
        self.assertEqual(set(carried_forward_action_points(rsg_next)), {w.kz_point, w.kg_point, w.rsg_point})
        self.assertEqual(carried_forward_action_points(w.ua_meeting), [])

    def test_a_point_closed_at_a_meeting_shows_there_as_closed_and_leaves_later_packs(self) -> None:
        w = steering_world(self)
        services.close_action_point(
            w.kz_point, acting_user=self.manager, note="Done.", closed_at=w.rsg_meeting
        )
        self.assertIn(w.kz_point, carried_forward_action_points(w.rsg_meeting))
        later = meeting(w.rsg, 2, D(2022, 3, 20), self.year1)
        self.assertNotIn(w.kz_point, carried_forward_action_points(later))


class CarryForwardPropertyTest(HypothesisTestCase):
    """Whatever the dates, a pack lists exactly the earlier points of its groups not closed before it."""

    @settings(max_examples=25, deadline=None)
    @given(
        raised=st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=6),
        closed_after=st.lists(
            st.one_of(st.none(), st.integers(min_value=0, max_value=300)), min_size=6, max_size=6
        ),
        meeting_day=st.integers(min_value=0, max_value=400),
        regional=st.booleans(),
    )
    def test_carry_forward_matches_its_definition(
        self, raised: list[int], closed_after: list[int | None], meeting_day: int, regional: bool
    ) -> None:
        from tests import factories as f

        start = D(2021, 6, 1)
        bomca = f.programme()
        f.country(bomca, "KZ")
        period = f.period(bomca, D(2021, 4, 1), D(2022, 3, 31))
        nsg = SteeringGroup.objects.create(programme=bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG")
        rsg = SteeringGroup.objects.create(programme=bomca, kind=GroupKind.REGIONAL, name="RSG")
        owner = f.organisation()
        expected = set()
        at_day = start + datetime.timedelta(days=meeting_day)
        target = meeting(rsg if regional else nsg, 100, at_day, period)
        for index, day in enumerate(raised):
            raised_on = start + datetime.timedelta(days=day)
            raised_at = meeting(nsg, index + 1, raised_on, period)
            closing = closed_after[index]
            closed_on = raised_on + datetime.timedelta(days=closing) if closing is not None else None
            ap = point(
                raised_at,
                f"Action {index}",
                owner,
                raised_on,
                status=ActionStatus.CLOSED if closed_on else ActionStatus.OPEN,
                closed_on=closed_on,
                closing_note="done" if closed_on else "",
            )
            if raised_on < at_day and (closed_on is None or closed_on >= at_day):
                expected.add(ap.pk)
        self.assertEqual({p.pk for p in carried_forward_action_points(target)}, expected)
