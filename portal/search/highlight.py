"""Snippets with the matched words marked, built from escaped text only."""

import bisect
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.search.text import fold_char

SNIPPET_CHARS = 260


def _fold_with_positions(text):
    """``text`` folded character by character, and for each folded character the index of
    the character of ``text`` it came from; ``None`` when that is its own index (every
    character folds to exactly one: nearly all Vietnamese text, done by ``str.translate``
    instead of a Python loop over a whole article)."""
    table = {ord(char): fold_char(char) for char in set(text)}
    if all(len(folded_char) == 1 for folded_char in table.values()):
        return text.translate(table), None
    folded, positions = [], []
    for i, char in enumerate(text):
        for folded_char in fold_char(char):
            folded.append(folded_char)
            positions.append(i)
    return "".join(folded), positions


def _pattern(words):
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _spans(text, folded, positions, pattern, pos=0):
    """``(start, end)`` in ``text`` of each match of ``pattern`` in ``folded`` from the
    folded index ``pos`` on (the lookbehind still sees what comes before ``pos``)."""
    for m in pattern.finditer(folded, pos):
        if positions is None:
            start, end = m.start(), m.end()
        else:
            start, end = positions[m.start()], positions[m.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        yield start, end


def match_spans(text, words):
    """``(start, end)`` spans of ``text`` where one of the folded ``words`` occurs as a
    whole word, whatever its diacritics or case."""
    if not text or not words:
        return []
    folded, positions = _fold_with_positions(text)
    return list(_spans(text, folded, positions, _pattern(words)))


def highlight(text, words, spans=None):
    """``text`` escaped, with each matched word wrapped in ``<mark>``."""
    if spans is None:
        spans = match_spans(text, words)
    parts, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        parts.append(escape(text[pos:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece was escaped above


def snippet(text, words, length=SNIPPET_CHARS):
    """About ``length`` characters of ``text`` around the first match, highlighted. Only
    the first match and those in the window are looked for (an article has thousands of
    words; a result shows one window of it)."""
    if not text:
        return ""
    if words:
        folded, positions = _fold_with_positions(text)
        pattern = _pattern(words)
        first_span = next(_spans(text, folded, positions, pattern), None)
    else:
        first_span = None
    first = first_span[0] if first_span else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    window = text[start:end]
    shifted = []
    if first_span:
        # From the first folded character that comes from ``start`` on.
        pos = start if positions is None else bisect.bisect_left(positions, start)
        for s, e in _spans(text, folded, positions, pattern, pos):
            if s >= end:
                break
            if s >= start and e <= end:
                shifted.append((s - start, e - start))
    html = highlight(window, words, shifted)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{escape(prefix)}{html}{escape(suffix)}")  # noqa: S308 - built from escaped parts


def covers(text, words):
    """Every one of ``words`` occurs in ``text`` (folded, as whole words)."""
    found = {fold_char_text(text[start:end]) for start, end in match_spans(text, words)}
    return all(word in found for word in words)


def fold_char_text(text):
    return "".join(fold_char(c) for c in text)


def best_passage(body, words, length=SNIPPET_CHARS):
    """``(snippet, file title)``: from the page's own text when all the words are there,
    else from the first attached file that has them all (``file title`` then names it),
    else from the page's text with no file title."""
    from portal.search.indexing import passages

    page_text, files = passages(body)
    if not words or covers(page_text, words):
        return snippet(page_text, words, length), ""
    for title, text in files:
        if covers(text, words):
            return snippet(text, words, length), title
    return snippet(page_text, words, length), ""
