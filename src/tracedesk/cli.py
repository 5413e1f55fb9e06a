"""The `tracedesk` command. Each subcommand parses its arguments and calls one function.

Data goes to stdout, progress and errors to stderr. Errors name the argument at
fault and exit with status 2; nothing is written before the arguments are checked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import secrets
import socket
import sys
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracedesk.pipeline.linking.records import LinkRecord

ROLES = ("admin", "analyst", "caseworker", "viewer")
DEMO_ACCOUNTS = (
    ("demo", "admin"),
    ("demo-analyst", "analyst"),
    ("demo-caseworker", "caseworker"),
    ("demo-viewer", "viewer"),
)


class CommandError(Exception):
    """A problem the user can fix; printed as one line naming the argument."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# 1. Checks that run before anything is written.


def check_data_dir(path: Path, *, create: bool) -> Path:
    path = path.expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise CommandError(f"--data-dir {path}: exists and is not a directory")
    if not path.exists():
        if not create:
            raise CommandError(f"--data-dir {path}: does not exist (run `tracedesk init` first)")
        try:
            path.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise CommandError(f"--data-dir {path}: cannot create it ({exc.strerror})") from None
    probe = path / f".write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CommandError(f"--data-dir {path}: not writable ({exc.strerror})") from None
    return path


def check_port(host: str, port: int) -> None:
    if not 1 <= port <= 65535:
        raise CommandError(f"--port {port}: must be between 1 and 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CommandError(f"--port {port}: {host}:{port} is already in use") from None
            raise CommandError(
                f"--host {host} / --port {port}: cannot listen there ({exc.strerror})"
            ) from None


# 2. Django, configured for the chosen data dir.


def setup_django(data_dir: Path | None) -> None:
    if data_dir is not None:
        os.environ["TRACEDESK_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracedesk.config.settings")
    import django

    django.setup()


def default_data_dir(args: argparse.Namespace, fallback: str) -> Path:
    return Path(args.data_dir or os.environ.get("TRACEDESK_DATA_DIR") or fallback)


def write_secret_key(data_dir: Path) -> None:
    key_file = data_dir / "secret_key"
    if key_file.exists() or os.environ.get("TRACEDESK_SECRET_KEY"):
        return
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(50))


def migrate() -> None:
    from django.core.management import call_command

    log("Preparing the database…")
    call_command("migrate", interactive=False, verbosity=0)


def new_password() -> str:
    return secrets.token_urlsafe(12)


# 3. Subcommands.


def cmd_init(args: argparse.Namespace) -> int:
    data_dir = check_data_dir(default_data_dir(args, "tracedesk-data"), create=True)
    write_secret_key(data_dir)
    setup_django(data_dir)
    migrate()
    from tracedesk.accounts.models import User
    from tracedesk.accounts.services import user_create

    if User.objects.filter(username=args.admin).exists():
        log(f"Data dir {data_dir} is ready; account {args.admin!r} already exists.")
        return 0
    password = read_password(args) or new_password()
    user_create(
        actor=None,
        username=args.admin,
        password=password,
        role="admin",
        validate=bool(args.password_stdin),
    )
    log(f"Data dir {data_dir} is ready.")
    print(f"username: {args.admin}\npassword: {password}")
    return 0


def read_password(args: argparse.Namespace) -> str | None:
    if not getattr(args, "password_stdin", False):
        return None
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise CommandError("--password-stdin: no password on standard input")
    return password


def cmd_createuser(args: argparse.Namespace) -> int:
    setup_django(check_data_dir(default_data_dir(args, "tracedesk-data"), create=False))
    from tracedesk.accounts.services import user_create
    from tracedesk.core.exceptions import ApplicationError

    password = read_password(args) or new_password()
    try:
        user_create(
            actor=None,
            username=args.username,
            password=password,
            role=args.role,
            email=args.email or "",
        )
    except ApplicationError as exc:
        raise CommandError(cli_message(exc)) from None
    print(f"username: {args.username}\nrole: {args.role}")
    if not args.password_stdin:
        print(f"password: {password}")
    return 0


