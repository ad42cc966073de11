#!/usr/bin/python3
"""Takes the screenshots in data/screenshots: every main screen, light and
dark, at desktop (1280x800) and narrow (400x800) width. A dialog's screen
(merge-dialog) is the dialog's window on its own.

    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" dbus-run-session -- \\
        /usr/bin/python3 tests/ui/screenshots.py [OUTPUT_DIR [SCREEN...]]

main.png and group.png are the ones the metainfo shows."""

import csv
import datetime
import io
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402

SOURCE_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SIZES = {"": (1280, 800), "-narrow": (400, 800)}
SCHEMES = {"": "light", "-dark": "dark"}


def make_history(db):
    """The demo as made four months ago, and since then VIP tags given and
    taken every few days in the DACH countries, so that DACH VIPs has a
    history for the Overview's chart. The app reads the real clock: the
    days are counted back from today."""
    today = datetime.datetime.now(datetime.timezone.utc).date()

    def at(days_ago, *args):
        when = (today - datetime.timedelta(days=days_ago)).isoformat() + "T11:00:00Z"
        return cli(db, "--now", when, *args)

    at(120, "demo", "--contacts", "2000", "--seed", "1")
    rows = csv.DictReader(io.StringIO(cli(db, "contacts", "export", "--format", "csv")))
    outside = [r["email"] for r in rows if r["email"] and r["country"] in ("DE", "AT", "CH") and "vip" not in r["tags"]]
    inside = []
    rng = random.Random(1)
    for days_ago in range(118, 0, -2):
        joining = [outside.pop() for _ in range(min(rng.choice((0, 1, 1, 2, 3)), len(outside)))]
        leaving = [inside.pop(rng.randrange(len(inside))) for _ in range(min(rng.choice((0, 0, 1)), len(inside)))]
        if joining:
            at(days_ago, "contacts", "tag", *joining, "--add", "vip")
        if leaving:
            at(days_ago, "contacts", "tag", *leaving, "--remove", "vip")
        inside += joining


def sidebar_item(app, name):
    label = app.wait_label(name, root=app.find(pyatspi.ROLE_LIST, "Groups"))
    while label.getRole() != pyatspi.ROLE_LIST_ITEM:
        label = label.parent
    return label


def wait_table(app, root):
    table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=root)
    wait_for("rows", lambda: any(row and row[0] for row in app.table_rows(table, 3)))
    return table


def show_contacts(app, narrow):
    if narrow:
        return
    wait_table(app, app.find(pyatspi.ROLE_FILLER, "CohortContactsPage"))


def show_group(app, narrow, view):
    app.click_at(sidebar_item(app, "DACH VIPs"))
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click_at(app.page_tab(view, page))
    if view == "Contacts":
        wait_table(app, page)
    return page


def scroll_to(app, node):
    """Turns the wheel until @node is near the top of the window."""
    frame = app.window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(60):
        if node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).y < frame.y + 160:
            return
        pyatspi.Registry.generateMouseEvent(frame.x + frame.width * 2 // 3, frame.y + frame.height // 2, "b5c")
        time.sleep(0.15)


def show_overview(app, narrow):
    page = show_group(app, narrow, "Overview")
    chart = app.find(pyatspi.ROLE_IMAGE, "Members over time", root=page)
    wait_for("the chart", lambda: chart.description)
    scroll_to(app, app.find(pyatspi.ROLE_PUSH_BUTTON, "90 Days", root=page))
    app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, "90 Days", root=page))
    return page


def show_history_table(app, narrow):
    """The chart's numbers as a table, then the changes list."""
    page = show_overview(app, narrow)
    app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Table", root=page))
    table = app.find(pyatspi.ROLE_LIST, "Members by day", root=page)
    wait_for("the table", lambda: table.childCount > 0)


def show_contact(app, narrow):
    page = show_group(app, narrow, "Contacts")
    table = app.find(pyatspi.ROLE_TREE_TABLE, root=wait_table(app, page))
    cell = app.find(pyatspi.ROLE_TABLE_CELL, root=table)
    app.click_at(cell, pyatspi.MOUSE_B1D)
    app.find(pyatspi.ROLE_LIST, "Groups of the contact")


