"""The Russian and Ukrainian drafts: one composer, a lexicon per language.

Verbs agree with the person's sex ("открыл"/"открыла", "відкрив"/"відкрила"); where the sex is not
recorded, the sentence is passive and the person stands in brackets. Counts take their plural forms
(`steerco.core.plurals`), and a verb that follows a count agrees with it ("принял участие 21
участник", "приняли участие 332 участника"). Names are kept in the nominative, after a colon or a
dash, except where a rule declines them (group names and titles headed by "программа"/"проєкт").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from steerco.core.numbers import format_number, format_share
from steerco.core.plurals import ONE, category, counted
from steerco.delivery.models import Stage
from steerco.results.board import figure_text
from steerco.results.rules import Status

from .facts import Facts
from .words import (
    apposition,
    clause,
    date_text,
    genitive_name,
    locative,
    meeting_days,
    ordinal,
    person_text,
    span_text,
    title_genitive,
    upper_first,
    without_phase,
    written_in,
)


@dataclass(frozen=True)
class Lexicon:
    language: str
    took_place: dict[str, str]  # by tense
    meeting: str
    online_meeting: str
    online: str
    address: str
    programme: str  # genitive: "программы"
    project: str
    group: str  # genitive of the generic word, for a name no rule declines
    opened: dict[str, str]  # by sex
    opened_unknown: str
    moderated: dict[str, str]
    moderated_unknown: str
    moderated_by_organisation: str
    organisations: str
    reviewed: str
    agenda: str
    said: dict[str, str]
    said_unknown: str
    held: str
    took_part: tuple[str, str]  # verb after a count of one, after any other count
    which: tuple[str, str]  # "в котором", "в которых"
    women: str
    in_country: str  # for a country name no rule declines
    delivered: str
    pieces: str
    indicator: str
    stood: str
    expected: str
    status: dict[str, str]
    no_value: str
    lot: str
    risk: str
    mitigation: str
    highlights: str
    decisions: str
    steps: str
    next_meeting: str
    funding: str


RU = Lexicon(
    language="ru",
    took_place={"past": "состоялось", "present": "проходит", "future": "пройдёт"},
    meeting="заседание",
    online_meeting="онлайн-заседание",
    online="в онлайн-формате",
    address="Заседание проходило по адресу: {place}.",
    programme="программы",
    project="проекта",
    group="руководящей группы «{name}»",
    opened={"m": "Заседание открыл {person}.", "f": "Заседание открыла {person}."},
    opened_unknown="Заседание было открыто вступительным словом ({person}).",
    moderated={
        "m": "Модератором заседания выступил {person}.",
        "f": "Модератором заседания выступила {person}.",
    },
    moderated_unknown="Обсуждение модерировалось ({person}).",
    moderated_by_organisation="Обсуждение модерировала организация «{organisation}».",
    organisations="В заседании приняли участие представители следующих организаций: {names}.",
    reviewed="Участники рассмотрели ход работ за период {span}.",
    agenda="В повестку дня вошли следующие вопросы: {items}.",
    said={
        "m": "По вопросу «{item}» {person} отметил: «{message}».",
        "f": "По вопросу «{item}» {person} отметила: «{message}».",
    },
    said_unknown="По вопросу «{item}» было отмечено ({person}): «{message}».",
    held="{where}за отчётный период в рамках {noun} проведено {events}",
    took_part=("принял участие", "приняли участие"),
    which=("в котором", "в которых"),
    women="Доля женщин среди участников составила {share}.",
    in_country="в стране «{name}»",
    delivered="{where}передано следующее оборудование (получатель — {recipient}): {items}.",
    pieces="{n} шт.",
    indicator="показатель {code} «{name}»",
    stood="{indicator} достиг значения {actual}",
    expected=" при ожидаемом значении {expected} и {status}",
    status={
        Status.AHEAD: "опережает план",
        Status.ON_TRACK: "выполняется по плану",
        Status.OFF_TRACK: "отстаёт от плана",
    },
    no_value="{where}значения показателя {code} «{name}» за период пока не утверждены.",
    lot="Закупка «{title}» ({pieces}) для организации «{beneficiary}» находится на этапе «{stage}».",
    risk="Участники обсудили риск «{title}»",
    mitigation=" и меры по его снижению: {mitigation}",
    highlights="Среди представленных результатов были отмечены следующие: {items}.",
    decisions="По итогам заседания участники приняли следующие решения: {items}.",
    steps="Участники согласовали дальнейшие шаги: {items}.",
    next_meeting="Следующее заседание группы запланировано на {date}.",
    funding="Финансирование {noun} {code} предоставляет {donor}, реализацию обеспечивает {implementer}.",
)

UK = Lexicon(
    language="uk",
    took_place={"past": "відбулося", "present": "відбувається", "future": "відбудеться"},
    meeting="засідання",
    online_meeting="онлайн-засідання",
    online="в онлайн-форматі",
    address="Засідання відбувалося за адресою: {place}.",
    programme="програми",
    project="проєкту",
    group="керівної групи «{name}»",
    opened={"m": "Засідання відкрив {person}.", "f": "Засідання відкрила {person}."},
    opened_unknown="Засідання відкрито вступним словом ({person}).",
    moderated={
        "m": "Модератором засідання виступив {person}.",
        "f": "Модераторкою засідання виступила {person}.",
    },
    moderated_unknown="Обговорення модерувалося ({person}).",
    moderated_by_organisation="Обговорення модерувала організація «{organisation}».",
    organisations="У засіданні взяли участь представники таких організацій: {names}.",
    reviewed="Учасники розглянули хід роботи за період {span}.",
    agenda="До порядку денного увійшли такі питання: {items}.",
    said={
        "m": "Щодо питання «{item}» {person} зазначив: «{message}».",
        "f": "Щодо питання «{item}» {person} зазначила: «{message}».",
    },
    said_unknown="Щодо питання «{item}» було зазначено ({person}): «{message}».",
    held="{where}за звітний період у межах {noun} проведено {events}",
    took_part=("взяв участь", "взяли участь"),
    which=("у якому", "у яких"),
    women="Частка жінок серед учасників становила {share}.",
    in_country="у країні «{name}»",
    delivered="{where}передано таке обладнання (отримувач — {recipient}): {items}.",
    pieces="{n} шт.",
    indicator="показник {code} «{name}»",
    stood="{indicator} досяг значення {actual}",
    expected=" за очікуваного значення {expected} і {status}",
    status={
        Status.AHEAD: "випереджає план",
        Status.ON_TRACK: "виконується за планом",
        Status.OFF_TRACK: "відстає від плану",
    },
    no_value="{where}значення показника {code} «{name}» за період ще не затверджено.",
    lot="Закупівля «{title}» ({pieces}) для організації «{beneficiary}» перебуває на етапі «{stage}».",
    risk="Учасники обговорили ризик «{title}»",
    mitigation=" і заходи з його зменшення: {mitigation}",
    highlights="Серед представлених результатів було відзначено такі: {items}.",
    decisions="За підсумками засідання учасники ухвалили такі рішення: {items}.",
    steps="Учасники погодили подальші кроки: {items}.",
    next_meeting="Наступне засідання групи заплановано на {date}.",
    funding="Фінансування {noun} {code} надає {donor}, реалізацію забезпечує {implementer}.",
)

LEXICONS = {"ru": RU, "uk": UK}


def sex_of(person: Any) -> str:
    return person.sex if person.sex in ("m", "f") and not person.is_anonymised else ""


def group_genitive(x: Lexicon, name: str) -> str:
    return genitive_name(x.language, name) or x.group.format(name=name)


def programme_genitive(x: Lexicon, f: Facts, after: str = "") -> str:
    """ "Программы содействия управлению границами в Центральной Азии (BOMCA 10)", or the generic word
    and the title in quotation marks: "проекту «Підтримка ЄС…» (EU4IBM-Resilience)"."""
    title = without_phase(f.programme.title, f.programme.code)
    declined = title_genitive(x.language, title)
    if declined is None:
        noun = x.project if f.is_project else x.programme
        # "Керівного комітету проєкту «…»", not "…проєкту проєкту «…»".
        declined = f"«{title}»" if after.endswith(" " + noun) else f"{noun} «{title}»"
    return f"{declined} ({f.programme.code})"


def compose(f: Facts, x: Lexicon) -> tuple[str, list[str]]:
    L, m = x.language, f.meeting
    group = group_genitive(x, f.group.name)
    online = m.mode == "online"
    where = None if online or not m.place else locative(L, m.place)
    verb = x.took_place[f.tense]
    what = f"{ordinal(L, m.number)} {x.online_meeting if online else x.meeting} {group}"
    title = f"{f.programme.code}: " + " ".join(p for p in (where, verb, what) if p)

    days = meeting_days(L, m.start_date, m.end_date)
    # After the date the preposition may change: "року в Києві".
    after_date = locative(L, m.place, after_vowel=days[-1] in "аеєиіїоуюя") if where else None
    parts = (days, after_date, verb, what, programme_genitive(x, f, what))
    opening = [upper_first(" ".join(p for p in parts if p)) + "."]
    if online:
        opening[0] = opening[0][:-1] + f" {x.online}."
    elif m.place and where is None:
        opening.append(x.address.format(place=m.place))
    if f.opened_by:
        sex = sex_of(f.opened_by)
        template = x.opened[sex] if sex else x.opened_unknown
        opening.append(template.format(person=person_text(f.opened_by, L)))
    elif m.opened_by.strip() and written_in(m.opened_by, L):
        # Who opened it, as the secretariat wrote it (a position, not a person): without a verb of gender.
        opening.append(x.opened_unknown.format(person=m.opened_by.strip()))
    if f.moderated_by:
        sex = sex_of(f.moderated_by)
        template = x.moderated[sex] if sex else x.moderated_unknown
        opening.append(template.format(person=person_text(f.moderated_by, L)))
    elif m.moderator:
        opening.append(x.moderated_by_organisation.format(organisation=m.moderator.name))
    if f.organisations:
        opening.append(x.organisations.format(names=", ".join(o.name for o in f.organisations)))
    paragraphs = [" ".join(opening)]

    review = [x.reviewed.format(span=span_text(L, m.period.start, m.period.end))]
    if f.agenda:
        review.append(x.agenda.format(items="; ".join(clause(a.title) for a in f.agenda)))
    for item, speaker in f.speakers:
        if not written_in(speaker.key_message, L):
            continue  # a key message recorded in another language waits for its translation
        sex = sex_of(speaker.person)
        template = x.said[sex] if sex else x.said_unknown
        message = speaker.key_message.strip().rstrip(".")
        who = person_text(speaker.person, L)
        review.append(
            template.format(item=item.title, person=apposition(who) if sex else who, message=message)
        )
    paragraphs.append(" ".join(review))

    figures = _figures(f, x)
    if figures:
        paragraphs.append(" ".join(figures))
    if m.highlight_lines:
        paragraphs.append(x.highlights.format(items="; ".join(clause(h) for h in m.highlight_lines)))
    if f.decisions:
        paragraphs.append(x.decisions.format(items="; ".join(clause(d.text) for d in f.decisions)))
    steps = []
    if f.actions:
        steps.append(x.steps.format(items="; ".join(clause(a.text) for a in f.actions)))
    if f.following:
        steps.append(x.next_meeting.format(date=date_text(L, f.following.start_date)))
    if steps:
        paragraphs.append(" ".join(steps))
    paragraphs.append(
        x.funding.format(
            noun=x.project if f.is_project else x.programme,
            code=f.programme.code,
            donor=f.programme.donor.name,
            implementer=f.programme.lead_implementer.name,
        )
    )
    return title, paragraphs


def _figures(f: Facts, x: Lexicon) -> list[str]:
    L = x.language
    name = str(f.group.country.name) if f.country else ""  # type: ignore[attr-defined]
    country = locative(L, name) if name else None
    if f.country and country is None:
        country = x.in_country.format(name=name)
    # The country is named once, at the head of the first sentence of figures: "В Казахстане …".
    lead = [f"{country} " if country else ""]

    def where() -> str:
        return lead.pop() if lead else ""

    noun = x.project if f.is_project else x.programme
    sentences = []
    if f.events:
        one = category(L, f.participants) == ONE
        sentence = x.held.format(where=where(), noun=noun, events=counted("event", L, f.events))
        if f.participants:
            which = x.which[0] if f.events == 1 else x.which[1]
            took_part = x.took_part[0] if one else x.took_part[1]
            sentence += f", {which} {took_part} {counted('participant', L, f.participants)}"
        sentences.append(upper_first(sentence) + ".")
        share = format_share(f.women, f.women + f.men)
        if share:
            sentences.append(x.women.format(share=share))
    for d in f.delivered:
        items = [
            clause(lot.title)
            if quantity == 1
            else f"{clause(lot.title)}, {x.pieces.format(n=format_number(quantity, 0))}"
            for quantity, lot in d.items
        ]
        sentences.append(
            upper_first(x.delivered.format(where=where(), recipient=d.recipient.name, items="; ".join(items)))
        )
    for progress in f.indicators:
        indicator = progress.indicator
        actual = figure_text(progress.actual, indicator)
        expected = figure_text(progress.expected, indicator, whole=progress.whole)
        if not actual:
            sentences.append(
                upper_first(x.no_value.format(where=where(), code=indicator.code, name=indicator.name))
            )
            continue
        named = x.indicator.format(code=indicator.code, name=indicator.name)
        sentence = where() + x.stood.format(indicator=named, actual=actual)
        if expected and progress.status in x.status:
            sentence += x.expected.format(expected=expected, status=x.status[progress.status])
        sentences.append(upper_first(sentence) + ".")
    for lot, stage in f.lots:
        sentences.append(
            x.lot.format(
                title=lot.title,
                pieces=x.pieces.format(n=format_number(lot.quantity, 0)),
                beneficiary=lot.beneficiary.name,
                stage=str(Stage(stage).label),
            )
        )
    for risk in f.risks:
        sentence = x.risk.format(title=risk.title)
        if risk.mitigation.strip():
            sentence += x.mitigation.format(mitigation=clause(risk.mitigation))
        sentences.append(sentence + ".")
    return sentences
