"""The ``cases-mock serve`` process: prints its URL, serves until SIGINT or SIGTERM, saves the
state on the way out when it has a state file."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType
from typing import Any

from .app import CasesServer
from .persistence import PeriodicSaver, StateFileError


def serve(host: str, port: int, *, save_every: float | None = None, **options: Any) -> int:
    """Runs until SIGINT or SIGTERM; prints the URL first (flushed, for whoever started us).
    ``options`` are ``CasesServer``'s. Returns the exit status (2: the state file is unusable)."""
    try:
        server = CasesServer(host, port, **options)  # loads the state file, if any
    except StateFileError as error:
        print(f"cases-mock: {error}; the file was left untouched", file=sys.stderr, flush=True)
        return 2
    state_file = server.state_file
    saver = None
    if state_file is not None and save_every:
        saver = PeriodicSaver(state_file, save_every, lambda: server.generation).start()
    print(f"cases-mock listening on {server.url}", flush=True)

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
        if state_file is not None:
            state_file.save()
            print(f"cases-mock saved the state to {state_file.path}", flush=True)
    print("cases-mock stopped", flush=True)
    return 0
