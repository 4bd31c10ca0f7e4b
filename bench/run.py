"""`make bench`: how steerco's pages, packs and memory scale, measured as ratios within one run.

For each scale (N=1 and N=10) the bench builds a fresh database with `steerco generate`, starts
gunicorn on loopback as production would (both scales at once), signs in as the programme manager,
and measures each page against the same page at the other scale, with their requests taken in turn,
and against the floor (a page that renders only the base template) measured right before it. Every
figure is a ratio of two measurements taken side by side on the same machine, so it holds on a noisy
one. Results print as one table and are written as JSON under bench/results/.

Traffic goes to 127.0.0.1 only; every loop is bounded in requests and in seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
# manage.py rather than the installed `steerco` script: the checkout under test is the one that runs.
STEERCO = [PYTHON, str(ROOT / "manage.py")]

GOALS = {
    "import_over_openpyxl": 4.0,  # the updates import's time over openpyxl reading the same files, at most
    "import_memory": 1.5,  # the import preview's peak memory at 10× the rows over 1×, below
    "growth": 1.5,  # median time at N=10 over N=1, at most
    "floor_dashboard": 0.5,  # throughput over the floor page's, at least (dashboards)
    "floor_logframe": 0.3,  # the same for the logframe page
    "pack_growth": 2.0,  # pack time at N=10 over N=1, at most
    "pack_over_render": 1.5,  # pack PDF time over WeasyPrint alone on its HTML, at most
    "memory": 2.0,  # worker peak RSS at N=10 over N=1, below
    "report_memory": 1.5,  # worker peak RSS serving the donor tables at N=10 over N=1, below
}


# --- a small HTTP client -------------------------------------------------------------------------


class Session:
    """A signed-in browser-like session: keeps cookies, sends the CSRF token, one connection per thread."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self._local = threading.local()

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self._local.conn = conn
        return conn

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {
            "Cookie": self.cookie_header(),
            "Accept-Encoding": "identity",
        }
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            conn = self._conn()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, payload

    def sign_in(self, username: str, password: str) -> None:
        status, _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise RuntimeError(f"sign-in page answered {status}")
        form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password}
        status, headers, _ = self.request("POST", "/accounts/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"signing in as {username} failed ({status})")


def timed_get(session: Session, path: str) -> tuple[float, int, int, bytes]:
    start = time.perf_counter()
    status, headers, payload = session.request("GET", path)
    elapsed = time.perf_counter() - start
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return elapsed, int(headers.get("x-query-count", "-1")), len(payload), payload


def throughput(session: Session, path: str, clients: int, max_requests: int, max_seconds: float) -> float:
    """Requests per second with `clients` concurrent clients, stopping at either bound."""
    done = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + max_seconds
    errors: list[str] = []

    def client() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            with lock:
                if done >= max_requests:
                    return
                done += 1
            try:
                status, _, _ = session.request("GET", path)
                if status != 200:
                    errors.append(f"{path}: {status}")
                    return
            except OSError as exc:
                errors.append(f"{path}: {exc}")
                return

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError("; ".join(errors[:3]))
    return done / elapsed


def wrk_throughput(session: Session, path: str, clients: int, max_seconds: float) -> float:
    """Requests per second measured by wrk (Debian's package), which costs the two cores far less
    than the Python client does, so more of them go to the server under test. Bounded in time."""
    out = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(clients),
            "--duration",
            f"{max(1, round(max_seconds))}s",
            "--header",
            f"Cookie: {session.cookie_header()}",
            f"http://127.0.0.1:{session.port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"GET {path} answered errors under load:\n{out}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no rate for {path}:\n{out}")
    return float(found.group(1))


def paired_throughput(
    session: Session, floor_path: str, path: str, args: argparse.Namespace
) -> tuple[float, float, float]:
    """The floor's and the page's throughput, and the page's over the floor's, as medians of rounds.

    Each round measures the floor right before the page, so a neighbour's load hits both alike; the
    median of the rounds' ratios leaves out a round that a burst of load fell on.
    """
    floors: list[float] = []
    rates: list[float] = []
    ratios: list[float] = []

    def measure(target: str) -> float:
        if args.client == "wrk":
            return wrk_throughput(session, target, args.clients, args.seconds)
        return throughput(session, target, args.clients, args.requests, args.seconds)

    for _ in range(args.rounds):
        floor = measure(floor_path)
        rate = measure(path)
        floors.append(floor)
        rates.append(rate)
        ratios.append(rate / floor)
    return statistics.median(floors), statistics.median(rates), statistics.median(ratios)


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    env: dict[str, str]
    workers: int
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "steerco.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 s")

    def __exit__(self, *exc: Any) -> None:
        if self.process:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def worker_pids(self) -> list[int]:
        assert self.process
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


