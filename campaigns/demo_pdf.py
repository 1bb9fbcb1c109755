"""A real PDF of an official document, generated without any download.

The demo's plans need their attachments as files a browser opens. Pillow renders the
text (with a DejaVu font when Debian's fonts-dejavu is installed, which has every
Vietnamese letter) onto A4 pages and writes them as a PDF. Without the font, a minimal
hand-written PDF with the same text in the PDF standard font is produced instead.
"""

import io
import unicodedata
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
DPI = 110
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = round(0.8 * DPI)


def _font_path(name):
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return path
    return None


def render(*, agency_lines, number, place_date, heading, subject, paragraphs, signer_lines=()):
    """The document as PDF bytes."""
    regular, bold = _font_path("DejaVuSerif.ttf"), _font_path("DejaVuSerif-Bold.ttf")
    if regular is None or bold is None:
        return _minimal_pdf([*agency_lines, number, place_date, heading, subject, *paragraphs, *signer_lines])
    return _pillow_pdf(regular, bold, agency_lines, number, place_date, heading, subject, paragraphs, signer_lines)


def _pillow_pdf(regular, bold, agency_lines, number, place_date, heading, subject, paragraphs, signer_lines):
    from PIL import Image, ImageDraw, ImageFont

    size = 15
    font = ImageFont.truetype(str(regular), size)
    font_bold = ImageFont.truetype(str(bold), size)
    font_title = ImageFont.truetype(str(bold), size + 3)
    line_height = round(size * 1.5)
    width = A4[0] - 2 * MARGIN
    pages = []

    def new_page():
        image = Image.new("1", A4, 1)
        pages.append(image)
        return image, ImageDraw.Draw(image), MARGIN

    def wrap(text, fnt, max_width):
        words, lines, current = text.split(), [], ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if fnt.getlength(candidate) <= max_width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
        return lines

    image, draw, y = new_page()
    half = width // 2
    # Header: agency on the left, the national motto on the right (Nghị định 30/2020 layout).
    left = list(agency_lines)
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            fnt = font_bold if i == len(left) - 1 else font
            draw.text((MARGIN + half // 2, y), left[i], font=fnt, fill=0, anchor="ma")
        if i < len(right):
            draw.text((MARGIN + half + half // 2, y), right[i], font=font_bold, fill=0, anchor="ma")
        y += line_height
    y += line_height // 2
    draw.text((MARGIN + half // 2, y), number, font=font, fill=0, anchor="ma")
    draw.text((MARGIN + half + half // 2, y), place_date, font=font, fill=0, anchor="ma")
    y += line_height * 2
    draw.text((A4[0] // 2, y), heading, font=font_title, fill=0, anchor="ma")
    y += line_height
    for line in wrap(subject, font_bold, width - 80):
        draw.text((A4[0] // 2, y), line, font=font_bold, fill=0, anchor="ma")
        y += line_height
    y += line_height
    for paragraph in paragraphs:
        for i, line in enumerate(wrap(paragraph, font, width)):
            if y > A4[1] - MARGIN - line_height:
                image, draw, y = new_page()
            draw.text((MARGIN + (40 if i == 0 else 0), y), line, font=font, fill=0)
            y += line_height
        y += line_height // 3
    y += line_height
    for line in signer_lines:
        if y > A4[1] - MARGIN - line_height:
            image, draw, y = new_page()
        draw.text((MARGIN + half + half // 2, y), line, font=font_bold, fill=0, anchor="ma")
        y += line_height
    for number_, page in enumerate(pages, start=1):
        ImageDraw.Draw(page).text((A4[0] // 2, A4[1] - MARGIN // 2), str(number_), font=font, fill=0, anchor="ms")
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=pages[1:], title=subject[:200])
    return out.getvalue()


def _minimal_pdf(lines):
    """A valid one-page PDF in Helvetica; Vietnamese letters lose their marks (no font to draw them)."""

    def ascii_text(text):
        text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
        text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "replace").decode()
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        while line:
            chunk, line = line[:95], line[95:]
            commands.append(f"({ascii_text(chunk)}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
