"""A real PDF of an official document, with a text layer (searchable, copyable), made with
fpdf2 and the DejaVu fonts (every Vietnamese letter). Used by the demo and the tests."""

import unicodedata
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path(__file__).parent / "fonts"]


def _font(name):
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{name}: install fonts-dejavu-core")


def render(*, agency_lines, number, place_date, heading, subject, paragraphs, signer_lines=()):
    """The document as PDF bytes."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_font("DejaVu", "", str(_font("DejaVuSerif.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSerif-Bold.ttf")))
    pdf.set_title(unicodedata.normalize("NFC", f"{number} {subject}"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text, style="", size=11, align="L", gap=6):
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, gap, unicodedata.normalize("NFC", text), align=align, new_x="LMARGIN", new_y="NEXT")

    for text in agency_lines:
        line(text, "B", 10)
    line(number, size=10)
    line(place_date, size=10, align="R")
    pdf.ln(4)
    line(heading, "B", 13, align="C")
    line(subject, "B", 11, align="C")
    pdf.ln(3)
    for paragraph in paragraphs:
        line(paragraph, align="J")
        pdf.ln(1)
    pdf.ln(6)
    for text in signer_lines:
        line(text, "B", 11, align="R")
    return bytes(pdf.output())
