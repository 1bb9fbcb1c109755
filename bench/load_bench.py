"""Load test: wrk with 64 connections for 60 s against the portal under gunicorn.

    .venv/bin/python bench/load_bench.py                 # builds a demo site, starts gunicorn, runs wrk
    .venv/bin/python bench/load_bench.py --duration 15   # a shorter run on a shared machine
    .venv/bin/python bench/load_bench.py --url http://127.0.0.1:8080   # an already running stack (e.g. nginx)

Without ``--url`` it makes a fresh SQLite database (or uses ``DATABASE_URL``), migrates,
loads the demo content, collects static files and starts gunicorn with the production
settings (2 sync workers, HTTPS redirect off since wrk speaks plain HTTP) on a free port,
then drives it directly: point ``--url`` at the shipped nginx to measure behind the proxy.
wrk cycles through the home page, a content page, search and the sitemap. Prints requests,
requests/s, p50/p90/p99 latency and every kind of error; exits 1 if there was any error.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/", "/gioi-thieu/", "/lien-he/", "/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch", "/sitemap.xml", "/robots.txt"]
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Host"] = "%s", ["X-Forwarded-Proto"] = "https"})
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_stack(tmp, workers):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(Path(tmp) / "static"),
        MEDIA_ROOT=str(Path(tmp) / "media"),
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
    print("preparing: migrate, load_demo, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(Path(tmp) / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start; see " + str(Path(tmp) / "gunicorn.log"))


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, connections, duration, tmp):
    host = url.split("//", 1)[1].split("/", 1)[0]
    script = Path(tmp) / "paths.lua"
    script.write_text(LUA % (", ".join(f'"{p}"' for p in PATHS), host))
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    print("$", " ".join(command), flush=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1])
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (
        dict(zip(["connect", "read", "write", "timeout"], map(int, socket_errors.groups()), strict=True))
        if socket_errors
        else {}
    )
    return output, {
        "requests": requests,
        "rate": rate,
        "p50": to_ms(latency["50"]),
        "p90": to_ms(latency["90"]),
        "p99": to_ms(latency["99"]),
        "non_2xx": non_2xx,
        "socket_errors": errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="bench this running server instead of starting one")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        server = None
        url = args.url
        if not url:
            server, url = start_stack(tmp, args.workers)
        try:
            output, result = run_wrk(url, args.connections, args.duration, tmp)
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
    print(output)
    errors = result["non_2xx"] + sum(result["socket_errors"].values())
    where = "given URL " + url if args.url else "gunicorn directly (no proxy)"
    print(
        f"RESULT {where}: {result['requests']} requests in {args.duration} s with {args.connections} connections, "
        f"{result['rate']:.0f} req/s, p50 {result['p50']:.0f} ms, p90 {result['p90']:.0f} ms, "
        f"p99 {result['p99']:.0f} ms, errors {errors} (non-2xx {result['non_2xx']}, socket {result['socket_errors']})"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
