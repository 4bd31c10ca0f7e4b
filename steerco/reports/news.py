"""A draft news item for the programme's website, written from a meeting's record.

The fixed wording is translated; names, places and the secretariat's headline figures are kept as
entered. The draft is a starting point: the secretariat edits it before it is published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from steerco.core.content import document_language
from steerco.steering.models import (
    ActionPoint,
    AgendaItem,
    Decision,
    GroupKind,
    Meeting,
    MeetingMode,
    Participant,
)

from .pack import pack_reader, percent


@dataclass
class NewsText:
    title: str
    body: str


def _join(items: list[str], separator: str = "; ") -> str:
    items = [i.strip().rstrip(".") for i in items if i.strip()]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": separator.join(items[:-1]), "last": items[-1]}


def _lower_first(text: str) -> str:
    # Keeps acronyms such as "EU" or "SBGS" as they are.
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _the(name: str) -> str:
    """A name as it reads inside a sentence: "the State Border Guard Service of Ukraine"."""
    if name[:4].lower() == "the ":
        return name
    return _("the %(name)s") % {"name": name}


def _ordinal(number: int) -> str:
    ordinals = {
        1: _("first"),
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        5: _("fifth"),
        6: _("sixth"),
        7: _("seventh"),
        8: _("eighth"),
        9: _("ninth"),
        10: _("tenth"),
    }
    return ordinals.get(number) or _("no. %(number)s") % {"number": number}


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _count(n: int) -> str:
    return number_format(n, force_grouping=True)


def _delivery_figures(m: Meeting) -> dict[str, Any]:
    """The period's held events and handovers in the group's scope, from delivery (two queries)."""
    from steerco.delivery import selectors as delivery

    reader = pack_reader()
    programme, period = m.group.programme, m.period
    scope = Q(country__in=[m.group.country, ""]) if m.group.country else Q()
    events = delivery.held_between(delivery.events_of(reader, programme), period.start, period.end).filter(
        scope
    )
    figures = delivery.participation_by(events)
    handovers = delivery.handovers_between(
        delivery.handovers_of(reader, programme), period.start, period.end
    ).filter(Q(lot__country=m.group.country) if m.group.country else Q())
    delivered: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for h in handovers:
        delivered[h.recipient.name].append((h.quantity, h.lot.title))
    return {"participation": figures.get((), delivery.Participation()), "delivered": delivered}


def _delivery_sentences(m: Meeting, figures: dict[str, Any]) -> list[str]:
    """What the period delivered, said the way a programme's website says it."""
    project = m.group.kind == GroupKind.PROJECT
    sentences = []
    p = figures["participation"]
    if p.events:
        held = (
            ngettext(
                "Over the period the project held %(events)s event with %(participants)s participants",
                "Over the period the project held %(events)s events with %(participants)s participants",
                p.events,
            )
            if project
            else ngettext(
                "Over the period the programme held %(events)s event with %(participants)s participants",
                "Over the period the programme held %(events)s events with %(participants)s participants",
                p.events,
            )
        ) % {"events": _count(p.events), "participants": _count(p.participants)}
        if p.women_share is not None:
            held += _(", %(share)s of them women") % {"share": percent(p.women, p.women + p.men)}
        sentences.append(held + ".")
    deliveries = []
    for recipient, items in figures["delivered"].items():
        things = [
            _the(_lower_first(title)) if quantity == 1 else f"{_count(quantity)} {_lower_first(title)}"
            for quantity, title in sorted(items, key=lambda item: -item[0])
        ]
        deliveries.append(
            _("%(things)s to %(recipient)s") % {"things": _join(things, ", "), "recipient": _the(recipient)}
        )
    if deliveries:
        if sentences:
            sentence = _("It delivered %(deliveries)s.")
        else:
            sentence = (
                _("The project delivered %(deliveries)s.")
                if project
                else _("The programme delivered %(deliveries)s.")
            )
        sentences.append(sentence % {"deliveries": _join(deliveries)})
    return sentences


def draft_news(meeting_id: int, language: str) -> NewsText:
    """The news item of a meeting in `language`, from eight queries whatever the meeting's size."""
    m = Meeting.objects.select_related(
        "group__programme__donor", "group__programme__lead_implementer", "period", "moderator"
    ).get(pk=meeting_id)
    # The texts (agenda, decisions, the group's name...) in the draft's language where they have it.
    with document_language(language, m.group.programme):
        return _draft_news(m, language)


