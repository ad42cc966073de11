#!/usr/bin/python3
"""Exporting from the app: a group's members, every contact and a
selection, through the export dialog (format and columns) and the file
chooser. The file type follows the name's extension (or, without one, the
type chosen, CSV first), and what lands on disk is byte for byte what
cohort-cli exports from the same database. A place that cannot be written
to gets an error dialog and no file. A selection of a few rows, or all
that match the filter, exports exactly those contacts with exactly the
columns picked, which the dialog remembers."""

import csv
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, find_descendant, run, wait_for  # noqa: E402
from test_contact_groups import open_menu  # noqa: E402
from test_members import cell, filter_entry, menu_item, press  # noqa: E402


def make_database(work):
    db = os.path.join(work, "cohort.db")
    cli(db, "contacts", "set", "anna@acme.com", "first_name=Anna", "last_name=Schmidt",
        "country=DE", "tags=vip;customer", "custom.source=fair")
    cli(db, "contacts", "set", "ben@example.org", "first_name=Ben", "last_name=Weber",
        "job_title==SUM(A1)")
    cli(db, "contacts", "set", "carla@example.org", "first_name=Carla", "last_name=Rossi")
    cli(db, "groups", "create", "fair", "--name", "Fair", "--static")
    cli(db, "groups", "add", "fair", "anna@acme.com", "ben@example.org")
    return db


def export_dialog(app, title):
    """The export dialog titled @title, once its column rows are there."""
    dialog = app.dialog(title)
    app.find(pyatspi.ROLE_CHECK_BOX, "Email", root=dialog)
    return dialog


def choose_file(app, dialog_title, title, path):
    """Goes on from the export dialog titled @dialog_title to the file
    chooser titled @title and saves to @path."""
    app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Export…", root=app.dialog(dialog_title)))
    chooser = app.dialog(title)
    name = app.find(pyatspi.ROLE_TEXT, "Name:", root=chooser)
    name.queryEditableText().setTextContents(path)
    app.click(app.button("Export", root=chooser))


def export_through_chooser(app, menu_button, item, dialog_title, title, path):
    """Exports through the menu item @item, the export dialog as it is and
    the file chooser titled @title."""
    open_menu(app, app.button(menu_button))
    app.click(menu_item(app, item))
    dialog = export_dialog(app, dialog_title)
    app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Export…", root=dialog))
    chooser = app.dialog(title)
    name = app.find(pyatspi.ROLE_TEXT, "Name:", root=chooser)
    name.queryEditableText().setTextContents(path)
    app.click(app.button("Export", root=chooser))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def export(work, db):
    app = App(db)
    try:
        app.open_group("Fair", "Contacts")

        # A group's members as JSON, chosen by the extension.
        target = os.path.join(work, "fair.json")
        export_through_chooser(app, "Group Menu", "Export Members…", "Export 2 Contacts", "Export “Fair”", target)
        app.wait_toast("Exported 2 contacts to fair.json")
        assert read(target) == cli(db, "contacts", "export", "--group", "fair", "--format", "json")

        # vCard by the extension: version 4.0, as cohort-cli writes it.
        target = os.path.join(work, "fair.vcf")
        export_through_chooser(app, "Group Menu", "Export Members…", "Export 2 Contacts", "Export “Fair”", target)
        app.wait_toast("Exported 2 contacts to fair.vcf")
        with open(target, encoding="utf-8", newline="") as f:
            card = f.read()
        assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n"), card
        # (cli() reads text, so its line ends are \n.)
        assert card.replace("\r\n", "\n") == cli(db, "contacts", "export", "--group", "fair", "--format", "vcard"), card

        # Every contact; no extension: CSV, the first type, and the name gets it.
        target = os.path.join(work, "everyone")
        export_through_chooser(app, "Main Menu", "Export All Contacts…", "Export 3 Contacts", "Export All Contacts", target)
        app.wait_toast("Exported 3 contacts to everyone.csv")
        text = read(target + ".csv")
        assert text == cli(db, "contacts", "export", "--format", "csv"), text
        assert "'=SUM(A1)" in text, text  # the formula guard

        # A folder no file can be written to (even by root): an error, and
        # nothing written.
        target = "/proc/fair.csv"
        export_through_chooser(app, "Group Menu", "Export Members…", "Export 2 Contacts", "Export “Fair”", target)
        error = app.dialog("Could Not Export the Contacts")
        app.click(app.button("Close", root=error))
        wait_for("the error to go", lambda: all(w is None or w.name != "Could Not Export the Contacts"
                                                for w in app.windows()))
        assert not os.path.exists(target)

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except Exception:
        print(app.output(), file=sys.stderr)
        print("app status:", app.process.poll(), file=sys.stderr)
        raise


def checked(app, dialog):
    """The names of the column check boxes that are checked."""
    return [n.name for n in app.find_all(pyatspi.ROLE_CHECK_BOX, dialog)
            if n.getState().contains(pyatspi.STATE_CHECKED)]


def contacts_bar(app):
    page = app.find(pyatspi.ROLE_FILLER, "CohortContactsPage")
    return wait_for("the selection bar", lambda: find_descendant(page, lambda n: n.name == "Selected Contacts"))


KEY_DOWN = 0xff54
FORMATS = ["CSV", "JSON", "vCard 4.0", "vCard 3.0 (Outlook)"]
KEY_HOME, KEY_RETURN = 0xff50, 0xff0d


def format_shown(app, dialog):
    """The format the row shows: the label after its title (before the
    items of a drop-down opened once)."""
    texts = app.label_texts(dialog)
    return texts[texts.index("Format") + 1]


