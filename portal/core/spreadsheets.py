"""Every CSV and XLSX file the portal writes goes through here.

Formula injection (OWASP "CSV Injection"): a spreadsheet program opening the export runs a
text cell beginning with ``=``, ``+``, ``-`` or ``@`` (and, in some, a leading tab or
carriage return) as a formula, e.g. a 留言 titled ``=HYPERLINK("http://…","点此")``. Such
cells are written with a leading apostrophe, which Excel and WPS show as plain text.
Numbers, dates and the empty string are left as they are.
"""

import csv

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` made harmless for a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


class SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, fh, **kwargs):
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(fh, **kwargs):
    return SafeWriter(fh, **kwargs)
