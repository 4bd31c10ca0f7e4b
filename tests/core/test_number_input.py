"""Numbers typed in the reader's language: "7,5" is 7.5 in Russian and Ukrainian, refused with both
readings in English; never silently changed, in every form that takes a number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from steerco.audit.models import AuditEntry
from steerco.core.number_input import NumberField, WholeNumberField, parse_number, typed_form
from steerco.delivery.forms import EventForm, ProcurementLotForm
from steerco.programmes.forms import AmendmentForm, BudgetLineForm
from steerco.results.models import IndicatorUpdate, Target
from tests.base import SteercoTestCase
from tests.results.world import results_world

NBSP, NARROW = "\u00a0", "\u202f"


class ParseNumberTest(SimpleTestCase):
    def read(self, text: str, language: str) -> Decimal:
        return parse_number(text, field="Target", language=language)

    def refused(self, text: str, language: str) -> ValidationError:
        with self.assertRaises(ValidationError) as caught:
            self.read(text, language)
        return caught.exception

    def test_russian_and_ukrainian_read_a_decimal_comma_and_space_grouping(self) -> None:
        for language in ("ru", "uk"):
            for text, number in (
                ("7,5", "7.5"),
                ("7.5", "7.5"),  # these languages never group with points: a point is a decimal point
                ("1 234,5", "1234.5"),
                (f"1{NBSP}234,5", "1234.5"),
                (f"12{NARROW}345{NARROW}678", "12345678"),
                ("1,234", "1.234"),
                ("-2,5", "-2.5"),
                ("\u22122,5", "-2.5"),
                (" 60 ", "60"),
                (",5", "0.5"),
            ):
                with self.subTest(language=language, text=text):
                    self.assertEqual(self.read(text, language), Decimal(number))

    def test_english_reads_a_decimal_point_and_unambiguous_comma_grouping(self) -> None:
        for text, number in (
            ("7.5", "7.5"),
            ("1,234.5", "1234.5"),  # a point follows: the comma can only group
            ("1,234,567", "1234567"),  # two commas: they can only group
            ("1 234.5", "1234.5"),
            ("-3", "-3"),
        ):
            with self.subTest(text=text):
                self.assertEqual(self.read(text, "en"), Decimal(number))

    def test_english_refuses_a_comma_that_could_be_decimal_and_says_how_to_write_it(self) -> None:
        for text, decimal, whole in (
            ("7,5", "7.5", "75"),
            ("1,234", "1.234", "1234"),
            ("7,50", "7.50", "750"),
        ):
            with self.subTest(text=text):
                error = self.refused(text, "en")
                self.assertEqual(error.code, "ambiguous")
                message = error.messages[0]
                self.assertIn("Target", message)
                self.assertIn(f"Write {decimal} for a decimal number, or {whole} without the comma", message)

    def test_text_that_is_no_number_is_refused_in_every_language(self) -> None:
        for language in ("en", "ru", "uk"):
            for text in (
                "lots",
                "1e5",
                "NaN",
                "Infinity",
                "12 34",
                "1.2.3",
                "EUR 5",
                "--5",
                "1,234.5,6",
                "²",
                "\u0663",
            ):
                with self.subTest(language=language, text=text):
                    self.assertIn(self.refused(text, language).code, {"invalid", "mixed", "ambiguous"})
        for text in ("1.234,5", "1,234.5"):  # both marks in a decimal-comma language
            self.assertEqual(self.refused(text, "ru").code, "mixed")
        self.assertEqual(self.refused("1,234,567", "uk").code, "invalid")
        self.assertIn("1234,5", self.refused("lots", "ru").messages[0])  # the example is in the language
        self.assertIn("1234.5", self.refused("lots", "en").messages[0])

    def test_a_stored_number_is_shown_as_it_would_be_typed_in_the_language(self) -> None:
        self.assertEqual(typed_form(Decimal("7.5000"), "ru"), "7,5")
        self.assertEqual(typed_form(Decimal("7.5000"), "en"), "7.5")
        self.assertEqual(typed_form(Decimal("1500000.00"), "uk"), "1500000")
        self.assertEqual(typed_form(Decimal("0.0000"), "en"), "0")
        self.assertEqual(typed_form("7,5", "en"), "7,5")  # what someone typed is shown back as it was

    def test_fields_read_the_active_language_and_whole_numbers_stay_whole(self) -> None:
        number, whole = NumberField(label="Score"), WholeNumberField(label="Participants")
        with translation.override("ru"):
            self.assertEqual(number.clean("7,5"), Decimal("7.5"))
            self.assertEqual(whole.clean("1 234"), 1234)
            self.assertEqual(whole.clean("12,0"), 12)
            with self.assertRaises(ValidationError) as caught:
                whole.clean("7,5")
            self.assertEqual(caught.exception.code, "whole")
        with translation.override("en"):
            with self.assertRaises(ValidationError) as caught:
                number.clean("7,5")
            self.assertIn("Score", caught.exception.messages[0])
        self.assertEqual(number.widget.input_type, "text")
        self.assertEqual(number.widget.attrs["inputmode"], "decimal")


class NumbersInFormsTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def speak(self, language: str) -> None:
        self.client.cookies["steerco_language"] = language

    def targets_url(self) -> str:
        return reverse("results:targets", args=["bomca", self.w.trained.pk])

    def test_targets_typed_with_a_decimal_comma_are_saved_as_the_language_reads_them(self) -> None:
        y1 = self.year1.pk
        self.login("me_officer")
        for language, kz, kg in (("ru", "7,5", "1 234,5"), ("uk", f"8{NBSP}000,25", "0,5")):
            with self.subTest(language=language):
                self.speak(language)
                response = self.client.post(self.targets_url(), {f"t_{y1}_KZ": kz, f"t_{y1}_KG": kg})
                self.assertEqual(response.status_code, 302)
                saved = {t.country: t.value for t in Target.objects.filter(indicator=self.w.trained)}
                expected = {"ru": {"KZ": "7.5", "KG": "1234.5"}, "uk": {"KZ": "8000.25", "KG": "0.5"}}
                self.assertEqual(saved, {c: Decimal(v) for c, v in expected[language].items()})
        page = self.client.get(self.targets_url())  # shown back in Ukrainian: with a decimal comma
        self.assertContains(page, 'value="8000,25"')

    def test_an_ambiguous_target_in_english_is_refused_at_its_cell_and_nothing_is_saved(self) -> None:
        y1 = self.year1.pk
        self.login("me_officer")
        self.speak("en")
        audit = AuditEntry.objects.count()
        response = self.client.post(self.targets_url(), {f"t_{y1}_KZ": "7,5", f"t_{y1}_KG": "20"})
        self.assertContains(response, f'aria-describedby="id_t_{y1}_KZ_error"', status_code=400)
        self.assertContains(
            response, "Write 7.5 for a decimal number, or 75 without the comma.", status_code=400
        )
        self.assertEqual(
            {t.country: t.value for t in Target.objects.filter(indicator=self.w.trained)}, {"KZ": 30}
        )
        self.assertEqual(AuditEntry.objects.count(), audit)

    def entry(self, language: str, value: str, women: str, men: str) -> Any:
        self.login("kz_coordinator")
        self.speak(language)
        update = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        sex, i = self.w.sex.pk, self.w.trained.pk
        data = {
            f"i{i}-version": str(update.version),
            f"i{i}-value": value,
            f"i{i}-dis_{sex}_0": women,
            f"i{i}-dis_{sex}_1": men,
        }
        return self.client.post(reverse("results:country_entry", args=["bomca", "kz", self.year1.pk]), data)

    def test_the_entry_screen_reads_values_and_breakdowns_in_the_language(self) -> None:
        response = self.entry("ru", "12,5", "4,5", "8")
        self.assertEqual(response.status_code, 302)
        update = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        self.assertEqual(update.value, Decimal("12.5"))
        self.assertEqual(update.disaggregated[str(self.w.sex.pk)], {"Women": "4.5", "Men": "8"})

    def test_the_entry_screen_refuses_an_ambiguous_value_in_english_with_nothing_saved(self) -> None:
        before = list(IndicatorUpdate.objects.order_by("pk").values())
        response = self.entry("en", "12,5", "4.5", "8")
        self.assertContains(response, f'id="id_i{self.w.trained.pk}-value_error"', status_code=400)
        self.assertContains(response, "Value: “12,5” can be read two ways.", status_code=400)
        self.assertEqual(list(IndicatorUpdate.objects.order_by("pk").values()), before)

    def field_results(self, form: Any, names: list[str]) -> dict[str, Any]:
        form.is_valid()
        return {n: form.errors[n][0] if n in form.errors else form.cleaned_data.get(n) for n in names}

    def test_delivery_and_budget_forms_read_numbers_in_the_language(self) -> None:
        agency = self.kz.institutions.first()
        forms: list[tuple[Any, dict[str, str], dict[str, Any]]] = [
            (
                lambda data: EventForm(data, programme=self.bomca, user=self.manager),
                {
                    "participants_total": "1 204",
                    "participants_female": "600",
                    "participants_male": "604",
                    "pre_test_average": "61,5",
                    "post_test_average": "78.25",
                    f"agency_{agency.pk}": "1 000",
                    "agency_other": "204",
                },
                {
                    "participants_total": 1204,
                    "participants_female": 600,
                    "participants_male": 604,
                    "pre_test_average": Decimal("61.5"),
                    "post_test_average": Decimal("78.25"),
                    f"agency_{agency.pk}": 1000,
                    "agency_other": 204,
                },
            ),
            (
                lambda data: ProcurementLotForm(data, programme=self.bomca, user=self.manager),
                {"quantity": "500", "estimated_value": "1 234 567,5", "contracted_value": "999 999,99"},
                {
                    "quantity": 500,
                    "estimated_value": Decimal("1234567.5"),
                    "contracted_value": Decimal("999999.99"),
                },
            ),
            (
                lambda data: BudgetLineForm(data, programme=self.bomca),
                {"amount": f"2{NBSP}500{NBSP}000,00"},
                {"amount": Decimal("2500000.00")},
            ),
            (
                lambda data: AmendmentForm(data),
                {"budget_delta": "\u22121 500 000"},
                {"budget_delta": Decimal("-1500000")},
            ),
        ]
        for language in ("ru", "uk"):
            for make, typed, expected in forms:
                name = make(None).__class__.__name__
                with self.subTest(language=language, form=name), translation.override(language):
                    self.assertEqual(self.field_results(make(typed), list(expected)), expected)

    def test_delivery_and_budget_forms_refuse_an_ambiguous_comma_in_english_at_the_field(self) -> None:
        cases = [
            (
                EventForm(
                    {"pre_test_average": "61,5", "participants_total": "1,204"},
                    programme=self.bomca,
                    user=self.manager,
                ),
                {"pre_test_average": "61.5", "participants_total": "1.204"},
            ),
            (BudgetLineForm({"amount": "2500,5"}, programme=self.bomca), {"amount": "2500.5"}),
        ]
        with translation.override("en"):
            for form, fields in cases:
                form.is_valid()
                for name, decimal in fields.items():
                    with self.subTest(field=name):
                        self.assertIn(f"Write {decimal} for a decimal number", form.errors[name][0])
                        self.assertNotIn(name, form.cleaned_data)


class EveryFormTest(SimpleTestCase):
    def test_every_number_a_person_types_in_any_form_is_read_by_the_one_rule(self) -> None:
        """A new form with a plain IntegerField or DecimalField would bring back the browser's guess."""
        import importlib
        import inspect

        from django import forms

        plain = []
        for module_name in (
            "steerco.accounts.forms",
            "steerco.delivery.forms",
            "steerco.programmes.forms",
            "steerco.results.forms",
            "steerco.steering.forms",
        ):
            module = importlib.import_module(module_name)
            for name, form in inspect.getmembers(module, inspect.isclass):
                if not issubclass(form, forms.BaseForm) or form.__module__ != module_name:
                    continue
                for field_name, field in form.base_fields.items():
                    typed = isinstance(field, (forms.IntegerField, forms.FloatField))
                    hidden = isinstance(field.widget, forms.HiddenInput)  # versions, never typed
                    if typed and not hidden and not isinstance(field, (NumberField, WholeNumberField)):
                        plain.append(f"{name}.{field_name}")
        self.assertEqual(plain, [])