def show_contact_groups(app, narrow):
    """The contact's page scrolled down to its groups."""
    show_contact(app, narrow)
    groups = app.find(pyatspi.ROLE_LIST, "Groups of the contact")
    frame = app.window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(30):
        pyatspi.Registry.generateMouseEvent(frame.x + frame.width * 2 // 3, frame.y + frame.height // 2, "b5c")
    wait_for("the groups in view", lambda: groups.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).y
             < frame.y + frame.height - 100)


def show_selection(app, narrow):
    """A group's members, all selected: the selection bar."""
    from test_members import press
    page = show_group(app, narrow, "Contacts")
    table = app.find(pyatspi.ROLE_TREE_TABLE, root=wait_table(app, page))
    app.click_at(app.find(pyatspi.ROLE_TABLE_CELL, root=table))
    press(ord("a"), with_control=True)
    wait_for("the selection bar", lambda: any(t.startswith("All ") for t in app.label_texts(page)))


MERGE_TITLE = "Merge “Expo 2026” Into…"


def show_merge_dialog(app, narrow):
    """Merge Into… of a static group, a choice made."""
    from test_manage_groups import group_menu
    group_menu(app, "Expo 2026", "Merge Into…")
    dialog = app.dialog(MERGE_TITLE)
    app.click(app.find(pyatspi.ROLE_CHECK_BOX, "Trade show 2026", root=dialog))
    return MERGE_TITLE


def merge_database(demo, work):
    """The demo with two more static groups, so there are three to merge into."""
    db = os.path.join(work, "merge.db")
    shutil.copy(demo, db)
    cli(db, "groups", "create", "expo-2026", "--name", "Expo 2026", "--static")
    cli(db, "groups", "create", "webinar", "--name", "Webinar sign-ups", "--static")
    emails = cli(db, "groups", "members", "trade-show-2026").split()
    cli(db, "groups", "add", "expo-2026", *emails[:40])
    cli(db, "groups", "add", "webinar", *emails[20:32])
    return db


def show_export_dialog(app, narrow):
    """The export dialog of a group's members, over the window."""
    from test_contact_groups import open_menu
    from test_members import menu_item
    show_group(app, narrow, "Contacts")
    open_menu(app, app.button("Group Menu"))
    app.click(menu_item(app, "Export Members…"))
    dialog = wait_for("the export dialog", lambda: next(
        (w for w in app.windows() if w is not None and w.name.startswith("Export ")), None))
    app.find(pyatspi.ROLE_CHECK_BOX, "Email", root=dialog)
    return dialog.name


SCREENS = {
    "main": show_contacts,
    "group": lambda app, narrow: show_group(app, narrow, "Contacts"),
    "overview": show_overview,
    "history-table": show_history_table,
    "contact": show_contact,
    "contact-groups": show_contact_groups,
    "selection": show_selection,
    "merge-dialog": show_merge_dialog,
    "export-dialog": show_export_dialog,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE_ROOT, "data", "screenshots")
    only = set(sys.argv[2:]) or set(SCREENS) | {"welcome"}
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="cohort-shots-")
    demo = os.path.join(work, "demo.db")
    make_history(demo)
    empty = os.path.join(work, "empty.db")
    databases = {"merge-dialog": merge_database(demo, work)} if "merge-dialog" in only else {}

    for size_suffix, (width, height) in SIZES.items():
        for scheme_suffix, scheme in SCHEMES.items():
            suffix = size_suffix + scheme_suffix
            narrow = size_suffix == "-narrow"
            for name, show in SCREENS.items():
                if name not in only:
                    continue
                app = App(databases.get(name, demo), width, height, scheme)
                try:
                    # A dialog is captured on its own, by its title.
                    dialog = show(app, narrow)
                    path = os.path.join(out, f"{name}{suffix}.png")
                    if isinstance(dialog, str):
                        app.screenshot_window(dialog, path)
                    else:
                        app.screenshot(path)
                finally:
                    app.quit()
            if "welcome" in only:
                app = App(empty, width, height, scheme)
                try:
                    app.wait_label("Welcome to Cohort")
                    app.screenshot(os.path.join(out, f"welcome{suffix}.png"))
                finally:
                    app.quit()
            print(f"ok {suffix or 'desktop'}")


if __name__ == "__main__":
    run(main)
