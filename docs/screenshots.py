#!/usr/bin/env python3
"""Screenshots for the editor's guide (docs/huong-dan-bien-tap.md), taken in Chromium.

Drives a running portal with the demo content (``make run``) through its admin as an editor
would, without saving anything, and writes one PNG per step of the guide into
``docs/img/huong-dan/``. Run it again after any change to the admin to refresh the guide:

    .venv/bin/python docs/screenshots.py --base-url http://127.0.0.1:8000 \\
        --username admin --password '…'

(the account ``make run`` created; ``PORTAL_GUIDE_USERNAME`` / ``PORTAL_GUIDE_PASSWORD`` work
too). Pages are found the way a reader finds them, through the site's menu ("Kế hoạch",
"Tin tức - Sự kiện", "Tin video") and the page id every public page carries
(``data-page-id``), so the script needs no database access. Chromium: ``/usr/bin/chromium``
or ``CHROMIUM_PATH``.
"""

import argparse
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "img" / "huong-dan"
VIEWPORT = {"width": 1280, "height": 800}


class Guide:
    def __init__(self, page, base_url, out_dir):
        self.page = page
        self.base = base_url.rstrip("/")
        self.out = Path(out_dir)
        self.files = []

    def shot(self, name, full_page=False):
        path = self.out / f"{name}.png"
        self.page.wait_for_timeout(400)  # let panels and pickers finish their transitions
        self.page.screenshot(path=str(path), full_page=full_page)
        self.files.append(path)
        return path

    def go(self, path):
        response = self.page.goto(self.base + path)
        if response is None or response.status >= 400:
            raise RuntimeError(f"{path}: HTTP {response.status if response else '?'}")
        self.page.wait_for_load_state("networkidle")
        return response

    def public_page_id(self, menu_label):
        """The id of the section the site's main menu calls ``menu_label``."""
        self.go("/")
        self.page.locator("nav a", has_text=menu_label).first.click()
        self.page.wait_for_load_state()
        return int(self.page.get_attribute("body", "data-page-id"))

    def first_child_id(self, index_id, link_selector):
        self.go(f"/admin/pages/{index_id}/")
        href = self.page.locator(link_selector).first.get_attribute("href")
        return int(href.rstrip("/").split("/")[-2])


def take(base_url, username, password, out_dir=OUT, chromium=None, browser=None):
    """Take every screenshot; returns the files written. ``browser``: a Playwright
    Chromium already running (the tests'), else one is started from ``chromium``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        return _take(browser, base_url, username, password, out_dir)
    from playwright.sync_api import sync_playwright

    chromium = chromium or os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            return _take(browser, base_url, username, password, out_dir)
        finally:
            browser.close()


def _take(browser, base_url, username, password, out_dir):
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        guide = Guide(context.new_page(), base_url, out_dir)
        steps(guide, username, password)
        return guide.files
    finally:
        context.close()


def steps(guide, username, password):
    page = guide.page

    # 1. Đăng nhập và xác thực hai bước
    guide.go("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    guide.shot("01-dang-nhap")
    page.locator("form [type=submit]").first.click()
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    guide.shot("02-bang-dieu-khien")
    guide.go("/admin/2fa/")
    guide.shot("03-xac-thuc-hai-buoc")

    # Where things are, as a reader finds them.
    plans = guide.public_page_id("Kế hoạch")
    news = guide.public_page_id("Tin tức")
    videos = guide.public_page_id("Tin video")
    plan = guide.first_child_id(plans, "[data-listing-page-title] a[href*='/edit/']")

    # 2. Đăng kế hoạch có tệp đính kèm
    guide.go(f"/admin/pages/add/campaigns/planpage/{plans}/")
    page.fill("#id_title", "Kế hoạch tổ chức Hội nghị điển hình tiên tiến năm 2026")
    page.fill("#id_document_number", "125/KH-SNV")
    date = page.locator("#id_issue_date")
    date.fill("")
    date.type("05/12/2026")
    page.locator("#id_title").click()
    guide.shot("04-ke-hoach-moi")
    page.locator("h2", has_text="Tệp đính kèm").first.scroll_into_view_if_needed()
    guide.shot("05-ke-hoach-dinh-kem")

    # 3. Tin tức, 4. Tin video
    guide.go(f"/admin/pages/add/news/newspage/{news}/")
    page.fill("#id_title", "Sở Nội vụ tổ chức tập huấn công tác văn thư, lưu trữ")
    page.locator("input[name=categories]").first.scroll_into_view_if_needed()
    guide.shot("06-tin-tuc-moi")
    guide.go(f"/admin/pages/add/video/videopage/{videos}/")
    page.fill("#id_title", "Phóng sự: Cải cách hành chính tại Sở Nội vụ")
    guide.shot("07-tin-video-moi")

    # 5. Gửi duyệt và phê duyệt
    guide.go(f"/admin/pages/{plan}/edit/")
    page.locator(
        "footer [data-w-dropdown-target='toggle'], .footer__container [aria-label] [data-w-dropdown-target='toggle']"
    ).first.click()
    guide.shot("08-gui-duyet")
    page.keyboard.press("Escape")

    # 6. Lịch đăng
    page.locator("[data-side-panel-toggle='status']").first.click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    page.locator("#schedule-publishing-dialog").wait_for(state="visible")
    go_live = page.locator("#schedule-publishing-dialog input[name=go_live_at]")
    go_live.fill("")
    go_live.type("15/12/2026 07:30")
    page.locator("#schedule-publishing-dialog h2, #schedule-publishing-dialog [id$='-title']").first.click()
    guide.shot("09-lich-dang")
    page.keyboard.press("Escape")

    # Xem trước
    guide.go(f"/admin/pages/{plan}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.frame_locator("iframe").first.locator("h1").first.wait_for()
    guide.shot("10-xem-truoc")

    # 7. Dịch sang tiếng Anh
    guide.go(f"/admin/localize/submit/page/{plan}/")
    guide.shot("11-dich-tieng-anh")

    # 8. Thống kê
    guide.go("/admin/thong-ke/?days=30")
    guide.shot("12-thong-ke", full_page=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--username", default=os.environ.get("PORTAL_GUIDE_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("PORTAL_GUIDE_PASSWORD"))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    if not args.password:
        parser.error("--password (or PORTAL_GUIDE_PASSWORD) is required")
    for path in take(args.base_url, args.username, args.password, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
