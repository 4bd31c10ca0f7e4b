"""Printing a pack or minutes opens no connection, whatever people typed; downloads carry valid names."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse
from weasyprint import HTML

from steerco.reports.fetcher import RefusedURL, StaticOnlyFetcher
from steerco.reports.minutes import build_minutes
from steerco.reports.pack import build_pack
from steerco.reports.render import render_pdf
from steerco.steering.models import AgendaItem, Decision, SteeringGroup
from tests.base import SteercoTestCase
from tests.reports.test_pack import pdf_text
from tests.steering.world import steering_world


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths: list[str]

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def listening() -> Iterator[tuple[int, list[str]]]:
    """A tiny HTTP server on a free loopback port; yields the port and the paths it was asked for."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"paths": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hostile_name(port: int) -> str:
    return (
        f"NSG css\f; background: url(http://127.0.0.1:{port}/x); }} }} "
        f"body {{ background: url(http://127.0.0.1:{port}/y) }} x {{"
    )


class PrintFetchesNothingTest(SteercoTestCase):
    def test_the_recording_server_sees_a_fetch_made_without_the_guard(self) -> None:
        # The control: WeasyPrint's own fetcher does reach the server, so silence below means something.
        page = (
            "<style>body {{ background: url(http://127.0.0.1:{port}/css) }}</style>"
            '<img src="http://127.0.0.1:{port}/img">'
        )
        with listening() as (port, seen):
            HTML(string=page.format(port=port)).write_pdf()
        self.assertEqual(sorted(seen), ["/css", "/img"])
        # The same document, printed with the project's fetcher, reaches nothing: even CSS that
        # got into a style sheet could not call out.
        with listening() as (port, seen):
            HTML(string=page.format(port=port), url_fetcher=StaticOnlyFetcher()).write_pdf()
        self.assertEqual(seen, [])

    def test_pack_and_minutes_pdfs_fetch_nothing_for_hostile_names_and_texts(self) -> None:
        w = steering_world(self)
        with listening() as (port, seen):
            image = f'<img src="http://127.0.0.1:{port}/img"><link rel="stylesheet" href="http://127.0.0.1:{port}/css">'
            SteeringGroup.objects.filter(pk=w.kz_nsg.pk).update(name=hostile_name(port))
            AgendaItem.objects.filter(pk=w.kz_agenda_item.pk).update(title="Agenda " + image)
            Decision.objects.filter(meeting=w.kz_meeting).update(text="Decided " + image)
            w.kz_point.text = "Point " + image
            w.kz_point.save()
            self.login("manager")
            slug, pk = self.bomca.slug, w.kz_meeting.pk
            pack = self.client.get(reverse("steering:pack_download", args=[slug, pk, "pdf"]))
            minutes = self.client.get(reverse("steering:minutes", args=[slug, pk, "pdf"]))
            self.assertEqual((pack.status_code, minutes.status_code), (200, 200))
            self.assertEqual(seen, [])
            # The footer still prints the group's name, now taken from the document's text.
            for content in (pack.content, minutes.content):
                self.assertTrue(content.startswith(b"%PDF-"))
                text = pdf_text(content).replace("\x00", "")  # the form feed's missing glyph splits runs
                self.assertIn("NSG css", text)
                self.assertRegex(text, r"· 1 / \d")  # the page counter after the name: the footer
            self.assertIn("Agenda <img", pdf_text(minutes.content).replace("\x00", ""))
            render_pdf(build_pack(w.kz_meeting))
            render_pdf(build_minutes(w.kz_meeting))
            self.assertEqual(seen, [])

    def test_the_fetcher_refuses_everything_but_static_files_and_chart_images(self) -> None:
        fetcher = StaticOnlyFetcher()
        outside = Path(settings.BASE_DIR) / "settings.py"
        for url in (
            "http://127.0.0.1:9/x",
            "https://example.org/logo.png",
            "ftp://127.0.0.1/x",
            "file:///etc/passwd",
            outside.as_uri(),
            (Path(settings.BASE_DIR) / "static" / ".." / "settings.py").as_uri(),
            "file://example.org" + str(Path(settings.BASE_DIR) / "static" / "steerco" / "steerco.css"),
            "data:text/html,<b>x</b>",
            "data:text/css,body{background:url(http://127.0.0.1:9/z)}",
        ):
            with self.subTest(url=url), self.assertRaises(RefusedURL):
                fetcher.fetch(url)
        stylesheet = Path(settings.BASE_DIR) / "static" / "steerco" / "steerco.css"
        served = fetcher.fetch(stylesheet.as_uri())
        self.assertEqual(served.read(), stylesheet.read_bytes())
        self.assertEqual(served.content_type, "text/css")
        chart = fetcher.fetch("data:image/png;base64,iVBORw0KGgo=")
        self.assertEqual(chart.read(), b"\x89PNG\r\n\x1a\n")


class DownloadNamesTest(SteercoTestCase):
    def assert_valid_disposition(self, response: object, expected_utf8: str) -> None:
        header = response["Content-Disposition"]  # type: ignore[index]
        self.assertTrue(header.startswith('attachment; filename="'), header)
        self.assertNotIn("\r", header)
        self.assertNotIn("\n", header)
        fallback = header.split('filename="', 1)[1].split('"', 1)[0]
        self.assertTrue(fallback.isascii() and fallback, header)
        self.assertIn("filename*=UTF-8''" + expected_utf8, header)

    def test_group_names_with_line_breaks_and_quotes_give_valid_headers_on_meeting_downloads(self) -> None:
        w = steering_world(self)
        self.login("manager")
        slug, pk = self.bomca.slug, w.kz_meeting.pk
        for name, expected in (
            ("NSG\r\nSet-Cookie: x=1", "bomca-nsg%20set-cookie%3A-x%3D1-1-"),
            ('НСГ "Казахстан"', quote("bomca-нсг-казахстан-1-")),
        ):
            SteeringGroup.objects.filter(pk=w.kz_nsg.pk).update(name=name)
            for url in (
                reverse("steering:pack_download", args=[slug, pk, "pdf"]),
                reverse("steering:pack_download", args=[slug, pk, "docx"]),
                reverse("steering:minutes", args=[slug, pk, "pdf"]),
                reverse("steering:minutes", args=[slug, pk, "docx"]),
                reverse("steering:pack_file", args=[slug, pk, 1, "pdf"]),
                reverse("steering:pack_file", args=[slug, pk, 1, "docx"]),
            ):
                with self.subTest(name=name, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assert_valid_disposition(response, expected)
                    self.assertNotIn("Set-Cookie", response.headers)


class NoDataInStyleSheetsTest(SimpleTestCase):
    # Template variables allowed inside a style attribute: numbers the code computes, never text.
    COMPUTED = {"node.depth"}

    def test_no_template_writes_a_value_into_css(self) -> None:
        templates = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
        self.assertTrue(templates)
        for path in templates:
            source = path.read_text(encoding="utf-8")
            with self.subTest(template=str(path.relative_to(settings.BASE_DIR))):
                for sheet in re.findall(r"<style[^>]*>(.*?)</style>", source, flags=re.S | re.I):
                    self.assertNotRegex(sheet, r"\{\{|\{%", "a template value inside <style>")
                for attribute in re.findall(r"\bstyle=\"([^\"]*)\"", source, flags=re.I):
                    used = set(re.findall(r"\{\{\s*([\w.]+)", attribute))
                    self.assertLessEqual(used, self.COMPUTED, f"text in a style attribute: {attribute}")
                    self.assertNotIn("{%", attribute)
