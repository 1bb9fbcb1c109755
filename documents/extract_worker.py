"""Print the text of one PDF, DOCX or ODT file (run by ``documents.files`` in a subprocess).

Standalone on purpose (no Django): the parent process limits its time, memory and output,
so a hostile file (a zip bomb, a PDF whose parser loops) cannot stall the site.
Usage: ``python extract_worker.py PATH EXTENSION MAX_PAGES MAX_CHARS``.
"""

import sys


def pdf_text(path, max_pages, max_chars):
    from pypdf import PdfReader

    reader = PdfReader(path)
    out, size = [], 0
    for number, page in enumerate(reader.pages):
        if number >= max_pages or size >= max_chars:
            break
        text = page.extract_text() or ""
        out.append(text)
        size += len(text)
    return "\n".join(out)


def docx_text(path, max_pages, max_chars):
    import docx

    document = docx.Document(path)
    out, size = [], 0
    for paragraph in document.paragraphs:
        out.append(paragraph.text)
        size += len(paragraph.text)
        if size >= max_chars:
            return "\n".join(out)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.append(cell.text)
                size += len(cell.text)
                if size >= max_chars:
                    return "\n".join(out)
    return "\n".join(out)


def odt_text(path, max_pages, max_chars):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(path)
    out, size = [], 0
    for element in document.getElementsByType(text.P) + document.getElementsByType(text.H):
        value = teletype.extractText(element)
        out.append(value)
        size += len(value)
        if size >= max_chars:
            break
    return "\n".join(out)


READERS = {"pdf": pdf_text, "docx": docx_text, "odt": odt_text}


def main(argv):
    path, extension, max_pages, max_chars = argv[1], argv[2], int(argv[3]), int(argv[4])
    text = READERS[extension](path, max_pages, max_chars)
    sys.stdout.write(text[:max_chars])


if __name__ == "__main__":
    main(sys.argv)
