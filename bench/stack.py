"""Start the shipped production stack on temporary paths: gunicorn and nginx.

Used by ``bench/run`` and by tests/test_deploy.py. The nginx configuration is the shipped
``deploy/nginx/portal.conf`` with its paths, ports and TLS lines rewritten, so what is
measured and tested is what a department installs.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "portal.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def render_site_conf(
    text, *, tmp, port, upstreams, static_root, media_root, purge_socket, forwarded_proto=None, server_names=None
):
    """The shipped site file, pointed at ``tmp`` and ``127.0.0.1:port``, plain HTTP.
    ``forwarded_proto="https"`` tells the app the visitor came over TLS (as behind the
    shipped TLS server), so it sends what it sends only over HTTPS (HSTS)."""
    tmp = Path(tmp)
    out = []
    in_redirect_server = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("ssl_", "http2 ", "listen [::]", "listen 443 ssl http2 default_server")):
            continue  # plain HTTP on 127.0.0.1
        if stripped == "return 301 https://$host$request_uri;":
            in_redirect_server = True
        out.append(line)
    text = "\n".join(out) + "\n"
    # The port-80 redirect server becomes a unix socket nobody uses; 443 becomes our port.
    text = re.sub(r"listen 80;", f"listen unix:{tmp}/redirect.sock;", text)
    # The catch-all for unknown host names shares our port, as it shares 80/443 in production.
    text = text.replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
    text = re.sub(r"listen 443 ssl( http2)?;", f"listen 127.0.0.1:{port};", text)
    text = re.sub(r"listen 127\.0\.0\.1:8081;", f"listen unix:{purge_socket};", text)
    servers = "".join(f"    server {u} max_fails=3 fail_timeout=10s;\n" for u in upstreams)
    text = re.sub(r"upstream portal_app \{\n(.*?)\}", "upstream portal_app {\n" + servers + "}", text, flags=re.S)
    text = text.replace("/var/cache/nginx/portal", str(tmp / "cache"))
    text = text.replace("/var/log/nginx/", f"{tmp}/")
    text = text.replace("/var/www/letsencrypt", f"{tmp}/letsencrypt")
    text = text.replace("/srv/portal/collected-static/", f"{static_root}/")
    text = text.replace("/srv/portal/media/", f"{media_root}/")
    text = text.replace("server_name sonoivu.kontum.gov.vn;", f"server_name {server_names or 'localhost 127.0.0.1'};")
    if forwarded_proto:
        text = text.replace("X-Forwarded-Proto $scheme;", f"X-Forwarded-Proto {forwarded_proto};")
    assert in_redirect_server, "the shipped config changed shape: update bench/stack.py"
    return text


def free_port():
    """A TCP port nobody listens on now (bind to port 0, let the kernel choose)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_nginx_conf(
    tmp, *, port, upstreams, static_root, media_root, workers="auto", forwarded_proto=None, server_names=None
):
    """Write ``nginx.conf`` (main context + the rendered site) into ``tmp``; return its path."""
    tmp = Path(tmp)
    for sub in ("cache", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
    site = render_site_conf(
        SITE_CONF.read_text(),
        tmp=tmp,
        port=port,
        upstreams=upstreams,
        static_root=static_root,
        media_root=media_root,
        purge_socket=tmp / "purge.sock",
        forwarded_proto=forwarded_proto,
        server_names=server_names,
    )
    (tmp / "portal.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/portal.conf;
}}
"""
    conf = tmp / "nginx.conf"
    conf.write_text(main)
    return conf


def nginx_test(conf):
    return subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(conf.parent)], capture_output=True, text=True)


def start_nginx(conf):
    proc = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(conf.parent), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    return proc


def start_gunicorn(port, env, *, workers=2, log=None, cwd=ROOT):
    cmd = [
        PYTHON,
        "-m",
        "gunicorn",
        "-c",
        str(Path(cwd) / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",
        "--log-level",
        "warning",
        "--max-requests",
        "0",
        "portal.wsgi",
    ]
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True)


def stop(proc, timeout=10):
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_http(url, timeout=30, headers=None):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError as exc:
            last = exc
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout}s: {last}")


def have_nginx():
    return Path(NGINX).exists() and shutil.which(NGINX) is not None


def manage(env, *argv, quiet=True):
    """``manage.py`` with ``env``; on failure print its output and stop the bench."""
    result = subprocess.run([PYTHON, "manage.py", *argv], cwd=ROOT, env=env, capture_output=quiet, text=True)
    if result.returncode:
        sys.stderr.write((result.stdout or "") + (result.stderr or ""))
        raise SystemExit(f"manage.py {' '.join(argv)} failed")
    return result.stdout


def django_json(env, code, what):
    """Run ``code`` (which calls ``django.setup()`` and prints JSON last) with ``env``."""
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"could not {what}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- wrk ------------------------------------------------------------------------------

_UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)", text or "")
    return float(match.group(1)) * _UNITS_MS[match.group(2)] if match else float("nan")


def parse_wrk(output):
    """What one wrk run printed: req/s, requests, latency percentiles in ms (with
    ``--latency``; NaN without), responses that were not 2xx/3xx and socket errors."""
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(total.group(1)) if total else 0,
        "p50_ms": _ms(latency.get("50")),
        "p90_ms": _ms(latency.get("90")),
        "p99_ms": _ms(latency.get("99")),
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True))
        if sockets
        else {},
    }
