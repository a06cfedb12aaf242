"""The ``cases-mock`` command (also ``python -m cases_mock``).

Subcommands: ``demo`` (a walk-through of the API, in memory) and ``serve`` (a Connect Cases
endpoint over HTTP for the AWS CLI and other SDKs). ``coverage`` is a maintainer command, hidden
from the help, that rewrites the coverage table of a checkout at an explicit ``--output`` path.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

DESCRIPTION = (
    "An in-memory mock of the AWS Amazon Connect Cases API (boto3 service connectcases).\n"
    "In tests, use the mock_connectcases decorator or the pytest fixtures instead: no command "
    "is needed."
)
EXAMPLES = """examples:
  cases-mock demo                       walk through the API, in memory
  cases-mock serve                      serve http://127.0.0.1:4566 until Ctrl-C
  cases-mock serve --port 0 --quiet     a free port, no request log

then, in another terminal (the AWS CLI needs credentials and a region, any values):
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
  aws connectcases list-domains --endpoint-url http://127.0.0.1:4566
"""
SERVE_EXAMPLES = """examples:
  cases-mock serve
  cases-mock serve --host 0.0.0.0 --port 8000
  export AWS_ENDPOINT_URL_CONNECTCASES=http://127.0.0.1:4566   # SDKs then need no endpoint flag
"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Keeps the line breaks of descriptions and examples; shows each option's default."""


def _version() -> str:
    from . import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cases-mock", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=_HelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    # The metavar lists the user commands only: ``coverage`` is left out of the help on purpose.
    commands = parser.add_subparsers(dest="command", required=True, metavar="{demo,serve}")
    commands.add_parser(
        "demo",
        help="walk through the Connect Cases API in memory",
        description="Creates a domain, fields, a layout, a template, a case rule and cases in an\n"
        "in-memory mock, printing each step. Nothing to start, no AWS account or credentials.",
        formatter_class=_HelpFormatter,
    )
    serve = commands.add_parser(
        "serve",
        help="run a Connect Cases endpoint over HTTP (docs/server.md)",
        description="Serves the Connect Cases API over HTTP until Ctrl-C (SIGINT) or SIGTERM, for\n"
        "the AWS CLI and SDKs that cannot be patched in-process. Any region; signatures are\n"
        "not verified; control endpoints under /_cases_mock/ (docs/server.md).",
        epilog=SERVE_EXAMPLES,
        formatter_class=_HelpFormatter,
    )
    _serve_options(serve)
    coverage = commands.add_parser(
        "coverage",
        description="Maintainers: rewrites the operation coverage table (docs/coverage.md of a\n"
        "checkout) from the model, the handlers and the tests, and the input member table\n"
        "(members.md beside it) from cases_mock/members.py.",
        formatter_class=_HelpFormatter,
    )
    coverage.add_argument(
        "--output", type=Path, required=True, help="the file to write, e.g. docs/coverage.md"
    )
    coverage.add_argument(
        "--tests", type=Path, default=Path("tests"), help="the checkout's tests directory, scanned for calls"
    )
    return parser


TOKEN_ENV = "CASES_MOCK_CONTROL_TOKEN"  # the same name as server/security.py's


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "demo":
        from .demo import run

        run()
        return 0
    if args.command == "coverage":
        from .coverage import write

        written = write(args.output, args.tests)
        print(f"wrote {written} and {written.parent / 'members.md'}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


def _serve_options(serve: argparse.ArgumentParser) -> None:
    from .recording import DEFAULT_CAPACITY
    from .server.app import MAX_CONNECTIONS
    from .server.http11 import HttpLimits

    limits = HttpLimits()
    add = serve.add_argument
    add("--host", default="127.0.0.1", help="address to listen on, e.g. ::1")
    add("--port", type=int, default=4566, help="port to listen on; 0 picks a free port")
    add("--quiet", action="store_true", help="no log line per request on stderr")
    add(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also accept requests whose Host is NAME (repeatable; '*': any)",
    )
    add(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="accept browser requests from ORIGIN, e.g. http://localhost:3000 (repeatable; '*': any)",
    )
    add(
        "--control-token",
        metavar="TOKEN",
        default=argparse.SUPPRESS,
        help=f"require TOKEN on the /_cases_mock/ endpoints; prefer setting ${TOKEN_ENV} (read when "
        "this option is absent): a command line shows in ps",
    )
    add("--max-connections", type=int, default=MAX_CONNECTIONS, help="concurrent connections served")
    add(
        "--request-timeout",
        type=float,
        default=limits.request_timeout,
        help="seconds for a whole request (line, headers, body) to arrive",
    )
    add(
        "--idle-timeout",
        type=float,
        default=limits.idle_timeout,
        help="seconds a kept-alive connection may idle",
    )
    add("--max-body", type=int, default=limits.max_body, help="largest request body in bytes")
    add(
        "--record-calls",
        type=int,
        default=DEFAULT_CAPACITY,
        metavar="N",
        help="recent calls kept for /_cases_mock/calls (0: none)",
    )
    add("--state-file", metavar="PATH", help="load the state from PATH at start, save it there on exit")
    add("--save-every", type=float, metavar="SECONDS", help="with --state-file: also save when changed")
    add(
        "--account-id",
        type=_account_id,
        metavar="ID",
        default=argparse.SUPPRESS,
        help="the 12-digit account in ARNs (else $CASES_MOCK_ACCOUNT_ID, $MOTO_ACCOUNT_ID, 123456789012)",
    )
    add(
        "--eventbridge-endpoint",
        metavar="URL",
        help="also send every case event with EventBridge PutEvents to URL, e.g. a moto server",
    )


def _account_id(value: str) -> str:
    from .account_region import check_account_id

    try:
        return check_account_id(value, "--account-id")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--account-id: ")) from None


def _serve(args: argparse.Namespace) -> int:
    from .server import serve
    from .server.http11 import HttpLimits

    if args.save_every is not None and (not args.state_file or args.save_every <= 0):
        print("cases-mock: --save-every needs --state-file and a positive number of seconds", file=sys.stderr)
        return 2
    from .account_region import default_account_id

    try:
        account_id = getattr(args, "account_id", None) or default_account_id()
    except ValueError as error:  # a bad CASES_MOCK_ACCOUNT_ID / MOTO_ACCOUNT_ID
        print(f"cases-mock: {error}", file=sys.stderr)
        return 2
    limits = HttpLimits(
        request_timeout=args.request_timeout, idle_timeout=args.idle_timeout, max_body=args.max_body
    )
    return serve(
        args.host,
        args.port,
        save_every=args.save_every,
        quiet=args.quiet,
        limits=limits,
        max_connections=args.max_connections,
        allow_hosts=args.allow_host,
        allow_origins=args.allow_origin,
        control_token=getattr(args, "control_token", None) or os.environ.get(TOKEN_ENV),
        record_calls=args.record_calls,
        state_file=args.state_file,
        eventbridge_endpoint=args.eventbridge_endpoint,
        account_id=account_id,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
