"""Roles of a membership and the actions each one grants inside its scope."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("Programme manager")
    ME_OFFICER = "me_officer", _("M&E officer")
    COORDINATOR = "coordinator", _("Country coordinator")
    COUNTERPART = "counterpart", _("National counterpart")
    OBSERVER = "observer", _("Donor observer")


class Action(models.TextChoices):
    VIEW = "view", _("See")
    SETUP = "setup", _("Set up the programme")
    RESULTS = "results", _("Edit the logframe and targets")
    RECORD = "record", _("Record country data")
    APPROVE = "approve", _("Approve updates")
    STEER = "steer", _("Run steering meetings")
    RESPOND = "respond", _("Respond to handovers and action points")
    BUDGET = "budget", _("See the budget and spend")


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.MANAGER: frozenset(
        {Action.VIEW, Action.SETUP, Action.RESULTS, Action.RECORD, Action.STEER, Action.BUDGET}
    ),
    Role.ME_OFFICER: frozenset({Action.VIEW, Action.RESULTS, Action.APPROVE, Action.RECORD, Action.BUDGET}),
    Role.COORDINATOR: frozenset({Action.VIEW, Action.RECORD, Action.STEER}),
    Role.COUNTERPART: frozenset({Action.VIEW, Action.RESPOND}),
    Role.OBSERVER: frozenset({Action.VIEW, Action.BUDGET}),
}

# The actions whose holders write a programme's texts (and so translate them).
WRITES_CONTENT: tuple[str, ...] = (Action.SETUP, Action.RESULTS, Action.STEER, Action.RECORD)
