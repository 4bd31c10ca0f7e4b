"""Writes to programmes and their frame; each one atomic and audited."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from steerco.accounts.models import Membership
from steerco.audit import versions
from steerco.audit.models import AuditAction, AuditEntry
from steerco.audit.services import delete_audited, record, save_audited, snapshot
from steerco.core.permissions import ensure_may
from steerco.core.removals import lock_programme, refuse
from steerco.core.roles import Action, Role

from .models import (
    Amendment,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    Person,
    Programme,
    ProgrammeCountry,
    ProgrammePartner,
    ReportingPeriod,
    Risk,
)


@transaction.atomic
def save_organisation(organisation: Organisation, *, acting_user: Any) -> Organisation:
    ensure_may(acting_user, Action.SETUP, organisation)
    save_audited(organisation, acting_user=acting_user)
    return organisation


@transaction.atomic
def create_programme(programme: Programme, *, acting_user: Any) -> Programme:
    """Create a programme; its creator becomes its manager unless they administer the site."""
    ensure_may(acting_user, Action.SETUP, programme)
    save_audited(programme, acting_user=acting_user)
    if not acting_user.is_superuser:
        membership = Membership(user=acting_user, programme=programme, role=Role.MANAGER)
        save_audited(membership, acting_user=acting_user)
    return programme


@transaction.atomic
def update_programme(programme: Programme, *, acting_user: Any, rationale: str = "") -> Programme:
    ensure_may(acting_user, Action.SETUP, programme)
    save_audited(programme, acting_user=acting_user, rationale=rationale)
    return programme


@transaction.atomic
def save_programme_partner(partner: ProgrammePartner, *, acting_user: Any) -> ProgrammePartner:
    ensure_may(acting_user, Action.SETUP, partner)
    save_audited(partner, acting_user=acting_user)
    return partner


@transaction.atomic
def save_programme_country(
    programme_country: ProgrammeCountry,
    *,
    acting_user: Any,
    institutions: Iterable[Organisation] | None = None,
) -> ProgrammeCountry:
    ensure_may(acting_user, Action.SETUP, programme_country)
    m2m = {"institutions": list(institutions)} if institutions is not None else None
    save_audited(programme_country, acting_user=acting_user, m2m=m2m)
    return programme_country


@transaction.atomic
def save_component(component: Component, *, acting_user: Any) -> Component:
    ensure_may(acting_user, Action.SETUP, component)
    save_audited(component, acting_user=acting_user)
    return component


@transaction.atomic
def record_amendment(amendment: Amendment, *, acting_user: Any) -> Amendment:
    """Record an amendment; the programme's budget and end date follow from it."""
    ensure_may(acting_user, Action.SETUP, amendment)
    save_audited(amendment, acting_user=acting_user, rationale=amendment.justification)
    return amendment


@transaction.atomic
def save_period(period: ReportingPeriod, *, acting_user: Any) -> ReportingPeriod:
    ensure_may(acting_user, Action.SETUP, period)
    save_audited(period, acting_user=acting_user)
    return period


@transaction.atomic
def save_risk(risk: Risk, *, acting_user: Any) -> Risk:
    ensure_may(acting_user, Action.SETUP, risk)
    save_audited(risk, acting_user=acting_user)
    return risk


@transaction.atomic
def delete_risk(risk: Risk, *, acting_user: Any, rationale: str = "") -> None:
    ensure_may(acting_user, Action.SETUP, risk)
    delete_audited(risk, acting_user=acting_user, rationale=rationale)


@transaction.atomic
def save_budget_line(line: BudgetLine, *, acting_user: Any) -> BudgetLine:
    ensure_may(acting_user, Action.SETUP, line)
    save_audited(line, acting_user=acting_user)
    return line


@transaction.atomic
def record_expenditure(expenditure: Expenditure, *, acting_user: Any) -> Expenditure:
    ensure_may(acting_user, Action.SETUP, expenditure)
    save_audited(expenditure, acting_user=acting_user)
    return expenditure


@transaction.atomic
def save_person(person: Person, *, acting_user: Any) -> Person:
    """Add or change a person of a programme; an anonymised person is not edited again."""
    ensure_may(acting_user, Action.STEER, person)
    if person.pk and Person.objects.filter(pk=person.pk, anonymised_at__isnull=False).exists():
        raise ValidationError(_("This person was anonymised on request; the record is not edited again."))
    save_audited(person, acting_user=acting_user)
    return person


# What anonymising removes: the name (replaced by the neutral label) and the contact details. The
# position, organisation, sex and languages stay: they are what the minutes count and what the records
# that point at the person still need, and without the name they do not identify anyone by themselves.
PERSONAL_FIELDS = ("name", "email", "phone")
ANONYMISED_NAME = "Anonymised person"  # stored; every page shows the translated label instead


