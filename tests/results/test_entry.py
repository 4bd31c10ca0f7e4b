"""The country coordinator's entry screen: values, disaggregations, evidence, drafts, submission,
conflicts, locked periods, and bad input that is refused at the field with nothing half-saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from steerco.audit.models import AuditAction, AuditEntry
from steerco.results.models import Evidence, IndicatorUpdate, UpdateState
from tests import factories as f
from tests.base import SteercoTestCase

from .world import indicator, results_world, update


class EntryTestCase(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)
        cls.share = indicator(cls.w.output, "1.1.1d", name="Share improved", measure="percentage")

    def url(self, iso: str = "kz", period: Any = None) -> str:
        return reverse("results:country_entry", args=["bomca", iso, (period or self.year1).pk])

    def row(self, ind: Any, **values: Any) -> dict[str, Any]:
        """POST data of one indicator's line, with the version the screen showed."""
        existing = IndicatorUpdate.objects.filter(indicator=ind, period=self.year1, country="KZ").first()
        data = {f"i{ind.pk}-version": str(existing.version if existing else 0)}
        data.update({f"i{ind.pk}-{k}": str(v) for k, v in values.items()})
        return data

    def test_it_lists_every_typed_indicator_the_country_reports(self) -> None:
        self.login("kz_coordinator")
        response = self.client.get(self.url())
        self.assertContains(response, "Officials trained")
        self.assertContains(response, "Share improved")
        self.assertNotContains(response, "Regional strategy")  # reported once for the programme
        self.assertNotContains(response, "Entries recorded")  # computed, not typed
        self.assertContains(response, "Submitted")  # the existing update shows its state

    def test_it_saves_a_draft_with_disaggregation_and_audits_it(self) -> None:
        self.login("kz_coordinator")
        sex = self.w.sex.pk
        data = self.row(self.share, numerator=30, denominator=40)
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 302)
        saved = IndicatorUpdate.objects.get(indicator=self.share, country="KZ")
        self.assertEqual((saved.numerator, saved.denominator, saved.state), (30, 40, UpdateState.DRAFT))
        self.assertEqual(saved.version, 1)
        entry = AuditEntry.objects.get(object_id=str(saved.pk), action=AuditAction.CREATE)
        self.assertIsNone(entry.before)
        self.assertEqual(Decimal(entry.after["numerator"]), 30)
        self.assertEqual(entry.country, "KZ")
        # And the existing update with its breakdown by sex: changed, back to draft.
        data = self.row(self.w.trained, value=25, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 15})
        self.client.post(self.url(), data)
        trained = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        self.assertEqual(trained.value, 25)
        self.assertEqual(trained.disaggregated, {str(sex): {"Women": "10", "Men": "15"}})
        self.assertEqual(trained.state, UpdateState.DRAFT)
        change = AuditEntry.objects.filter(object_id=str(trained.pk), action=AuditAction.UPDATE).get()
        self.assertEqual((Decimal(change.before["value"]), Decimal(change.after["value"])), (20, 25))

    def test_submit_sends_every_draft_of_the_screen(self) -> None:
        self.login("kz_coordinator")
        data = {**self.row(self.share, numerator=3, denominator=4), **self.row(self.w.trained), "submit": "1"}
        data[f"i{self.w.trained.pk}-value"] = "20"
        self.assertEqual(self.client.post(self.url(), data).status_code, 302)
        share = IndicatorUpdate.objects.get(indicator=self.share, country="KZ")
        self.assertEqual(share.state, UpdateState.SUBMITTED)
        self.assertEqual(share.submitted_by, self.kz_coordinator)
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(share.pk), action=AuditAction.SUBMIT).exists()
        )

    def assert_refused(self, data: dict[str, Any], field: str, message: str) -> None:
        before = list(IndicatorUpdate.objects.order_by("pk").values())
        audit = AuditEntry.objects.count()
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, f'id="id_{field}_error"', status_code=400)
        self.assertEqual(list(IndicatorUpdate.objects.order_by("pk").values()), before)
        self.assertEqual(AuditEntry.objects.count(), audit)

    def test_text_in_a_number_is_refused_at_the_field(self) -> None:
        self.login("kz_coordinator")
        data = {
            **self.row(self.w.trained, value="twelve"),
            **self.row(self.share, numerator=1, denominator=2),
        }
        message = "Value: “twelve” is not a number; write it like 1234.5."
        self.assert_refused(data, f"i{self.w.trained.pk}-value", message)

    def test_a_zero_denominator_is_refused_and_nothing_is_half_saved(self) -> None:
        self.login("kz_coordinator")
        # The officials-trained line is valid, the percentage is not: neither is saved.
        data = {**self.row(self.w.trained, value=99), **self.row(self.share, numerator=0, denominator=0)}
        self.assert_refused(data, f"i{self.share.pk}-denominator", "The denominator must be more than zero.")
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, 20)

    def test_a_disaggregation_that_does_not_add_up_says_so_at_the_category(self) -> None:
        self.login("kz_coordinator")
        sex = self.w.sex.pk
        data = self.row(self.w.trained, value=45, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 30})
        self.assert_refused(
            data, f"i{self.w.trained.pk}-dis_{sex}_0", "The values by Sex add up to 40, but the total is 45."
        )

    def test_a_period_outside_the_programme_is_refused_at_the_field(self) -> None:
        other = f.period(self.ukraine, self.year1.start, self.year1.end, label="UA year")
        bad = IndicatorUpdate(indicator=self.w.trained, period=other, country="KZ", value=Decimal(1))
        with self.assertRaises(Exception) as caught:
            bad.full_clean()
        self.assertIn("period", caught.exception.message_dict)  # type: ignore[attr-defined]
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(self.url(period=other)).status_code, 404)

    def test_a_second_editor_gets_a_conflict_with_both_values(self) -> None:
        self.login("kz_coordinator")
        stale = self.row(self.w.trained, value=21)  # loaded at version 1
        self.client.force_login(self.manager)
        self.assertEqual(self.client.post(self.url(), self.row(self.w.trained, value=22)).status_code, 302)
        self.login("kz_coordinator")
        response = self.client.post(self.url(), stale)
        self.assertContains(response, "Someone else saved this update", status_code=400)
        self.assertContains(response, "<strong>22</strong>", status_code=400)  # theirs
        self.assertContains(response, "<strong>21</strong>", status_code=400)  # mine
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, 22)
        # Saving again from the refreshed form is a knowing overwrite.
        version = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).version
        self.assertContains(response, f'value="{version}"', status_code=400)
        stale[f"i{self.w.trained.pk}-version"] = str(version)
        self.assertEqual(self.client.post(self.url(), stale).status_code, 302)
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, 21)

    def test_a_locked_period_accepts_no_changes_and_says_so(self) -> None:
        self.year1.locked = True
        self.year1.save()
        self.login("kz_coordinator")
        response = self.client.get(self.url())
        self.assertContains(response, "is locked: it accepts no more changes")
        self.assertNotContains(response, 'name="submit"')
        response = self.client.post(self.url(), self.row(self.w.trained, value=50))
        self.assertContains(response, "is locked", status_code=400)
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, 20)

    def test_an_approved_value_is_read_only_for_the_country(self) -> None:
        approved = update(self.share, self.year1, "KZ", numerator=Decimal(1), denominator=Decimal(2))
        self.login("kz_coordinator")
        response = self.client.get(self.url())
        self.assertContains(response, "ask the M&E officer to return it")
        self.client.post(self.url(), self.row(self.share, numerator=2, denominator=2))
        self.assertEqual(IndicatorUpdate.objects.get(pk=approved.pk).numerator, 1)

    def test_programme_wide_indicators_have_their_own_screen(self) -> None:
        self.login("me_officer")
        url = reverse("results:programme_entry", args=["bomca", self.year1.pk])
        response = self.client.get(url)
        self.assertContains(response, "Regional strategy")
        self.assertNotContains(response, "Officials trained")
        data = {f"i{self.w.regional.pk}-version": "0", f"i{self.w.regional.pk}-status": "1"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(IndicatorUpdate.objects.get(indicator=self.w.regional).country, "")


@override_settings(UPLOAD_MAX_BYTES=1000, UPLOAD_ALLOWED_EXTENSIONS=["pdf", "xlsx"])
class EvidenceTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    url = EntryTestCase.url
    row = EntryTestCase.row

    def post_file(self, upload: SimpleUploadedFile) -> Any:
        data: dict[str, Any] = self.row(self.w.trained, value=20)
        data[f"i{self.w.trained.pk}-evidence"] = upload
        return self.client.post(self.url(), data)

    def test_an_allowed_file_is_kept_and_served_only_to_readers_in_scope(self) -> None:
        self.login("kz_coordinator")
        response = self.post_file(SimpleUploadedFile("list.pdf", b"%PDF-1.4 small", "application/pdf"))
        self.assertEqual(response.status_code, 302)
        evidence = Evidence.objects.get(name="list.pdf")
        self.assertEqual(evidence.uploaded_by, self.kz_coordinator)
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(evidence.pk), action=AuditAction.CREATE).exists()
        )
        url = reverse("results:evidence", args=["bomca", evidence.pk])
        download = self.client.get(url)
        self.assertEqual(b"".join(download.streaming_content), b"%PDF-1.4 small")  # type: ignore[attr-defined]
        self.login("kg_coordinator")
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.ua_manager)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_file_on_a_line_refused_for_its_split_is_kept_for_the_retry(self) -> None:
        self.login("kz_coordinator")
        sex = self.w.sex.pk
        field = f"i{self.w.trained.pk}-evidence"
        data: dict[str, Any] = self.row(self.w.trained, value=45, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 30})
        data[field] = SimpleUploadedFile("list.pdf", b"%PDF-1.4 kept", "application/pdf")
        response = self.client.post(self.url(), data)
        self.assertContains(response, "The values by Sex add up to 40, but the total is 45.", status_code=400)
        self.assertContains(response, "kept: list.pdf", status_code=400)
        self.assertFalse(Evidence.objects.filter(name="list.pdf").exists())
        row = next(r for r in response.context["rows"] if r.line.indicator == self.w.trained)
        (html_name, reference, name) = row.form.kept_files[0]
        self.assertEqual((html_name, name), (field, "list.pdf"))
        # The retry corrects the split and chooses no file: the kept one is stored with the value.
        retry = self.row(self.w.trained, value=40, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 30})
        retry[f"kept-{field}"] = reference
        self.assertEqual(self.client.post(self.url(), retry).status_code, 302)
        self.assertEqual(Evidence.objects.get(name="list.pdf").file.open("rb").read(), b"%PDF-1.4 kept")

    def test_a_forged_kept_reference_stores_no_file(self) -> None:
        self.login("kz_coordinator")
        sex = self.w.sex.pk
        retry = self.row(self.w.trained, value=40, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 30})
        retry[f"kept-i{self.w.trained.pk}-evidence"] = "kept/list.pdf:forged:signature"
        before = Evidence.objects.count()
        self.assertEqual(self.client.post(self.url(), retry).status_code, 302)
        self.assertEqual(Evidence.objects.count(), before)

    def test_a_file_of_a_refused_type_says_why(self) -> None:
        self.login("kz_coordinator")
        response = self.post_file(SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"))
        self.assertContains(response, "files of type .exe are not accepted", status_code=400)
        self.assertFalse(Evidence.objects.filter(name="run.exe").exists())

    def test_a_file_over_the_limit_says_why(self) -> None:
        self.login("kz_coordinator")
        response = self.post_file(SimpleUploadedFile("big.pdf", b"x" * 2000, "application/pdf"))
        self.assertContains(response, "big.pdf is 2,000 bytes; the limit is 1,000 bytes", status_code=400)
        self.assertFalse(Evidence.objects.filter(name="big.pdf").exists())


@override_settings(UPLOAD_MAX_BYTES=1000, UPLOAD_ALLOWED_EXTENSIONS=["pdf", "xlsx"])
class EveryProblemAtOnceTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    url = EntryTestCase.url
    row = EntryTestCase.row

    def test_a_wrong_file_does_not_hide_a_split_that_does_not_add_up(self) -> None:
        self.login("kz_coordinator")
        sex = self.w.sex.pk
        data: dict[str, Any] = self.row(self.w.trained, value=45, **{f"dis_{sex}_0": 10, f"dis_{sex}_1": 30})
        data[f"i{self.w.trained.pk}-evidence"] = SimpleUploadedFile(
            "run.exe", b"MZ", "application/octet-stream"
        )
        before = list(IndicatorUpdate.objects.order_by("pk").values())
        response = self.client.post(self.url(), data)
        self.assertContains(response, "files of type .exe are not accepted", status_code=400)
        self.assertContains(response, "The values by Sex add up to 40, but the total is 45.", status_code=400)
        self.assertEqual(list(IndicatorUpdate.objects.order_by("pk").values()), before)
        self.assertFalse(Evidence.objects.filter(name="run.exe").exists())


class SubmitChosenLinesTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)
        cls.share = indicator(cls.w.output, "1.1.1d", name="Share improved", measure="percentage")

    url = EntryTestCase.url
    row = EntryTestCase.row

    def test_the_screen_shows_which_lines_save_and_submit_sends(self) -> None:
        self.login("kz_coordinator")
        page = self.client.get(self.url())
        self.assertContains(page, f'name="submit_line" value="{self.share.pk}" checked')
        self.assertContains(page, 'name="choosing"')

    def test_save_and_submit_sends_only_the_ticked_lines(self) -> None:
        self.login("kz_coordinator")
        other = indicator(self.w.output, "1.1.1e", name="Posts equipped")
        data = {
            **self.row(self.share, numerator=3, denominator=4),
            **self.row(other, value=7),
            "choosing": "1",
            "submit_line": [str(other.pk)],
            "submit": "1",
        }
        self.assertEqual(self.client.post(self.url(), data).status_code, 302)
        share = IndicatorUpdate.objects.get(indicator=self.share, country="KZ")
        self.assertEqual(share.state, UpdateState.DRAFT)
        self.assertEqual(
            IndicatorUpdate.objects.get(indicator=other, country="KZ").state, UpdateState.SUBMITTED
        )

    def test_a_refused_save_keeps_the_lines_ticked_as_they_were(self) -> None:
        self.login("kz_coordinator")
        data = {
            **self.row(self.share, numerator=1, denominator=0),
            "choosing": "1",
            "submit": "1",
        }
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, f'name="submit_line" value="{self.share.pk}">', status_code=400)
