"""``serve --state-file PATH``: the state loaded at start and saved atomically
(docs/server.md#persistence), in the JSON format of ``mock.save()``.

The server holds an exclusive lock on the file for its life (``file_lock.py``), so a second server
on the same file refuses to start instead of overwriting the first one's saves. A save writes a
temporary file beside PATH, fsyncs it, renames it over PATH and fsyncs the directory, so a crash at
any moment leaves either the previous file or the new one, whole. A save that fails (a full or
read-only disk) removes its temporary file, keeps the previous file, raises ``StateSaveError``
naming the cause, logs one line (and one more when saving works again) and is shown by
``/_cases_mock/health`` until a save succeeds. Saves happen on SIGINT/SIGTERM, on
``POST /_cases_mock/state/save`` and, with ``--save-every``, in the background whenever the state
changed since the last save.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cases_mock._engine.engine import Engine
from cases_mock._engine.state_json import parse_state
from cases_mock._server.file_lock import FileLock, LockHeld

log = logging.getLogger("cases_mock.server")


class StateFileError(Exception):
    """The state file cannot be used; the server refuses to start."""


class StateFileLocked(StateFileError):
    """Another server (in this process or another) holds the state file."""


class StateSaveError(Exception):
    """A save did not complete; the previous file is kept whole."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"saving the state to {path} failed: {cause}; the previous file is kept")
        self.cause = cause


def describe(error: OSError) -> str:
    """``No space left on device (ENOSPC)``: the cause, without the temporary file's name."""
    name = errno.errorcode.get(error.errno or 0)
    return f"{error.strerror} ({name})" if error.strerror and name else str(error)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StateFile:
    def __init__(self, path: str | os.PathLike[str], engine: Engine) -> None:
        self.path = Path(path)
        self.engine = engine
        self._lock = threading.Lock()
        self._file_lock = FileLock(self.path)
        self.last_saved: str | None = None  # when the last save completed (UTC)
        self.error: str | None = None  # why the last save failed, until one succeeds
        self.failing_since: str | None = None
        self.failed_attempts = 0

    def open(self) -> bool:
        """Locks the file for this server, then loads it (False: there is none, start empty).
        StateFileLocked if another server holds it, StateFileError if it is unusable."""
        try:
            self._file_lock.acquire()
        except LockHeld as error:
            raise StateFileLocked(str(error)) from None
        except OSError as error:
            raise StateFileError(f"cannot lock the state file {self.path}: {describe(error)}") from None
        try:
            return self.load()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Releases the lock (another server may take the file from now on)."""
        self._file_lock.release()

    def load(self) -> bool:
        """Imports the file (False: there is none, start empty); StateFileError if unusable."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except (OSError, UnicodeDecodeError) as error:
            raise StateFileError(f"cannot read the state file {self.path}: {error}") from None
        try:
            self.engine.import_state(parse_state(text))
        except ValueError as error:
            raise StateFileError(f"{self.path} is not a usable cases_mock state: {error}") from None
        return True

    def save(self, *, report: bool = True) -> int:
        """Writes the current state atomically; returns its size in bytes. StateSaveError (and,
        with ``report``, one logged line when the cause is new) if it could not."""
        with self._lock:
            data = json.dumps(self.engine.export()).encode("utf-8")
            try:
                self._write(data)
            except OSError as error:
                self._failed(describe(error), report)
                raise StateSaveError(self.path, describe(error)) from None
            self._succeeded()
            return len(data)

    def _write(self, data: bytes) -> None:
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with suppress(OSError):
                temporary.unlink()  # a partial copy would keep a full disk full
            raise
        _fsync_directory(self.path.parent)

    def _failed(self, cause: str, report: bool) -> None:
        if report and cause != self.error:
            log.warning(
                "cases-mock: saving the state to %s failed: %s; the previous file is kept, "
                "and saving is retried (this is logged again only when the cause changes)",
                self.path,
                cause,
            )
        if self.error is None:
            self.failing_since = _now()
        self.error = cause
        self.failed_attempts += 1

    def _succeeded(self) -> None:
        if self.error is not None:
            log.warning(
                "cases-mock: saving the state to %s works again (%d failed attempts since %s)",
                self.path,
                self.failed_attempts,
                self.failing_since,
            )
        self.last_saved = _now()
        self.error = self.failing_since = None
        self.failed_attempts = 0

    def health(self) -> dict[str, Any]:
        """What ``/_cases_mock/health`` shows of the saves (docs/server.md#persistence)."""
        return {
            "lastSaved": self.last_saved,
            "saveError": self.error,
            "failingSince": self.failing_since,
            "failedAttempts": self.failed_attempts,
        }


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
            with suppress(StateSaveError):  # logged once by StateFile, shown by the health endpoint
                self.state_file.save()
                self.saved = current
