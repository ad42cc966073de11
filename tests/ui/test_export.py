#!/usr/bin/python3
"""Exporting from the app: a group's members and every contact, through
the file chooser. The file type follows the name's extension (or, without
one, the type chosen, CSV first), and what lands on disk is byte for byte
what cohort-cli exports from the same database. A place that cannot be
written to gets an error dialog and no file."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402
from test_contact_groups import open_menu  # noqa: E402
from test_members import menu_item  # noqa: E402


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


def export_through_chooser(app, menu_button, item, title, path):
    open_menu(app, app.button(menu_button))
    app.click(menu_item(app, item))
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
        export_through_chooser(app, "Group Menu", "Export Members…", "Export “Fair”", target)
        app.wait_toast("Exported 2 contacts to fair.json")
        assert read(target) == cli(db, "contacts", "export", "--group", "fair", "--format", "json")

        # vCard by the extension: version 4.0, as cohort-cli writes it.
        target = os.path.join(work, "fair.vcf")
        export_through_chooser(app, "Group Menu", "Export Members…", "Export “Fair”", target)
        app.wait_toast("Exported 2 contacts to fair.vcf")
        with open(target, encoding="utf-8", newline="") as f:
            card = f.read()
        assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n"), card
        # (cli() reads text, so its line ends are \n.)
        assert card.replace("\r\n", "\n") == cli(db, "contacts", "export", "--group", "fair", "--format", "vcard"), card

        # Every contact; no extension: CSV, the first type, and the name gets it.
        target = os.path.join(work, "everyone")
        export_through_chooser(app, "Main Menu", "Export All Contacts…", "Export All Contacts", target)
        app.wait_toast("Exported 3 contacts to everyone.csv")
        text = read(target + ".csv")
        assert text == cli(db, "contacts", "export", "--format", "csv"), text
        assert "'=SUM(A1)" in text, text  # the formula guard

        # A folder no file can be written to (even by root): an error, and
        # nothing written.
        target = "/proc/fair.csv"
        export_through_chooser(app, "Group Menu", "Export Members…", "Export “Fair”", target)
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


def main():
    with tempfile.TemporaryDirectory() as work:
        export(work, make_database(work))


if __name__ == "__main__":
    run(main)
