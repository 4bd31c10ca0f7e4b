"""The programme's texts that have a version per language (see steerco.core.content)."""

from modeltranslation.translator import TranslationOptions, register

from steerco.core.content import PROGRAMME_FIRST

from .models import BudgetLine, Component, Organisation, Person, Programme, ReportingPeriod, Risk


class Translated(TranslationOptions):
    fallback_languages = PROGRAMME_FIRST


@register(Organisation)
class OrganisationTranslation(Translated):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(Translated):
    fields = ("title", "description")


@register(Component)
class ComponentTranslation(Translated):
    fields = ("title", "description")


@register(ReportingPeriod)
class ReportingPeriodTranslation(Translated):
    fields = ("label",)


@register(Risk)
class RiskTranslation(Translated):
    fields = ("title", "description", "mitigation")


@register(BudgetLine)
class BudgetLineTranslation(Translated):
    fields = ("label",)


@register(Person)
class PersonTranslation(Translated):
    # The name is the person's own; the position reads in each language.
    fields = ("position",)
