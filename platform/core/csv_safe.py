"""CSV that a spreadsheet cannot execute: every CSV Marelle writes goes through ``writer``.

Excel and LibreOffice read a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (CSV formula injection). A parent who names themselves
``=HYPERLINK("http://…","…")`` would otherwise plant a live link, or worse, in the accounting
export the régie opens. Following OWASP, such a cell gets a leading single quote: the
spreadsheet shows it as text, as typed (Excel hides the quote), and a program reading the
file finds the original value right after the quote.

Numbers stay numbers: a cell that is exactly a French decimal number, such as ``-12,50``,
``1234,56`` or ``-7`` (ASCII digits, optional leading ``-``, optional decimal comma, no
grouping: what ``core.billing.documents.exports.money`` writes), is left as is, so a negative
amount still adds up in the accountant's sheet. Such a cell cannot be a formula whoever typed
it. The rule reads the content rather than the Python type because the exports format their
amounts as French text before writing, and a content rule stays safe when a caller passes
text where a number was meant. Anything else that starts with one of those characters is
escaped, including a leading ``+`` (Marelle never writes a sign) and a number with a decimal
point, which a French spreadsheet reads as text anyway: format amounts with a decimal comma
before writing them.

Libraries were weighed: ``defusedcsv``'s rule escapes ``-12,50`` too (the accountant's negative
amounts would become text), leaves tabs and carriage returns alone and rewrites ``|`` inside
the cell, so the original is no longer readable after the quote; a few lines here do exactly
the rule above.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

# fullmatch, ASCII digits only: "-1\n=…" or non-ASCII digits are not a number here.
_FRENCH_NUMBER = re.compile(r"-?[0-9]+(?:,[0-9]+)?", re.ASCII)


def escape_cell(value: Any) -> str:
    """``value`` as a CSV cell no spreadsheet evaluates (``None`` is an empty cell)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _FRENCH_NUMBER.fullmatch(text):
        return ESCAPE + text
    return text


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``escape_cell``."""

    def __init__(self, file, **fmtparams: Any) -> None:
        self._writer = csv.writer(file, **fmtparams)

    @property
    def dialect(self) -> Any:
        return self._writer.dialect

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([escape_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        # One row at a time: the exports pass generators over querysets of any size.
        for row in rows:
            self.writerow(row)


def writer(file, **fmtparams: Any) -> SafeWriter:
    """The CSV writer to use for any file a user may open in a spreadsheet."""
    return SafeWriter(file, **fmtparams)
