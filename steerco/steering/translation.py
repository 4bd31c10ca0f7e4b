"""The steering record's texts that have a version per language (see steerco.core.content)."""

from modeltranslation.translator import register

from steerco.programmes.translation import Translated

from .models import (
    ActionPoint,
    ActionPointNote,
    AgendaItem,
    Decision,
    Meeting,
    NewsDraft,
    Speaker,
    SteeringGroup,
)


@register(SteeringGroup)
class SteeringGroupTranslation(Translated):
    fields = ("name", "terms_of_reference")


@register(Meeting)
class MeetingTranslation(Translated):
    fields = ("place", "highlights", "summary")


@register(AgendaItem)
class AgendaItemTranslation(Translated):
    fields = ("title", "notes")


@register(Decision)
class DecisionTranslation(Translated):
    fields = ("text",)


@register(ActionPoint)
class ActionPointTranslation(Translated):
    fields = ("text", "closing_note")


@register(ActionPointNote)
class ActionPointNoteTranslation(Translated):
    fields = ("note",)


@register(NewsDraft)
class NewsDraftTranslation(Translated):
    fields = ("title", "body")


@register(Speaker)
class SpeakerTranslation(Translated):
    fields = ("key_message",)
