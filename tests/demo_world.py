"""The demo world, loaded once for every test class that reads it.

`steerco demo` takes seconds (it renders and freezes the circulated packs); four modules loading it
each took half the suite's time. The first `DemoWorldTestCase` of a run loads it inside a
transaction of its own; every such class then runs inside that transaction, each test in a savepoint
rolled back after it, so a test that writes (loading the demo again, say) leaves the world as it
was. The conftest runs these classes one after another, first, and rolls the outer transaction back
after the last of them, so no other test sees the demo world.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, override_settings


class _SharedDemoWorld:
    def __init__(self) -> None:
        self.atomic: Any = None
        self.media: Path | None = None
        self.output = ""  # what the loading printed

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self) -> None:
        if self.loaded:
            return
        self.media = Path(tempfile.mkdtemp(prefix="steerco-demo-media-"))
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        try:
            printed = io.StringIO()
            with override_settings(MEDIA_ROOT=str(self.media)):
                call_command("demo", no_migrate=True, stdout=printed)
            self.output = printed.getvalue()
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Roll the demo world back and remove its files."""
        if self.atomic is not None:
            transaction.set_rollback(True)
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(None, None, None)
            connection.close()  # as a test case leaves it
        if self.media is not None:
            shutil.rmtree(self.media, ignore_errors=True)
            self.media = None


shared_demo_world = _SharedDemoWorld()


class DemoWorldTestCase(TestCase):
    """A test case over the demo world as `steerco demo` leaves it; see the module's docstring."""

    demo_media: ClassVar[Path]
    demo_output: ClassVar[str]

    @classmethod
    def setUpClass(cls) -> None:
        shared_demo_world.load()
        assert shared_demo_world.media is not None
        cls.demo_media = shared_demo_world.media
        cls.demo_output = shared_demo_world.output
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        # TestCase.tearDownClass rolls the class back and then closes the connection, which would end
        # the shared transaction too; roll back only, and leave the rest to the transaction test case.
        cls._rollback_atomics(cls.cls_atomics)  # type: ignore[attr-defined]
        super(TestCase, cls).tearDownClass()

    def setUp(self) -> None:
        super().setUp()
        # The frozen packs the demo stored live in its own media folder, not the test's.
        media = override_settings(MEDIA_ROOT=str(self.demo_media))
        media.enable()
        self.addCleanup(media.disable)


def is_demo_world_test(item: Any) -> bool:
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, DemoWorldTestCase)
