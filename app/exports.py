"""Tables as files: CSV (UTF-8 with a byte-order mark, so that spreadsheets read
it) and XLSX, both safe to open.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``) is written as
text, so that a name typed by a user never runs in HR's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit on a sheet's name; longer names are cut.
_SHEET_NAME = 31


def safe_cell(value):
    """``value`` as written into a cell: formula-like text is quoted as text;
    numbers and dates stay what they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if value is None:
        return ""
    return value


def csv_text(headings: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The rows under their headings as CSV text, with a byte-order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([safe_cell(_plain(value)) for value in row])
    return buffer.getvalue()


def xlsx_bytes(title: str, headings: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The rows under bold headings in one sheet named ``title`` (write-only:
    memory stays flat however many rows)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_name(title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=safe_cell(heading))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:_SHEET_NAME]


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def attachment(body: str | bytes, filename: str, mimetype: str) -> Response:
    """A download of ``body`` named ``filename``."""
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
