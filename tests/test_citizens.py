"""Hỏi đáp – Góp ý – Liên hệ: forms, reference numbers, the public list, limits, retention."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from citizens.models import AnswerState, Kind, OutgoingMail, Status, Submission
from tests.citizens_helpers import make_sections, pdf_file, post, question_data

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def sections(home, settings):
    settings.PORTAL_CITIZENS_LIMIT_PER_SOURCE = 5
    return make_sections(home)


def ask_url(sections):
    return sections["questions"].ask_url()


def test_a_question_is_saved_with_a_reference_and_a_confirmation(client, sections, django_capture_on_commit_callbacks):
    page = client.get(ask_url(sections))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and 'name="started"' in html and 'name="website"' in html
    assert "bao-ve-du-lieu-ca-nhan" in html  # the consent links to the privacy page
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, ask_url(sections), question_data(sections["topic"]))
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    year = timezone.localdate().year
    assert f"Mã số: <strong>HD-{year}-000001</strong>" in done
    submission = Submission.objects.get()
    assert (submission.kind, submission.status, submission.reference) == (
        Kind.QUESTION,
        Status.NEW,
        f"HD-{year}-000001",
    )
    assert len(mail.outbox) == 1 and f"HD-{year}-000001" in mail.outbox[0].subject
    assert OutgoingMail.objects.get().sent_at is not None


def test_numbers_run_per_kind_and_year(client, sections, settings):
    settings.PORTAL_CITIZENS_LIMIT_PER_SOURCE = 100
    for i in range(3):
        post(client, ask_url(sections), question_data(sections["topic"]), ip=f"198.51.100.{i}")
    contact = sections["contact"].url
    data = question_data(sections["topic"], title="Phản ánh", content="Nội dung phản ánh")
    assert post(client, contact, data).status_code == 302
    year = timezone.localdate().year
    assert sorted(Submission.objects.values_list("reference", flat=True)) == [
        f"HD-{year}-000001",
        f"HD-{year}-000002",
        f"HD-{year}-000003",
        f"LH-{year}-000001",
    ]


def test_public_list_shows_only_approved_answers_without_contact_details(client, sections):
    post(client, ask_url(sections), question_data(sections["topic"]))
    post(client, ask_url(sections), question_data(sections["topic"], title="Chưa trả lời"), ip="203.0.113.9")
    first = Submission.objects.get(title="Nâng lương trước hạn")
    first.answer, first.answer_unit = "Được xét nâng lương trước hạn tối đa 12 tháng.", "Phòng Công chức, viên chức"
    first.status, first.answer_state, first.answered_at = Status.ANSWERED, AnswerState.APPROVED, timezone.now()
    first.refresh_search_text()
    first.save()
    html = client.get(sections["questions"].url).content.decode()
    assert "Nâng lương trước hạn" in html and "tối đa 12 tháng" in html and "Phòng Công chức, viên chức" in html
    assert "Chưa trả lời" not in html
    for private in ("Nguyễn Văn An", "an@example.invalid", "0905 123 456", "Đăk Cấm"):
        assert private not in html
    # Folded search: without diacritics, any case.
    assert "Nâng lương" in client.get(sections["questions"].url + "?q=NANG+LUONG").content.decode()
    assert "Nâng lương" not in client.get(sections["questions"].url + "?q=ton+giao").content.decode()
    topic_url = sections["questions"].topic_url(sections["topic"])
    assert "Nâng lương" in client.get(topic_url).content.decode()
    assert client.get(sections["questions"].url + "linh-vuc/khong-co/").status_code == 404
    assert client.get(sections["questions"].url + "?page=abc").status_code == 200


def test_consent_is_required_and_the_form_keeps_what_was_typed(client, sections):
    data = question_data(sections["topic"])
    del data["consent"]
    response = post(client, ask_url(sections), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng đánh dấu đồng ý xử lý dữ liệu cá nhân để gửi." in html
    assert "Nâng lương trước hạn" in html and "Nguyễn Văn An" in html
    assert not Submission.objects.exists()


def test_email_or_phone_is_required(client, sections):
    response = post(client, ask_url(sections), question_data(sections["topic"], email="", phone=""))
    assert response.status_code == 400
    assert "Vui lòng nhập thư điện tử hoặc số điện thoại" in response.content.decode()


def test_attachment_is_kept_privately_and_checked(client, sections, admin_client):
    response = post(client, ask_url(sections), question_data(sections["topic"]), files={"attachment": pdf_file()})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.attachment.name.endswith(f"{submission.reference}.pdf")
    assert client.get("/media/" + submission.attachment.name).status_code == 404
    download = admin_client.get(f"/admin/hop-thu/tep/{submission.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_draft_is_open_then_closed_with_its_summary(client, sections, django_capture_on_commit_callbacks):
    from citizens.demo import ensure_drafts
    from citizens.models import DraftConsultationPage
    from tests.citizens_helpers import Out

    ensure_drafts(sections["drafts"], Out())
    open_draft = DraftConsultationPage.objects.get(slug="du-thao-quy-che-thi-dua-khen-thuong")
    closed = DraftConsultationPage.objects.get(slug="du-thao-quy-dinh-phan-cap-quan-ly-cong-chuc")
    html = client.get(open_draft.url).content.decode()
    deadline = open_draft.deadline.strftime("%d/%m/%Y")
    assert f"đến hết ngày {deadline}" in html and "Gửi góp ý" in html and 'name="content"' in html
    data = question_data(sections["topic"], content="Đề nghị bổ sung Điều 3.")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, open_draft.url, data).status_code == 302
    comment = Submission.objects.get(kind=Kind.COMMENT, consultation=open_draft)
    assert comment.reference.startswith("GY-")
    html = client.get(open_draft.url).content.decode()
    assert re.search(r"Số lượt góp ý</dt><dd>1<", html)
    listing = client.get(sections["drafts"].url).content.decode()
    assert "Số lượt góp ý: 1" in listing and "Số lượt góp ý: 3" in listing
    closed_html = client.get(closed.url).content.decode()
    assert "đã hết thời hạn góp ý" in closed_html and 'name="content"' not in closed_html
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in closed_html and closed.summary_report.url in closed_html
    refused = post(client, closed.url, data, ip="192.0.2.44")
    assert refused.status_code == 403 and "đã hết thời hạn góp ý" in refused.content.decode()


def test_retention_anonymises_old_personal_data_and_nothing_else(client, sections, settings):
    from citizens.models import CitizensSettings

    post(client, ask_url(sections), question_data(sections["topic"]), files={"attachment": pdf_file()})
    post(client, ask_url(sections), question_data(sections["topic"], title="Mới gửi"), ip="203.0.113.99")
    old = Submission.objects.get(title="Nâng lương trước hạn")
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    config = CitizensSettings.load()
    config.retention_days = 365
    config.save()
    path = old.attachment.path
    call_command("anonymise_submissions", stdout=None)
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.address, old.attachment.name, old.source_hash) == (
        "(đã ẩn danh)",
        "",
        "",
        "",
        "",
        "",
    )
    assert old.anonymised_at is not None
    assert old.title == "Nâng lương trước hạn" and old.content.startswith("Tôi được tặng")
    import os

    assert not os.path.exists(path)
    recent = Submission.objects.get(title="Mới gửi")
    assert (recent.name, recent.email) == ("Nguyễn Văn An", "an@example.invalid")
    assert OutgoingMail.objects.filter(submission=old).exclude(to="").count() == 0
    assert OutgoingMail.objects.filter(submission=recent).exclude(to="").count() == 1
