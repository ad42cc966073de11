#!/usr/bin/python3
"""Acting on a selection of a group's members: Ctrl+A selects every row
(held as "the members of Fair", not a list of ids), the bar under the
table says how many and tags them, sets their status and adds them to a
static group, each with an Undo in its toast that changes back exactly
those contacts; a click selects one row, which the bar deletes after asking.
cohort-cli reads the database after each step, and a dynamic group that
reads the tag follows."""

import json
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, find_descendant, run, wait_for  # noqa: E402
from test_contact_groups import open_menu  # noqa: E402
from test_members import cell, dismiss, member_names, menu_item, open_group, press  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "tag", "operator": "=", "value": "expo"}]}'


def make_database(work):
    db = os.path.join(work, "cohort.db")
    for email, first, last in [("anna@acme.com", "Anna", "Schmidt"), ("ben@example.org", "Ben", "Weber"),
                               ("carla@example.org", "Carla", "Rossi"), ("dan@example.org", "Dan", "Smith")]:
        cli(db, "contacts", "set", email, f"first_name={first}", f"last_name={last}")
    cli(db, "groups", "create", "fair", "--name", "Fair", "--static")
    cli(db, "groups", "add", "fair", "anna@acme.com", "ben@example.org", "carla@example.org")
    cli(db, "groups", "create", "newsletter", "--name", "Newsletter", "--static")
    condition = os.path.join(work, "expo.json")
    with open(condition, "w") as f:
        f.write(CONDITION)
    cli(db, "groups", "create", "expo", "--name", "Met at the Expo", "--dynamic", "--condition", condition)
    return db


def members(db, code):
    return cli(db, "groups", "members", code).split()


def statuses(db):
    return {c["email"]: c["status"] for c in json.loads(cli(db, "contacts", "export", "--format", "json"))}


def undo_sets(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM undo_sets").fetchone()[0]


def bar(app):
    """The bar of the group page's table (the contact list has one too)."""
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    return wait_for("the selection bar", lambda: find_descendant(page, lambda n: n.name == "Selected Contacts"))


def bar_says(app, text):
    wait_for(f"the bar to say {text!r}", lambda: text in app.label_texts(bar(app)))


def selection(db):
    app = App(db)
    try:
        table = open_group(app, "Fair")
        wait_for("three members", lambda: len(member_names(app, table)) == 3)
        fair = ["anna@acme.com", "ben@example.org", "carla@example.org"]

        app.click_at(cell(app, table, "Anna Schmidt"))
        bar_says(app, "1 selected")
        press(ord("a"), with_control=True)
        bar_says(app, "All 3 selected")

        # Tag all three: the dynamic group on that tag has exactly them.
        app.click(app.button("Tags…", root=bar(app)))
        dialog = app.dialog("Tags")
        app.type_into(app.find(pyatspi.ROLE_TEXT, "Tag", root=dialog), "expo")
        dismiss(app, "Add Tag")
        app.wait_toast("Tagged 3 contacts “expo”")
        wait_for("the tagged members", lambda: members(db, "expo") == fair)

        # Undo takes the tag from exactly those who got it; again, then.
        # (Undo is clicked at once: the toast goes after five seconds.)
        app.click(app.button("Undo"))
        app.wait_toast("Removed the tag “expo” from 3 contacts")
        wait_for("nobody tagged", lambda: members(db, "expo") == [])
        app.click(app.button("Tags…", root=bar(app)))
        dialog = app.dialog("Tags")
        app.type_into(app.find(pyatspi.ROLE_TEXT, "Tag", root=dialog), "expo")
        dismiss(app, "Add Tag")
        app.wait_toast("Tagged 3 contacts “expo”")
        wait_for("the tagged members again", lambda: members(db, "expo") == fair)

        # Status of all three.
        open_menu(app, app.button("Status", root=bar(app)))
        app.click(menu_item(app, "Bounced"))
        app.wait_toast("Set 3 contacts to Bounced")
        wait_for("the statuses", lambda: statuses(db) == {
            "anna@acme.com": "bounced", "ben@example.org": "bounced", "carla@example.org": "bounced",
            "dan@example.org": "active"})

        # Unsubscribed, then undone: each gets back its own status.
        open_menu(app, app.button("Status", root=bar(app)))
        app.click(menu_item(app, "Unsubscribed"))
        app.wait_toast("Set 3 contacts to Unsubscribed")
        app.click(app.button("Undo"))
        app.wait_toast("Put back the status of 3 contacts")
        wait_for("the statuses back", lambda: statuses(db) == {
            "anna@acme.com": "bounced", "ben@example.org": "bounced", "carla@example.org": "bounced",
            "dan@example.org": "active"})

        # Into a static group.
        open_menu(app, app.button("Add to Group", root=bar(app)))
        app.click(menu_item(app, "Newsletter"))
        app.wait_toast("Added 3 contacts to “Newsletter”")
        assert members(db, "newsletter") == fair, members(db, "newsletter")
        # Kept for its Undo while the toast is up.
        assert undo_sets(db) >= 1

        # One row, deleted after the question that names the count.
        app.click_at(cell(app, table, "Ben Weber"))
        bar_says(app, "1 selected")
        app.click(app.button("Delete…", root=bar(app)))
        app.dialog("Delete 1 contact?")
        dismiss(app, "Delete")
        app.wait_toast("Deleted 1 contact")
        wait_for("Ben gone", lambda: "ben@example.org" not in statuses(db))
        assert members(db, "fair") == ["anna@acme.com", "carla@example.org"], members(db, "fair")
        assert members(db, "expo") == ["anna@acme.com", "carla@example.org"], members(db, "expo")

        # Once no toast offers Undo, no undo set is left in the file.
        wait_for("the undo sets forgotten", lambda: undo_sets(db) == 0, timeout=60)

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except Exception:
        print(app.output(), file=sys.stderr)
        try:
            print("bar:", app.label_texts(bar(app)), "table:", app.label_texts(table)[:2],
                  "windows:", [w.name for w in app.windows() if w is not None], "toasts:", app.toasts(),
                  file=sys.stderr)
        except Exception as error:
            print("no bar:", error, file=sys.stderr)
        raise


def main():
    with tempfile.TemporaryDirectory() as work:
        selection(make_database(work))


if __name__ == "__main__":
    run(main)