@transaction.atomic
def anonymise_person(person: Person, *, acting_user: Any) -> Person:
    """Anonymise a person on request: their records stay, their name and contact details go.

    The name and contact details are removed from the person, from the copies typed beside it on
    the records that point at it (a participant's or member's name, an action point's owner and
    e-mail, a presenter, who opened the meeting), and from the history: the earlier audit entries of
    the programme are rewritten without them, and the anonymisation's own entry carries neither a
    before- nor an after-image of the personal fields, only that the person was anonymised.
    """
    ensure_may(acting_user, Action.SETUP, person)
    stored = versions.lock(person)
    if stored.anonymised_at is not None:
        return stored
    removed = {name: str(getattr(stored, name) or "") for name in PERSONAL_FIELDS}
    before = _without_personal_data(snapshot(stored))
    stored.name = ANONYMISED_NAME
    stored.email = ""
    stored.phone = ""
    stored.anonymised_at = timezone.now()
    stored.save(update_fields=[*PERSONAL_FIELDS, "anonymised_at"])
    _remove_copies(stored, removed)
    _scrub_history(stored, removed)
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=stored,
        before=before,
        after=_without_personal_data(snapshot(stored)),
        rationale=gettext_noop("anonymised on request"),
    )
    return stored


def _without_personal_data(image: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in image.items() if k not in PERSONAL_FIELDS}


def _remove_copies(person: Person, removed: dict[str, str]) -> None:
    """Blank the name and e-mail typed beside the person on the records that point at it."""
    from steerco.steering.models import ActionPoint, AgendaItem, GroupMember, Meeting, NewsDraft, Participant

    name, email = removed["name"], removed["email"]
    Participant.objects.filter(person=person, name=name).update(name="")
    GroupMember.objects.filter(person_record=person, person=name).update(person="")
    if email:
        GroupMember.objects.filter(person_record=person, email=email).update(email="")
        ActionPoint.objects.filter(owner_record=person, owner_email=email).update(owner_email="")
    ActionPoint.objects.filter(owner_record=person, owner_person=name).update(owner_person="")
    AgendaItem.objects.filter(presenter_person=person, presenter=name).update(presenter="")
    Meeting.objects.filter(opened_by_person=person, opened_by__contains=name).update(opened_by="")
    # The prose of the programme's meetings (summaries, notes for the minutes, saved news drafts)
    # may name the person: the name is replaced by the neutral label there.
    in_programme = {"meeting__group__programme_id": person.programme_id}
    prose = [
        (Meeting, {"group__programme_id": person.programme_id}, ("summary", "opened_by")),
        (AgendaItem, in_programme, ("notes", "presenter")),
        (NewsDraft, in_programme, ("title", "body")),
    ]
    for model, scope, fields in prose:
        for field in fields:
            for pk, text in model._default_manager.filter(
                **scope, **{f"{field}__contains": name}
            ).values_list("pk", field):
                model._default_manager.filter(pk=pk).update(**{field: _replaced(text, name, ANONYMISED_NAME)})


def _replaced(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced where it stands as a whole (a name "Ana" leaves "Banana" alone)."""
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _match: new, text)


def _scrub_history(person: Person, removed: dict[str, str]) -> None:
    """Rewrite the programme's audit entries without the person's name and contact details."""
    label = ANONYMISED_NAME
    texts = [(value, label if key == "name" else "") for key, value in removed.items() if value]

    def scrubbed(value: Any) -> Any:
        if isinstance(value, str):
            for old, new in texts:
                value = _replaced(value, old, new)
        return value

    entries = AuditEntry.objects.filter(programme_id=person.programme_id).only(
        "object_repr", "before", "after"
    )
    for entry in entries.iterator():
        changed = {}
        repr_ = scrubbed(entry.object_repr)
        if repr_ != entry.object_repr:
            changed["object_repr"] = repr_
        for image_name in ("before", "after"):
            image = getattr(entry, image_name)
            if isinstance(image, dict):
                new_image = {k: scrubbed(v) for k, v in image.items()}
                if new_image != image:
                    changed[image_name] = new_image
        if changed:
            AuditEntry.objects.filter(pk=entry.pk).update(**changed)


def expenditure_removal_refusal(expenditure: Expenditure) -> str:
    """Why the spend line can no longer be removed, or "" when it can (the rules: README.md, "Removing")."""
    from steerco.steering.circulated import pack_holding_expenditure

    circulated = pack_holding_expenditure(expenditure)
    return circulated.reason() if circulated is not None else ""


def amendment_removal_refusal(amendment: Amendment) -> str:
    """Why the amendment can no longer be removed, or "" when it can."""
    from steerco.steering.circulated import pack_holding_amendment

    circulated = pack_holding_amendment(amendment)
    return circulated.reason() if circulated is not None else ""


@transaction.atomic
def remove_expenditure(expenditure: Expenditure, *, acting_user: Any) -> None:
    """Remove a spend line entered by mistake; refused once a circulated pack's budget counts it."""
    ensure_may(acting_user, Action.SETUP, expenditure)
    lock_programme(expenditure.budget_line.programme_id)
    stored = versions.lock(expenditure)
    refuse(expenditure_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)


@transaction.atomic
def remove_amendment(amendment: Amendment, *, acting_user: Any) -> None:
    """Remove an amendment entered by mistake (the budget and end date follow); refused once a
    circulated pack lists it."""
    ensure_may(acting_user, Action.SETUP, amendment)
    lock_programme(amendment.programme_id)
    stored = versions.lock(amendment)
    refuse(amendment_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)
