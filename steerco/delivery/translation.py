"""Delivery records' texts that have a version per language (see steerco.core.content)."""

from modeltranslation.translator import register

from steerco.programmes.translation import Translated

from .models import Event, ProcurementLot, Recommendation, WorkPlanItem


@register(Event)
class EventTranslation(Translated):
    fields = ("title",)


@register(ProcurementLot)
class ProcurementLotTranslation(Translated):
    fields = ("title",)


@register(Recommendation)
class RecommendationTranslation(Translated):
    fields = ("text",)


@register(WorkPlanItem)
class WorkPlanItemTranslation(Translated):
    fields = ("title",)
