"""The project's date and number formats (``FORMAT_MODULE_PATH``), ahead of Django's.

Vietnamese is written ``dd/mm/yyyy`` and ``HH:MM``. Django's own ``vi`` module has no
input formats, so without these a form falls back to ``settings.DATE_INPUT_FORMATS``,
whose second entry is the American ``%m/%d/%Y`` (``05/12/2026`` read as 12 May). The
admin's date pickers show and accept the same forms (``WAGTAIL_DATE_FORMAT`` …), in
either admin language.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 05/12/2026: what the pickers write and editors type
    "%d/%m/%y",  # 05/12/26
    "%d-%m-%Y",  # 05-12-2026
    "%d.%m.%Y",  # 05.12.2026
    "%Y-%m-%d",  # 2026-12-05 (ISO: pasted values, old links)
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f", "%Hh%M", "%Hh"]
DATETIME_INPUT_FORMATS = [
    f"{day} {time}"
    for day in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
    for time in ("%H:%M", "%H:%M:%S", "%H:%M:%S.%f")
]
