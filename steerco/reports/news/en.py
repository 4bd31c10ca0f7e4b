"""The English draft: the programme named in full and then by its acronym, the period's figures said
as the group's own (its country's for a national group), lots and headline figures in sentences."""

from __future__ import annotations

import re

from steerco.core.numbers import format_number, format_share
from steerco.core.plurals import counted
from steerco.delivery.models import Stage
from steerco.results.board import figure_text
from steerco.results.rules import Status

from .facts import Facts
from .words import (
    apposition,
    clause,
    join,
    lower_first,
    meeting_days,
    ordinal,
    person_text,
    span_text,
    upper_first,
    without_phase,
    written_in,
)

L = "en"
# A headline line that already says something ("80 teams have been trained", "webinars shared
# Lithuanian practice") reads as a sentence; "500 stations delivered to the SBGS" does not.
AUXILIARY = {"is", "are", "was", "were", "has", "have", "had", "will"}
PAST_ONLY = {"came", "took", "gave", "began", "won", "went", "saw", "grew", "rose", "fell"}
IRREGULAR_PAST = {"held", "made", "met", "brought", "sent", "built", "led", "taught"}
PREPOSITIONS = {"to", "by", "for", "in", "with", "at", "from", "since", "on", "under", "during", "over"}


def starts_with_a_verb(text: str) -> bool:
    first = (text.split() or [""])[0].lower()
    return first.endswith("ed") or first in PAST_ONLY or first in IRREGULAR_PAST


def says_something(line: str) -> bool:
    words = re.findall(r"[\w’'-]+|[,;:()]", line.lower())
    for i, word in enumerate(words):
        if word in AUXILIARY or (i > 0 and word in PAST_ONLY):
            return True
        if word.endswith("ed") or word in IRREGULAR_PAST:
            following = words[i + 1] if i + 1 < len(words) else ","
            if i > 0 and following not in PREPOSITIONS and following.isalnum():
                return True
    return False


STATUS = {Status.AHEAD: "ahead of its target", Status.ON_TRACK: "on track", Status.OFF_TRACK: "off track"}


def the(name: str) -> str:
    return name if name[:4].lower() == "the " else f"the {name}"


def programme_in_full(f: Facts) -> str:
    """ "the EU-funded Border Management Programme in Central Asia (BOMCA 10)"."""
    p = f.programme
    title = without_phase(p.title, p.code)
    donor = p.donor.short_name or p.donor.name
    funded = "" if title.startswith(donor + " ") else f"{donor}-funded "
    if re.search(r"\b(Programme|Program|Project)\b", title):
        return f"the {funded}{title} ({p.code})"
    noun = "project" if f.is_project else "programme"
    return f"the {funded}{noun} “{title}” ({p.code})"


def compose(f: Facts) -> tuple[str, list[str]]:
    m, group = f.meeting, the(f.group.name)
    noun = "project" if f.is_project else "programme"
    online = m.mode == "online" or not m.place
    where = "online" if online else f"in {m.place}"
    verb = {"past": "held", "present": "holds", "future": "will hold"}[f.tense]
    title = (
        f"{f.programme.code}: {upper_first(f.group.name)} {verb} its {ordinal(L, m.number)} meeting {where}"
    )

    met = {"past": "met", "present": "meets", "future": "will meet"}[f.tense]
    days = meeting_days(L, m.start_date, m.end_date)
    when = upper_first(days) if m.end_date and m.end_date != m.start_date else f"On {days}"
    opening = [
        f"{when}, {group} of {programme_in_full(f)} {met} {where} for its {ordinal(L, m.number)} meeting."
    ]
    was = "will be" if f.tense == "future" else "was"
    if f.opened_by:
        opening.append(f"The meeting {was} opened by {person_text(f.opened_by, L)}.")
    elif m.opened_by.strip() and written_in(m.opened_by, L):
        opening.append(f"The meeting {was} opened by {m.opened_by}.")
    moderated = "will moderate" if f.tense == "future" else "moderated"
    if f.moderated_by:
        opening.append(
            f"{upper_first(apposition(person_text(f.moderated_by, L)))} {moderated} the discussion."
        )
    elif m.moderator:
        opening.append(f"{m.moderator.short_name or m.moderator.name} {moderated} the discussion.")
    if f.organisations:
        brought = "will bring" if f.tense == "future" else "brought"
        names = join([the(o.name) for o in f.organisations], L)
        opening.append(f"It {brought} together representatives of {names}.")
    paragraphs = [" ".join(opening)]

    reviewed = "will review" if f.tense == "future" else "reviewed"
    review = [f"The participants {reviewed} the progress made {span_text(L, m.period.start, m.period.end)}."]
    if f.agenda:
        covered = "will cover" if f.tense == "future" else "covered"
        review.append(f"The agenda {covered} {join([clause(a.title) for a in f.agenda], L, '; ')}.")
    for item, speaker in f.speakers:
        if not written_in(speaker.key_message, L):
            continue
        who, message = apposition(person_text(speaker.person, L)), speaker.key_message.strip().rstrip(".")
        if starts_with_a_verb(message):
            # Key messages are often written as what the speaker did: "Stressed the respect of…".
            review.append(f"On “{item.title}”, {who} {lower_first(message)}.")
        else:
            review.append(f"On “{item.title}”, {who} said: “{message}.”")
    paragraphs.append(" ".join(review))

    figures = _figures(f, noun)
    if figures:
        paragraphs.append(" ".join(figures))
    if m.highlight_lines:
        paragraphs.append(" ".join(_highlights(m.highlight_lines)))
    if f.decisions:
        # Decisions are recorded as what the group did ("Endorsed the work plan."): they read on from
        # the group's name.
        decided = join([clause(d.text) for d in f.decisions], L, "; ")
        paragraphs.append(f"{upper_first(group)} {decided}.")
    steps = []
    if f.actions:
        actions = join([clause(a.text) for a in f.actions], L, "; ")
        steps.append(f"The participants agreed on the next steps: {actions}.")
    if f.following:
        steps.append(
            f"The next meeting of the group is planned for {meeting_days(L, f.following.start_date, None)}."
        )
    if steps:
        paragraphs.append(" ".join(steps))
    donor, implementer = f.programme.donor.name, f.programme.lead_implementer.name
    paragraphs.append(f"{f.programme.code} is funded by {the(donor)} and implemented by {the(implementer)}.")
    return title, paragraphs


def _figures(f: Facts, noun: str) -> list[str]:
    country = str(f.group.country.name) if f.country else ""  # type: ignore[attr-defined]
    sentences = []
    if f.events:
        events, participants = counted("event", L, f.events), counted("participant", L, f.participants)
        held = f"the {noun} held {events} with {participants}"
        held = f"In {country}, {held} over the period" if country else f"Over the period {held}"
        share = format_share(f.women, f.women + f.men)
        if share:
            held += f", {share} of them women"
        sentences.append(held + ".")
    deliveries = []
    for d in f.delivered:
        things = [
            the(lower_first(lot.title))
            if quantity == 1
            else f"{format_number(quantity, 0)} {lower_first(lot.title)}"
            for quantity, lot in d.items
        ]
        deliveries.append(f"{join(things, L)} to {the(d.recipient.name)}")
    if deliveries:
        if sentences:
            lead = "It delivered"
        else:
            lead = f"In {country}, the {noun} delivered" if country else f"The {noun} delivered"
        sentences.append(f"{lead} {join(deliveries, L, '; ')}.")
    for i, progress in enumerate(f.indicators):
        indicator = progress.indicator
        name = f"indicator {indicator.code} “{indicator.name}”"
        actual = figure_text(progress.actual, indicator)
        expected = figure_text(progress.expected, indicator, whole=progress.whole)
        if not actual:
            sentence = f"No value of {name} has been approved for the period yet."
        elif expected and progress.status in STATUS:
            sentence = (
                f"{upper_first(name)} stood at {actual} against {expected} expected to date and is "
                f"{STATUS[progress.status]}."
            )
        else:
            sentence = f"{upper_first(name)} stood at {actual}."
        if i == 0 and country:
            sentence = f"In {country}, {lower_first(sentence)}"
        sentences.append(sentence)
    for lot, stage in f.lots:
        what = (
            the(lower_first(lot.title))
            if lot.quantity == 1
            else f"{lower_first(lot.title)} ({format_number(lot.quantity, 0)} {lot.unit})"
        )
        stage_name = lower_first(str(Stage(stage).label))
        sentences.append(
            f"The procurement of {what} for {the(lot.beneficiary.name)} has reached the {stage_name} stage."
        )
    discussed = "will discuss" if f.tense == "future" else "discussed"
    for risk in f.risks:
        sentence = f"The participants {discussed} the risk “{risk.title}”"
        if risk.mitigation.strip():
            sentence += f" and its mitigation: {clause(risk.mitigation)}"
        sentences.append(sentence + ".")
    return sentences


def _highlights(lines: list[str]) -> list[str]:
    """Lines that say something become sentences; the others are what the results included."""
    sentences = [upper_first(line.rstrip(".")) + "." for line in lines if says_something(line)]
    others = [clause(line) for line in lines if not says_something(line)]
    if others:
        sentences.insert(0, f"The results presented included {join(others, L, '; ')}.")
    return sentences
