#!/usr/bin/python3
"""Managing groups from the group menu: Duplicate, Freeze as Static Group
(dynamic groups only), Archive (the group leaves the sidebar; Undo brings
it back), Restore from the Archived Groups window, and Merge Into… (static
groups only; refused with the core's words for a group that conditions
use). cohort-cli reads the database after each step."""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, cli_path, run, text_of, wait_for  # noqa: E402
from test_contact_groups import menu_items_now, open_menu  # noqa: E402
from test_members import menu_item  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "de"}]}'
AT_STAND = '{"combinator": "and", "rules": [{"field": "group", "operator": "in", "value": ["stand"]}]}'


def make_database(work):
    db = os.path.join(work, "cohort.db")
    cli(db, "contacts", "set", "anna@acme.com", "first_name=Anna", "country=DE")
    cli(db, "contacts", "set", "ben@example.org", "first_name=Ben", "country=AT")
    cli(db, "contacts", "set", "dan@example.org", "first_name=Dan", "country=DE")
    cli(db, "groups", "create", "fair", "--name", "Fair", "--static")
    cli(db, "groups", "add", "fair", "anna@acme.com", "ben@example.org")
    condition = os.path.join(work, "germany.json")
    with open(condition, "w") as f:
        f.write(CONDITION)
    cli(db, "groups", "create", "germany", "--name", "Germany", "--dynamic", "--condition", condition)
    # To merge: Ben is in Fair already, Dan joins it.
    cli(db, "groups", "create", "expo", "--name", "Expo 2026", "--static")
    cli(db, "groups", "add", "expo", "ben@example.org", "dan@example.org")
    # Not to merge: a condition uses it.
    cli(db, "groups", "create", "stand", "--name", "Stand Visitors", "--static")
    cli(db, "groups", "add", "stand", "dan@example.org")
    at_stand = os.path.join(work, "at-stand.json")
    with open(at_stand, "w") as f:
        f.write(AT_STAND)
    cli(db, "groups", "create", "met", "--name", "Met at the Stand", "--dynamic", "--condition", at_stand)
    return db


def groups(db, *flags):
    return {g["code"]: g for g in json.loads(cli(db, "groups", "list", "--json", *flags))}


def members(db, code):
    return cli(db, "groups", "members", code).split()


def sidebar_names(app):
    return [text_of(n) for n in app.find_all(pyatspi.ROLE_LABEL, app.find(pyatspi.ROLE_LIST, "Groups"))]


def group_menu(app, name, item):
    app.open_group(name, "Overview")
    items = open_menu(app, app.button("Group Menu"))
    app.click(menu_item(app, item))
    return items


def manage(db):
    app = App(db)
    try:
        # Duplicate: a static copy with the same members, shown at once.
        items = group_menu(app, "Fair", "Duplicate")
        assert "Freeze as Static Group" not in items, items  # static: nothing to freeze
        app.wait_toast("Duplicated “Fair” with 2 contacts")
        wait_for("the copy", lambda: "fair-copy" in groups(db))
        assert groups(db)["fair-copy"]["name"] == "Copy of Fair", groups(db)["fair-copy"]
        assert members(db, "fair-copy") == members(db, "fair"), members(db, "fair-copy")
        app.wait_label("Copy of Fair", root=app.find(pyatspi.ROLE_LIST, "Groups"))

        # Freeze: today's members of a dynamic group as a static one.
        items = group_menu(app, "Germany", "Freeze as Static Group")
        assert "Merge Into…" not in items, items  # dynamic: nothing to merge
        app.wait_toast("Froze “Germany” into a static group of 2 contacts")
        wait_for("the frozen group", lambda: "germany-frozen" in groups(db))
        assert groups(db)["germany-frozen"]["kind"] == "static"
        assert members(db, "germany-frozen") == ["anna@acme.com", "dan@example.org"]

        # Archive: out of the sidebar and the list; Undo brings it back.
        # (Undo is clicked before cohort-cli looks: the toast goes after
        # five seconds, and the sanitizer build's cohort-cli is slow.)
        group_menu(app, "Fair", "Archive")
        app.wait_toast("Archived “Fair”")
        wait_for("Fair out of the sidebar", lambda: "Fair" not in sidebar_names(app))
        app.click(app.button("Undo"))
        wait_for("Fair back", lambda: "Fair" in sidebar_names(app))
        assert "fair" in groups(db)

        # Archive again, then restore from the Archived Groups window.
        group_menu(app, "Fair", "Archive")
        wait_for("Fair out of the sidebar", lambda: "Fair" not in sidebar_names(app))
        assert "fair" not in groups(db) and groups(db, "--archived")["fair"]["archived"]
        wait_for("the group menu to close", lambda: not menu_items_now(app))
        open_menu(app, app.button("Main Menu"))
        app.click(menu_item(app, "Archived Groups"))
        archived = app.dialog("Archived Groups")
        app.click(app.button("Restore", root=archived))
        app.wait_toast("Restored “Fair”")
        wait_for("Fair back", lambda: "Fair" in sidebar_names(app))
        assert not groups(db)["fair"]["archived"]
        assert members(db, "fair") == ["anna@acme.com", "ben@example.org"]

        merge(app, db)

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except Exception:
        print(app.output(), file=sys.stderr)
        raise


