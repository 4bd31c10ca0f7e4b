"""Every upload point applies one rule: type, name length, size, content; images lose their metadata."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from PIL import Image

from steerco.audit.models import AuditEntry
from steerco.core.uploads import UPLOAD_NAME_MAX, size_and_limit, validate_upload
from steerco.delivery.models import EventAttachment, Handover, RecommendationStatusChange, Verification
from steerco.results.models import Evidence
from tests.base import SteercoTestCase
from tests.delivery.world import delivery_world
from tests.results.world import results_world
from tests.uploads import PDF, image_bytes, office_bytes, upload

MB = 1024 * 1024


class SizeMessageTest(SimpleTestCase):
    def test_the_size_and_the_limit_never_read_as_the_same_number(self) -> None:
        self.assertEqual(size_and_limit(int(10.4 * MB), 10 * MB), ("10.4 MB", "10 MB"))
        self.assertEqual(size_and_limit(int(10.04 * MB), 10 * MB), ("10.04 MB", "10 MB"))
        self.assertEqual(size_and_limit(10 * MB + 1, 10 * MB), ("10,485,761 bytes", "10,485,760 bytes"))
        self.assertEqual(size_and_limit(int(10.96 * MB), 10 * MB), ("11 MB", "10 MB"))  # half up
        self.assertEqual(size_and_limit(3000, 2048), ("2.9 kB", "2 kB"))
        self.assertEqual(size_and_limit(51, 50), ("51 bytes", "50 bytes"))

    @override_settings(UPLOAD_MAX_BYTES=10 * MB)
    def test_the_message_names_the_file_its_size_and_the_limit(self) -> None:
        big = SimpleUploadedFile("scan.pdf", PDF + b"x" * int(0.4 * MB + 10 * MB))
        with self.assertRaises(ValidationError) as caught:
            validate_upload(big)
        self.assertEqual(caught.exception.messages, ["scan.pdf is 10.4 MB; the limit is 10 MB."])


class ContentTest(SimpleTestCase):
    def refused(self, name: str, content: bytes) -> str:
        with self.assertRaises(ValidationError) as caught:
            validate_upload(SimpleUploadedFile(name, content))
        return caught.exception.messages[0]

    def test_files_whose_content_matches_their_name_pass(self) -> None:
        for name in (
            "a.pdf",
            "a.jpg",
            "a.jpeg",
            "a.png",
            "a.docx",
            "a.xlsx",
            "a.odt",
            "a.ods",
            "a.csv",
            "a.txt",
        ):
            with self.subTest(name=name):
                validate_upload(upload(name))

    def test_a_file_whose_content_is_not_what_its_name_says_is_refused(self) -> None:
        for name, content in (
            ("act.pdf", b"<html>not a pdf</html>"),
            ("act.pdf", image_bytes("PNG")),
            ("photo.jpg", b"jpeg"),
            ("photo.jpg", image_bytes("PNG")),  # a PNG named .jpg
            ("photo.png", PDF),
            ("report.docx", office_bytes("xlsx")),  # a workbook is not a document
            ("report.docx", b"PK\x03\x04 truncated"),
            ("table.xlsx", PDF),
            ("text.odt", office_bytes("ods")),
            ("list.csv", b"MZ\x00\x00binary"),
        ):
            with self.subTest(name=name, content=content[:12]):
                self.assertIn("its content does not match its name", self.refused(name, content))

    def test_a_long_name_is_refused_whatever_the_type(self) -> None:
        name = "x" * (UPLOAD_NAME_MAX + 1 - 4) + ".pdf"
        self.assertIn(
            f"has {UPLOAD_NAME_MAX + 1} characters; at most {UPLOAD_NAME_MAX}", self.refused(name, PDF)
        )
        validate_upload(SimpleUploadedFile("x" * (UPLOAD_NAME_MAX - 4) + ".pdf", PDF))


class UploadPointsTest(SteercoTestCase):
    """The five places that take a file: event attachments, a recommendation's evidence, a signed act,
    a verification photo and an indicator update's evidence."""

    def setUp(self) -> None:
        self.w = delivery_world(self)
        self.r = results_world(self)

    def points(self) -> list[tuple[str, str, Callable[[Any], dict[str, Any]], Callable[[], int]]]:
        w, slug = self.w, self.bomca.slug
        trained = self.r.trained
        return [
            (
                reverse("delivery:attachment_add", args=[slug, w.kz_event.pk]),
                "file",
                lambda f: {"kind": "photo", "title": "Photo", "file": f},
                EventAttachment.objects.count,
            ),
            (
                reverse("delivery:recommendation_status", args=[slug, w.kz_recommendation.pk]),
                "evidence_file",
                lambda f: {"status": "adopted", "on": "2022-06-01", "evidence": "Law", "evidence_file": f},
                RecommendationStatusChange.objects.count,
            ),
            (
                reverse("delivery:handover_add", args=[slug, w.kz_lot.pk]),
                "document",
                lambda f: {
                    "handed_over_on": "2022-05-01",
                    "recipient": w.kz_lot.beneficiary_id,
                    "quantity": "1",
                    "currency": "EUR",
                    "document": f,
                },
                Handover.objects.count,
            ),
            (
                reverse("delivery:verification_add", args=[slug, w.kz_handover.pk]),
                "photo",
                lambda f: {
                    "visited_on": "2022-10-02",
                    "in_use": "on",
                    "quantity_in_use": "1",
                    "condition": "good",
                    "photo": f,
                },
                Verification.objects.count,
            ),
            (
                reverse("results:country_entry", args=[slug, "kz", self.year1.pk]),
                f"i{trained.pk}-evidence",
                lambda f: {
                    f"i{trained.pk}-version": "1",
                    f"i{trained.pk}-value": "20",
                    f"i{trained.pk}-evidence": f,
                },
                Evidence.objects.count,
            ),
        ]

    def test_a_244_character_name_is_refused_the_same_way_at_every_upload_point(self) -> None:
        self.login("manager")
        for url, _field, data, count in self.points():
            with self.subTest(url=url):
                before, audits = count(), AuditEntry.objects.count()
                name = "n" * 240 + ".jpg"
                response = self.client.post(url, data(upload(name)))
                self.assertEqual(response.status_code, 400)
                self.assertContains(
                    response, "The file name has 244 characters; at most 100 are accepted.", status_code=400
                )
                self.assertEqual((count(), AuditEntry.objects.count()), (before, audits))

    def test_a_disguised_file_is_refused_at_every_upload_point(self) -> None:
        self.login("manager")
        for url, _field, data, count in self.points():
            with self.subTest(url=url):
                before = count()
                response = self.client.post(url, data(SimpleUploadedFile("act.pdf", b"MZ\x90\x00 program")))
                self.assertContains(response, "its content does not match its name", status_code=400)
                self.assertEqual(count(), before)

    def test_photos_are_stored_without_their_metadata_at_every_upload_point(self) -> None:
        self.login("manager")
        original = image_bytes("JPEG", size=(8, 6), gps=True)
        self.assertIn(0x8825, Image.open(io.BytesIO(original)).getexif())  # the sample does carry GPS
        for url, _field, data, count in self.points():
            with self.subTest(url=url):
                before = count()
                response = self.client.post(url, data(SimpleUploadedFile("site.jpg", original)))
                self.assertEqual(response.status_code, 302)
                self.assertEqual(count(), before + 1)
        stored = [
            EventAttachment.objects.latest("pk").file,
            RecommendationStatusChange.objects.latest("pk").evidence_file,
            Handover.objects.latest("pk").document,
            Verification.objects.latest("pk").photo,
            Evidence.objects.latest("pk").file,
        ]
        for field_file in stored:
            with self.subTest(stored=field_file.name):
                with field_file.open("rb") as handle:
                    image = Image.open(io.BytesIO(handle.read()))
                self.assertEqual((image.format, image.size), ("JPEG", (8, 6)))
                self.assertEqual(dict(image.getexif()), {})

    def test_the_evidence_file_of_a_status_change_is_in_its_audit_entry(self) -> None:
        self.login("kz_coordinator")
        url, _field, data, _count = self.points()[1]
        response = self.client.post(url, data(upload("decree.pdf")))
        self.assertEqual(response.status_code, 302)
        change = RecommendationStatusChange.objects.latest("pk")
        entry = AuditEntry.objects.filter(object_id=str(self.w.kz_recommendation.pk)).latest("pk")
        self.assertEqual(entry.after["evidence_file"], change.evidence_file.name)
        self.assertTrue(change.evidence_file.name.endswith(".pdf"))

    def test_every_stored_file_downloads_with_a_valid_header_for_a_cyrillic_name_with_a_quote(self) -> None:
        self.login("manager")
        name = 'Акт "приёмки".pdf'
        for url, _field, data, _count in self.points():
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data(upload(name))).status_code, 302)
        slug = self.bomca.slug
        downloads = [
            ("delivery:attachment", EventAttachment.objects.latest("pk").pk),
            ("delivery:recommendation_evidence", RecommendationStatusChange.objects.latest("pk").pk),
            ("delivery:handover_document", Handover.objects.latest("pk").pk),
            ("delivery:verification_photo", Verification.objects.latest("pk").pk),
            ("results:evidence", Evidence.objects.latest("pk").pk),
        ]
        for url_name, pk in downloads:
            with self.subTest(url_name=url_name):
                response = self.client.get(reverse(url_name, args=[slug, pk]))
                self.assertEqual(response.status_code, 200)
                header = response["Content-Disposition"]
                self.assertRegex(
                    header, r'^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8\'\'\S+\.pdf$'
                )
                self.assertNotIn('"приёмки"', header)
                self.assertIn(quote("Акт").lower(), header.lower())
