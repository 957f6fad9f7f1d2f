"""Helpers for bench/pages.py: output, HTML, a stdlib HTTP browser, gunicorn,
a closed-loop load from separate processes.

Nothing here knows the pages of Jenjang; ``pages.py`` says what to measure.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import multiprocessing
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
USER_AGENT = "jenjang-bench/1"


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def say(message: str = "") -> None:
    """Print a line at once (the subprocesses share the terminal)."""
    print(message, flush=True)


def heading(title: str) -> None:
    """A section title."""
    say()
    say(f"== {title} " + "=" * max(0, 74 - len(title)))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Print rows as aligned columns (numbers right-aligned)."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = []
        for text, width in zip(row, widths, strict=True):
            numeric = bool(re.fullmatch(r"-|[-+]?[\d.,]+%?( ms| MB| KB)?", text))
            parts.append(text.rjust(width) if numeric else text.ljust(width))
        return "  ".join(parts).rstrip()

    say(line(cells[0]))
    say("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        say(line(row))


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` 0.95 for p95); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def ms(value: float) -> str:
    """Milliseconds with one decimal."""
    return f"{value:.1f}"


# --------------------------------------------------------------------------
# HTML: tokens and htmx headers
# --------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def start_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of a document with its attributes."""
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector.tags


def csrf_token(html: str) -> str:
    """The CSRF token of a page: the hidden form input, else <body hx-headers>."""
    for tag, attrs in start_tags(html):
        if tag == "input" and attrs.get("name") == "csrf_token" and attrs.get("value"):
            return attrs["value"]
        if tag == "body" and attrs.get("hx-headers"):
            return json.loads(attrs["hx-headers"])["X-CSRFToken"]
    raise RuntimeError("no CSRF token on the page")


def csrf_header(html: str) -> str:
    """The X-CSRFToken header htmx sends, from ``<body hx-headers>``."""
    for tag, attrs in start_tags(html):
        if tag == "body" and attrs.get("hx-headers"):
            return json.loads(attrs["hx-headers"])["X-CSRFToken"]
    raise RuntimeError("no hx-headers on <body>")


def htmx_headers(target: str) -> dict[str, str]:
    """The headers htmx sends for a request that swaps the element ``target``."""
    return {"HX-Request": "true", "HX-Target": target}


# --------------------------------------------------------------------------
# A stdlib HTTP browser and a gunicorn server, on 127.0.0.1 only
# --------------------------------------------------------------------------


