"""The one formatter rounds half up, once, and writes the reader's locale."""

from decimal import Decimal

from django.test import SimpleTestCase
from django.utils import translation

from steerco.core.numbers import format_money, format_number, format_percent, format_share, rounded, share


class RoundingTest(SimpleTestCase):
    def test_it_rounds_half_up_instead_of_cutting(self) -> None:
        self.assertEqual(format_share(5, 12, 1), "41.7\u00a0%")
        self.assertEqual(format_percent(Decimal("35.55"), 1), "35.6\u00a0%")
        self.assertEqual(format_share(125, 1000), "13\u00a0%")
        self.assertEqual(rounded(Decimal("2.5")), Decimal(3))
        self.assertEqual(rounded(Decimal("-2.5")), Decimal(-3))

    def test_it_shows_whole_numbers_without_decimals(self) -> None:
        self.assertEqual(format_number(Decimal("36.00")), "36")
        self.assertEqual(format_number(Decimal("1234567.04"), 1), "1,234,567")
        self.assertEqual(format_number(Decimal("0.25"), 1), "0.3")

    def test_it_says_nothing_when_nothing_can_be_computed(self) -> None:
        self.assertIsNone(share(1, 0))
        self.assertIsNone(share(None, 5))
        self.assertEqual(format_share(3, 0), "")
        self.assertEqual(format_number(None), "")
        self.assertEqual(format_money(None, "EUR"), "—")

    def test_it_writes_money_in_whole_units(self) -> None:
        self.assertEqual(format_money(Decimal("23150000.49"), "EUR"), "EUR 23,150,000")
        self.assertEqual(format_money(Decimal("0.5"), "EUR"), "EUR 1")

    def test_it_writes_the_readers_locale(self) -> None:
        with translation.override("ru"):
            self.assertEqual(format_share(5, 12, 1), "41,7\u00a0%")
