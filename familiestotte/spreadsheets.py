"""CSV and XLSX files that coordinators open in Excel, written one way for every export.

CSV: UTF-8 with a byte-order mark (so Excel reads æøå) and `;` between fields, as
Norwegian Excel expects. XLSX: openpyxl, a bold and frozen header, every text cell
typed as text. Both guard against formula injection (OWASP «CSV injection»): text a
participant typed, such as «=HYPERLINK(...)», never becomes a formula.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula,
# including the tab and carriage return variants.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: object) -> str | int | float:
    """Numbers as they are, booleans as Ja/Nei, text that could start a formula defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str,
    document_title: str = "",
    widths: Sequence[int] = (),
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = sheet_title[:31]  # Excel's limit
    sheet.append([safe_cell(value) for value in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                # Typed as text: openpyxl would otherwise store a leading «=» as a formula.
                cell.data_type = "s"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    if document_title:
        workbook.properties.title = document_title[:200]
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# æ, ø and å have no ASCII decomposition: slugify would drop them («gjvik»).
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def file_slug(text: str) -> str:
    """«Gjøvik kommune» -> «gjovik-kommune», for file names."""
    return slugify(text.translate(NORWEGIAN_LETTERS))


def download(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    name: str,
    sheet_title: str,
    fmt: str,
) -> HttpResponse:
    """A download named `name` and today's date, as XLSX or CSV."""
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        content = xlsx_bytes(header, rows, sheet_title=sheet_title)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    else:
        content = csv_bytes(header, rows)
        response = HttpResponse(content, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
