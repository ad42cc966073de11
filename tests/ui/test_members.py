#!/usr/bin/python3
"""The membership table as a new marketer meets it: a context menu on every
row (right click, Menu key), removals that say what really happened when a
contact is a member through an account, a filter that does not follow you
to the next group, and counts with the locale's thousands separators and
plural forms. (Scrolling and sort arrows, which AT-SPI cannot see on GTK
4.8, are checked in test-member-table.c.)"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402
from gi.repository import Atspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "de"}]}'
CONTROL_MASK = 1 << 2
KEY_MENU = 0xff67


def make_database(work):
    db = os.path.join(work, "cohort.db")
    cli(db, "contacts", "set", "anna@acme.com", "first_name=Anna", "last_name=Schmidt",
        "country=DE", "company=Acme")
    cli(db, "contacts", "set", "ben@acme.com", "first_name=Ben", "last_name=Weber",
        "country=AT", "company=Acme")
    cli(db, "contacts", "set", "carla@example.org", "first_name=Carla", "last_name=Rossi",
        "country=IT")
    cli(db, "contacts", "set", "dan@example.org", "first_name=Dan", "last_name=Smith",
        "country=DE")
    cli(db, "groups", "create", "fair", "--name", "Fair", "--static")
    cli(db, "groups", "add", "fair", "carla@example.org", "dan@example.org")
    cli(db, "groups", "add-account", "fair", "Acme")
    condition = os.path.join(work, "germany.json")
    with open(condition, "w") as f:
        f.write(CONDITION)
    cli(db, "groups", "create", "germany", "--name", "Germany", "--dynamic", "--condition", condition)
    return db


def open_group(app, name):
    """The member table of the group @name."""
    page = app.open_group(name, "Contacts")
    return app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)


def member_names(app, table):
    return sorted(row[0] for row in app.table_rows(table) if row and row[0])


def cell(app, table, text):
    return app.wait_label(text, root=app.find(pyatspi.ROLE_TREE_TABLE, root=table))


def menu_items(app):
    """The names of the items of the context menu on screen."""
    return wait_for("the context menu", lambda: visible_menu_items(app))


def menu_item(app, name):
    return app.find(pyatspi.ROLE_MENU_ITEM, name)


def close_menu(app):
    pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)  # Escape
    wait_for("the menu to close", lambda: not visible_menu_items(app))


def visible_menu_items(app):
    return [n.name for w in app.windows() if w is not None
            for n in app.find_all(pyatspi.ROLE_MENU_ITEM, w)
            if n.getState().contains(pyatspi.STATE_VISIBLE)]


def open_menu(app, node, key=False):
    """Clicks @node's row, then right-clicks it (or presses the Menu key),
    until its menu shows: under Xvfb without a window manager, a click made
    just after a window or a menu went away (chosen through AT-SPI, not
    with the mouse) may only end its pointer grab."""
    for _ in range(3):
        app.click_at(node)
        if key:
            pyatspi.Registry.generateKeyboardEvent(KEY_MENU, None, pyatspi.KEY_SYM)
        else:
            app.click_at(node, pyatspi.MOUSE_B3C)
        try:
            wait_for("the context menu", lambda: visible_menu_items(app), timeout=5)
            return
        except AssertionError:
            pass
    raise AssertionError("no context menu after three tries")


def right_click(app, node):
    open_menu(app, node)


def dismiss(app, button):
    """Answers the dialog on screen with @button and waits until it is gone:
    a click made while it is still mapped does not reach the window."""
    node = app.button(button)
    window = node
    while window.parent is not None and window.parent.getRole() != pyatspi.ROLE_APPLICATION:
        window = window.parent
    app.click(node)

    def gone():
        try:
            return window not in app.windows() or not window.getState().contains(pyatspi.STATE_VISIBLE)
        except Exception:  # destroyed
            return True
    wait_for("the dialog to go", gone)


def press(keysym, with_control=False):
    """Types @keysym, holding Control by locking the modifier (a key press
    would need the server's keycode of Control_L)."""
    if with_control:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    if with_control:
        Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def filter_entry(app, table):
    return app.find(pyatspi.ROLE_ENTRY, "Filter contacts", root=table)


def context_menu_and_removals(db):
    app = App(db)
    try:
        table = open_group(app, "Fair")
        wait_for("the four members", lambda: member_names(app, table) ==
                 ["Anna Schmidt", "Ben Weber", "Carla Rossi", "Dan Smith"])

        # A member through an account is not offered Remove, but what works.
        right_click(app, cell(app, table, "Anna Schmidt"))
        items = menu_items(app)
        assert "Open" in items and "Copy Email" in items, items
        assert "Remove from Group" not in items, items
        assert "Remove the Account from the Group…" in items, items
        assert "Why Is This Contact a Member?" not in items, items
        app.click(menu_item(app, "Copy Email"))
        app.wait_toast("Copied anna@acme.com")

        # Remove on such a row says why nothing would happen and offers
        # the account instead; cancelling changes nothing.
        app.click_at(cell(app, table, "Anna Schmidt"))
        app.click(app.button("Remove", root=table))
        app.wait_label("Anna Schmidt is a member through the account Acme; remove the account "
                       "from the group instead.")
        dismiss(app, "Cancel")
        assert len(cli(db, "groups", "members", "fair").split()) == 4

        # A member by hand has Remove in its menu.
        right_click(app, cell(app, table, "Carla Rossi"))
        items = menu_items(app)
        assert "Remove from Group" in items and "Remove the Account from the Group…" not in items, items
        app.click(menu_item(app, "Remove from Group"))
        app.wait_toast("Removed 1 contact from “Fair”")
        wait_for("Carla gone", lambda: member_names(app, table) == ["Anna Schmidt", "Ben Weber", "Dan Smith"])

        # A mixed selection: the toast tells who left and who stayed.
        for _ in range(3):  # the first click after a menu may only end its grab
            app.click_at(cell(app, table, "Dan Smith"))
            try:
                wait_for("Dan selected", lambda: "1 of 3 contacts selected" in app.label_texts(table), timeout=3)
                break
            except AssertionError:
                pass
        press(ord("a"), with_control=True)
        wait_for("all three selected", lambda: "3 of 3 contacts selected" in app.label_texts(table))
        app.click(app.button("Remove", root=table))
        app.wait_label("2 contacts are members through the account Acme; remove the account from "
                       "the group instead.\n\nThe other 1 contact can be removed.")
        app.click(app.button("Remove 1 Contact"))
        toast = app.wait_toast("Removed 1 contact from “Fair”", "2 members through an account stay")
        assert "3 contacts" not in toast, toast
        wait_for("Dan gone", lambda: member_names(app, table) == ["Anna Schmidt", "Ben Weber"])

        # What works: taking the account out of the group.
        open_menu(app, cell(app, table, "Ben Weber"), key=True)
        app.click(menu_item(app, "Remove the Account from the Group…"))
        app.wait_label("Ben Weber is a member through the account Acme; remove the account from the "
                       "group instead.")
        app.click(app.button("Remove the Account"))
        app.wait_toast("Removed the account Acme from “Fair”")
        wait_for("the group empty", lambda: cli(db, "groups", "members", "fair").split() == [])

        # A dynamic group's rows explain themselves.
        table = open_group(app, "Germany")
        right_click(app, cell(app, table, "Anna Schmidt"))
        items = menu_items(app)
        assert "Why Is This Contact a Member?" in items and "Remove from Group" not in items, items
        app.click(menu_item(app, "Why Is This Contact a Member?"))
        why = app.dialog("Why?")
        app.wait_label("Anna Schmidt matches the condition of “Germany”.", root=why)
        app.click(app.button("Close", root=why))
        wait_for("the Why? window to go", lambda: all(w is None or w.name != "Why?" for w in app.windows()))

        # Open goes to the contact's page.
        right_click(app, cell(app, table, "Dan Smith"))
        app.click(menu_item(app, "Open"))
        app.find(pyatspi.ROLE_LIST, "Groups of the contact")

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


def filter_and_counts(work):
    """With the grouping of en_US: "2,001 contacts", "1 contact matches"."""
    locales = os.path.join(work, "locales")
    os.makedirs(locales)
    subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", os.path.join(locales, "en_US.UTF-8")],
                   check=True, capture_output=True)
    os.environ["LOCPATH"] = locales
    os.environ["LC_ALL"] = "en_US.UTF-8"
    db = os.path.join(work, "demo.db")
    cli(db, "demo", "--contacts", "2000", "--seed", "3")
    cli(db, "contacts", "set", "zelda.quist@example.org", "first_name=Zelda", "last_name=Quist")
    app = App(db)
    try:
        contacts = app.find(pyatspi.ROLE_FILLER, "CohortContactsPage")
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=contacts)
        wait_for("rows", lambda: app.table_rows(table, 3))
        app.wait_label("2,001 contacts", root=table)
        # The count of a filtered list is a sentence.
        entry = filter_entry(app, table)
        app.type_into(entry, "zelda.quist")
        app.wait_label("1 contact matches", root=table)
        app.type_into(entry, "")
        app.wait_label("2,001 contacts", root=table)

        # A filter typed in one group is gone in the next.
        table = open_group(app, "Newsletter subscribers")
        entry = filter_entry(app, table)
        app.type_into(entry, "zzzz")
        app.wait_label("No Matching Contacts", root=table)
        table = open_group(app, "Trade show 2026")
        wait_for("the filter cleared", lambda: text_of(filter_entry(app, table)) == "")
        wait_for("all members listed", lambda: app.table_rows(table, 3))

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


def main():
    work = tempfile.mkdtemp(prefix="cohort-members-")
    try:
        context_menu_and_removals(make_database(work))
        if shutil.which("localedef") and os.path.isdir("/usr/share/i18n/locales"):
            filter_and_counts(work)
        else:
            print("note: no localedef here; counts in en_US not checked", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run(main)
