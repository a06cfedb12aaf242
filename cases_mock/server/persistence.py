"""``serve --state-file PATH``: the state loaded at start and saved atomically
(docs/server.md#persistence), in the JSON format of ``mock.save()``.

A save writes a temporary file beside PATH, fsyncs it, renames it over PATH and fsyncs the
directory, so a crash at any moment leaves either the previous file or the new one, whole. Saves
happen on SIGINT/SIGTERM, on ``POST /_cases_mock/state/save`` and, with ``--save-every``, in the
background whenever the state changed since the last save.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..backend.store import Store
from ..state_json import export_store, import_store, parse_state

log = logging.getLogger("cases_mock.server")


class StateFileError(Exception):
    """The state file exists but cannot be used; the server refuses to start."""


class StateFile:
    def __init__(self, path: str | os.PathLike[str], store: Store) -> None:
        self.path = Path(path)
        self.store = store
        self._lock = threading.Lock()

    def load(self) -> bool:
        """Imports the file (False: there is none, start empty); StateFileError if unusable."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except (OSError, UnicodeDecodeError) as error:
            raise StateFileError(f"cannot read the state file {self.path}: {error}") from None
        try:
            import_store(self.store, parse_state(text))
        except ValueError as error:
            raise StateFileError(f"{self.path} is not a usable cases_mock state: {error}") from None
        return True

    def save(self) -> int:
        """Writes the current state atomically; returns its size in bytes."""
        with self._lock:
            data = json.dumps(export_store(self.store)).encode("utf-8")
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
            _fsync_directory(self.path.parent)
            return len(data)


def _fsync_directory(directory: Path) -> None:
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class PeriodicSaver:
    """Saves every ``interval`` seconds when ``generation()`` moved since the last save."""

    def __init__(self, state_file: StateFile, interval: float, generation: Callable[[], int]) -> None:
        self.state_file = state_file
        self.interval = interval
        self.generation = generation
        self.saved = generation()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cases-mock-saver", daemon=True)

    def start(self) -> PeriodicSaver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            current = self.generation()
            if current == self.saved:
                continue
            try:
                self.state_file.save()
                self.saved = current
            except OSError:
                log.exception("cases_mock: saving the state to %s failed", self.state_file.path)
