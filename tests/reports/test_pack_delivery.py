"""The pack's delivery sections: events and participants, recommendations, procurement, and their summary."""

from __future__ import annotations

import datetime
import re

from steerco.delivery.models import (
    Event,
    EventAgencyParticipants,
    Handover,
    ProcurementLot,
    ProcurementStep,
    RecommendationStatusChange,
    Stage,
)
from steerco.reports.news import draft_news
from steerco.reports.pack import build_pack
from steerco.reports.render import render_docx, render_html, render_pdf
from tests.base import SteercoTestCase
from tests.reports.delivery_data import delivery_in
from tests.reports.test_pack import docx_text, pdf_text, section
from tests.steering.world import meeting, steering_world

D = datetime.date


def texts(table: object) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]  # type: ignore[attr-defined]


class DeliverySectionsTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)
        # Year 1 runs from 2021-04-01 to 2022-03-31; the KZ meeting is on 2021-11-10.
        self.kz = delivery_in(self, "KZ", D(2021, 6, 1), participants=30, women=12, men=18, units=500)
        self.kg = delivery_in(self, "KG", D(2021, 7, 1), participants=77, women=50, men=27, units=333)

    def test_a_national_pack_shows_its_countrys_delivery_and_nothing_of_another_country(self) -> None:
        doc = build_pack(self.w.kz_meeting)
        text = doc.text_of()
        printed = pdf_text(render_pdf(doc)) + docx_text(render_docx(doc))
        for expected in (
            "Events and participants",
            "Recommendations and their adoption",
            "Procurement: pipeline, delays, handovers and use",
            "Recommendation KZ",
            "LOT-KZ Radios KZ",
            "500 stations",
            str(self.kz.institution),
        ):
            self.assertIn(expected, text)
            self.assertIn(expected, printed)
        for foreign in ("Recommendation KG", "Radios KG", str(self.kg.institution), "Kyrgyzstan"):
            self.assertNotIn(foreign, text)
            self.assertNotIn(foreign, printed)
        # KG's units and participants as figures of their own, not as digits of a generated name's id
        # ("Organisation 1774").
        for figure in ("333", "77"):
            alone = re.compile(rf"(?<!\d){figure}(?!\d)")
            self.assertIsNone(alone.search(text), figure)
            self.assertIsNone(alone.search(printed), figure)

    def test_guests_from_another_country_at_a_regional_event_stay_out_of_a_national_pack(self) -> None:
        regional = delivery_in(self, "KZ", D(2021, 8, 1), tag="-regional")
        Event.objects.filter(pk=regional.event.pk).update(country="")
        EventAgencyParticipants.objects.create(
            event=regional.event, organisation=self.kg.institution, participants=9
        )
        agencies = section(build_pack(self.w.kz_meeting), "events")[-1]
        self.assertEqual({r[0] for r in texts(agencies)}, {str(self.kz.institution)})
        regional_agencies = texts(section(build_pack(self.w.rsg_meeting), "events")[-1])
        self.assertIn([str(self.kg.institution), "Programme-wide", "9"], regional_agencies)

    def test_the_summary_holds_the_periods_headline_delivery_figures(self) -> None:
        summary = {r[0]: r[1] for r in texts(section(build_pack(self.w.kz_meeting), "summary")[0])}
        self.assertEqual(summary["Events held in the period"], "1")
        self.assertEqual(summary["Participants"], "30")
        self.assertEqual(summary["Women's share of participants"], "40\u00a0%")
        self.assertEqual(summary["Units handed over in the period"], "500 stations")
        self.assertEqual(summary["Recommendations taken up"], "1 of 1")

    def test_a_regional_pack_shows_every_country_side_by_side_and_the_roll_up(self) -> None:
        doc = build_pack(self.w.rsg_meeting)
        by_country = section(doc, "events")[0]
        self.assertEqual(
            texts(by_country),
            [
                ["Kazakhstan", "1", "30", "12", "18", "40\u00a0%"],
                ["Kyrgyzstan", "1", "77", "50", "27", "65\u00a0%"],
                ["All countries", "2", "107", "62", "45", "58\u00a0%"],
            ],
        )
        summary = {r[0]: r[1:] for r in texts(section(doc, "summary")[0])}
        self.assertEqual(
            summary["Units handed over in the period"], ["500 stations", "333 stations", "833 stations"]
        )
        self.assertEqual(summary["Recommendations taken up"], ["1 of 1", "1 of 1", "2 of 2"])
        pipeline = texts(section(doc, "procurement")[0])
        self.assertEqual([r[1] for r in pipeline], ["Kazakhstan", "Kyrgyzstan"])
        self.assertIn("Participants by agency", render_html(doc))

    def test_units_add_up_only_within_one_unit_and_are_listed_per_unit_otherwise(self) -> None:
        for title, unit, quantity in (("Scanners", "scanners", 32), ("Rehabilitation", "batch", 1)):
            lot = ProcurementLot.objects.create(
                programme=self.bomca,
                country="KZ",
                beneficiary=self.kz.institution,
                title=title,
                category="other",
                quantity=quantity,
                unit=unit,
            )
            Handover.objects.create(
                lot=lot, recipient=self.kz.institution, handed_over_on=D(2021, 7, 1), quantity=quantity
            )
        summary = {r[0]: r[1] for r in texts(section(build_pack(self.w.kz_meeting), "summary")[0])}
        self.assertEqual(summary["Units handed over in the period"], "500 stations, 32 scanners, 1 batch")
        regional = {r[0]: r[1:] for r in texts(section(build_pack(self.w.rsg_meeting), "summary")[0])}
        self.assertEqual(
            regional["Units handed over in the period"],
            ["500 stations, 32 scanners, 1 batch", "333 stations", "833 stations, 32 scanners, 1 batch"],
        )
        handovers = texts(section(build_pack(self.w.kz_meeting), "procurement")[1])
        self.assertEqual(sorted(r[3] for r in handovers), ["1 batch", "32 scanners", "500 stations"])

    def test_events_outside_the_period_reviewed_are_left_out(self) -> None:
        delivery_in(self, "KZ", D(2021, 3, 1), tag="-old", participants=999, women=999, men=0)
        events = section(build_pack(self.w.kz_meeting), "events")
        self.assertEqual(texts(events[0])[-1][:3], ["Total", "1", "30"])

    def test_a_lot_is_shown_as_it_stood_at_the_meeting(self) -> None:
        # Handed over after the meeting, so late at the meeting: it was planned for 1 September.
        ProcurementStep.objects.create(
            lot=self.kz.lot, stage=Stage.HANDED_OVER, planned_date=D(2021, 9, 1), actual_date=D(2022, 1, 5)
        )
        row = texts(section(build_pack(self.w.kz_meeting), "procurement")[0])[0]
        self.assertEqual(row[3], "Delivered")  # the stage reached by 2021-11-10
        self.assertTrue(row[4].startswith("Handed over"))
        self.assertEqual(row[5], "70 days")  # from 2021-09-01 to 2021-11-10
        self.assertEqual(row[6:], ["500 stations", "38 stations"])

    def test_recommendations_keep_the_status_they_had_on_the_meeting_day(self) -> None:
        RecommendationStatusChange.objects.filter(pk=self.kz.change.pk).update(on=D(2021, 12, 1))
        adoption, changes = section(build_pack(self.w.kz_meeting), "recommendations")
        row = texts(adoption)[0]
        self.assertEqual(row[:3], ["Kazakhstan", "1", "1"])  # given, and still delivered only
        self.assertEqual(row[-1], "0\u00a0%")
        self.assertEqual([r[-1] for r in texts(changes)], ["Delivered"])

    def test_status_changes_count_from_the_previous_meeting_of_the_group(self) -> None:
        later = meeting(self.w.kz_nsg, 2, D(2022, 3, 1), self.year1)
        delivery_in(self, "KZ", D(2021, 12, 1), tag="-new")
        changes = section(build_pack(later), "recommendations")[1]
        self.assertEqual({r[2] for r in texts(changes)}, {"Recommendation KZ-new"})
        self.assertIn("since the previous meeting", changes.caption)


class NewsFiguresTest(SteercoTestCase):
    def test_the_news_draft_says_what_the_period_delivered_in_the_groups_country(self) -> None:
        w = steering_world(self)
        kz = delivery_in(self, "KZ", D(2021, 6, 1), participants=30, women=12, men=18, units=500)
        delivery_in(self, "KG", D(2021, 7, 1), units=333)
        body = draft_news(w.kz_meeting.pk, "en").body
        self.assertIn(
            "In Kazakhstan, the programme held 1 event with 30 participants over the period, "
            "40\u00a0% of them women.",
            body,
        )
        self.assertIn(f"It delivered 500 radios KZ to the {kz.institution.name}.", body)
        self.assertNotIn("333", body)

    def test_without_events_the_deliveries_name_the_programme_and_a_single_unit_takes_the_article(
        self,
    ) -> None:
        w = steering_world(self)
        kz = delivery_in(self, "KZ", D(2021, 6, 1), units=1)
        kz.event.delete()
        body = draft_news(w.kz_meeting.pk, "en").body
        self.assertIn(
            f"In Kazakhstan, the programme delivered the radios KZ to the {kz.institution.name}.", body
        )

    def test_a_regional_news_draft_counts_every_country(self) -> None:
        w = steering_world(self)
        delivery_in(self, "KZ", D(2021, 6, 1), participants=30, women=12, men=18)
        delivery_in(self, "KG", D(2021, 7, 1), participants=10, women=8, men=2)
        body = draft_news(w.rsg_meeting.pk, "en").body
        self.assertIn("held 2 events with 40 participants, 50\u00a0% of them women", body)
