"""Start real app servers (gunicorn) for the load tests and the beacon benchmark.

Used by bench/beacon_bench.py and by tests (tests/test_stats_load.py, test_stats_redis_down.py,
test_login_limits.py); the bench imports nothing from tests/."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env, workers=2, port=None, app="portal.wsgi:application", log=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log or os.devnull, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--no-control-socket",
                "--backlog",
                "2048",
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )

    def wait(self, path="/_stats/hit", timeout=180):
        # Generous: gunicorn's workers import Django in a few seconds, but on a busy machine
        # (the suite's other worker, other jobs) that took over a minute.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                urllib.request.urlopen(self.url + path, timeout=2)  # noqa: S310
                return self
            except urllib.error.HTTPError:
                return self  # any HTTP answer means it is serving
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def server_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PYTHONPATH": str(BASE_DIR)})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args, input=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


SETUP_SCRIPT = """
from wagtail.models import Locale, Page, Site
from portal.core.page_tree import ensure_page
from portal.models import HomePage, StandardPage
from portal.stats import api
# Works on a freshly migrated database and on a test database another test flushed.
from django.apps import apps
from django.contrib.contenttypes.management import create_contenttypes
for app_config in apps.get_app_configs():
    create_contenttypes(app_config, verbosity=0)
locale, _ = Locale.objects.get_or_create(language_code="vi")
root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
home, _ = ensure_page(root, HomePage, "trang-chu-tai", title="Trang chủ", locale=locale)
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": home})
ids = []
for i in range(3):
    body = [("paragraph", "<p>Nội dung bài viết thử tải, đủ dài như một kế hoạch thật.</p>" * 20)]
    page, _ = ensure_page(home, StandardPage, f"bai-{i}", title=f"Bài {i}", body=body)
    ids.append(page.pk)
api.set_initial_total(46012327)
api.set_initial_views(Page.objects.get(pk=ids[0]).specific, 3134)
print(",".join(map(str, ids)))
"""


def setup_content(env):
    """Create a home page and three articles in the servers' database; returns their ids."""
    out = manage(env, "shell", "-c", SETUP_SCRIPT)
    return [int(x) for x in out.strip().splitlines()[-1].split(",")]


WRK = os.environ.get("WRK", "/usr/bin/wrk")


_VARYING = """math.randomseed(os.time())
local words = {%s}
request = function()
  local path = string.gsub(%r, "{n}", function() return tostring(math.random(1, 1000000000)) end)
  path = string.gsub(path, "{w}", function() return words[math.random(#words)] end)
  return wrk.format("GET", path)
end
"""


def wrk(url, seconds, words=()):
    """``(requests/s, non-2xx responses)`` of ``wrk -t2 -c16`` on ``url`` for ``seconds``.
    A ``{n}`` in the URL becomes a random number in each request (a new address every
    time: no cache holds the answer); each ``{w}`` one of ``words`` (URL-encoded) drawn at
    random, so a query of two ``{w}`` is seldom asked twice."""
    import re
    import tempfile
    from urllib.parse import urlsplit

    command = [WRK, "-t2", "-c16", "--timeout", "10s", f"-d{seconds}s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if "{n}" in url or "{w}" in url:
            parts = urlsplit(url)
            listed = ", ".join(f'"{word}"' for word in words)
            script.write(_VARYING % (listed, f"{parts.path}?{parts.query}"))
            script.flush()
            command += ["-s", script.name]
        out = subprocess.run(
            [*command, url.replace("{n}", "1").replace("{w}", words[0] if words else "")],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, int(bad.group(1)) if bad else 0


def compare_to_article(env, article, paths, seconds, rounds=3, log=None, target=None, words=()):
    """Serve the site with gunicorn (2 sync workers) and measure ``article`` and each of
    ``paths`` (``{name: path}``; ``{n}`` and ``{w}`` as in ``wrk``) with wrk in ``rounds``
    interleaved rounds (article, then each path, every round), so the machine's load
    weighs on all alike. Prints each round's requests/s and the median of the rounds'
    ratios to the article page; returns ``{name: median ratio}``."""
    import statistics

    server = Server(env, workers=2, log=log)
    try:
        server.wait(article)
        for path in [article, *paths.values()]:
            first = path.replace("{n}", "1").replace("{w}", words[0] if words else "")
            with urllib.request.urlopen(server.url + first, timeout=120) as response:  # noqa: S310
                assert response.status == 200, path
        ratios = {name: [] for name in paths}

        def measure(path):
            result = wrk(server.url + path, seconds, words)
            # wrk stops, but requests it left in the server's queue are still answered:
            # wait for them (a request queued behind them returns last) so that slow
            # requests do not count against the next address measured.
            urllib.request.urlopen(server.url + article, timeout=600).read()  # noqa: S310
            return result

        for path in [article, *paths.values()]:
            measure(path)  # a warm-up round, not counted
        for number in range(1, rounds + 1):
            base, _ = measure(article)
            print(f"  round {number}: article page {base:8.1f} req/s", flush=True)
            for name, path in paths.items():
                rps, bad = measure(path)
                ratios[name].append(rps / base)
                print(f"    {name:<34} {rps:8.1f} req/s" + (f"  ({bad} non-2xx)" if bad else ""), flush=True)
    finally:
        server.stop()
    medians = {name: statistics.median(values) for name, values in ratios.items()}
    print("ratio to the article page, median of the rounds" + (f" (target ≥ {target:.2f})" if target else "") + ":")
    for name, value in medians.items():
        print(f"  {name:<34} {value:6.2f}")
    return medians
