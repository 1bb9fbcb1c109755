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


def test_query_count_of_the_public_list_is_the_same_with_20_and_20000_questions(client, sections, registry_blocks_kept):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from citizens.models import Topic

    topics = list(Topic.objects.all())
    now = timezone.now()

    def add(start, count):
        Submission.objects.bulk_create(
            [
                Submission(
                    kind=Kind.QUESTION,
                    reference=f"HD-2020-{i:06d}",
                    name="Người hỏi",
                    email="hoi@example.invalid",
                    topic=topics[i % len(topics)],
                    title=f"Câu hỏi số {i}",
                    content="Nội dung câu hỏi",
                    answer="Nội dung trả lời",
                    answer_unit="Văn phòng Sở",
                    status=Status.ANSWERED,
                    answer_state=AnswerState.APPROVED,
                    answered_at=now - timedelta(minutes=i),
                    search_text=f" cau hoi so {i} ",
                )
                for i in range(start, start + count)
            ],
            batch_size=2000,
        )

    def count_queries(url):
        client.get(url)  # warm the per-process caches (site, settings)
        client.get(url)  # a first view may create a site setting's row (a new generation)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    index = sections["questions"]
    urls = [index.url, index.url + "?page=2", index.topic_url(sections["topic"]), index.url + "?q=cau+hoi"]
    add(0, 20)
    small = [count_queries(url) for url in urls]
    add(20, 19980)
    large = [count_queries(url) for url in urls]
    assert small == large
    assert max(large) <= 30


def test_officer_answers_reviewer_approves_and_the_answer_is_mailed_and_published(
    client, sections, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    from openpyxl import load_workbook
    from wagtail.models import ModelLogEntry

    from portal.editorial import roles

    officer = make_user("canbo", roles.EDITOR)
    reviewer = make_user("duyet", roles.MODERATOR)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, ask_url(sections), question_data(sections["topic"]))
    submission = Submission.objects.get()
    edit_url = f"/admin/hop-thu/edit/{submission.pk}/"
    form = {
        "status": "progress",
        "assigned_unit": "Phòng Công chức, viên chức",
        "assigned_to": str(officer.pk),
        "internal_notes": "Kiểm tra hồ sơ khen thưởng",
        "answer": "Bạn được xét nâng bậc lương trước thời hạn tối đa 12 tháng.",
        "answer_unit": "Phòng Công chức, viên chức",
        "is_public": "on",
        "workflow_action": "approve",
    }
    client.force_login(officer)
    assert client.get(edit_url).content.decode().count('name="workflow_action"') == 1
    refused = client.post(edit_url, form)
    assert refused.status_code == 200  # the officer cannot approve: the form says so
    submission.refresh_from_db()
    assert submission.status == Status.NEW
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url, {**form, "workflow_action": "submit"}).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.answer_state) == (Status.IN_PROGRESS, AnswerState.PENDING)
    assert "canbo@example.invalid" in [m.to[0] for m in mailoutbox]  # assignment notice
    assert "tối đa 12 tháng" not in client.get(sections["questions"].url).content.decode()
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url, form).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.answer_state, submission.approved_by) == (
        Status.ANSWERED,
        AnswerState.APPROVED,
        reviewer,
    )
    answer_mail = [m for m in mailoutbox if m.to == ["an@example.invalid"] and "Trả lời" in m.subject]
    assert len(answer_mail) == 1 and "tối đa 12 tháng" in answer_mail[0].body
    client.logout()
    public = client.get(sections["questions"].url).content.decode()
    assert "tối đa 12 tháng" in public and "an@example.invalid" not in public and "Nguyễn Văn An" not in public
    actions = list(ModelLogEntry.objects.filter(object_id=str(submission.pk)).values_list("action", flat=True))
    assert {"citizens.submit_answer", "citizens.approve_answer", "citizens.assign", "wagtail.edit"} <= set(actions)
    client.force_login(reviewer)
    history = client.get(f"/admin/hop-thu/history/{submission.pk}/")
    assert history.status_code == 200 and "Đã duyệt và gửi câu trả lời" in history.content.decode()
    export = client.get("/admin/hop-thu/?export=xlsx")
    assert export.status_code == 200
    import io

    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã số", "Loại", "Ngày gửi") and rows[1][0] == submission.reference
    filtered = client.get("/admin/hop-thu/?status=answered&q=n%C3%A2ng")
    assert submission.reference in filtered.content.decode()


def test_smtp_down_during_submissions_then_every_mail_delivered_once(
    client, sections, settings, django_capture_on_commit_callbacks
):
    from tests.citizens_helpers import smtp_server, text_of

    settings.PORTAL_CITIZENS_LIMIT_PER_SOURCE = 100
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        inbox.refuse = True
        for i in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                response = post(
                    client, ask_url(sections), question_data(sections["topic"], email=f"dan{i}@example.invalid")
                )
            assert response.status_code == 302
        assert Submission.objects.count() == 3
        assert inbox.messages == []
        assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 3
        assert "451" in OutgoingMail.objects.first().last_error
        inbox.refuse = False
        call_command("send_outbox")
        call_command("send_outbox")  # nothing left: nothing sent twice
        assert inbox.wait_for(3)
        assert sorted(r[0] for r, _m in inbox.messages) == [f"dan{i}@example.invalid" for i in range(3)]
        assert all("Mã số" in text_of(m) for _r, m in inbox.messages)
        assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 0


def test_query_budgets_of_the_drafts_and_the_form_pages(
    client, sections, django_assert_max_num_queries, registry_blocks_kept
):
    from citizens.demo import ensure_drafts
    from citizens.models import DraftConsultationPage
    from tests.citizens_helpers import Out

    ensure_drafts(sections["drafts"], Out())
    urls = [sections["drafts"].url, sections["contact"].url, ask_url(sections)]
    urls += [page.url for page in DraftConsultationPage.objects.all()]
    for url in urls:
        client.get(url)  # per-process caches warm
        with django_assert_max_num_queries(32):  # fragment caches are off in tests
            assert client.get(url).status_code == 200
    assert client.get(sections["drafts"].url + "?page=999").status_code == 200
