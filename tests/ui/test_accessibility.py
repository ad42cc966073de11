#!/usr/bin/python3
"""Every button a screen reader meets has a name: an icon-only button
without an accessible label is read as "GtkImage"."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run  # noqa: E402

ROLES = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
         pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)
# What GTK 4.8 reads out when a widget has no name of its own.
TYPE_NAMES = ("", "GtkImage", "GtkButton", "GtkToggleButton", "GtkMenuButton", "GtkCheckButton",
              "GtkLabel", "GtkText", "GtkEntry", "GtkSwitch")


def unnamed(app, root, where):
    problems = []

    def visit(node, path):
        if node is None:
            return
        # libadwaita 1.2's own toast close button has no name; not ours to fix.
        if node.name == "AdwToastWidget":
            return
        if node.getRole() in ROLES and (node.name or "").strip() in TYPE_NAMES:
            problems.append(f"{where}: {node.getRoleName()} {node.name!r} in {' > '.join(path[-4:])}")
        for i in range(node.childCount):
            visit(node.getChildAtIndex(i), path + [node.name or node.getRoleName()])

    visit(root, [])
    return problems


def main():
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-a11y-"), "cohort.db")
    cli(db, "demo", "--contacts", "300")
    app = App(db)
    problems = []
    try:
        problems += unnamed(app, app.window, "All contacts")

        page = app.open_group("Newsletter subscribers", "Contacts")
        problems += unnamed(app, app.window, "a static group")

        app.click(app.button("Add Contacts…", root=page))
        picker = app.dialog("Add Contacts")
        problems += unnamed(app, picker, "Add Contacts")
        app.click(app.button("Cancel", root=picker))

        app.click(app.button("Add Account…", root=page))
        picker = app.dialog("Add Account")
        problems += unnamed(app, picker, "Add Account")
        app.click(app.button("Cancel", root=picker))

        table = app.find(pyatspi.ROLE_TREE_TABLE, root=page)
        app.click_at(app.find(pyatspi.ROLE_TABLE_CELL, root=table), pyatspi.MOUSE_B1D)
        groups = app.find(pyatspi.ROLE_LIST, "Groups of the contact")
        problems += unnamed(app, app.window, "a contact")

        app.click(app.button("Edit Contact"))
        editor = app.dialog("Edit Contact")
        problems += unnamed(app, editor, "Edit Contact")
        app.click(app.button("Cancel", root=editor))

        app.click(app.button("New Group"))
        dialog = app.dialog("New Group")
        problems += unnamed(app, dialog, "New Group")
        app.click(app.button("Cancel", root=dialog))

        other = app.find(pyatspi.ROLE_LIST, "Dynamic groups the contact is not in")
        why = next(iter(app.find_all(pyatspi.ROLE_PUSH_BUTTON, other)), None) or \
            next(iter(app.find_all(pyatspi.ROLE_PUSH_BUTTON, groups)), None)
        if why is not None:
            app.click(why)
            problems += unnamed(app, app.dialog("Why?"), "Why?")
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()

    assert not problems, "widgets without a name:\n" + "\n".join(problems)


if __name__ == "__main__":
    run(main)
