#!/usr/bin/python3
"""Editing the condition of a dynamic group in the app: unsaved edits are
not lost without asking (Save / Discard / Cancel, when another group is
selected and when the window closes); Save and Recalculate is the suggested
way to save and updates the members; Save alone keeps the members and the
group shows that it needs recalculation, in its sidebar row too."""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402
from conditionui import Editor, cards, rows  # noqa: E402
from test_groups import sidebar_row_texts  # noqa: E402

GERMANY = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "DE"}]}'
HEADING = "Save the Condition of “Germany”?"


def make_database():
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-condition-edits-"), "cohort.db")
    for email, country in [("anna@example.org", "DE"), ("ben@example.org", "AT"),
                           ("carla@example.org", "IT"), ("dan@example.org", "DE"),
                           ("eva@example.org", "FR")]:
        cli(db, "contacts", "set", email, f"country={country}")
    path = os.path.join(os.path.dirname(db), "germany.json")
    with open(path, "w") as f:
        f.write(GERMANY)
    cli(db, "groups", "create", "germany", "--name", "Germany", "--dynamic", "--condition", path)
    cli(db, "groups", "create", "others", "--name", "Others", "--static")
    return db


def stored(db):
    group = json.loads(cli(db, "groups", "show", "germany", "--json"))
    return group["condition"]["rules"][0]["rules"][0]["value"] if "rules" in group["condition"]["rules"][0] \
        else group["condition"]["rules"][0]["value"], group["needs_recalculation"]


def members(db):
    return cli(db, "groups", "members", "germany").split()


def select(app, name):
    item, _ = sidebar_row_texts(app, name)
    app.click_at(item)


def conditions_tab(app):
    select(app, "Germany")
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click_at(app.page_tab("Conditions", page))
    card = wait_for("the condition group card", lambda: cards(page) and cards(page)[0])
    return page, rows(card)[0]


def edit_country(app, value):
    page, row = conditions_tab(app)
    Editor(app, page).set_value(row, value)
    return page, row


def dialog_shown(app):
    return any(w is not None and w.name == HEADING for w in app.windows())


def respond(app, response):
    """Answers the question about the unsaved condition. Without a window
    manager the dialog sits over the sidebar: it has to be gone before the
    next click there."""
    dialog = app.dialog(HEADING)
    app.click(app.button(response, root=dialog))
    wait_for(f"the question to go after {response}", lambda: not dialog_shown(app))


def needs_recalculation_mark(app):
    item, _ = sidebar_row_texts(app, "Germany")
    return app.find_all(pyatspi.ROLE_IMAGE, item, lambda n: n.name == "Needs recalculation")


def main():
    db = make_database()
    app = App(db)
    try:
        assert not needs_recalculation_mark(app)

        # Another group, with edits not saved: Cancel keeps them and the group.
        page, row = edit_country(app, "AT")
        select(app, "Others")
        respond(app, "Cancel")
        wait_for("Germany to stay selected",
                 lambda: app.find(pyatspi.ROLE_FILLER, "CohortGroupPage") and
                 sidebar_row_texts(app, "Germany")[0].getState().contains(pyatspi.STATE_SELECTED))
        assert text_of(Editor(app, page).value_entry(row)) == "AT"
        assert stored(db) == ("DE", False)

        # Discard drops them.
        select(app, "Others")
        respond(app, "Discard")
        wait_for("the page of Others", lambda: "Others" in app.label_texts(app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")))
        assert stored(db) == ("DE", False)
        page, row = conditions_tab(app)
        wait_for("the stored value again", lambda: text_of(Editor(app, page).value_entry(row)) == "DE")

        # Save stores them; the members wait for a recalculation, and the
        # sidebar says so.
        before = members(db)
        edit_country(app, "AT")
        select(app, "Others")
        respond(app, "Save")
        wait_for("the condition stored", lambda: stored(db) == ("AT", True))
        assert members(db) == before
        wait_for("the needs-recalculation mark", lambda: needs_recalculation_mark(app))

        # Save and Recalculate updates the members at once.
        page, row = edit_country(app, "IT")
        app.click(app.button("Save and Recalculate", root=page))
        wait_for("the members of the new condition", lambda: members(db) == ["carla@example.org"])
        assert stored(db) == ("IT", False)
        wait_for("the mark to go", lambda: not needs_recalculation_mark(app))

        # Save alone keeps the members and marks the group, in the sidebar too.
        page, row = edit_country(app, "FR")
        app.click(app.button("Save", root=page))
        wait_for("the condition stored", lambda: stored(db) == ("FR", True))
        wait_for("the needs-recalculation mark", lambda: needs_recalculation_mark(app))
        assert members(db) == ["carla@example.org"]

        # Closing the window asks too: Cancel keeps it open, Save saves.
        edit_country(app, "DE")
        app.click(app.button("Close", root=app.window))
        respond(app, "Cancel")
        assert app.process.poll() is None, "the app closed although Cancel was chosen"
        app.click(app.button("Close", root=app.window))
        app.click(app.button("Save", root=app.dialog(HEADING)))
        status = app.wait_exit()
        assert status == 0, f"the app exited with {status}"
        assert stored(db) == ("DE", True)
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


if __name__ == "__main__":
    run(main)
