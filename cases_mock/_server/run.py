"""The ``cases-mock serve`` process: prints its URL, serves until SIGINT or SIGTERM, saves the
state on the way out when it has a state file.

Exit statuses (docs/server.md#exit-statuses): 0 stopped (and the state saved, with a state file);
2 refused to start; 3 stopped, but the final save failed.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
import threading
from types import FrameType
from typing import Any

from cases_mock._server.app import CasesServer
from cases_mock._server.control import DASHBOARD
from cases_mock._server.persistence import PeriodicSaver, StateFile, StateFileError, StateSaveError

SAVE_FAILED = 3


def serve(host: str, port: int, *, save_every: float | None = None, **options: Any) -> int:
    """Runs until SIGINT or SIGTERM; prints the URL first (flushed, for whoever started us).
    ``options`` are ``CasesServer``'s. Returns the exit status (2: the state file is unusable or
    in use by another server; 3: the final save failed)."""
    try:
        server = CasesServer(host, port, **options)  # locks and loads the state file, if any
    except StateFileError as error:
        print(f"cases-mock: {error}; the file was left untouched", file=sys.stderr, flush=True)
        return 2
    except (OSError, OverflowError) as error:  # binding: the state file's errors are StateFileError
        print(f"cases-mock: {cannot_listen(error, host, port)}", file=sys.stderr, flush=True)
        return 2
    state_file = server.state_file
    saver = None
    if state_file is not None and save_every:
        saver = PeriodicSaver(state_file, save_every, lambda: server.generation).start()
    print(f"cases-mock listening on {server.url}", flush=True)  # the URL last: scripts read it
    print(f"dashboard: {server.url}{DASHBOARD}/  (Ctrl-C stops the server)", flush=True)

    def stop(signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.httpd.serve_forever()
    finally:
        server.httpd.server_close()
        if saver is not None:
            saver.stop()
        status = _final_save(state_file) if state_file is not None else 0
    _say("cases-mock stopped")
    return status


def _say(line: str) -> None:
    """A line on standard output that whoever started us may have stopped reading (a closed
    pipe): then it goes nowhere, and so does everything after it, instead of a traceback."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail either
        os.close(devnull)


def _final_save(state_file: StateFile) -> int:
    """Saves on the way out, then releases the file; one line either way."""
    try:
        state_file.save(report=False)
    except StateSaveError as error:
        print(
            f"cases-mock: {error}, without what changed since it was written (exit status {SAVE_FAILED})",
            file=sys.stderr,
            flush=True,
        )
        return SAVE_FAILED
    finally:
        state_file.close()
    _say(f"cases-mock saved the state to {state_file.path}")
    return 0


def cannot_listen(error: OSError | OverflowError, host: str, port: int) -> str:
    """One line for a failed bind: which option is wrong and what to give instead."""
    if isinstance(error, OverflowError):
        return f"--port {port} is not a port: give a whole number from 0 to 65535 (0: a free one)"
    if isinstance(error, socket.gaierror):
        return (
            f"--host {host} is not an address or a name this machine resolves "
            f"({error.strerror}): give e.g. 127.0.0.1, ::1 or 0.0.0.0 (every interface)"
        )
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (4566 is also LocalStack's): "
            "give another with --port, or --port 0 for a free one"
        )
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (below 1024 needs privileges): give another with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host} is not an address of this machine: give e.g. 127.0.0.1, ::1 or 0.0.0.0"
    return f"cannot listen on {host} port {port} ({error.strerror or error}): check --host and --port"
