#!/usr/bin/python3
"""Contacts end to end: the first-run page loads sample data; a new contact's
toast tells which groups it joined and left; its page explains why it is in
a dynamic group; a CSV file given on the command line is imported into a
static group with a report of the rejected rows."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402


def fill(app, dialog, values):
    for title, value in values.items():
        app.type_into(app.find(pyatspi.ROLE_TEXT, title, root=dialog), value)


def digits(text):
    return int(re.sub(r"\D", "", text) or "0")


def all_contacts_count(app):
    sidebar = app.find(pyatspi.ROLE_LIST, "Groups")
    labels = app.label_texts(sidebar.getChildAtIndex(0))
    return digits(labels[1])


def first_run_and_contacts(db):
    app = App(db)
    try:
        app.wait_label("Welcome to Cohort")
        app.click(app.button("Load Sample Data"))
        app.wait_label("DACH VIPs", timeout=60)
        before = wait_for("the contact count", lambda: all_contacts_count(app))

        # A new contact who matches "DACH VIPs" (country DE and tag vip).
        app.click(app.button("Add Contact"))
        editor = app.dialog("New Contact")
        fill(app, editor, {"Email": "zoe.adler@example.com", "First name": "Zoe",
                           "Last name": "Adler", "Country": "DE", "Account": "Adler GmbH",
                           "Score": "42", "Add a tag": "vip"})
        app.click(app.button("Add", root=editor))
        app.wait_toast("Saved Zoe Adler", "Joined", "DACH VIPs")
        wait_for("one more contact", lambda: all_contacts_count(app) == before + 1)

        # Its page lists the group; Why? shows the condition, part by part.
        groups = app.find(pyatspi.ROLE_LIST, "Groups of the contact")
        app.wait_label("DACH VIPs", root=groups)
        app.click(app.button("Why is Zoe Adler in “DACH VIPs”?", root=groups))
        why = app.dialog("Why?")
        app.wait_label("Zoe Adler matches the condition of “DACH VIPs”.", root=why)
        verdicts = app.label_texts(app.find(pyatspi.ROLE_LIST, "Parts of the condition", root=why))
        assert "True" in verdicts and "False" not in verdicts, verdicts
        app.click(app.button("Close", root=why))

        # Moving to France leaves the group.
        app.click(app.button("Edit Contact"))
        editor = app.dialog("Edit Contact")
        fill(app, editor, {"Country": "FR"})
        app.click(app.button("Save", root=editor))
        app.wait_toast("Saved Zoe Adler", "Left", "DACH VIPs")
        other = app.find(pyatspi.ROLE_LIST, "Dynamic groups the contact is not in")
        app.wait_label("DACH VIPs", root=other)
        app.click(app.button("Why is Zoe Adler not in “DACH VIPs”?", root=other))
        why = app.dialog("Why?")
        app.wait_label("Zoe Adler does not match the condition of “DACH VIPs”.", root=why)
        verdicts = app.label_texts(app.find(pyatspi.ROLE_LIST, "Parts of the condition", root=why))
        assert "False" in verdicts, verdicts

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


def import_csv(db, work):
    csv = os.path.join(work, "fair.csv")
    with open(csv, "w") as f:
        f.write("email,first_name,last_name,score\n"
                "yara@example.com,Yara,Berg,10\n"
                "xeno@example.com,Xeno,Falk,many\n"
                "wim@example.com,Wim,Kok,3\n")
    before = int(cli(db, "groups", "show", "trade-show-2026", "--json").count("{"))
    members_before = len(cli(db, "groups", "members", "trade-show-2026").split())

    app = App(db, extra_args=[csv])
    try:
        dialog = app.dialog("Import Contacts")
        app.wait_label("fair.csv", root=dialog)
        # The file has been read: Import is possible and the columns show.
        app.wait_label("Where Each Column Goes", root=dialog)
        app.click_at(app.find(pyatspi.ROLE_CHECK_BOX, root=dialog, contains="Trade show 2026"))
        app.click(app.button("Import", root=dialog))
        app.wait_label("Import Finished With Problems", root=dialog)
        counts = app.label_texts(dialog)
        messages = app.find(pyatspi.ROLE_LIST, "Rows not imported", root=dialog)
        wait_for("the rejected row's reason",
                 lambda: any("many" in text and "score" in text for text in app.label_texts(messages)))
        assert "2" in counts and "1" in counts, counts
        app.click(app.button("Done", root=dialog))
        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()

    members = cli(db, "groups", "members", "trade-show-2026").split()
    assert len(members) == members_before + 2, (members_before, len(members), before)
    assert "yara@example.com" in members and "wim@example.com" in members
    assert "xeno@example.com" not in members


def main():
    work = tempfile.mkdtemp(prefix="cohort-contacts-")
    db = os.path.join(work, "cohort.db")
    first_run_and_contacts(db)
    import_csv(db, work)


if __name__ == "__main__":
    run(main)
