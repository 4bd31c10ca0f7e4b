"""Each notification: sent once after the change commits, to the right people only, in their language;
a failing mail server leaves the write done and the mail to be sent again."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.core.roles import Role
from steerco.delivery.models import Handover
from steerco.delivery.services import record_handover
from steerco.results.models import IndicatorUpdate
from steerco.results.services import approve_update, return_update
from steerco.steering.models import (
    ActionPoint,
    GroupKind,
    GroupMember,
    MeetingPack,
    MeetingStatus,
    SteeringGroup,
)
from steerco.steering.services import record_action_point
from steerco.work import notify
from steerco.work.models import Delivery, Kind, Notification, NotificationPreference
from tests import factories as f
from tests.base import SteercoTestCase
from tests.delivery.world import lot
from tests.steering.world import meeting

from .world import build, enter

D = datetime.date


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("mail server down")


def to(address: str) -> list[Any]:
    return [m for m in mail.outbox if address in m.to]


class NotificationTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)
        # An M&E officer of Kyrgyzstan only: never told of Kazakh updates.
        cls.kg_officer = f.user(
            "kg_officer", (cls.bomca, "KG", Role.ME_OFFICER), email="kg_officer@example.org"
        )
        cls.ua_officer = f.user(
            "ua_officer", (cls.ukraine, "", Role.ME_OFFICER), email="ua_officer@example.org"
        )
        cls.nsg = SteeringGroup.objects.create(
            programme=cls.bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG KZ"
        )
        cls.held = meeting(cls.nsg, 1, D(2022, 3, 1), cls.year1, status=MeetingStatus.HELD)

    def submit(self, country: str = "KZ") -> None:
        coordinator = self.kz_coordinator if country == "KZ" else self.kg_coordinator
        with self.captureOnCommitCallbacks(execute=True):
            enter(self, coordinator, country, submit=True)

    def test_a_submission_tells_the_programmes_officers_in_their_language_after_commit(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            enter(self, self.kz_coordinator, "KZ", submit=True)
        self.assertEqual(mail.outbox, [], "nothing is sent before the change commits")
        for callback in callbacks:
            callback()
        self.assertEqual([m.to for m in mail.outbox], [["me_officer@example.org"]])
        message = mail.outbox[0]
        self.assertEqual(message.subject, "BOMCA: 2 обновления ждут утверждения (Казахстан, Year 2)")
        self.assertIn("1.1 Officials trained", message.body)
        self.assertIn(settings.SITE_URL + "/programmes/bomca/approvals/", message.body)
        record = Notification.objects.get()
        self.assertEqual(
            (record.recipient, record.kind, record.attempts), (self.me_officer, Kind.UPDATE_SUBMITTED, 1)
        )
        self.assertIsNotNone(record.sent_at)

    def test_officers_of_another_country_or_programme_hear_nothing(self) -> None:
        self.submit("KZ")
        self.assertEqual(to("kg_officer@example.org") + to("ua_officer@example.org"), [])
        self.submit("KG")
        self.assertEqual(len(to("kg_officer@example.org")), 1)
        self.assertEqual(len(to("me_officer@example.org")), 2)
        self.assertEqual(to("manager@example.org") + to("kz_coordinator@example.org"), [])

    def test_a_second_trigger_of_the_same_occasion_sends_nothing(self) -> None:
        self.submit("KZ")
        updates = list(IndicatorUpdate.objects.filter(country="KZ"))
        with self.captureOnCommitCallbacks(execute=True):
            notify.update_submitted(updates, actor=self.kz_coordinator)
        self.assertEqual(len(mail.outbox), 1)

    def test_returned_and_approved_go_to_whoever_submitted_in_their_language(self) -> None:
        self.submit("KZ")
        mail.outbox.clear()
        trained, women = IndicatorUpdate.objects.filter(country="KZ").order_by("indicator__code")
        with self.captureOnCommitCallbacks(execute=True):
            return_update(trained, acting_user=self.me_officer, note="Додайте список учасників")
            approve_update(women, acting_user=self.me_officer)
        self.assertEqual([m.to for m in mail.outbox], [["kz_coordinator@example.org"]] * 2)
        returned, approved = mail.outbox
        self.assertEqual(returned.subject, "BOMCA: ваше оновлення 1.1 за Year 2 повернуто")
        self.assertIn("Додайте список учасників", returned.body)
        self.assertIn("/programmes/bomca/countries/kz/updates/", returned.body)
        self.assertEqual(approved.subject, "BOMCA: ваше оновлення 1.2 за Year 2 затверджено")

    def test_a_decision_is_not_told_to_a_submitter_who_no_longer_sees_the_update(self) -> None:
        self.submit("KZ")
        mail.outbox.clear()
        self.kz_coordinator.memberships.all().delete()
        update = IndicatorUpdate.objects.filter(country="KZ").first()
        with self.captureOnCommitCallbacks(execute=True):
            approve_update(update, acting_user=self.me_officer)
        self.assertEqual(mail.outbox, [])

    def test_a_circulated_pack_goes_to_the_groups_members_who_see_the_meeting(self) -> None:
        for person, email in [
            ("EU Delegation", "OBSERVER@example.org"),
            ("Secretary", "kz_coordinator@example.org"),
            ("Someone", "outsider@example.org"),
            ("Ukraine", "ua_officer@example.org"),
        ]:
            GroupMember.objects.create(group=self.nsg, person=person, email=email, organisation=self.kz_org)
        pack = MeetingPack.objects.create(
            meeting=self.held,
            version=1,
            generated_at=self.held_time(),
            content_hash="0" * 64,
            pdf="a.pdf",
            docx="a.docx",
        )
        with self.captureOnCommitCallbacks(execute=True):
            notify.pack_circulated(pack, actor=self.kz_coordinator)
        self.assertEqual([m.to for m in mail.outbox], [["observer@example.org"]])
        message = mail.outbox[0]
        self.assertIn("пакет", message.subject)  # the observer reads Ukrainian
        self.assertIn(reverse("steering:pack_file", args=["bomca", self.held.pk, 1, "pdf"]), message.body)

    def held_time(self) -> Any:
        from django.utils import timezone

        return timezone.now()

    def test_an_action_point_tells_its_owner_once_per_owner(self) -> None:
        self.held.status = MeetingStatus.HELD
        new = ActionPoint(
            meeting=self.held,
            text="Send the training needs",
            owner_organisation=self.kz_org,
            due_date=D(2022, 6, 30),
        )
        with self.captureOnCommitCallbacks(execute=True):
            record_action_point(new, acting_user=self.kz_coordinator)
        self.assertEqual([m.to for m in mail.outbox], [["kz_counterpart@example.org"]])
        self.assertIn("/programmes/bomca/action-points/", mail.outbox[0].body)
        new.text = "Send the training needs, by agency"
        with self.captureOnCommitCallbacks(execute=True):
            record_action_point(new, acting_user=self.kz_coordinator)
        self.assertEqual(len(mail.outbox), 1, "an edit of the same owner's point tells nobody again")
        new.owner_organisation = self.kg_org
        with self.captureOnCommitCallbacks(execute=True):
            record_action_point(new, acting_user=self.manager)
        self.assertEqual(len(mail.outbox), 1, "nobody of the new owner is a member who sees it")

    def test_due_in_seven_days_once_per_due_date(self) -> None:
        ActionPoint.objects.create(
            meeting=self.held,
            text="Confirm the site",
            owner_organisation=self.kz_org,
            due_date=D(2022, 5, 15),
            country="KZ",
        )
        ActionPoint.objects.create(
            meeting=self.held,
            text="Later",
            owner_organisation=self.kz_org,
            due_date=D(2022, 6, 15),
            country="KZ",
        )
        call_command("send_notifications", "--date", "2022-05-10", stdout=io.StringIO())
        call_command("send_notifications", "--date", "2022-05-11", stdout=io.StringIO())
        self.assertEqual([m.to for m in mail.outbox], [["kz_counterpart@example.org"]])
        self.assertIn("2022-05-15", mail.outbox[0].subject)

    def test_a_handover_tells_the_receiving_counterparts(self) -> None:
        kg_counterpart = f.user(
            "kg_counterpart",
            (self.bomca, "KG", Role.COUNTERPART),
            email="kgc@example.org",
            organisation=self.kg_org,
        )
        radios = lot(self, "KZ")
        with self.captureOnCommitCallbacks(execute=True):
            record_handover(
                Handover(lot=radios, recipient=self.kz_org, handed_over_on=D(2022, 4, 1), quantity=5),
                acting_user=self.kz_coordinator,
            )
        self.assertEqual([m.to for m in mail.outbox], [["kz_counterpart@example.org"]])
        self.assertIn(reverse("delivery:lot", args=["bomca", radios.pk]), mail.outbox[0].body)
        self.assertEqual(to(kg_counterpart.email), [])

    def test_a_digest_instead_and_never(self) -> None:
        NotificationPreference.objects.create(
            user=self.me_officer, kind=Kind.UPDATE_SUBMITTED, delivery=Delivery.DIGEST
        )
        NotificationPreference.objects.create(
            user=self.kz_coordinator, kind=Kind.UPDATE_RETURNED, delivery=Delivery.NEVER
        )
        self.submit("KZ")
        self.submit("KG")
        self.assertEqual(to("me_officer@example.org"), [])
        mail.outbox.clear()  # the Kyrgyz officer hears at once
        with self.captureOnCommitCallbacks(execute=True):
            return_update(
                IndicatorUpdate.objects.filter(country="KZ").first(), acting_user=self.me_officer, note="Fix"
            )
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Notification.objects.filter(kind=Kind.UPDATE_RETURNED).exists())
        call_command("send_notifications", stdout=io.StringIO())
        self.assertEqual([m.to for m in mail.outbox], [["me_officer@example.org"]])
        self.assertEqual(mail.outbox[0].subject, "steerco: 2 уведомления за день")
        self.assertEqual(Notification.objects.filter(sent_at=None).count(), 0)
        call_command("send_notifications", stdout=io.StringIO())
        self.assertEqual(len(mail.outbox), 1)

    def test_a_failing_mail_server_never_breaks_the_write_and_the_command_sends_it_later(self) -> None:
        with override_settings(EMAIL_BACKEND="tests.work.test_notifications.RefusingBackend"):
            self.submit("KZ")
        self.assertTrue(all(u.state == "submitted" for u in IndicatorUpdate.objects.filter(country="KZ")))
        record = Notification.objects.get()
        self.assertIsNone(record.sent_at)
        self.assertEqual(record.attempts, 1)
        self.assertIn("mail server down", record.last_error)
        call_command("send_notifications", stdout=io.StringIO())
        record.refresh_from_db()
        self.assertIsNotNone(record.sent_at)
        self.assertEqual((record.attempts, record.last_error), (2, ""))
        self.assertEqual([m.to for m in mail.outbox], [["me_officer@example.org"]])

    def test_the_settings_page_saves_each_kind_and_audits_it(self) -> None:
        self.login("me_officer")
        data = {kind.value: Delivery.AT_ONCE for kind in Kind}
        data[Kind.UPDATE_SUBMITTED] = Delivery.DIGEST
        response = self.client.post(reverse("work:preferences"), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            NotificationPreference.objects.get(user=self.me_officer, kind=Kind.UPDATE_SUBMITTED).delivery,
            Delivery.DIGEST,
        )
        self.assertEqual(
            AuditEntry.objects.filter(
                object_id=str(self.me_officer.pk), rationale="notification preferences"
            ).count(),
            1,
        )
        self.client.post(reverse("work:preferences"), data)
        self.assertEqual(AuditEntry.objects.filter(rationale="notification preferences").count(), 1)
        bad = self.client.post(reverse("work:preferences"), {**data, Kind.PACK_CIRCULATED: "hourly"})
        self.assertEqual(bad.status_code, 400)


class ProjectWritesTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)

    def test_what_the_project_writes_itself_tells_nobody(self) -> None:
        from steerco.core.permissions import SYSTEM

        with self.captureOnCommitCallbacks(execute=True):
            enter(self, SYSTEM, "KZ", submit=True)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Notification.objects.exists())