class Browser:
    """One browser: a keep-alive connection to 127.0.0.1:port and its cookies."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.token = ""  # the X-CSRFToken htmx would send
        self.connection: http.client.HTTPConnection | None = None

    def clone(self) -> Browser:
        """The same signed-in session on a connection of its own."""
        twin = Browser(self.port, self.cookies)
        twin.token = self.token
        return twin

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """Send a request (retrying once on a closed keep-alive connection)."""
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=60
                )
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.will_close:
                self.close()
            return response.status, data
        raise AssertionError("unreachable")

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        """Drop the connection (a new one opens on the next request)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def sign_in(self, email: str, password: str) -> None:
        """Sign in through the form, then keep the token htmx would send."""
        status, body = self.request("GET", "/login")
        form = {
            "identifier": email,
            "password": password,
            "csrf_token": csrf_token(body.decode()),
        }
        status, _ = self.request("POST", "/login", form=form)
        if status != 303:
            raise RuntimeError(f"{email} could not sign in over HTTP: {status}")
        status, body = self.request("GET", "/")
        self.token = csrf_header(body.decode())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving wsgi:app on 127.0.0.1, logging server time per request.

    ``access_log=False`` runs it as ``gunicorn.conf.py`` alone does, without an
    access log (whose writes would cost every request a little server time);
    ``server_times`` and ``served_by`` then find nothing.
    """

    # The worker's pid (as <pid>), the label the client sent, status, microseconds.
    LOG_FORMAT = "%(p)s %({x-bench-label}i)s %(s)s %(D)s"

    def __init__(
        self, env: dict[str, str], folder: Path, access_log: bool = True
    ) -> None:
        self.port = free_port()
        self.access_log = folder / "access.log"
        self.error_log = folder / f"gunicorn-{self.port}.log"
        binary = Path(sys.executable).with_name("gunicorn")
        command = (
            [str(binary)] if binary.exists() else [sys.executable, "-m", "gunicorn"]
        )
        command += [
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{self.port}",
        ]
        if access_log:
            command += [
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                self.LOG_FORMAT,
            ]
        command += ["--error-logfile", str(self.error_log), "wsgi:app"]
        say(
            f"-- starting gunicorn on 127.0.0.1:{self.port} (gunicorn.conf.py"
            f"{', access log' if access_log else ', no access log'})"
        )
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Poll /healthz until it answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                status, _ = Browser(self.port).request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz:\n{self.log_tail()}")

    def log_tail(self) -> str:
        """The last lines of gunicorn's error log."""
        if not self.error_log.exists():
            return ""
        return "\n".join(self.error_log.read_text().splitlines()[-20:])

    def workers(self) -> list[int]:
        """Process ids of the workers (children of the master process)."""
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                children.append(int(entry.name))
        return sorted(children)

    def _logged(self) -> list[tuple[int, str, int]]:
        """(worker pid, label, microseconds) of each labelled access-log line."""
        lines = []
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                pid, _, rest = line.partition(" ")
                parts = rest.rsplit(" ", 2)
                if len(parts) == 3 and parts[0] != "-":
                    lines.append((int(pid.strip("<>")), parts[0], int(parts[2])))
        return lines

    def server_times(self) -> dict[str, list[float]]:
        """Server time in ms per bench label, from the access log."""
        times: dict[str, list[float]] = defaultdict(list)
        for _, label, micros in self._logged():
            times[label].append(micros / 1000)
        return times

    def served_by(self, label: str) -> set[int]:
        """The workers (pids) that have logged a request with this label."""
        return {pid for pid, logged, _ in self._logged() if logged == label}

    def stop(self) -> None:
        """Stop the master by its id (it stops its workers); kill if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --------------------------------------------------------------------------
# /proc: CPU time and memory of a process
# --------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM (peak) and Pss of a process, in MB.

    Pss counts pages shared with other processes (the preloaded libraries of
    forked workers) in equal parts: what the worker really costs.
    """
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return values
    for line in rollup:
        name, _, rest = line.partition(":")
        if name == "Pss":
            values["Pss"] = int(rest.split()[0]) / 1024
    return values


def reset_peak(pid: int) -> bool:
    """Reset a process's peak RSS (VmHWM) to its RSS now; False if refused.

    Writes 5 to ``/proc/<pid>/clear_refs`` (Linux 4.0 and later), so that the
    peak read afterwards is the peak of what ran since.
    """
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------
# Saturation: a closed-loop load from separate processes
# --------------------------------------------------------------------------

WARM_REQUESTS = 3  # answers each load process gets before the clock may start


@dataclass
class Saturation:
    """What a closed-loop load of one request found in its window."""

    seconds: float  # the window
    ok: int  # 200 answers completed in the window
    errors: dict[int, int]  # other answers in the window by status (0: none)
    warm_errors: int  # answers other than 200 before the window
    first_error: str  # the first answer other than 200: status, start of body
    server_cpu: float  # CPU seconds the gunicorn workers used in the window
    client_cpu: float  # CPU seconds the load processes used in the window
    busy: int  # workers that used at least 5% of a core in the window
    workers: int  # workers at the start of the window
    recycled: int  # workers that exited during the window (max_requests)

    @property
    def rate(self) -> float:
        """200 answers per second."""
        return self.ok / self.seconds if self.seconds else 0.0


