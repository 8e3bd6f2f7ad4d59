"""The leadership desk ("Bàn làm việc của Ban giám hiệu"): a small local web application over the handbook's
core, so the principal can import next year's decision from its Word file, see what changed, review each
affected guide step and quiz question, translate, preview and publish without a terminal.

    app.py        the routes (Starlette), one per page or form
    views.py      what the pages show, from the project model; the desk's Jinja environment
    word.py       reading a .docx as Word displays it (tables, line breaks, automatic numbering)
    edits.py      editing YAML values in place, keeping every other character of the file
    security.py   loopback or token, CSRF, sessions, security headers
    jobs.py       preview and publish in the background, with their log
    server.py     `handbook desk`: choose a port, print the address (and token), open the browser
"""
