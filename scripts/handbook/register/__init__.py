"""The training register (Điều 12d): result emails (.eml/.mbox) and a staff list in, a spreadsheet and a
printable A4 page out. Never part of the published site.

    resultline.py  the machine-readable result line (made here and by docs/assets/javascripts/result-line.js)
    mail.py        reading exported mail: the result lines, the sender, the file:line of each
    staff.py       the staff list (CSV as Excel saves it)
    book.py        who passed what, best result per person and quiz, flags (edited, unknown, superseded)
    output.py      the .xlsx and the A4 page
    command.py     `handbook register`
"""

from .command import add_parser

__all__ = ["add_parser"]
