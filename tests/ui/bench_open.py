#!/usr/bin/python3
"""How fast the app starts and a group of a million members opens, sorts and
filters — each beside the same figure for an empty database or group.

Not part of `meson test`: building the database takes minutes. Prints
figures; run it under Xvfb from the source tree after building _build-gui
(or with COHORT_APP and COHORT_CLI pointing at an optimised build):

    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" dbus-run-session -- \\
        /usr/bin/python3 tests/ui/bench_open.py [--contacts N] [--db PATH]

An existing --db is reused, so a second run skips the build."""

import argparse
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402
from gi.repository import Atspi  # noqa: E402

from cohortui import App, cli, text_of, wait_for  # noqa: E402

EVERYONE = '{"combinator": "and", "rules": [{"field": "email", "operator": "notNull"}]}'
CONTROL_MASK = 1 << 2
NOBODY = '{"combinator": "and", "rules": [{"field": "email", "operator": "=", "value": "nobody@invalid"}]}'


def build(db, n_contacts):
    start = time.monotonic()
    cli(db, "demo", "--contacts", str(n_contacts))
    demo_seconds = time.monotonic() - start
    condition = db + ".everyone.json"
    with open(condition, "w") as f:
        f.write(EVERYONE)
    start = time.monotonic()
    cli(db, "groups", "create", "everyone", "--name", "Everyone", "--dynamic", "--condition", condition)
    print(f"database: demo {demo_seconds:.1f} s, dynamic group of everyone "
          f"{time.monotonic() - start:.1f} s")
    with open(condition, "w") as f:
        f.write(NOBODY)
    cli(db, "groups", "create", "nobody", "--name", "Nobody", "--dynamic", "--condition", condition)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def launch(db, what):
    """Starts the app on @db; prints the time to its window and its memory
    once it has settled."""
    start = time.monotonic()
    app = App(db)
    seconds = time.monotonic() - start
    time.sleep(3)
    print(f"launch, {what}: window after {seconds:.2f} s (through AT-SPI), "
          f"resident memory {rss_mb(app.process.pid):.0f} MB")
    return app


def digits(text):
    return int(re.sub(r"\D", "", text) or "0")


def first_cell_node(body):
    row = body.getChildAtIndex(0)
    return row.getChildAtIndex(0) if row is not None else None


def first_cell(body):
    """The text of the first cell of the table body @body, in three calls."""
    row = body.getChildAtIndex(0)
    cell = row.getChildAtIndex(0) if row is not None else None
    label = cell.getChildAtIndex(0) if cell is not None else None
    return text_of(label) or None if label is not None else None


class AppLog:
    """What the app itself logged about listing and selecting contacts, and
    any time its main thread was busy for more than 50 ms (G_MESSAGES_DEBUG),
    free of the time that reading the screen over AT-SPI adds."""

    PATTERN = re.compile(r"(The first \d+ contacts of the list are in view after [\d.]+ ms"
                         r"|Listed \d+ contacts in [\d.]+ ms"
                         r"|The selection of \d+ contacts is in the bar after [\d.]+ ms on the main thread"
                         r"|The main thread was busy for \d+ ms \(\d+ ms of CPU\))")

    def __init__(self, app):
        self.app = app
        self.seen = 0

    def new_lines(self):
        found = self.PATTERN.findall(self.app.output())
        lines, self.seen = found[self.seen:], len(found)
        return lines


def sidebar_item(app, name):
    item = app.wait_label(name, root=app.find(pyatspi.ROLE_LIST, "Groups"))
    while item.getRole() != pyatspi.ROLE_LIST_ITEM:
        item = item.parent
    return item


def timed(log, what, action, until, timeout=120):
    log.new_lines()
    start = time.monotonic()
    action()
    wait_for(what, until, timeout=timeout, interval=0.02)
    seconds = time.monotonic() - start
    print(f"{what}: {seconds:.2f} s on screen (through AT-SPI)")
    time.sleep(0.5)
    for line in log.new_lines():
        print(f"    app: {line}")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--db")
    args = parser.parse_args()

    db = args.db or os.path.join(tempfile.mkdtemp(prefix="cohort-bench-"), "cohort.db")
    if not os.path.exists(db):
        build(db, args.contacts)

    empty = os.path.join(tempfile.mkdtemp(prefix="cohort-bench-empty-"), "cohort.db")
    cli(empty, "groups", "list")
    launch(empty, "empty database").quit()

    os.environ["G_MESSAGES_DEBUG"] = "Cohort"
    app = launch(db, f"{args.contacts} contacts")
    log = AppLog(app)
    try:
        item = sidebar_item(app, "Everyone")
        members = digits(app.label_texts(item)[-1])
        # Another group first, so the group page is on screen.
        app.click_at(sidebar_item(app, "DACH VIPs"))
        # Everything the measurements look at is found first: the widgets stay
        # the same from group to group, and finding them costs more time than
        # what is measured.
        page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
        count = app.find(pyatspi.ROLE_LABEL, root=table, contains="contact")
        entry = app.find(pyatspi.ROLE_ENTRY, "Filter contacts", root=table)
        tab = app.page_tab("Contacts", page)
        tree = app.find(pyatspi.ROLE_TREE_TABLE, root=table)
        body = app.find(pyatspi.ROLE_LIST, root=tree)
        header = app.wait_label("Email", root=tree)

        def open_group():
            app.click_at(item)
            app.click_at(tab)

        nobody = sidebar_item(app, "Nobody")

        def open_empty():
            app.click_at(nobody)
            app.click_at(tab)

        time.sleep(2)
        timed(log, "open an empty group, count shown", open_empty, lambda: digits(text_of(count)) == 0)
        time.sleep(1)
        start = time.monotonic()
        timed(log, f"open a group of {members} members, first rows", open_group, lambda: first_cell(body))
        wait_for("every member", lambda: digits(text_of(count)) == members, timeout=120, interval=0.02)
        print(f"every member listed: {time.monotonic() - start:.2f} s; first row {first_cell(body)!r}; "
              f"resident memory {rss_mb(app.process.pid):.0f} MB")

        before = first_cell(body)
        timed(log, "sort by email, first rows", lambda: app.click_at(header),
              lambda: first_cell(body) not in (None, before))
        timed(log, "filter 'schmidt'", lambda: app.type_into(entry, "schmidt"),
              lambda: "match" in text_of(count) and "…" not in text_of(count))
        print(f"count label: {text_of(count)!r}")
        timed(log, "filter cleared", lambda: app.type_into(entry, ""),
              lambda: digits(text_of(count)) == members)

        # Select all (Ctrl+A in the table): a rule, not a million ids.
        app.click_at(first_cell_node(body))

        def select_all():
            Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
            pyatspi.Registry.generateKeyboardEvent(ord("a"), None, pyatspi.KEY_SYM)
            Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)

        timed(log, f"select all {members}, the bar says so", select_all,
              lambda: " of " in text_of(count) and digits(text_of(count).split(" of ")[0]) == members)
    except AssertionError:
        print(f"the app: {app.process.poll()}\n{app.output()[-3000:]}", file=sys.stderr)
        raise
    finally:
        app.quit()


if __name__ == "__main__":
    main()