def choose_format(app, dialog, name):
    """Picks @name in the format row's drop-down, opened for the first
    time in this dialog, by keyboard: GTK 4.8 reports no usable position
    for a popover's items."""
    app.click_at(app.find(pyatspi.ROLE_COMBO_BOX, "Format", root=dialog))
    # (GTK 4.8 sets no "showing" state: the items are there once it opened.)
    wait_for("the drop-down", lambda: app.find_all(pyatspi.ROLE_LABEL, dialog,
                                                   lambda n: n.name == "vCard 3.0 (Outlook)"))
    press(KEY_HOME)
    for _ in range(FORMATS.index(name)):
        press(KEY_DOWN)
    press(KEY_RETURN)
    wait_for(f"the format {name!r} chosen", lambda: format_shown(app, dialog) == name)


def export_selection(work, db):
    app = App(db)
    try:
        page = app.find(pyatspi.ROLE_FILLER, "CohortContactsPage")
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)

        # Two rows picked by hand (the first and the third, with Ctrl+Down
        # to move and Ctrl+Space to add), two columns picked: exactly those.
        wait_for("the rows by name", lambda: [r[0] for r in app.table_rows(table) if r and r[0]]
                 == ["Anna Schmidt", "Ben Weber", "Carla Rossi"])
        app.click_at(cell(app, table, "Anna Schmidt"))
        wait_for("one selected", lambda: "1 selected" in app.label_texts(contacts_bar(app)))
        press(KEY_DOWN, with_control=True)
        press(KEY_DOWN, with_control=True)
        press(ord(" "), with_control=True)
        wait_for("two selected", lambda: "2 selected" in app.label_texts(contacts_bar(app)))
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Export…", root=contacts_bar(app)))
        dialog = export_dialog(app, "Export 2 Contacts")
        assert checked(app, dialog) == ["Email", "First name", "Last name", "Phone", "Job title", "Company",
                                        "City", "Country", "Status", "Score", "Tags", "Created", "source"], \
            checked(app, dialog)
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="No Columns", root=dialog))
        wait_for("no column checked", lambda: checked(app, dialog) == [])
        app.click(app.find(pyatspi.ROLE_CHECK_BOX, "Last name", root=dialog))
        app.click(app.find(pyatspi.ROLE_CHECK_BOX, "Email", root=dialog))
        wait_for("two checked", lambda: checked(app, dialog) == ["Email", "Last name"])
        target = os.path.join(work, "picked.csv")
        choose_file(app, "Export 2 Contacts", "Export Selected Contacts", target)
        app.wait_toast("Exported 2 contacts to picked.csv")
        with open(target, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows == [["email", "last_name"], ["anna@acme.com", "Schmidt"], ["carla@example.org", "Rossi"]], rows
        assert read(target) == "".join(
            line for line in cli(db, "contacts", "export", "--columns", "email,last_name")
            .splitlines(keepends=True) if not line.startswith("ben@")), read(target)

        # All that match the filter, as JSON: the dialog remembers the columns.
        app.type_into(filter_entry(app, table), "example.org")
        wait_for("the filter", lambda: sorted(r[0] for r in app.table_rows(table) if r and r[0])
                 == ["Ben Weber", "Carla Rossi"])
        app.click_at(cell(app, table, "Ben Weber"))
        press(ord("a"), with_control=True)
        wait_for("all selected", lambda: "All 2 selected" in app.label_texts(contacts_bar(app)))
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Export…", root=contacts_bar(app)))
        dialog = export_dialog(app, "Export 2 Contacts")
        assert checked(app, dialog) == ["Email", "Last name"], checked(app, dialog)
        choose_format(app, dialog, "JSON")
        # No extension: the format chosen in the dialog decides, and gives it.
        target = os.path.join(work, "matched")
        choose_file(app, "Export 2 Contacts", "Export Selected Contacts", target)
        app.wait_toast("Exported 2 contacts to matched.json")
        target += ".json"
        objects = json.loads(read(target))
        assert objects == [{"email": "ben@example.org", "last_name": "Weber"},
                           {"email": "carla@example.org", "last_name": "Rossi"}], objects
        assert read(target) == cli(db, "contacts", "export", "--filter", "example.org", "--format", "json",
                                   "--columns", "email,last_name")

        # vCard: the columns do not apply, and say so.
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Export…", root=contacts_bar(app)))
        dialog = export_dialog(app, "Export 2 Contacts")
        wait_for("JSON remembered", lambda: format_shown(app, dialog) == "JSON")
        choose_format(app, dialog, "vCard 4.0")
        wait_for("the vCard note", lambda: any("Columns do not apply" in t for t in app.label_texts(dialog)))
        target = os.path.join(work, "cards")
        choose_file(app, "Export 2 Contacts", "Export Selected Contacts", target)
        app.wait_toast("Exported 2 contacts to cards.vcf")
        with open(target + ".vcf", encoding="utf-8", newline="") as f:
            card = f.read()
        assert card.replace("\r\n", "\n") == cli(db, "contacts", "export", "--filter", "example.org",
                                                  "--format", "vcard"), card

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except Exception:
        print(app.output(), file=sys.stderr)
        print("app status:", app.process.poll(), file=sys.stderr)
        print("windows:", [w.name for w in app.windows() if w is not None], file=sys.stderr)
        for window in app.windows():
            if window is not None and window.name.startswith("Export "):
                print("checked:", checked(app, window), file=sys.stderr)
        raise


def main():
    with tempfile.TemporaryDirectory() as work:
        db = make_database(work)
        export(work, db)
        export_selection(work, db)


if __name__ == "__main__":
    run(main)
