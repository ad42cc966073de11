#!/usr/bin/python3
"""The import dialog's mapping step: a Thunderbird address book saved in
Windows-1252 is opened with the app; the dialog says how it read the file and
what it recognised, shows each column with its first values and where it
goes, lets a column be skipped, saves the mapping as a preset, creates the
target group, and the import does exactly what the dialog showed."""

import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402

HEADER = ("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
          "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
          "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
          "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
          "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,"
          "Kundennummer")


# The choices of a column row, in their order (cohort-import-dialog.c).
TARGETS = ["Do not import", "Email", "First name", "Last name", "Full name", "Phone", "Job title",
           "Company", "City", "Country", "Status", "Score", "Tags", "Created", "Custom field"]
KEY_UP, KEY_DOWN, KEY_RETURN = 0xff52, 0xff54, 0xff0d


def row(**cells):
    names = HEADER.split(",")
    return ",".join(cells.get(name.replace(" ", "_").lower(), "") for name in names)


def make_file(folder):
    lines = [HEADER,
             row(first_name="Jürgen", last_name="Weiß", primary_email="juergen@weiss.de",
                 work_city="München", notes="Messe – 2024", kundennummer="K-1001"),
             row(first_name="Zoë", last_name="Ærøskøbing", primary_email="zoe@example.dk",
                 notes="Café", kundennummer="K-1002")]
    path = os.path.join(folder, "adressbuch.csv")
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def combo_row(app, dialog, title):
    """The column row titled @title (AdwComboRow: a list item holding its
    title label and the label of the choice shown)."""
    columns = app.find(pyatspi.ROLE_LIST, "Columns of the file", root=dialog)

    def search():
        for i in range(columns.childCount):
            item = columns.getChildAtIndex(i)
            texts = app.label_texts(item)
            if texts and texts[0] == title:
                return item, texts
        return None
    return wait_for(f"the column row {title!r}", search)


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    time.sleep(0.2)


def scroll_to(app, dialog, title):
    """Turns the mouse wheel over the dialog until the column row @title is
    on screen, as a user scrolls to it."""
    frame = dialog.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(60):
        item, _ = combo_row(app, dialog, title)
        box = item.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        if frame.y + 60 <= box.y and box.y + box.height <= frame.y + frame.height:
            return item
        pyatspi.Registry.generateMouseEvent(frame.x + frame.width // 2, frame.y + frame.height // 2,
                                            "b5c" if box.y > frame.y else "b4c")
        time.sleep(0.15)
    raise AssertionError(f"could not scroll to the column row {title!r}")


def choose(app, dialog, title, choice):
    """Opens the row's list of choices and picks @choice with the keyboard,
    as a keyboard user does: GTK 4.8 does not report where a popover's
    items are on screen, so they cannot be clicked from here."""
    scroll_to(app, dialog, title)
    item, texts = combo_row(app, dialog, title)
    current = TARGETS.index(texts[-1])
    app.click_at(item)
    wait_for("the choices", lambda: any(text_of(n) == choice for n in app.find_all(pyatspi.ROLE_LABEL, item)))
    steps = TARGETS.index(choice) - current
    for _ in range(abs(steps)):
        press(KEY_DOWN if steps > 0 else KEY_UP)
    press(KEY_RETURN)
    wait_for(f"{title!r} showing {choice!r}", lambda: choice in combo_row(app, dialog, title)[1])


def main():
    folder = tempfile.mkdtemp(prefix="cohort-import-dialog-")
    db = os.path.join(folder, "cohort.db")
    cli(db, "contacts", "set", "someone@example.com", "first_name=Some")
    path = make_file(folder)

    app = App(db, extra_args=[path])
    try:
        dialog = app.dialog("Import Contacts")
        # How the file was read, and what it was recognised as.
        wait_for("the notes", lambda: any("read as Windows-1252" in t for t in app.label_texts(dialog)))
        assert any("recognised as a Thunderbird address book" in t for t in app.label_texts(dialog)), \
            app.label_texts(dialog)

        # Each column with its first values (decoded) and where it goes.
        _, texts = combo_row(app, dialog, "Primary Email")
        assert "juergen@weiss.de · zoe@example.dk" in texts and "Email" in texts, texts
        _, texts = combo_row(app, dialog, "First Name")
        assert "Jürgen · Zoë" in texts and "First name" in texts, texts
        _, texts = combo_row(app, dialog, "Kundennummer")
        assert "Custom field" in texts, texts

        # Last names are not wanted this time.
        choose(app, dialog, "Last Name", "Do not import")

        # Kept as a preset for the next file of this kind.
        preset = app.find(pyatspi.ROLE_TEXT, root=dialog, contains="Save mapping as")
        app.type_into(preset, "Thunderbird DE")
        app.click(app.button("Save", root=dialog))
        preset_file = os.path.join(app.home, "data", "cohort", "mappings", "Thunderbird DE.json")
        wait_for("the preset file", lambda: os.path.exists(preset_file))
        with open(preset_file) as f:
            saved = json.load(f)
        assert saved["columns"]["Last Name"] in (None, "skip"), saved
        assert saved["columns"]["Primary Email"] == "email", saved

        # Straight into a new group.
        app.type_into(app.find(pyatspi.ROLE_TEXT, root=dialog, contains="new group"), "Messe München")
        app.click(app.button("Import", root=dialog))
        app.wait_label("All Rows Imported", root=dialog)
        app.click(app.button("Done", root=dialog))
    finally:
        status = app.close()
    assert status == 0, f"the app exited with {status}:\n{app.output()}"

    members = cli(db, "groups", "members", "messe-munchen").split()
    assert members == ["juergen@weiss.de", "zoe@example.dk"], members
    contacts = {c["email"]: c for c in json.loads(cli(db, "contacts", "export", "--format", "json"))}
    juergen = contacts["juergen@weiss.de"]
    assert juergen["first_name"] == "Jürgen" and juergen["last_name"] is None, juergen
    assert juergen["city"] == "München", juergen
    custom = juergen.get("custom", {})
    assert custom.get("Kundennummer") == "K-1001", juergen
    assert custom.get("Notes") == "Messe – 2024", juergen
    print("ok")


if __name__ == "__main__":
    run(main)
