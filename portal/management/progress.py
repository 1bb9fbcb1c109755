"""The one plain-text progress bar of the long management commands (``import_legacy``,
``generate_content``).

On a terminal it redraws one line; without one (cron, a pipe, a log file) it prints a
new line every few seconds instead, so the log stays readable. It always prints the
last state when it finishes.
"""

import time

from django.utils.translation import gettext as _


def format_duration(seconds):
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def format_rate(value):
    return f"{value:.1f}".replace(".", ",")


def format_count(value):
    return f"{value:,}".replace(",", ".")


class Progress:
    width = 30

    def __init__(self, total, stream, *, label="", tty=None, interval=None, clock=time.monotonic):
        self.label = label
        self.total = max(total, 0)
        self.stream = stream
        self.tty = stream.isatty() if tty is None and hasattr(stream, "isatty") else bool(tty)
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.clock = clock
        self.started = clock()
        self.last_draw = None
        self.done = 0
        self.counts = {}

    def line(self):
        elapsed = self.clock() - self.started
        total = self.total or 1
        fraction = min(self.done / total, 1.0)
        filled = int(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.done >= self.total:
            left = _("xong sau %(time)s") % {"time": format_duration(elapsed)}
        elif rate > 0:
            left = _("còn lại %(time)s") % {"time": format_duration((self.total - self.done) / rate)}
        else:
            left = _("còn lại --:--")
        parts = [
            f"{self.label + ' ' if self.label else ''}[{bar}] {fraction * 100:3.0f}% "
            f"{format_count(self.done)}/{format_count(self.total)}",
            " ".join(f"{name} {value}" for name, value in self.counts.items()),
            _("%(rate)s bản ghi/giây") % {"rate": format_rate(rate)},
            left,
        ]
        return " · ".join(part for part in parts if part)

    def update(self, done, **counts):
        self.done = done
        self.counts = counts
        now = self.clock()
        if self.last_draw is None or now - self.last_draw >= self.interval:
            self._draw()
            self.last_draw = now

    def finish(self):
        self._draw()
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()

    def _draw(self):
        if self.tty:
            self.stream.write("\r" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