def cli_message(exc) -> str:
    """Name fields as the CLI spells its arguments: role -> --role, username -> USERNAME."""
    spelled = {"username": "USERNAME", "role": "--role", "password": "password", "name": "--name"}
    parts = [f"{spelled.get(field, field)}: {' '.join(msgs)}" for field, msgs in exc.extra.items()]
    return "; ".join(parts) or exc.message


def cmd_token(args: argparse.Namespace) -> int:
    setup_django(check_data_dir(default_data_dir(args, "tracedesk-data"), create=False))
    from tracedesk.accounts.models import User
    from tracedesk.accounts.services import api_token_create
    from tracedesk.core.exceptions import ApplicationError

    user = User.objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"USERNAME {args.username!r}: no such account")
    try:
        token = api_token_create(actor=None, user=user, name=args.name)
    except ApplicationError as exc:
        raise CommandError(cli_message(exc)) from None
    print(token)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    setup_django(check_data_dir(default_data_dir(args, "tracedesk-data"), create=False))
    from tracedesk.audit.services import audit_verify

    report = audit_verify()
    if report.ok:
        print(f"ok: {report.checked} entries, chain intact")
        return 0
    print(
        f"BROKEN at entry #{report.first_bad_seq}: {report.problem} "
        f"({report.checked} entries before it are intact)"
    )
    return 1


