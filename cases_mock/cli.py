"""The ``cases-mock`` command (also ``python -m cases_mock``).

Subcommands: ``demo`` (a walk-through of the API, in memory) and ``serve`` (a Connect Cases
endpoint over HTTP for the AWS CLI and other SDKs). The maintainers' generators live outside the
package, in the checkout's ``maintainers/`` (``python -m maintainers.coverage``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

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
SERVE_EPILOG = """while it runs (JSON in and out, on the same host and port):
  /_cases_mock/ui/                 the dashboard: state, template preview, calls, faults
  GET  /_cases_mock/health         {"status": "ok"} (needs no control token)
  POST /_cases_mock/reset          forget all state, recorded calls and faults
  GET  /_cases_mock/state          the whole state as JSON; POST: replace it (checked first)
  POST /_cases_mock/state/save     save to the --state-file now
  GET  /_cases_mock/calls          recorded calls, ?after=N&limit=M; DELETE: clear them
  POST /_cases_mock/faults         add a fault {"operation", "error", "times", "probability",
                                   "latency", "message"}; DELETE: clear them
  GET  /_cases_mock/events         published case events; DELETE: forget them

security: requests must name a loopback Host (or one given with --allow-host) and browser
requests an allowed Origin (--allow-origin), else 403; the API has no authentication, so
--host 0.0.0.0 makes it reachable from the network.

examples:
  cases-mock serve
  cases-mock serve --port 0                     a free port (4566 is also LocalStack's)
  cases-mock serve --host 0.0.0.0 --port 8000   in a container
  export AWS_ENDPOINT_URL_CONNECTCASES=http://127.0.0.1:4566   # SDKs then need no endpoint flag
"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and examples (defaults are written in each help)."""


def _version() -> str:
    from cases_mock import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The user commands."""
    parser = argparse.ArgumentParser(
        prog="cases-mock", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=_HelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="{demo,serve}")
    commands.add_parser(
        "demo",
        help="walk through the Connect Cases API in memory",
        description="Creates a domain, fields, a layout, a template, a case rule and cases in an\n"
        "in-memory mock, printing each step. Nothing to start, no AWS account or credentials.",
        formatter_class=_HelpFormatter,
    )
    serve = commands.add_parser(
        "serve",
        help="run a Connect Cases endpoint over HTTP, with a dashboard",
        description="Serves the Connect Cases API over HTTP until Ctrl-C (SIGINT) or SIGTERM, for\n"
        "the AWS CLI and SDKs that cannot be patched in-process. Any region and credentials;\n"
        "signatures are not verified.",
        epilog=SERVE_EPILOG,
        formatter_class=_HelpFormatter,
    )
    _serve_options(serve)
    return parser


TOKEN_ENV = "CASES_MOCK_CONTROL_TOKEN"  # the same name as server/security.py's


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "demo":
        from cases_mock._services.connectcases.demo import run

        run()
        return 0
    parser.print_help()  # no command: what there is to do
    return 0


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An option's type: a whole number from ``low`` (to ``high``); argparse names the option."""
    allowed = f"a whole number from {low} to {high}" if high is not None else f"a whole number >= {low}"

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {allowed}, not {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be {allowed}, not {value}")
        return value

    convert.__name__ = "whole number"  # argparse's word for a value it cannot convert
    return convert


def _seconds(text: str) -> float:
    """An option's type: seconds above 0, at most a day (the socket and timer limits)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {text!r}") from None
    if not 0 < value <= MAX_SECONDS:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"must be seconds above 0 and at most {MAX_SECONDS}, not {text}")
    return value


MAX_SECONDS = 86_400
MAX_PORT = 65_535


def _serve_options(serve: argparse.ArgumentParser) -> None:
    from cases_mock._engine.recording import DEFAULT_CAPACITY
    from cases_mock._server.app import MAX_CONNECTIONS
    from cases_mock._server.http11 import HttpLimits

    limits = HttpLimits()
    add = serve.add_argument
    add(
        "--host", default="127.0.0.1", help="address to listen on, e.g. ::1 or 0.0.0.0 (default: %(default)s)"
    )
    add(
        "--port",
        type=_whole(0, MAX_PORT),
        default=4566,
        help="port to listen on; 0 picks a free one (default: %(default)s)",
    )
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
    add(
        "--max-connections",
        type=_whole(1),
        default=MAX_CONNECTIONS,
        metavar="N",
        help="connections served at once (default: %(default)s)",
    )
    add(
        "--request-timeout",
        type=_seconds,
        default=limits.request_timeout,
        metavar="SECONDS",
        help="for a whole request (line, headers, body) to arrive (default: %(default)s)",
    )
    add(
        "--idle-timeout",
        type=_seconds,
        default=limits.idle_timeout,
        metavar="SECONDS",
        help="a kept-alive connection may idle (default: %(default)s)",
    )
    add(
        "--max-body",
        type=_whole(1),
        default=limits.max_body,
        metavar="BYTES",
        help="largest request body (default: %(default)s)",
    )
    add(
        "--record-calls",
        type=_whole(0),
        default=DEFAULT_CAPACITY,
        metavar="N",
        help="recent calls kept for /_cases_mock/calls; 0: none (default: %(default)s)",
    )
    add("--state-file", metavar="PATH", help="load the state from PATH at start, save it there on exit")
    add("--save-every", type=_seconds, metavar="SECONDS", help="with --state-file: also save when changed")
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
    from cases_mock._engine.account_region import check_account_id

    try:
        return check_account_id(value, "--account-id")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--account-id: ")) from None


def _serve(args: argparse.Namespace) -> int:
    from cases_mock._server import serve
    from cases_mock._server.http11 import HttpLimits

    if args.save_every is not None and not args.state_file:
        print("cases-mock: --save-every needs --state-file PATH (where to save)", file=sys.stderr)
        return 2
    from cases_mock._engine.account_region import default_account_id

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
