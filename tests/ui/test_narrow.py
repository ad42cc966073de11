#!/usr/bin/python3
"""A phone-sized window and a group's first minutes: at 360×640 every
screen fits (the sidebar and the content fold, the view switcher moves to a
bottom bar, the table keeps the columns that fit); a group without members
says what to do instead of showing zeros; the colour swatches tell a screen
reader which one is chosen."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402

NOBODY = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "zz"}]}'
GERMANY = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "de"}]}'


def make_database(work):
    db = os.path.join(work, "cohort.db")
    cli(db, "demo", "--contacts", "300", "--seed", "2")
    cli(db, "groups", "create", "empty", "--name", "Empty", "--static")
    for code, name, condition in (("nobody", "Nobody", NOBODY), ("germany", "Germany", GERMANY)):
        path = os.path.join(work, code + ".json")
        with open(path, "w") as f:
            f.write(condition)
        cli(db, "groups", "create", code, "--name", name, "--dynamic", "--condition", path)
    return db


def window_widths():
    """The widths of the app's main window as the X server has it."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          check=True).stdout
    return [int(m.group(1)) for m in re.finditer(r'"Cohort": \("cohort" "cohort"\)\s+(\d+)x(\d+)\+', tree)
            if int(m.group(1)) > 1]


def assert_narrow(what):
    widths = wait_for("the window on screen", window_widths)
    assert max(widths) <= 360, f"{what}: the window is {max(widths)} px wide"


def go_back(app, page):
    app.click(app.button("Back", root=page))


def narrow_window(db):
    app = App(db, 360, 640)
    try:
        assert_narrow("the sidebar")

        # A group's members: the bottom bar switches views, the table shows
        # names and emails.
        page = app.open_group("Newsletter subscribers", "Contacts")
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
        rows = wait_for("rows", lambda: app.table_rows(table, 3))
        assert len(rows[0]) == 2, f"the narrow table shows {rows[0]}"
        app.button("Add Contacts…", root=table)
        assert_narrow("a group's contacts")
        go_back(app, page)

        # A dynamic group's conditions fit too (they scroll sideways).
        page = app.open_group("Germany", "Conditions")
        assert_narrow("a group's conditions")
        app.click_at(app.page_tab("Overview", page))
        assert_narrow("a group's overview")
        go_back(app, page)

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


def empty_groups_and_swatches(db):
    app = App(db)
    try:
        # An empty static group offers its ways in, not zeros.
        page = app.open_group("Empty", "Overview")
        app.wait_label("No Members Yet", root=page)
        app.button("Add Contacts…", root=page)
        app.button("Import CSV…", root=page)
        assert "Unsubscribed or bounced" not in app.label_texts(page)

        # An empty dynamic group points at its conditions.
        page = app.open_group("Nobody", "Overview")
        app.wait_label("No Members Yet", root=page)
        app.click(app.button("Edit Conditions", root=page))
        wait_for("the conditions in view", lambda: any(
            tab.getState().contains(pyatspi.STATE_SELECTED)
            for tab in app.find_all(pyatspi.ROLE_PAGE_TAB, page, lambda n: n.name == "Conditions")))

        # The chosen colour is the checked one of a set of radio buttons.
        app.click(app.button("New Group"))
        dialog = app.dialog("New Group")

        def checked(name):
            swatch = app.find(pyatspi.ROLE_RADIO_BUTTON, name, root=dialog)
            return swatch.getState().contains(pyatspi.STATE_CHECKED)

        wait_for("Blue checked", lambda: checked("Blue"))
        assert not checked("Red")
        app.click(app.find(pyatspi.ROLE_RADIO_BUTTON, "Red", root=dialog))
        wait_for("Red checked", lambda: checked("Red") and not checked("Blue"))
        app.click(app.button("Cancel", root=dialog))

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


def main():
    work = tempfile.mkdtemp(prefix="cohort-narrow-")
    try:
        db = make_database(work)
        empty_groups_and_swatches(db)
        narrow_window(db)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run(main)
