"""Changes ten answers of an isogap questionnaire workbook with openpyxl, as a client would.

Usage: change-answers.py IN.xlsx OUT.xlsx
"""
import sys

import openpyxl

source, target = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(source)
sheet = book["iso-10002-2018"]
other = book["iso-10004-2018"]
# The scale's choices as the list offers them ("3 – Established").
choices = {row[1]: row[4] for row in book["Scale"].iter_rows(min_row=2, values_only=True) if row[0] == "iso-10002-2018"}
HEADER = [cell.value for cell in sheet[1]]
LEVEL, APPLICABLE, JUSTIFICATION, TARGET, EVIDENCE, NOTES = (
    HEADER.index(name) + 1
    for name in [
        "Level", "Applicable", "Justification (if not applicable)", "Target level",
        "Evidence (one per line: type | ref | date | file)", "Notes",
    ]
)


def row_of(ws, requirement):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == requirement:
            return row[0].row
    raise SystemExit(f"no row for {requirement}")


def put(ws, requirement, column, value):
    # (cell(..., value=None) would leave the old value: openpyxl sets only values that are not None.)
    ws.cell(row=row_of(ws, requirement), column=column).value = value


# 1-2: levels, one picked from the list, one typed as a number.
put(sheet, "4.1-a", LEVEL, choices[3])
put(sheet, "4.1-b", LEVEL, 2)
# 3: notes rewritten, with a line break and Arabic.
put(sheet, "4.2-a", NOTES, "Checked again on site.\nتمت المراجعة")
# 4: a target.
put(sheet, "4.1-a", TARGET, 4)
# 5: evidence added as a second line to an existing item.
r = row_of(sheet, "4.1-b")
old = sheet.cell(row=r, column=EVIDENCE).value or ""
sheet.cell(row=r, column=EVIDENCE).value = (old + "\n" if old else "") + "record | Change form CHG-09 with a principles check | 2026-11-12"
# 6-7: not applicable, with a justification, level cleared.
put(sheet, "4.3-a", APPLICABLE, "no")
put(sheet, "4.3-a", JUSTIFICATION, "Handled by the group office, outside the scope.")
put(sheet, "4.3-a", LEVEL, None)
# 8-10: the second checklist.
put(other, other.cell(row=2, column=1).value, LEVEL, 4)
put(other, other.cell(row=3, column=1).value, NOTES, "Survey wave 2026-Q3 reviewed.")
put(other, other.cell(row=4, column=1).value, LEVEL, 0)
book.save(target)
