"""The one way a request parameter becomes a number.

``str.isdigit()`` and ``int()`` both accept far more than a visitor means by a number:
``"²".isdigit()`` is true but ``int("²")`` raises, and ``int("٣")`` (an Arabic-Indic
three), ``int(" 3 ")`` and ``int("3_000")`` all succeed. A parameter is a number here only
when it is 1 to ``max_digits`` ASCII digits and lies within the bounds; anything else gives
``default`` (``None`` unless told), never an exception.
"""

import re

_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_int(value, *, minimum=None, maximum=None, default=None, max_digits=18):
    """``value`` (a string from a query string, form or JSON body) as an ``int``, or
    ``default`` when it is not ASCII digits only, too long, or outside
    ``minimum``..``maximum`` (inclusive)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and 0 < len(value) <= max_digits and _ASCII_DIGITS.fullmatch(value):
        number = int(value)
    else:
        return default
    if minimum is not None and number < minimum:
        return default
    if maximum is not None and number > maximum:
        return default
    return number