def merge_dialog(app, name, into):
    """Merges the group @name into @into through the menu and the dialog;
    returns the dialog's choices as (name, member count)."""
    wait_for("the last menu to close", lambda: not menu_items_now(app))
    group_menu(app, name, "Merge Into…")
    dialog = app.dialog(f"Merge “{name}” Into…")
    choices = app.find(pyatspi.ROLE_LIST, "Static groups to merge into", root=dialog)
    found = [(n.name, n.description) for n in app.find_all(pyatspi.ROLE_CHECK_BOX, choices)]
    merge_button = app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Merge", root=dialog)
    assert not merge_button.getState().contains(pyatspi.STATE_SENSITIVE), "Merge before a choice"
    app.click(app.find(pyatspi.ROLE_CHECK_BOX, into, root=choices))
    wait_for("Merge to be enabled", lambda: merge_button.getState().contains(pyatspi.STATE_SENSITIVE))
    app.click(merge_button)
    return found


def merge(app, db):
    # The other static groups in the sidebar, with their counts; not the
    # dynamic ones, not the group itself.
    choices = merge_dialog(app, "Expo 2026", "Fair")
    assert sorted(choices) == [("Copy of Fair", "2 contacts"), ("Fair", "2 contacts"),
                               ("Germany (frozen)", "2 contacts"), ("Stand Visitors", "1 contact")], choices
    app.wait_toast("Merged “Expo 2026” into “Fair”: 1 contact joined")
    wait_for("Expo 2026 out of the sidebar", lambda: "Expo 2026" not in sidebar_names(app))
    assert members(db, "fair") == ["anna@acme.com", "ben@example.org", "dan@example.org"], members(db, "fair")
    assert "expo" not in groups(db, "--archived")
    wait_for("Fair's new count", lambda: "3 contacts" in app.label_texts(app.sidebar_item("Fair")))

    # A group that a condition uses: the core refuses, in its own words.
    refused = subprocess.run([cli_path(), "--db", db, "groups", "merge", "fair", "stand"],
                             capture_output=True, text=True)
    assert refused.returncode == 2 and "(met)" in refused.stderr, refused
    merge_dialog(app, "Stand Visitors", "Fair")
    error = app.dialog("Could Not Merge the Groups")
    message = refused.stderr.strip().split(": ", 1)[-1]
    app.wait_label(message, root=error)
    app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Close", root=error))
    wait_for("the error to close", lambda: "Could Not Merge the Groups" not in [w.name for w in app.windows()])
    assert members(db, "stand") == ["dan@example.org"]
    assert members(db, "fair") == ["anna@acme.com", "ben@example.org", "dan@example.org"]
    assert "Stand Visitors" in sidebar_names(app)


def main():
    with tempfile.TemporaryDirectory() as work:
        manage(make_database(work))


if __name__ == "__main__":
    run(main)
