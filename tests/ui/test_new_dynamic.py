#!/usr/bin/python3
"""A dynamic group from New Group by clicks and typing only: choosing
Dynamic opens the condition editor at once, a nested condition is built
with it, Create makes the group, and its members as the app shows them are
what cohort-cli lists for the group and what cohort-cli makes of the same
condition as JSON on a copy of the database.

With COHORT_SCREENSHOTS=DIR it also saves DIR/new-dynamic-*.png."""

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402
from conditionui import Editor, cards, rows, sensitive  # noqa: E402

NAME = "DACH or Gmail VIPs"
CODE = "dach-or-gmail-vips"
EXPECTED = {"combinator": "and", "rules": [
    {"combinator": "or", "rules": [
        {"field": "country", "operator": "in", "value": ["DE", "AT"]},
        {"field": "email", "operator": "endsWith", "value": "@gmail.com"}]},
    {"combinator": "and", "rules": [
        {"field": "tag", "operator": "=", "value": "vip"}]}]}
SCREENSHOTS = os.environ.get("COHORT_SCREENSHOTS")


def screenshot(app, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        app.screenshot_window("New Group", os.path.join(SCREENSHOTS, name))


def shown_member_emails(app):
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click_at(app.page_tab("Contacts", page))
    table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
    return sorted(row[1] for row in app.table_rows(table) if row and row[1])


def main():
    work = tempfile.mkdtemp(prefix="cohort-new-dynamic-")
    db = os.path.join(work, "cohort.db")
    # Small enough that every member is a row on screen.
    cli(db, "demo", "--contacts", "500", "--seed", "3")
    copy = os.path.join(work, "copy.db")
    shutil.copy(db, copy)

    app = App(db)
    try:
        app.click(app.button("New Group"))
        dialog = app.dialog("New Group")
        app.type_into(app.find(pyatspi.ROLE_TEXT, "Name", root=dialog), NAME)
        create = app.button("Create", root=dialog)

        # Dynamic opens the condition editor at once, with a first card.
        app.click_at(app.find(pyatspi.ROLE_CHECK_BOX, root=dialog, contains="Dynamic"))
        card = wait_for("the first condition group", lambda: cards(dialog) and cards(dialog)[0])
        editor = Editor(app, dialog)
        assert not sensitive(create), "Create is available before the condition is complete"

        # (country is one of DE, AT — or — email ends with @gmail.com)
        row = rows(card)[0]
        editor.pick_field(row, "coun", "Country")
        editor.set_operator(row, "is one of")
        editor.set_value(row, "DE, AT,", name="Add a value")
        editor.set_any(card)
        row = editor.add_condition(card)
        editor.pick_field(row, "email", "Email")
        editor.set_operator(row, "ends with")
        editor.set_value(row, "@gmail.com")

        # — and — (has tag vip)
        card = editor.add_group()
        row = rows(card)[0]
        editor.pick_field(row, "tag", "Tag")
        editor.set_value(row, "vip")

        wait_for("Create to be available", lambda: sensitive(create))
        matches = editor.count()
        screenshot(app, "new-dynamic-condition.png")
        app.click(create)

        # The group is made with its members, and shown.
        wait_for("the new group's page",
                 lambda: CODE in cli(db, "groups", "list") and app.find(pyatspi.ROLE_FILLER, "CohortGroupPage"))
        stored = json.loads(cli(db, "groups", "show", CODE, "--json"))
        assert stored["condition"] == EXPECTED, stored["condition"]
        assert not stored["needs_recalculation"], stored
        members = cli(db, "groups", "members", CODE).split()
        assert 2 <= len(members) <= 15, f"{len(members)} members: pick a seed with a handful"
        assert matches == len(json.loads(cli(db, "groups", "members", CODE, "--format", "json"))), matches

        wait_for("the members shown to be cohort-cli's",
                 lambda: shown_member_emails(app) == sorted(members))

        # The same condition as JSON, by cohort-cli, on the database as it was.
        condition = os.path.join(work, "condition.json")
        with open(condition, "w") as f:
            json.dump(EXPECTED, f)
        cli(copy, "groups", "create", "check", "--name", "Check", "--dynamic", "--condition", condition)
        assert cli(copy, "groups", "members", "check").split() == members

        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run(main)
