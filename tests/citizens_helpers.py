"""Shared by the citizens tests: the sections, a valid form post, a real SMTP server."""

import threading
import time
from contextlib import contextmanager

from citizens.forms import started_token


class Out:
    def write(self, *_args):
        pass


def make_sections(home):
    from citizens import demo

    demo.ensure_sections(home, Out())
    from citizens.models import ConsultationIndexPage, ContactFormPage, QuestionIndexPage, Topic

    return {
        "questions": QuestionIndexPage.objects.get(),
        "drafts": ConsultationIndexPage.objects.get(),
        "contact": ContactFormPage.objects.get(),
        "topic": Topic.objects.get(slug="tien-luong"),
    }


def question_data(topic_, **overrides):
    data = {
        "name": "Nguyễn Văn An",
        "email": "an@example.invalid",
        "phone": "0905 123 456",
        "address": "Thôn 3, xã Đăk Cấm",
        "topic": str(topic_.pk),
        "title": "Nâng lương trước hạn",
        "content": "Tôi được tặng Bằng khen năm 2025, có được nâng lương trước hạn không?",
        "consent": "on",
        "website": "",
        "started": started_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def post(client, url, data, ip="203.0.113.7", files=None):
    payload = dict(data)
    if files:
        payload.update(files)
    return client.post(url, payload, REMOTE_ADDR=ip)


def pdf_file(name="cau-hoi.pdf", body=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, content_type="application/pdf")


# --- A real SMTP server ------------------------------------------------------------------


class Inbox:
    """Messages an aiosmtpd server accepted; ``refuse`` makes it answer 451 (try later)."""

    def __init__(self):
        self.messages = []
        self.refuse = False
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            return "451 4.3.0 Hộp thư tạm thời không nhận"
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if address in rcpt]

    def wait_for(self, count, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if len(self.messages) >= count:
                    return True
            time.sleep(0.05)
        return False


@contextmanager
def smtp_server():
    """A real SMTP server on a free local port; yields ``(inbox, port)``."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def text_of(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(message):
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
