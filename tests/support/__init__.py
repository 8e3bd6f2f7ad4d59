"""What the tests and the benchmarks share (imported as `tests.support`, no sys.path edits: the benchmarks
run as `python -m scripts.benchmarks.<name>` from the project folder).

    project.py    the real project, copies of it to break, tiny projects built from data, builds
    web.py        a local HTTP server and the Chromium the tests drive
    htmltext.py   built pages as a reader sees them
    searching.py  driving Material's search box in Chromium
"""