def _closed_loop(
    port: int,
    cookies: dict[str, str],
    method: str,
    path: str,
    headers: dict[str, str],
    seconds: float,
    start,
    messages,
) -> None:
    """One load process: one keep-alive connection, the next request as soon as
    the previous answer is read, until ``seconds`` after the shared start.

    Runs in a process of its own, so its GIL is neither the server's nor the
    other load processes'. Says ``warm`` after WARM_REQUESTS answers; counts
    the answers that complete inside the window; ends with ``done``.
    """
    browser = Browser(port, cookies)
    ok, sent, warm_errors = 0, 0, 0
    errors: Counter[int] = Counter()
    first_error = ""
    try:
        while True:
            try:
                status, body = browser.request(method, path, headers=headers)
            except (OSError, http.client.HTTPException) as error:
                status, body = 0, repr(error).encode()
            finished = time.monotonic()
            sent += 1
            if sent == WARM_REQUESTS:
                messages.put(("warm", os.getpid()))
            begin = start.value  # 0.0 until every process is warm
            if begin and finished > begin + seconds:
                break
            if status != 200:
                if not first_error:
                    text = body[:300].decode(errors="replace")
                    first_error = f"{status}: {' '.join(text.split())}"
                if begin and finished >= begin:
                    errors[status] += 1
                else:
                    warm_errors += 1
            elif begin and finished >= begin:
                ok += 1
    except BaseException as error:
        messages.put(("failed", repr(error)))
        raise
    finally:
        browser.close()
    messages.put(("done", ok, dict(errors), warm_errors, first_error))


def _cpu_of(pids: Iterable[int]) -> dict[int, float]:
    """CPU seconds of each process that is still there."""
    found = {}
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            found[pid] = cpu_seconds(pid)
    return found


def saturate(
    server: Gunicorn,
    path: str,
    *,
    clients: int,
    seconds: float,
    cookies: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    warm_seconds: float = 1.0,
    timeout: float = 180.0,
) -> Saturation:
    """Drive ``server`` with ``clients`` processes, each with one connection and
    one request in flight, and count the 200 answers of a ``seconds`` window.

    The processes load the server from their start; the window opens when every
    one has had WARM_REQUESTS answers and ``warm_seconds`` more have passed
    (each worker that holds a connection has then served the request: cold
    caches and first-use work stay out of the window), and the load goes on
    until it closes, so the window sees a steady state, not a ramp.
    """
    context = multiprocessing.get_context("spawn")  # no fork of this process
    start = context.RawValue("d", 0.0)
    messages = context.Queue()
    processes = [
        context.Process(
            target=_closed_loop,
            args=(
                server.port,
                dict(cookies or {}),
                method,
                path,
                dict(headers or {}),
                seconds,
                start,
                messages,
            ),
            daemon=True,
        )
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    deadline = time.monotonic() + timeout

    def receive() -> tuple:
        left = deadline - time.monotonic()
        try:
            message = messages.get(timeout=max(0.1, left))
        except queue.Empty as error:
            raise RuntimeError(f"the load on {path} did not answer in time") from error
        if message[0] == "failed":
            raise RuntimeError(f"a load process on {path} failed: {message[1]}")
        return message

    try:
        for _ in processes:
            while receive()[0] != "warm":
                pass
        time.sleep(warm_seconds)
        workers = server.workers()
        children = [process.pid for process in processes]
        server_before, client_before = _cpu_of(workers), _cpu_of(children)
        begin = time.monotonic()
        start.value = begin
        time.sleep(max(0.0, begin + seconds - time.monotonic()))
        server_after, client_after = _cpu_of(workers), _cpu_of(children)
        ended = time.monotonic() - begin
        result = Saturation(seconds, 0, {}, 0, "", 0.0, 0.0, 0, len(workers), 0)
        result.server_cpu = sum(
            server_after[pid] - server_before[pid]
            for pid in server_after
            if pid in server_before
        )
        result.client_cpu = sum(
            client_after[pid] - client_before.get(pid, 0.0) for pid in client_after
        )
        result.busy = sum(
            1
            for pid in server_after
            if server_after[pid] - server_before.get(pid, 0.0) >= 0.05 * ended
        )
        result.recycled = len(set(workers) - set(server.workers()))
        errors: Counter[int] = Counter()
        for _ in processes:
            message = receive()
            if message[0] != "done":
                continue  # a late "warm" cannot come, but be lenient
            _, ok, their_errors, warm_errors, first_error = message
            result.ok += ok
            errors.update(their_errors)
            result.warm_errors += warm_errors
            result.first_error = result.first_error or first_error
        result.errors = dict(errors)
        return result
    finally:
        if not start.value:  # the window never opened: close it at once
            start.value = time.monotonic() - seconds - 1
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