def ensure_demo_accounts(data_dir: Path) -> list[tuple[str, str, str]]:
    """Create the demo accounts once; their passwords stay in the data dir for reruns."""
    from tracedesk.accounts.models import User
    from tracedesk.accounts.services import user_create

    cred_file = data_dir / "demo-credentials.txt"
    known: dict[str, str] = {}
    if cred_file.exists():
        for line in cred_file.read_text(encoding="utf-8").splitlines():
            username, _, password = line.partition(" ")
            known[username] = password
    rows = []
    for username, role in DEMO_ACCOUNTS:
        if not User.objects.filter(username=username).exists():
            known[username] = new_password()
            user_create(
                actor=None, username=username, password=known[username], role=role, validate=False
            )
        rows.append((username, role, known.get(username, "(set before; see demo-credentials.txt)")))
    fd = os.open(cred_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{u} {known[u]}\n" for u, _ in DEMO_ACCOUNTS if u in known))
    return rows


def cmd_demo(args: argparse.Namespace) -> int:
    check_port(args.host, args.port)
    data_dir = check_data_dir(default_data_dir(args, "tracedesk-demo-data"), create=True)
    write_secret_key(data_dir)
    setup_django(data_dir)
    migrate()
    rows = ensure_demo_accounts(data_dir)
    from tracedesk.accounts.models import User
    from tracedesk.demo.loader import load_demo

    log("Loading demo data…")
    counts = load_demo(
        actor=User.objects.get(username="demo"),
        caseworker=User.objects.get(username="demo-caseworker"),
    )
    log("Demo data: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    url = f"http://{args.host}:{args.port}/"
    print(f"TraceDesk demo at {url}  (data in {data_dir})")
    print("Sign in with one of these accounts:")
    for username, role, password in rows:
        print(f"  {username:<16} {password:<20} {role}")
    sys.stdout.flush()
    return serve(
        args.host, args.port, threads=args.threads, open_browser=not args.no_browser, url=url
    )


def cmd_serve(args: argparse.Namespace) -> int:
    check_port(args.host, args.port)
    data_dir = check_data_dir(default_data_dir(args, "tracedesk-data"), create=False)
    setup_django(data_dir)
    from django.core.management import call_command

    call_command("migrate", "--check", verbosity=0) if args.check_migrations else None
    url = f"http://{args.host}:{args.port}/"
    print(f"TraceDesk at {url}  (data in {data_dir})", flush=True)
    return serve(args.host, args.port, threads=args.threads, open_browser=False, url=url)


def serve(host: str, port: int, *, threads: int, open_browser: bool, url: str) -> int:
    import waitress

    from tracedesk.config.wsgi import application

    if open_browser:
        webbrowser.open(url)
    log(f"Serving on {url} — press Ctrl+C to stop.")
    waitress.serve(application, host=host, port=port, threads=threads, ident="TraceDesk")
    return 0


def published_option(text: str | None) -> dt.date | None:
    """The --published date of extract and ingest, or a message naming the argument."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--published {text!r}: not a date (YYYY-MM-DD)") from None


def cmd_extract(args: argparse.Namespace) -> int:
    """JSON Lines on stdout, one object per document in input order; errors also go to stderr."""
    import json
    from collections import deque
    from collections.abc import Iterator

    from tracedesk.pipeline.document import DocumentOptions
    from tracedesk.pipeline.inputs import InputDocument, InputError, read_input
    from tracedesk.pipeline.parallel import process_many

    published = published_option(args.published)
    if args.workers < 0:
        raise CommandError(f"--workers {args.workers}: must be 0 (one per core) or more")
    options = DocumentOptions(published=published, url=args.url)
    show_progress = sys.stderr.isatty() and len(args.paths) > 1
    # An unreadable input keeps its place: it is printed once the documents read before it are.
    unreadable: deque[tuple[int, InputError]] = deque()
    read = 0

    def documents() -> Iterator[InputDocument]:
        nonlocal read
        for number, path in enumerate(args.paths, start=1):
            if show_progress:
                log(f"[{number}/{len(args.paths)}] {path}")
            for doc in read_input(path, url=args.url):
                if isinstance(doc, InputError):
                    unreadable.append((read, doc))
                else:
                    read += 1
                    yield doc

    failed = 0

    def emit(line: dict) -> None:
        nonlocal failed
        if "error" in line:
            failed += 1
            log(f"tracedesk: {line['input']}: {line['error']}")
        print(json.dumps(line, ensure_ascii=False), flush=True)

    for printed, (_doc, line) in enumerate(
        process_many(documents(), options, workers=args.workers)
    ):
        while unreadable and unreadable[0][0] <= printed:
            error = unreadable.popleft()[1]
            emit({"input": error.input, "error": error.error})
        emit(line)
    for _, error in unreadable:
        emit({"input": error.input, "error": error.error})
    return 1 if failed else 0


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django(check_data_dir(default_data_dir(args, "tracedesk-data"), create=False))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tracedesk manage", *args.rest])
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Store documents as Sources and their drafts in the review queue; JSON Lines on stdout."""
    import json

    setup_django(check_data_dir(default_data_dir(args, "tracedesk-data"), create=False))
    from tracedesk.accounts import roles
    from tracedesk.accounts.models import User
    from tracedesk.intake.ingest import Progress, run_ingest
    from tracedesk.pipeline.document import DocumentOptions
    from tracedesk.pipeline.fetch import DEFAULT_USER_AGENT, Fetcher

    published = published_option(args.published)
    if args.workers is not None and args.workers < 1:
        raise CommandError(f"--workers {args.workers}: must be 1 or more")
    if args.delay < 0:
        raise CommandError(f"--delay {args.delay}: must not be negative")
    if args.timeout <= 0:
        raise CommandError(f"--timeout {args.timeout}: must be positive")
    actor = None
    if args.user:
        actor = User.objects.filter(username=args.user, is_active=True).first()
        if actor is None:
            raise CommandError(f"--user {args.user!r}: no such active account")
        if not roles.can_edit_registry(actor):
            raise CommandError(f"--user {args.user!r}: role {actor.role} may not add sources")
    fetcher = Fetcher(
        user_agent=args.user_agent or DEFAULT_USER_AGENT,
        timeout=args.timeout,
        delay=args.delay,
        respect_robots=not args.ignore_robots,
    )
    progress = Progress(write=log, every=1 if sys.stderr.isatty() else 10)

    def emit(line: dict) -> None:
        print(json.dumps(line, ensure_ascii=False), flush=True)

    run = run_ingest(
        args.targets,
        actor=actor,
        options=DocumentOptions(published=published),
        fetcher=fetcher,
        workers=args.workers or os.cpu_count() or 1,
        emit=emit,
        progress=progress,
        refetch=args.refetch,
    )
    log(progress.line())
    log(f"ingest run {run.short_id}: {run.get_status_display().lower()}")
    return 1 if run.errors else 0


def load_link_records(path: str, flag: str) -> tuple[list[LinkRecord], int]:
    """Link records from a JSON Lines file (``-``: stdin); each bad line named on stderr."""
    from tracedesk.pipeline.linking.records import RecordError, read_records

    try:
        handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise CommandError(f"{flag} {path}: cannot read ({exc.strerror})") from None
    records, errors = [], 0
    with handle:
        try:
            for item in read_records(handle, path):
                if isinstance(item, RecordError):
                    errors += 1
                    log(f"tracedesk: {item}")
                else:
                    records.append(item)
        except UnicodeDecodeError:
            raise CommandError(f"{flag} {path}: not UTF-8 text") from None
    return records, errors


def cmd_link(args: argparse.Namespace) -> int:
    """Candidates for each query record, best first, as JSON Lines; bad records named on stderr."""
    import json

    from tracedesk.pipeline.linking.engine import link

    if args.top < 1:
        raise CommandError(f"--top {args.top}: must be 1 or more")
    if not 0 <= args.threshold <= 1:
        raise CommandError(f"--threshold {args.threshold}: must be between 0 and 1")
    if args.engine == "spark":
        from tracedesk.pipeline.linking.spark import missing

        problem = missing()
        if problem:
            raise CommandError(f"--engine spark: {problem}")

    queries, query_errors = load_link_records(args.queries, "QUERIES")
    registry, registry_errors = load_link_records(args.against, "--against")
    log(f"link: {len(queries)} queries against {len(registry)} records ({args.engine})")
    results = (
        link(queries, registry, top=args.top, threshold=args.threshold, engine=args.engine)
        if queries
        else {}
    )
    for query in queries:
        candidates = [
            {"id": c.id, "score": c.score, "reasons": c.reasons} for c in results.get(query.id, [])
        ]
        print(json.dumps({"query": query.id, "candidates": candidates}, ensure_ascii=False))
    return 1 if query_errors or registry_errors else 0


def cmd_dedupe(args: argparse.Namespace) -> int:
    """Pairs of records that are likely one person (or their clusters), as JSON Lines."""
    import json
    import time

    from tracedesk.pipeline.linking.dedupe import THRESHOLD, clusters, dedupe

    threshold = THRESHOLD if args.threshold is None else args.threshold
    if not 0 <= threshold <= 1:
        raise CommandError(f"--threshold {args.threshold}: must be between 0 and 1")
    if args.workers is not None and args.workers < 1:
        raise CommandError(f"--workers {args.workers}: must be 1 or more")
    records, errors = load_link_records(args.records, "RECORDS")
    started = time.monotonic()
    log(f"dedupe: {len(records):,} records")
    pairs = dedupe(
        records,
        threshold=threshold,
        workers=args.workers,
        progress=lambda message: log(f"dedupe: {time.monotonic() - started:.0f} s, {message}"),
    )
    if args.clusters:
        groups = clusters(pairs)
        for group in groups:
            print(json.dumps({"cluster": group}, ensure_ascii=False))
        log(f"dedupe: {len(pairs):,} pairs in {len(groups):,} clusters")
    else:
        for pair in pairs:
            line = {"ids": [pair.a, pair.b], "score": pair.score, "reasons": pair.reasons}
            print(json.dumps(line, ensure_ascii=False))
        log(f"dedupe: {len(pairs):,} pairs")
    return 1 if errors else 0


# 4. The parser.


def port_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracedesk", description="Registry and tracing of people detained or missing in war."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_data_dir(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--data-dir", help="where the database and files live (default: $TRACEDESK_DATA_DIR)"
        )
        return p

    def with_server(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
        )
        p.add_argument(
            "--port", type=port_number, default=8000, help="port to listen on (default: 8000)"
        )
        p.add_argument("--threads", type=int, default=8, help="worker threads (default: 8)")

    p = with_data_dir(
        sub.add_parser("demo", help="create a data dir with demo data and serve the workbench")
    )
    with_server(p)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.set_defaults(func=cmd_demo)

    p = with_data_dir(sub.add_parser("serve", help="serve the workbench from an existing data dir"))
    with_server(p)
    p.add_argument(
        "--check-migrations", action="store_true", help="refuse to start with unapplied migrations"
    )
    p.set_defaults(func=cmd_serve)

    p = with_data_dir(
        sub.add_parser("init", help="create a data dir, its database and an admin account")
    )
    p.add_argument("--admin", default="admin", help="admin username (default: admin)")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the admin password from stdin"
    )
    p.set_defaults(func=cmd_init)

    p = with_data_dir(sub.add_parser("createuser", help="add an account with a role"))
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", required=True, choices=ROLES, help="what the account may do")
    p.add_argument("--email")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_createuser)

    p = sub.add_parser("token", help="API tokens")
    tsub = p.add_subparsers(dest="token_command", required=True, metavar="ACTION")
    t = with_data_dir(
        tsub.add_parser("create", help="issue an API token for an account (printed once)")
    )
    t.add_argument("username", metavar="USERNAME")
    t.add_argument("--name", required=True, help="what the token is for")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("audit", help="the audit trail")
    asub = p.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    with_data_dir(
        asub.add_parser("verify", help="recompute the hash chain and report the first broken entry")
    )
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser(
        "extract", help="draft records from HTML, text or WARC files as JSON Lines (no database)"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or WARC archives; - for stdin")
    p.add_argument("--published", help="publication date YYYY-MM-DD, when the page lacks it")
    p.add_argument("--url", help="the page's URL, when the file lacks it")
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="processes extracting in parallel; output keeps the input order (default: 0, one "
        "per core)",
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "link",
        help="find registry records for query records across scripts (JSON Lines, no database)",
    )
    p.add_argument("queries", metavar="QUERIES.jsonl", help="query records; - for stdin")
    p.add_argument(
        "--against", required=True, metavar="REGISTRY.jsonl", help="the records to search"
    )
    p.add_argument("--top", type=int, default=5, help="candidates per query (default: 5)")
    p.add_argument(
        "--threshold", type=float, default=0.0, help="lowest match probability shown (default: 0)"
    )
    p.add_argument(
        "--engine",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="where Splink scores the pairs, with the same results: duckdb, in process, or "
        "spark, pyspark in local mode (the extra 'spark' and Java 17+) (default: duckdb)",
    )
    p.set_defaults(func=cmd_link)

    p = sub.add_parser(
        "dedupe",
        help="find records that are likely the same person within one file (JSON Lines, "
        "no database)",
    )
    p.add_argument("records", metavar="RECORDS.jsonl", help="link records; - for stdin")
    p.add_argument(
        "--threshold",
        type=float,
        help="lowest match probability of a pair (default: 0.35, near the best F1 on "
        "generated registries)",
    )
    p.add_argument(
        "--clusters",
        action="store_true",
        help="print groups of records joined by pairs instead of the pairs",
    )
    p.add_argument(
        "--workers", type=int, metavar="N", help="feature processes (default: one per core)"
    )
    p.set_defaults(func=cmd_dedupe)

    p = with_data_dir(sub.add_parser("manage", help="run a Django management command"))
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)

    p = with_data_dir(
        sub.add_parser(
            "ingest",
            help="store pages, files, WARCs and feeds as sources and queue their drafts for review",
        )
    )
    p.add_argument(
        "targets",
        nargs="+",
        metavar="PATH|DIR|URL|FEED",
        help="HTML, text, gzip or WARC files, directories, URLs, RSS/Atom feeds; - is stdin",
    )
    p.add_argument(
        "--user", help="the analyst or admin the work is recorded under (default: system)"
    )
    p.add_argument("--workers", type=int, help="pipeline processes (default: all cores)")
    p.add_argument("--published", help="publication date YYYY-MM-DD, when pages lack it")
    p.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to one host (default: 1)"
    )
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: 20)")
    p.add_argument("--user-agent", help="the User-Agent header (default: TraceDeskBot with a URL)")
    p.add_argument(
        "--ignore-robots", action="store_true", help="do not read robots.txt (your own sites only)"
    )
    p.add_argument(
        "--refetch", action="store_true", help="fetch URLs again even if already ingested"
    )
    p.set_defaults(func=cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"tracedesk: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        log("Stopped.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