# --- the databases -------------------------------------------------------------------------------


def database_env(engine: str, scale: int) -> dict[str, str]:
    var = WORK / f"{engine}-{scale}"
    env = {
        **os.environ,
        "STEERCO_VAR_DIR": str(var),
        "STEERCO_QUERY_COUNT_HEADER": "1",
        "SECRET_KEY": "bench-only-not-secret",
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
    }
    if engine == "postgres":
        base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
        env["DATABASE_URL"] = f"{base}/steerco_bench_{scale}"
    else:
        env.pop("DATABASE_URL", None)
    return env


def build_world(engine: str, scale: int, seed: int, reuse: bool) -> dict[str, str]:
    env = database_env(engine, scale)
    var = Path(env["STEERCO_VAR_DIR"])
    marker = var / f"generated-{seed}"
    if reuse and marker.exists():
        # Migrations added since (indexes) apply to the kept database, with fresh planner statistics.
        subprocess.run([*STEERCO, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True)
        analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
        subprocess.run([*STEERCO, "shell", "--no-imports", "-c", analyze], env=env, cwd=ROOT, check=True)
        return env
    if var.exists():
        shutil.rmtree(var)
    var.mkdir(parents=True)
    if engine == "postgres":
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([*STEERCO, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*STEERCO, "generate", "--scale", str(scale), "--seed", str(seed)], env=env, cwd=ROOT, check=True
    )
    print(f"  generated N={scale} on {engine} in {time.perf_counter() - started:.0f} s", flush=True)
    marker.touch()
    return env


def targets(env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [*STEERCO, "bench_targets"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


# --- the measurements ----------------------------------------------------------------------------


def paired_medians(
    targets: list[tuple[Session, str]], repeats: int, warm_up: int = 1
) -> list[tuple[float, int]]:
    """Median time and query count of each (session, path), with their requests taken in turn, so a
    change in the machine's load while they run affects all of them alike."""
    for session, path in targets:
        for _ in range(warm_up):  # templates and per-process caches, in as many workers as it reaches
            timed_get(session, path)
    times: list[list[float]] = [[] for _ in targets]
    queries = [-1] * len(targets)
    for _ in range(repeats):
        for index, (session, path) in enumerate(targets):
            elapsed, queries[index], _, _ = timed_get(session, path)
            times[index].append(elapsed)
    return [(statistics.median(t), q) for t, q in zip(times, queries, strict=True)]


def signed_in(server: Server, plan: dict[str, Any]) -> Session:
    session = Session(server.port)
    session.sign_in(plan["username"], plan["password"])
    return session


def measure_engine(engine: str, scales: list[int], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Both scales side by side: two servers run at once and their medians are taken in turn."""
    envs = [build_world(engine, scale, args.seed, args.reuse) for scale in scales]
    plans = [targets(env) for env in envs]
    results: list[dict[str, Any]] = [{"pages": {}, "pack": {}} for _ in scales]
    names = [name for name in plans[0]["pages"] if all(name in plan["pages"] for plan in plans)]
    with Server(envs[0], workers=args.workers) as first, Server(envs[1], workers=args.workers) as second:
        sessions = [signed_in(first, plans[0]), signed_in(second, plans[1])]
        for name in names:
            medians = paired_medians(
                [(session, plan["pages"][name]) for session, plan in zip(sessions, plans, strict=True)],
                args.repeats,
                warm_up=2 * args.workers,
            )
            for scale, session, plan, result, (median, queries) in zip(
                scales, sessions, plans, results, medians, strict=True
            ):
                path = plan["pages"][name]
                floor, rate, ratio = paired_throughput(session, plan["floor"], path, args)
                result.setdefault("floors", []).append(floor)
                result["pages"][name] = {
                    "path": path,
                    "median_s": median,
                    "queries": queries,
                    "throughput": rate,
                    "floor_throughput": floor,
                    "floor_ratio": ratio,
                }
                print(
                    f"  N={scale:<3} {name:<20} {median * 1000:8.1f} ms  {queries:3d} queries"
                    f"  {rate:7.1f} req/s  (floor {floor:6.1f} req/s)",
                    flush=True,
                )
    # The same pages with the page memo off: what the first reader after a write waits for.
    cold = [{**env, "STEERCO_PAGE_MEMO": "false"} for env in envs]
    with Server(cold[0], workers=1) as first, Server(cold[1], workers=1) as second:
        sessions = [signed_in(first, plans[0]), signed_in(second, plans[1])]
        for name in names:
            medians = paired_medians(
                [(session, plan["pages"][name]) for session, plan in zip(sessions, plans, strict=True)],
                args.cold_repeats,
            )
            for scale, result, (median, queries) in zip(scales, results, medians, strict=True):
                result["pages"][name].update({"uncached_median_s": median, "uncached_queries": queries})
                print(f"  N={scale:<3} {name:<20} {median * 1000:8.1f} ms  {queries:3d} queries  uncached")
    if all(plan["pack"].get("pdf") for plan in plans):
        measure_packs(envs, plans, results, args)
    if all(plan.get("reports") for plan in plans):
        measure_reports(scales, envs, plans, results, args)
    for result in results:
        result["floor"] = {"throughput": statistics.median(result.pop("floors", [0.0]))}
    return results


def measure_packs(
    envs: list[dict[str, str]],
    plans: list[dict[str, Any]],
    results: list[dict[str, Any]],
    args: argparse.Namespace,
) -> None:
    """Pack PDF and DOCX times, WeasyPrint alone on the same HTML, and the worker's peak memory.

    Each scale gets a single-worker server that serves nothing but its pack, warmed up once (the first
    PDF of a process also loads fonts), so its peak resident memory is the pack's doing. The rounds
    take N=1 and N=10, served and WeasyPrint-only, in turn.
    """
    with Server(envs[0], workers=1) as first, Server(envs[1], workers=1) as second:
        servers = [first, second]
        sessions = [signed_in(first, plans[0]), signed_in(second, plans[1])]
        for session, plan in zip(sessions, plans, strict=True):
            timed_get(session, plan["pack"]["pdf"])
            timed_get(session, plan["pack"]["docx"])
        times: list[dict[str, list[float]]] = [{"pdf": [], "docx": [], "weasyprint_only": []} for _ in plans]
        for _ in range(args.pack_repeats):
            for session, plan, row in zip(sessions, plans, times, strict=True):
                for kind in ("pdf", "docx"):
                    row[kind].append(timed_get(session, plan["pack"][kind])[0])
                # The print HTML that `bench_targets` saved: what the PDF view hands to WeasyPrint.
                row["weasyprint_only"].append(weasyprint_time(Path(plan["pack"]["html_file"]), 1))
        for server, result, row in zip(servers, results, times, strict=True):
            result["pack"] = {kind: statistics.median(values) for kind, values in row.items()}
            result["pack"]["peak_rss_kib"] = max(peak_rss_kib(pid) for pid in server.worker_pids())


def measure_reports(
    scales: list[int],
    envs: list[dict[str, str]],
    plans: list[dict[str, Any]],
    results: list[dict[str, Any]],
    args: argparse.Namespace,
) -> None:
    """The donor tables (IPTT workbook, EU logframe Word file): time, queries and the worker's peak
    memory, on single-worker servers that serve nothing else, N=1 and N=10 taken in turn."""
    with Server(envs[0], workers=1) as first, Server(envs[1], workers=1) as second:
        servers = [first, second]
        sessions = [signed_in(first, plans[0]), signed_in(second, plans[1])]
        names = list(plans[0]["reports"])
        for name in names:
            medians = paired_medians(
                [(session, plan["reports"][name]) for session, plan in zip(sessions, plans, strict=True)],
                args.pack_repeats,
            )
            for scale, result, (median, queries) in zip(scales, results, medians, strict=True):
                result.setdefault("reports", {})[name] = {"median_s": median, "queries": queries}
                print(f"  N={scale:<3} {name:<20} {median * 1000:8.1f} ms  {queries:3d} queries", flush=True)
        for server, result in zip(servers, results, strict=True):
            result["reports_peak_rss_kib"] = max(peak_rss_kib(pid) for pid in server.worker_pids())


def report_lines(small: dict[str, Any], large: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    if not large.get("reports"):
        return [], {}
    lines = ["", f"{'donor table':<21}{'ms N=1':>8}{'ms N=10':>8}{'t10/t1':>7}{'queries':>9}   goals"]
    rows: dict[str, Any] = {}
    for name, at10 in large["reports"].items():
        at1 = small["reports"][name]
        growth = at10["median_s"] / at1["median_s"]
        same = at1["queries"] == at10["queries"]
        rows[name] = {
            "growth": growth,
            "median_ms": [at1["median_s"] * 1000, at10["median_s"] * 1000],
            "queries": [at1["queries"], at10["queries"]],
        }
        lines.append(
            f"{name:<21}{at1['median_s'] * 1000:>8.1f}{at10['median_s'] * 1000:>8.1f}{growth:>7.2f}"
            f"{at1['queries']:>5d}/{at10['queries']:<3d}   growth {verdict(growth <= GOALS['growth'])}, "
            f"queries {verdict(same)}"
        )
    memory = large["reports_peak_rss_kib"] / small["reports_peak_rss_kib"]
    rows["memory_ratio"] = memory
    rows["peak_rss_mib"] = [small["reports_peak_rss_kib"] / 1024, large["reports_peak_rss_kib"] / 1024]
    lines.append(
        f"worker peak RSS serving the donor tables N=10/N=1 {memory:.2f} "
        f"({rows['peak_rss_mib'][0]:.0f} → {rows['peak_rss_mib'][1]:.0f} MiB; "
        f"{verdict(memory < GOALS['report_memory'])}, <{GOALS['report_memory']})"
    )
    logframe = large["pages"].get("logframe", {}).get("uncached_median_s")
    iptt = large["reports"].get("iptt xlsx", {}).get("median_s")
    if logframe and iptt:
        rows["iptt_over_uncached_logframe"] = iptt / logframe
        lines.append(f"IPTT xlsx time over the uncached logframe page's at N=10 {iptt / logframe:.2f}")
    return lines, rows


def weasyprint_time(html_file: Path, repeats: int) -> float:
    code = (
        "import sys, time, statistics\n"
        "from weasyprint import HTML\n"
        "html = open(sys.argv[1], encoding='utf-8').read()\n"
        "HTML(string=html).write_pdf()\n"
        "times = []\n"
        "for _ in range(int(sys.argv[2])):\n"
        "    t = time.perf_counter()\n"
        "    HTML(string=html).write_pdf()\n"
        "    times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times))\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", code, str(html_file), str(repeats)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(engine: str, small: dict[str, Any], large: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    lines = [f"steerco bench on {engine}: N=1 against N=10", ""]
    header = (
        f"{'page':<21}{'ms N=1':>8}{'ms N=10':>8}{'t10/t1':>7}{'queries':>9}"
        f"{'uncached ms':>14}{'t10/t1':>7}{'queries':>9}{'thr/floor':>10}   goals"
    )
    lines += [header, "-" * len(header)]
    rows: dict[str, Any] = {}
    for name, at10 in large["pages"].items():
        at1 = small["pages"][name]
        growth = at10["median_s"] / at1["median_s"]
        cold_growth = at10["uncached_median_s"] / at1["uncached_median_s"]
        floor_ratio = at10["floor_ratio"]
        floor_goal = (
            GOALS["floor_logframe"]
            if "logframe" in name
            else GOALS["floor_dashboard"]
            if "dashboard" in name
            else None
        )
        same_queries = at1["queries"] == at10["queries"]
        same_cold = at1["uncached_queries"] == at10["uncached_queries"]
        rows[name] = {
            "growth": growth,
            "queries": [at1["queries"], at10["queries"]],
            "floor_ratio": floor_ratio,
            "median_ms": [at1["median_s"] * 1000, at10["median_s"] * 1000],
            "uncached_growth": cold_growth,
            "uncached_queries": [at1["uncached_queries"], at10["uncached_queries"]],
            "uncached_median_ms": [at1["uncached_median_s"] * 1000, at10["uncached_median_s"] * 1000],
        }
        floor_verdict = (
            f", floor {verdict(floor_ratio >= floor_goal)} (≥{floor_goal})" if floor_goal is not None else ""
        )
        lines.append(
            f"{name:<21}{at1['median_s'] * 1000:>8.1f}{at10['median_s'] * 1000:>8.1f}{growth:>7.2f}"
            f"{at1['queries']:>5d}/{at10['queries']:<3d}"
            f"{at1['uncached_median_s'] * 1000:>7.0f}/{at10['uncached_median_s'] * 1000:<6.0f}"
            f"{cold_growth:>7.2f}{at1['uncached_queries']:>5d}/{at10['uncached_queries']:<3d}"
            f"{floor_ratio:>10.2f}   growth {verdict(growth <= GOALS['growth'])}, "
            f"queries {verdict(same_queries and same_cold)}{floor_verdict}"
        )
    pack: dict[str, Any] = {}
    if large["pack"].get("pdf"):
        pack = {
            "pdf_growth": large["pack"]["pdf"] / small["pack"]["pdf"],
            "docx_growth": large["pack"]["docx"] / small["pack"]["docx"]
            if large["pack"].get("docx")
            else None,
            "pdf_over_weasyprint": large["pack"]["pdf"] / large["pack"]["weasyprint_only"],
            "memory_ratio": large["pack"]["peak_rss_kib"] / small["pack"]["peak_rss_kib"],
            "seconds": {
                "pdf": [small["pack"]["pdf"], large["pack"]["pdf"]],
                "docx": [small["pack"].get("docx"), large["pack"].get("docx")],
                "weasyprint_only": [small["pack"]["weasyprint_only"], large["pack"]["weasyprint_only"]],
            },
            "peak_rss_mib": [small["pack"]["peak_rss_kib"] / 1024, large["pack"]["peak_rss_kib"] / 1024],
        }
        lines += [
            "",
            f"regional pack PDF   N=10/N=1 {pack['pdf_growth']:.2f} "
            f"({verdict(pack['pdf_growth'] <= GOALS['pack_growth'])}, ≤{GOALS['pack_growth']})",
        ]
        if pack["docx_growth"] is not None:
            lines.append(
                f"regional pack DOCX  N=10/N=1 {pack['docx_growth']:.2f} "
                f"({verdict(pack['docx_growth'] <= GOALS['pack_growth'])}, ≤{GOALS['pack_growth']})"
            )
        lines += [
            f"pack PDF over WeasyPrint alone at N=10 {pack['pdf_over_weasyprint']:.2f} "
            f"({verdict(pack['pdf_over_weasyprint'] <= GOALS['pack_over_render'])}, "
            f"≤{GOALS['pack_over_render']})",
            f"worker peak RSS serving the pack N=10/N=1 {pack['memory_ratio']:.2f} "
            f"({pack['peak_rss_mib'][0]:.0f} → {pack['peak_rss_mib'][1]:.0f} MiB; "
            f"{verdict(pack['memory_ratio'] < GOALS['memory'])}, <{GOALS['memory']})",
        ]
    more, reports = report_lines(small, large)
    lines += more
    return lines, {
        "pages": rows,
        "pack": pack,
        "reports": reports,
        "floor_throughput": [small["floor"]["throughput"], large["floor"]["throughput"]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres", "both"],
        default=os.environ.get("BENCH_DATABASE", "sqlite"),
    )
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--requests", type=int, default=200, help="at most this many requests per throughput run"
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="at most this long per throughput run")
    parser.add_argument("--rounds", type=int, default=3, help="floor-then-page throughput runs per page")
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="the load generator of the throughput runs (default: wrk where it is installed)",
    )
    parser.add_argument("--repeats", type=int, default=15, help="sequential requests per page for the median")
    parser.add_argument(
        "--cold-repeats", type=int, default=9, help="sequential requests per page with the page memo off"
    )
    parser.add_argument("--pack-repeats", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="reuse generated databases from an earlier run")
    parser.add_argument("--no-import", action="store_true", help="skip the Excel import measurement")
    args = parser.parse_args()
    small_scale, large_scale = (int(s) for s in args.scales.split(","))
    engines = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for engine in engines:
        print(f"== {engine} (throughput measured by {args.client})", flush=True)
        small, large = measure_engine(engine, [small_scale, large_scale], args)
        lines, summary = report(engine, small, large)
        print("\n".join(lines), flush=True)
        out = RESULTS / f"{stamp}-{engine}.json"
        out.write_text(
            json.dumps(
                {
                    "engine": engine,
                    "scales": [small_scale, large_scale],
                    "args": vars(args),
                    "summary": summary,
                    "raw": {"small": small, "large": large},
                },
                indent=2,
            )
        )
        print(f"written {out.relative_to(ROOT)}")
    if not args.no_import:
        import_lines(build_world(engines[0], small_scale, args.seed, reuse=True), stamp)
    return 0


def import_lines(env: dict[str, str], stamp: str) -> None:
    """The Excel import of updates (bench/import_bench.py) on the N=1 world, with its goals."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "import_bench.py")],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    ratio, memory = result["import_over_openpyxl"], result["memory_ratio"]
    print(
        f"updates import of {result['programme']} "
        f"({result['countries']} countries × {result['periods']} periods, "
        f"{result['rows_read']} rows, {result['changes']} changes): {result['import_s']:.1f} s, "
        f"{ratio:.2f}× openpyxl alone ({verdict(ratio <= GOALS['import_over_openpyxl'])}, "
        f"≤{GOALS['import_over_openpyxl']}); preview peak memory 10×/1× rows {memory:.2f} "
        f"({verdict(memory < GOALS['import_memory'])}, <{GOALS['import_memory']})",
        flush=True,
    )
    (RESULTS / f"{stamp}-import.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    sys.exit(main())
