"""The question bank in the formats schools import: a Word exam (Azota/OLM layout), Aiken and GIFT (Moodle),
and QTI (through mkdocs-quiz's own exporter).

    text.py     the bank's texts as plain text, HTML or styled runs (bold negatives kept)
    docx.py     the Word exam layout
    moodle.py   Aiken and GIFT
    qti.py      QTI 1.2 / 2.1
    command.py  `handbook export`
"""

from .command import add_parser

__all__ = ["add_parser"]
