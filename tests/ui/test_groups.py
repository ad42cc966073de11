#!/usr/bin/python3
"""Groups end to end: create a static group, add contacts to it and see the
member count and the badge change; create a dynamic group from a pasted
condition; remove a member and undo; see a change made by cohort-cli while
the app runs."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, text_of, wait_for  # noqa: E402
from conditionui import find_all, inner_button  # noqa: E402

CONDITION = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "de"}]}'
WIDER = '{"combinator": "and", "rules": [{"field": "country", "operator": "in", "value": ["DE", "IT"]}]}'


def make_database():
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-groups-"), "cohort.db")
    cli(db, "contacts", "set", "anna@acme.com", "first_name=Anna", "last_name=Schmidt",
        "country=DE", "company=Acme", "tags=vip")
    cli(db, "contacts", "set", "ben@acme.com", "first_name=Ben", "last_name=Weber",
        "country=AT", "company=Acme")
    cli(db, "contacts", "set", "carla@example.org", "first_name=Carla", "last_name=Rossi",
        "country=IT")
    cli(db, "contacts", "set", "dan@example.org", "first_name=Dan", "last_name=Smith",
        "country=DE", "status=inactive")
    return db


def sidebar_row_texts(app, name):
    """The texts of the sidebar row of group @name: name, badge, count."""
    sidebar = app.find(pyatspi.ROLE_LIST, "Groups")

    def row():
        for i in range(sidebar.childCount):
            item = sidebar.getChildAtIndex(i)
            texts = app.label_texts(item)
            if texts and texts[0] == name:
                return item, texts
        return None

    return wait_for(f"the sidebar row of {name!r}", row)


def wait_row(app, name, badge, count):
    def check():
        _, texts = sidebar_row_texts(app, name)
        return texts if badge in texts and count in texts else None
    try:
        return wait_for(f"{name!r} showing {badge!r} and {count!r}", check)
    except AssertionError:
        print("sidebar row:", sidebar_row_texts(app, name)[1], file=sys.stderr)
        raise


def has_group(app, name):
    return name in app.label_texts(app.find(pyatspi.ROLE_LIST, "Groups"))


def delete_group(app, name):
    item, _ = sidebar_row_texts(app, name)
    app.click_at(item)
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click(app.button("Group Menu", root=page))
    app.click(app.find(pyatspi.ROLE_MENU_ITEM, "Delete Group…"))
    app.click(app.button("Delete"))


def open_group(app, name):
    item, _ = sidebar_row_texts(app, name)
    app.click_at(item)
    page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
    app.click_at(app.page_tab("Contacts", page))
    return page


def member_names(app, page):
    table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
    return sorted(row[0] for row in app.table_rows(table) if row and row[0])


def create_group(app, name, dynamic=False):
    app.click(app.button("New Group"))
    dialog = app.dialog("New Group")
    app.type_into(app.find(pyatspi.ROLE_TEXT, "Name", root=dialog), name)
    if dynamic:
        # Dynamic opens the condition editor; JSON is pasted from its menu.
        dynamic_check = app.find(pyatspi.ROLE_CHECK_BOX, root=dialog, contains="Dynamic")
        app.click_at(dynamic_check)
        # The field picker of the first condition opens by itself: Escape
        # closes it, as for a user who pastes instead.
        wait_for("the field picker", lambda: app.find(pyatspi.ROLE_ENTRY, "Search fields", root=dialog))
        pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)
        wait_for("the field picker to close",
                 lambda: not find_all(dialog, lambda n: n.getRole() == pyatspi.ROLE_ENTRY and n.name == "Search fields"))
        app.click(inner_button(dialog, "Condition actions"))
        app.click(app.find(pyatspi.ROLE_MENU_ITEM, "Paste Condition as JSON…"))
        paste = app.dialog("Paste Condition as JSON")
        app.type_into(app.find(pyatspi.ROLE_TEXT, "Condition as JSON", root=paste), CONDITION)
        app.click(app.button("Use Condition", root=paste))
        create = app.button("Create", root=dialog)
        wait_for("Create to be available", lambda: create.getState().contains(pyatspi.STATE_SENSITIVE))
        # The details say what the condition is.
        app.click(app.button("Back to the details", root=dialog))
        wait_for("the condition in words",
                 lambda: any("country is “de”" in text for text in app.label_texts(dialog)))
    return dialog


def main():
    db = make_database()
    app = App(db)
    try:
        # A new static group: the code name follows the name.
        dialog = create_group(app, "Spring Fair 2026")
        code = app.find(pyatspi.ROLE_TEXT, root=dialog, contains="Code name")
        wait_for("the code name", lambda: text_of(code) == "spring-fair-2026")
        app.click(app.button("Create", root=dialog))
        wait_row(app, "Spring Fair 2026", "Static", "0 contacts")

        # Add two contacts with the picker.
        page = open_group(app, "Spring Fair 2026")
        app.click(app.button("Add Contacts…", root=page))
        picker = app.dialog("Add Contacts")
        for who in ("Anna Schmidt <anna@acme.com>", "Ben Weber <ben@acme.com>"):
            app.click_at(app.find(pyatspi.ROLE_CHECK_BOX, root=picker, contains=who))
        app.click(app.button("Add 2 Contacts", root=picker))
        wait_row(app, "Spring Fair 2026", "Static", "2 contacts")
        wait_for("the two members in the table",
                 lambda: member_names(app, page) == ["Anna Schmidt", "Ben Weber"])
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
        sources = {row[0]: row[4] for row in app.table_rows(table) if row and row[0]}
        assert sources["Anna Schmidt"] == "Manual", sources

        # A dynamic group made from a pasted condition shows its badge and the
        # contacts that match.
        dialog = create_group(app, "Germany", dynamic=True)
        app.click(app.button("Create", root=dialog))
        wait_row(app, "Germany", "Dynamic", "2 contacts")

        # Remove a member, then undo.
        page = open_group(app, "Spring Fair 2026")
        wait_for("the members", lambda: member_names(app, page) == ["Anna Schmidt", "Ben Weber"])
        cell = app.wait_label("Ben Weber", root=app.find(pyatspi.ROLE_TREE_TABLE, root=page))
        app.click_at(cell)
        app.click(app.button("Remove", root=page))
        wait_row(app, "Spring Fair 2026", "Static", "1 contact")
        app.click(app.button("Undo"))
        wait_row(app, "Spring Fair 2026", "Static", "2 contacts")

        # cohort-cli writes while the app is open: the app follows.
        cli(db, "groups", "add", "spring-fair-2026", "carla@example.org")
        wait_row(app, "Spring Fair 2026", "Static", "3 contacts")
        cli(db, "contacts", "set", "dan@example.org", "country=FR")
        wait_row(app, "Germany", "Dynamic", "1 contact")

        # An account makes its contacts members.
        page = open_group(app, "Spring Fair 2026")
        app.click(app.button("Add Account…", root=page))
        picker = app.dialog("Add Account")
        app.click_at(app.wait_label("Acme", root=picker))
        app.click(app.button("Add", root=picker))
        app.wait_toast("Added the contacts of Acme")
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=page)
        wait_for("Anna by hand and by account",
                 lambda: {row[0]: row[4] for row in app.table_rows(table) if row and row[0]}
                 .get("Anna Schmidt") == "Manual, Account: Acme")

        # A changed condition waits for a recalculation, which the overview
        # offers and runs in the background.
        condition = os.path.join(os.path.dirname(db), "wider.json")
        with open(condition, "w") as f:
            f.write(WIDER)
        cli(db, "groups", "set-condition", "germany", condition)
        item, _ = sidebar_row_texts(app, "Germany")
        wait_for("the needs-recalculation mark",
                 lambda: app.find_all(pyatspi.ROLE_IMAGE, item, lambda n: n.name == "Needs recalculation"))
        app.click_at(item)
        page = app.find(pyatspi.ROLE_FILLER, "CohortGroupPage")
        app.click_at(app.page_tab("Overview", page))
        app.click(app.button("Recalculate", root=page))
        app.wait_toast("Recalculated “Germany”", "1 joined")
        wait_row(app, "Germany", "Dynamic", "2 contacts")

        # Deleting asks first and can be undone; the deletion is committed
        # when the toast goes, at the latest when the window closes.
        delete_group(app, "Germany")
        wait_for("Germany gone from the sidebar", lambda: not has_group(app, "Germany"))
        app.click(app.button("Undo"))
        wait_row(app, "Germany", "Dynamic", "2 contacts")
        assert "germany" in cli(db, "groups", "list")
        delete_group(app, "Germany")
        wait_for("Germany gone again", lambda: not has_group(app, "Germany"))

        status = app.close()
        assert status == 0, f"the app exited with {status}"
        assert "germany" not in cli(db, "groups", "list")
        assert "spring-fair-2026" in cli(db, "groups", "list")
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()


if __name__ == "__main__":
    run(main)
