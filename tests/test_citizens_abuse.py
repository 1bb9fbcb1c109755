"""Abuse of the citizens' forms: robots, floods, oversized input, bad files, markup.
Every refusal is a Vietnamese 4xx that keeps what was typed; nothing gives a 5xx."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from citizens.forms import started_token
from citizens.models import Submission
from tests.citizens_helpers import make_sections, pdf_file, post, question_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home, settings):
    settings.PORTAL_CITIZENS_LIMIT_PER_SOURCE = 5
    settings.PORTAL_CITIZENS_LIMIT_WINDOW_SECONDS = 3600
    return make_sections(home)


def ask(client, sections, ip="203.0.113.7", files=None, **overrides):
    return post(client, sections["questions"].ask_url(), question_data(sections["topic"], **overrides), ip, files)


def test_honeypot_is_refused_and_keeps_the_text(client, sections):
    response = ask(client, sections, website="http://spam.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert "có một ô ẩn đã bị điền" in html and "Nâng lương trước hạn" in html
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "started, message",
    [
        (lambda: started_token(time.time()), "gửi quá nhanh"),
        (lambda: "giả-mạo", "Biểu mẫu không hợp lệ"),
        (lambda: started_token(time.time() - 3 * 86400), "hết hạn"),
    ],
)
def test_too_fast_forged_or_expired_forms_are_refused(client, sections, started, message):
    response = ask(client, sections, started=started())
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Nguyễn Văn An" in html
    assert not Submission.objects.exists()
    # The form shown again carries a fresh timestamp: sent later, it is accepted.
    assert 'name="started"' in html


def test_a_flood_of_1000_posts_from_one_address_stores_only_the_limit(client, sections, settings):
    settings.PORTAL_FRAGMENT_CACHE = True  # the page frame is cached, as in production
    statuses = [ask(client, sections, ip="198.51.100.20").status_code for _ in range(1000)]
    assert Submission.objects.count() == 5
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    refused = ask(client, sections, ip="198.51.100.20")
    assert "vui lòng gửi lại sau" in refused.content.decode() and int(refused["Retry-After"]) > 0
    assert "Nâng lương trước hạn" in refused.content.decode()
    assert ask(client, sections, ip="198.51.100.21").status_code == 302  # another source is unaffected


def test_a_flood_from_one_ipv6_64_counts_as_one_source(client, sections):
    statuses = [ask(client, sections, ip=f"2001:db8:1:2::{i:x}").status_code for i in range(1, 60)]
    assert Submission.objects.count() == 5 and statuses.count(429) == 54
    assert ask(client, sections, ip="2001:db8:1:3::1").status_code == 302


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "A" * 101, "Họ và tên dài quá: tối đa 100 ký tự"),
        ("title", "T" * 201, "Tiêu đề dài quá: tối đa 200 ký tự"),
        ("content", "x" * 5001, "Nội dung câu hỏi dài quá: tối đa 5000 ký tự"),
        ("address", "đ" * 256, "Địa chỉ dài quá: tối đa 255 ký tự"),
        ("email", "a" * 250 + "@example.invalid", "Thư điện tử"),
        ("phone", "0" * 21, "Điện thoại dài quá"),
        ("phone", "gọi tôi", "Số điện thoại chỉ gồm chữ số"),
        ("topic", "999999", "Lĩnh vực đã chọn không có trong danh sách."),
        ("name", "a\x00b", "ký tự"),
    ],
)
def test_oversized_or_wrong_fields_are_refused_in_vietnamese(client, sections, field, value, message):
    response = ask(client, sections, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "Không chấp nhận tệp “.exe”"),
        (SimpleUploadedFile("trang.pdf", b"<html><script>alert(1)</script></html>"), "không đúng định dạng"),
        (SimpleUploadedFile("js.pdf", b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF"), "PDF"),
        (SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)), "Tệp quá lớn"),
        (SimpleUploadedFile("ghi-chu.txt", b"xin chao <script>alert(1)</script>"), "mã HTML"),
    ],
)
def test_bad_attachments_are_refused(client, sections, upload, message):
    response = ask(client, sections, files={"attachment": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_a_good_attachment_is_accepted(client, sections):
    assert ask(client, sections, files={"attachment": pdf_file()}).status_code == 302


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_every_field_is_escaped_in_the_list_the_admin_and_the_mails(
    client, sections, admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    from citizens.models import AnswerState, Status

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(
            client,
            sections,
            name="An " + SCRIPT,
            address=SCRIPT,
            title="Hỏi " + SCRIPT,
            content="Nội dung " + SCRIPT,
        )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.title == "Hỏi " + SCRIPT  # kept as typed
    confirmation = mailoutbox[0]
    html_part = confirmation.alternatives[0][0]
    assert "<script>" not in html_part and "&lt;script&gt;" in html_part
    assert "<img" not in html_part
    submission.answer = "Trả lời " + SCRIPT
    submission.status, submission.answer_state = Status.ANSWERED, AnswerState.APPROVED
    from django.utils import timezone

    submission.answered_at = timezone.now()
    submission.refresh_search_text()
    submission.save()
    public = client.get(sections["questions"].url).content.decode()
    assert "Hỏi &lt;script&gt;" in public and "<script>alert" not in public and "<img src=x" not in public
    for url in ("/admin/hop-thu/", f"/admin/hop-thu/edit/{submission.pk}/", f"/admin/hop-thu/inspect/{submission.pk}/"):
        page = admin_client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert '<script>alert("x")' not in text and "<img src=x" not in text, url
