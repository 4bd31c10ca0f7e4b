"""The logframe's texts that have a version per language (see steerco.core.content)."""

from modeltranslation.translator import register

from steerco.programmes.translation import Translated

from .models import DisaggregationCategory, Indicator, Result


@register(Result)
class ResultTranslation(Translated):
    fields = ("statement", "assumptions")


@register(Indicator)
class IndicatorTranslation(Translated):
    # Milestone statuses are stored by position, so each language's list names the same steps.
    fields = ("name", "definition", "unit", "data_source", "means_of_verification", "milestone_statuses")


@register(DisaggregationCategory)
class DisaggregationCategoryTranslation(Translated):
    # `options` stay the keys values are stored under; `option_labels` name them per language.
    fields = ("name", "option_labels")
