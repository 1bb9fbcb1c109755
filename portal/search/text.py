"""Text folding for Vietnamese search.

Citizens type ``ke hoach thi dua``, ``Kế hoạch thi đua`` or paste decomposed Unicode; all
must find the same pages. Everything that is compared is first *folded*: compatibility
decomposition (NFKD), lower case, combining marks dropped, ``đ`` → ``d``. Folded text is
stored as its word tokens separated by single spaces, with a space at each end, so that a
whole word is matched with ``" word "`` and nothing a visitor types (``%``, ``_``, ``\\``,
quotes) can reach the database as anything but a plain word.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

#: A query longer than this (in characters) is cut; longer input is never useful.
MAX_QUERY_CHARS = 200
#: At most this many distinct words of a query are searched for.
MAX_QUERY_TOKENS = 10
#: A single word longer than this is cut (no real word is this long).
MAX_TOKEN_CHARS = 40

_EXTRA = str.maketrans({"đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss"})
_TOKEN = re.compile(r"[^\W_]+")
# Combining marks (Vietnamese tones and vowel marks are all in the first block).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Official document numbers (số ký hiệu), matched on folded text:
# 57/kh-snv, 3510/kh-ubnd, 42/2022/nd-cp, 06/2022/qh15, 4836/snv-tcbc, and 42/2022.
_DOC_NUMBER = re.compile(
    r"(?<![\w/])\d{1,6}(?:\s?/\s?\d{4})?\s?/\s?[a-z][a-z0-9]*(?:\s?[-–]\s?[a-z0-9]+)*(?![\w/])"
    r"|(?<![\w/])\d{1,6}/\d{4}(?![\w/])"
)


def fold(text):
    """Lower-case ``text`` and strip its diacritics: ``Đề án`` → ``de an``."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return _MARKS.sub("", decomposed).translate(_EXTRA)


@lru_cache(maxsize=4096)
def fold_char(char):
    return fold(char)


def tokens(text):
    """The folded words of ``text``."""
    return _TOKEN.findall(fold(text))


def folded_words(text):
    """Folded text as stored in the index: ``" ke hoach 57 kh snv "``."""
    words = tokens(text)
    return f" {' '.join(words)} " if words else ""


def document_numbers(text):
    """Normalised document numbers mentioned in ``text``: ``57/KH-SNV`` → ``57 kh snv``."""
    return [" ".join(_TOKEN.findall(m)) for m in _DOC_NUMBER.findall(fold(text))]


def as_document_number(value):
    """``value`` normalised when it is, as a whole, one document number; otherwise None."""
    if not isinstance(value, str) or len(value) > 80:
        return None
    folded = fold(value).strip()
    match = _DOC_NUMBER.fullmatch(folded)
    return " ".join(_TOKEN.findall(folded)) if match else None


@dataclass
class Query:
    """What a visitor typed, made safe to search with."""

    text: str = ""  # the query as shown back (trimmed, cut to MAX_QUERY_CHARS)
    words: list = field(default_factory=list)  # distinct folded words, at most MAX_QUERY_TOKENS
    phrase: str = ""  # the folded words in typed order, for phrase matches
    document_number: str = ""  # normalised, when the query looks like one
    cut: bool = False  # the query was longer than we search

    @property
    def is_empty(self):
        return not self.words


def parse_query(raw):
    raw = unicodedata.normalize("NFC", (raw or "").replace("\x00", " ")).strip()
    cut = len(raw) > MAX_QUERY_CHARS
    text = raw[:MAX_QUERY_CHARS].strip()
    all_words = [w[:MAX_TOKEN_CHARS] for w in tokens(text)]
    if len(all_words) > MAX_QUERY_TOKENS:
        cut = True
        all_words = all_words[:MAX_QUERY_TOKENS]
    words = list(dict.fromkeys(all_words))
    numbers = document_numbers(text)
    if numbers:
        number = numbers[0]
    elif len(all_words) >= 2 and all_words[0].isdigit() and any(c.isalpha() for c in all_words[1]):
        # "57 KH SNV": a number typed with spaces instead of / and -.
        number = " ".join(all_words[:6])
    else:
        number = ""
    return Query(text=text, words=words, phrase=" ".join(all_words), document_number=number, cut=cut)
