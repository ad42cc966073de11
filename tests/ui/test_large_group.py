#!/usr/bin/python3
"""A group of 20,000 members built by `cohort-cli demo` opens at once, sorts
by a column header and filters as you type. (bench_open.py does the same
with a million members and prints the times.)"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402

N_CONTACTS = int(os.environ.get("COHORT_UI_CONTACTS", "20000"))
EVERYONE = '{"combinator": "and", "rules": [{"field": "email", "operator": "notNull"}]}'
# Generous, so that a sanitizer build passes too; bench_open.py measures.
FIRST_ROWS_SECONDS = 10


def make_database(n_contacts):
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-large-"), "cohort.db")
    cli(db, "demo", "--contacts", str(n_contacts))
    condition = os.path.join(os.path.dirname(db), "everyone.json")
    with open(condition, "w") as f:
        f.write(EVERYONE)
    cli(db, "groups", "create", "everyone", "--name", "Everyone", "--dynamic", "--condition", condition)
    return db


def digits(text):
    return int(re.sub(r"\D", "", text) or "0")


def open_group(app, name):
    """Clicks the group in the sidebar and its Contacts tab; returns the
    member table and the seconds until its first rows showed."""
    sidebar = app.find(pyatspi.ROLE_LIST, "Groups")
    label = app.wait_label(name, root=sidebar)
    item = label
    while item.getRole() != pyatspi.ROLE_LIST_ITEM:
        item = item.parent
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    start = time.monotonic()
    app.click_at(item)
    app.click_at(app.page_tab("Contacts", page))
    table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
    wait_for("the first rows", lambda: len(visible_rows(app, table)) >= 10, timeout=60)
    return table, time.monotonic() - start


def visible_rows(app, table, limit=12):
    return [row for row in app.table_rows(table, limit) if row and row[0]]


def count_label(app, table):
    return app.find(pyatspi.ROLE_LABEL, root=table, contains="contact")


def main():
    db = make_database(N_CONTACTS)
    # Every contact with an email: nearly all of the demo's.
    emails = cli(db, "groups", "members", "everyone", "--format", "emails").split()
    assert len(emails) > N_CONTACTS * 0.9, len(emails)

    app = App(db)
    try:
        table, seconds = open_group(app, "Everyone")
        print(f"first rows of {len(emails)} members after {seconds:.2f} s")
        assert seconds < FIRST_ROWS_SECONDS, seconds
        wait_for("the member count", lambda: digits(text_of(count_label(app, table))) == len(emails))

        # Sorted by name: the rows in view are in order.
        names = [row[0].casefold() for row in visible_rows(app, table)]
        assert names == sorted(names), names

        # Two clicks on the Email header sort by email, descending: the last
        # email of the whole group comes first.
        header = app.wait_label("Email", root=app.find(pyatspi.ROLE_TREE_TABLE, root=table))
        app.click_at(header)
        wait_for("ascending emails", lambda: visible_rows(app, table)[0][1] == min(emails))
        app.click_at(header)
        wait_for("descending emails", lambda: visible_rows(app, table)[0][1] == max(emails))
        shown = [row[1] for row in visible_rows(app, table)]
        assert shown == sorted(emails, reverse=True)[:len(shown)], shown[:5]

        # Typing filters.
        wanted = emails[len(emails) // 2]
        app.type_into(app.find(pyatspi.ROLE_ENTRY, "Filter contacts", root=table), wanted)
        wait_for(f"only {wanted}", lambda: [row[1] for row in visible_rows(app, table)] == [wanted])
        wait_for("the match count", lambda: digits(text_of(count_label(app, table))) == 1)
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


if __name__ == "__main__":
    run(main)
