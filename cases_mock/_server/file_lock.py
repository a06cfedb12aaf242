"""One server per state file: an exclusive ``flock`` held for the server's life
(docs/server.md#persistence).

The lock is taken on ``.NAME.lock`` beside the state file, never on the state file itself: a save
renames a new file over the old one, so a lock on the file would stay on the replaced copy. The
lock file holds the owner's process id (for the message another server prints) and is removed on
release; a process killed with SIGKILL leaves it behind unlocked, and the next server takes it.
Where the lock file cannot be made (a read-only directory, where no server can save anyway) the
directory itself is locked.
"""

from __future__ import annotations

import errno
import fcntl
import os
from contextlib import suppress
from pathlib import Path


class LockHeld(Exception):
    """Another process (or another server of this one) holds the lock."""


class FileLock:
    def __init__(self, state_path: Path) -> None:
        self.path = state_path.with_name(f".{state_path.name}.lock")
        self.target = state_path
        self._fd: int | None = None
        self._owns_file = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Takes the lock or raises LockHeld naming the holder's process id."""
        while self._fd is None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise
                self._take(os.open(self.path.parent, os.O_RDONLY), owns_file=False)
                return
            if not self._take(fd, owns_file=True):
                continue  # the file was removed by its previous owner between open and lock
            os.ftruncate(fd, 0)
            with suppress(OSError):  # a full disk: the lock holds without the process id
                os.write(fd, f"{os.getpid()}\n".encode())

    def _take(self, fd: int, *, owns_file: bool) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd) if owns_file else ""
            os.close(fd)
            by = f"process {holder}" if holder else "another process"
            raise LockHeld(
                f"the state file {self.target} is in use by {by} (a second server would overwrite "
                "its saves); stop that server or choose another --state-file"
            ) from None
        if owns_file and not _same_file(fd, self.path):
            os.close(fd)
            return False
        self._fd = fd
        self._owns_file = owns_file
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        if self._owns_file:
            with suppress(OSError):  # removed before unlocking (see _same_file)
                self.path.unlink()
        os.close(self._fd)  # closing the only descriptor releases the flock
        self._fd = None


def _read_pid(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _same_file(fd: int, path: Path) -> bool:
    try:
        found = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (found.st_dev, found.st_ino)