def _draft_news(m: Meeting, language: str) -> NewsText:
    organisations = list(
        Participant.objects.filter(meeting=m, attendance__in=["present", "online"])
        .values_list("organisation__name", flat=True)
        .distinct()
        .order_by("organisation__name")
    )
    agenda = list(AgendaItem.objects.filter(meeting=m).values_list("title", flat=True))
    decisions = list(Decision.objects.filter(meeting=m).values_list("text", flat=True))
    actions = list(
        ActionPoint.objects.filter(meeting=m).order_by("due_date", "id").values_list("text", flat=True)
    )
    following = m.next_of_group()
    programme = m.group.programme
    figures = _delivery_figures(m)
    with translation.override(language):
        # "E" is the month name as it stands in a date (genitive in Russian and Ukrainian).
        day = date_format(m.start_date, "j E Y")
        if m.end_date:
            day = _("%(first)s to %(last)s") % {
                "first": date_format(m.start_date, "j E"),
                "last": date_format(m.end_date, "j E Y"),
            }
        online = m.mode == MeetingMode.ONLINE or not m.place
        title = (
            _("%(programme)s: the %(group)s meets online")
            % {"programme": programme.code, "group": m.group.name}
            if online
            else _("%(programme)s: the %(group)s meets in %(place)s")
            % {"programme": programme.code, "group": m.group.name, "place": m.place}
        )
        paragraphs = []
        where = (
            _("On %(date)s the %(group)s of %(programme)s met online for its %(ordinal)s meeting.")
            if online
            else _("On %(date)s the %(group)s of %(programme)s met in %(place)s for its %(ordinal)s meeting.")
        ) % {
            "date": day,
            "group": m.group.name,
            "programme": programme.title,
            "ordinal": _ordinal(m.number),
            "place": m.place,
        }
        who = []
        if m.opened_by:
            who.append(_("The meeting was opened by %(person)s.") % {"person": m.opened_by})
        if m.moderator:
            who.append(
                _("%(organisation)s moderated the discussion.")
                % {"organisation": m.moderator.short_name or m.moderator.name}
            )
        if organisations:
            who.append(
                _("It brought together representatives of %(organisations)s.")
                % {"organisations": _join([_the(o) for o in organisations], ", ")}
            )
        paragraphs.append(" ".join([where, *who]))
        review = _("The participants reviewed the progress made from %(start)s to %(end)s.") % {
            "start": date_format(m.period.start, "j E Y"),
            "end": date_format(m.period.end, "j E Y"),
        }
        if agenda:
            review += " " + _("The agenda covered %(items)s.") % {
                "items": _join([_lower_first(a) for a in agenda])
            }
        paragraphs.append(review)
        delivered = _delivery_sentences(m, figures)
        if delivered:
            paragraphs.append(" ".join(delivered))
        if m.highlight_lines:
            paragraphs.append(
                _("Among the results presented: %(highlights)s.") % {"highlights": _join(m.highlight_lines)}
            )
        if decisions:
            # Decisions are recorded as what the group did ("Endorsed the work plan for 2024."),
            # so they read on from the group's name.
            paragraphs.append(
                _("The %(group)s %(decisions)s.")
                % {"group": m.group.name, "decisions": _join([_lower_first(d) for d in decisions])}
            )
        next_steps = []
        if actions:
            next_steps.append(
                _("The participants agreed on the next steps: %(actions)s.")
                % {"actions": _join([_lower_first(a) for a in actions])}
            )
        if following:
            next_steps.append(
                _("The next meeting of the group is planned for %(date)s.")
                % {"date": date_format(following.start_date, "j E Y")}
            )
        if next_steps:
            paragraphs.append(" ".join(next_steps))
        paragraphs.append(
            _("%(programme)s is funded by the %(donor)s and implemented by %(implementer)s.")
            % {
                "programme": programme.code,
                "donor": programme.donor.name,
                "implementer": _the(programme.lead_implementer.name),
            }
        )
    return NewsText(title=_sentence(title), body="\n\n".join(_sentence(p) for p in paragraphs))
