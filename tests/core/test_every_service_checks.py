"""Every service that writes asks `ensure_may` before it does, so a new one cannot forget the check.

A service is a function of a `services.py` module run in `transaction.atomic` with a keyword-only
`acting_user`; it checks when it calls `ensure_may` or `may` (steerco.core.permissions), directly or
through another function of its module that does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import steerco

CHECKS = {"ensure_may", "may"}
SERVICES = sorted(Path(steerco.__file__).resolve().parent.glob("*/services.py"))


def _called_names(node: ast.AST) -> set[str]:
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _is_service(func: ast.FunctionDef) -> bool:
    atomic = any("atomic" in ast.unparse(d) for d in func.decorator_list)
    return atomic and any(a.arg == "acting_user" for a in func.args.kwonlyargs)


def unchecked_services(source: str) -> list[str]:
    functions = {n.name: n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)}
    calls = {name: _called_names(f) for name, f in functions.items()}
    checking = {name for name, called in calls.items() if called & CHECKS}
    grown = True
    while grown:  # a function that calls a checking function of its module checks too
        more = {name for name, called in calls.items() if called & checking} - checking
        checking |= more
        grown = bool(more)
    return sorted(name for name, f in functions.items() if _is_service(f) and name not in checking)


def test_every_service_checks_its_acting_user() -> None:
    assert len(SERVICES) >= 5
    missing = {str(path.parent.name): unchecked_services(path.read_text()) for path in SERVICES}
    assert not {app: names for app, names in missing.items() if names}, missing


def test_the_rule_finds_a_service_without_the_check() -> None:
    source = """
@transaction.atomic
def save_thing(thing, *, acting_user):
    save_audited(thing, acting_user=acting_user)

def _check(acting_user, thing):
    ensure_may(acting_user, "setup", thing)

@transaction.atomic
def save_other(thing, *, acting_user):
    _check(acting_user, thing)
    save_audited(thing, acting_user=acting_user)
"""
    assert unchecked_services(source) == ["save_thing"]
