#!/usr/bin/python3
"""A contact's page acts on its groups: each group says how and when the
contact joined; Add to Group puts it into a static group, the row's remove
button takes it out again (a member through an account has none), and the
toast's Undo puts things back. cohort-cli reads the database after each
step."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402
from gi.repository import GLib  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402
from test_members import cell, close_menu, menu_item, open_group, visible_menu_items  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "de"}]}'


def make_database(work):
    db = os.path.join(work, "cohort.db")
    cli(db, "--now", "2026-03-05T10:00:00Z", "contacts", "set", "anna@acme.com",
        "first_name=Anna", "last_name=Schmidt", "country=DE", "company=Acme")
    cli(db, "contacts", "set", "ben@example.org", "first_name=Ben", "last_name=Weber")
    cli(db, "groups", "create", "partners", "--name", "Partners", "--static")
    cli(db, "--now", "2026-03-05T10:00:00Z", "groups", "add-account", "partners", "Acme")
    cli(db, "groups", "create", "newsletter", "--name", "Newsletter", "--static")
    cli(db, "groups", "create", "empty", "--name", "Fair Visitors", "--static")
    condition = os.path.join(work, "germany.json")
    with open(condition, "w") as f:
        f.write(CONDITION)
    cli(db, "--now", "2026-03-05T10:00:00Z", "groups", "create", "germany", "--name", "Germany",
        "--dynamic", "--condition", condition)
    return db


def members(db, code):
    return cli(db, "groups", "members", code).split()


def row_of(app, groups, name):
    """The row of the group @name in the contact's list of groups."""
    label = app.wait_label(name, root=groups)
    row = label
    while row.getRole() != pyatspi.ROLE_LIST_ITEM:
        row = row.parent
    return row


def texts(app, node):
    return app.label_texts(node)


def menu_items_now(app):
    """The items of the menu on screen; none while the page is rebuilt (a
    refresh replaces the menu, and nodes of the old one go away)."""
    try:
        return visible_menu_items(app)
    except GLib.Error:
        return []


def open_menu(app, button):
    for _ in range(3):
        app.click(button)
        try:
            return wait_for("the Add to Group menu", lambda: menu_items_now(app), timeout=5)
        except AssertionError:
            pass
    raise AssertionError("no menu after three tries")


def contact_page_groups(db):
    app = App(db)
    try:
        table = open_group(app, "Germany")
        app.click_at(cell(app, table, "Anna Schmidt"), pyatspi.MOUSE_B1D)
        groups = app.find(pyatspi.ROLE_LIST, "Groups of the contact")

        # How and when: by condition, through the account, with the date.
        germany = texts(app, row_of(app, groups, "Germany"))
        assert "Condition · joined 5 Mar 2026" in germany, germany
        partners = row_of(app, groups, "Partners")
        assert "Account: Acme · joined 5 Mar 2026" in texts(app, partners), texts(app, partners)
        # Through an account only: no button to remove by hand.
        assert not app.find_all(pyatspi.ROLE_PUSH_BUTTON, partners,
                                lambda n: n.name.startswith("Remove from")), "a remove button"

        # Add to Group offers the static groups the contact is not in by hand.
        add = app.button("Add to Group", root=app.find(pyatspi.ROLE_FILLER, "CohortContactPage"))
        items = open_menu(app, add)
        assert sorted(items) == ["Fair Visitors", "Newsletter", "Partners"], items
        app.click(menu_item(app, "Newsletter"))
        app.wait_toast("Added 1 contact to “Newsletter”")
        wait_for("Anna in Newsletter", lambda: members(db, "newsletter") == ["anna@acme.com"])
        newsletter = row_of(app, groups, "Newsletter")
        wait_for("the row to say Manual",
                 lambda: any(t.startswith("Manual · joined ") for t in texts(app, row_of(app, groups, "Newsletter"))))

        # Removed by its row's button; Undo brings the membership back.
        newsletter = row_of(app, groups, "Newsletter")
        app.click(app.button("Remove from “Newsletter”", root=newsletter))
        # (Undo before cohort-cli looks: the toast goes after five seconds,
        # and the sanitizer build's cohort-cli is slow.)
        app.wait_toast("Removed 1 contact from “Newsletter”")
        wait_for("the row to go", lambda: "Newsletter" not in texts(app, groups))
        app.click(app.button("Undo"))
        wait_for("Anna back in Newsletter", lambda: members(db, "newsletter") == ["anna@acme.com"])
        row_of(app, groups, "Newsletter")

        # Added by hand to a group she is in through her account: both show,
        # and removing takes only the hand-made part away.
        items = open_menu(app, add)
        assert sorted(items) == ["Fair Visitors", "Partners"], items
        app.click(menu_item(app, "Partners"))
        wait_for("the row to say both",
                 lambda: "Manual, Account: Acme · joined 5 Mar 2026" in texts(app, row_of(app, groups, "Partners")))
        app.click(app.button("Remove from “Partners”", root=row_of(app, groups, "Partners")))
        app.wait_toast("No contact removed from “Partners”: 1 is a member through an account")
        assert members(db, "partners") == ["anna@acme.com"], members(db, "partners")
        wait_for("the row to say Account again",
                 lambda: "Account: Acme · joined 5 Mar 2026" in texts(app, row_of(app, groups, "Partners")))

        items = open_menu(app, add)
        assert sorted(items) == ["Fair Visitors", "Partners"], items
        close_menu(app)

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except Exception:
        print(app.output(), file=sys.stderr)
        raise


def main():
    with tempfile.TemporaryDirectory() as work:
        contact_page_groups(make_database(work))


if __name__ == "__main__":
    run(main)
