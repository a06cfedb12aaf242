"""``cases-mock`` / ``python -m cases_mock``: the demo and (as it lands) the standalone server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cases-mock", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through the in-memory Connect Cases API")
    commands.add_parser("coverage", help="rewrite docs/coverage.md from the model and handlers")
    serve = commands.add_parser("serve", help="run a Connect Cases endpoint over HTTP (docs/server.md)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=4566, help="0 picks a free port")
    serve.add_argument("--quiet", action="store_true", help="no log line per request")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from .server import serve as run_server

        return run_server(args.host, args.port, quiet=args.quiet)
    if args.command == "demo":
        from .demo import run

        run()
        return 0
    if args.command == "coverage":
        from .coverage import write

        print(f"wrote {write()}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
