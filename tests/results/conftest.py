"""Uploaded files of the results tests go to a temporary folder, not to ./var/media."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def _temporary_media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield
