#!/usr/bin/python3
"""Group history in the app (SPEC §7): the Overview's chart says in words
how the group changed over 30 and 90 days and a year, as cohort-cli counts
it; its table shows the same days; the changes list shows the latest joins
and leaves with their reasons, filtered by reason; the contact page lists a
contact's joins and leaves. The app reads the real clock, so the history is
written with cohort-cli at days counted back from today."""

import datetime
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
KEY_DOWN = 0xff54
KEY_RETURN = 0xff0d


def days_ago(n):
    return (TODAY - datetime.timedelta(days=n)).isoformat() + "T12:00:00Z"


def make_database():
    """Fair: Ann and Bob by hand 100 days ago, Gus and Hal imported 60 days
    ago, 30 more imported 40 days ago, Bob out 20 days ago, Cid and Dee in 5 days ago, Dee out 3 days ago
    and in again 2 days ago, Eve through her account yesterday, Ann out
    today."""
    folder = tempfile.mkdtemp(prefix="cohort-history-")
    db = os.path.join(folder, "cohort.db")

    def at(n, *args):
        return cli(db, "--now", days_ago(n), *args)

    for email, first, last, extra in (("ann@x.com", "Ann", "Lee", ()), ("bob@x.com", "Bob", "Ray", ()),
                                      ("cid@x.com", "Cid", "Moe", ()), ("dee@x.com", "Dee", "Fox", ()),
                                      ("eve@x.com", "Eve", "Orr", ("company=Acme",))):
        at(100, "contacts", "set", email, f"first_name={first}", f"last_name={last}", *extra)
    at(100, "groups", "create", "fair", "--name", "Fair", "--static")
    at(100, "groups", "add", "fair", "ann@x.com", "bob@x.com")
    people = os.path.join(folder, "people.csv")
    with open(people, "w") as f:
        f.write("email,first_name,last_name\ngus@x.com,Gus,Kim\nhal@x.com,Hal,Day\n")
    at(60, "contacts", "import", people, "--group", "fair")
    crowd = os.path.join(folder, "crowd.csv")
    with open(crowd, "w") as f:
        f.write("email,first_name,last_name\n" + "".join(f"p{i:02d}@x.com,P{i:02d},Crowd\n" for i in range(30)))
    at(40, "contacts", "import", crowd, "--group", "fair")
    at(20, "groups", "remove", "fair", "bob@x.com")
    at(5, "groups", "add", "fair", "cid@x.com", "dee@x.com")
    at(3, "groups", "remove", "fair", "dee@x.com")
    at(2, "groups", "add", "fair", "dee@x.com")
    at(1, "groups", "add-account", "fair", "Acme")
    cli(db, "groups", "remove", "fair", "ann@x.com")
    # A group made today has no days to chart yet.
    cli(db, "groups", "create", "fresh", "--name", "Fresh", "--static")
    cli(db, "groups", "add", "fresh", "cid@x.com", "dee@x.com")
    return db


def numbers(text):
    return [int(word.rstrip(",;:")) for word in text.replace(",", " ").split() if word.rstrip(";:").isdigit()]


def expected_summary(history, n_days):
    """The chart's sentence for the last @n_days days of `groups history`."""
    window = history[-n_days:]
    if len(history) > n_days:
        start = history[-n_days - 1]["members"]
    else:
        start = window[0]["members"] - window[0]["joined"] + window[0]["left"]
    end = history[-1]["members"]
    joined = sum(d["joined"] for d in window)
    left = sum(d["left"] for d in window)
    days = len(window)
    if end > start:
        trend = f"Grew from {start} to {end} in {days} days"
    elif end < start:
        trend = f"Shrank from {start} to {end} in {days} days"
    else:
        trend = f"Stayed at {end} for {days} days"
    return f"{trend}; {joined} joined, {left} left"


def day_label(iso):
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%b %Y')}"


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    time.sleep(0.2)


def scroll_to(app, node):
    """Turns the mouse wheel until @node is in the upper half of the window."""
    frame = app.window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    for _ in range(80):
        y = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).y
        if frame.y < y < frame.y + frame.height // 2:
            return
        pyatspi.Registry.generateMouseEvent(frame.x + frame.width * 2 // 3, frame.y + frame.height // 2,
                                            "b5c" if y > frame.y else "b4c")
        time.sleep(0.1)
    raise AssertionError(f"could not scroll to {node.name!r}")


def row_names(app, list_node):
    return [list_node.getChildAtIndex(i).name for i in range(list_node.childCount)
            if list_node.getChildAtIndex(i).getRole() == pyatspi.ROLE_LIST_ITEM]


def main():
    db = make_database()
    stats = json.loads(cli(db, "groups", "stats", "fair", "--json"))
    history = json.loads(cli(db, "groups", "history", "fair", "--format", "json"))
    assert history[-1]["date"] == TODAY.isoformat(), history[-1]
    assert len(history) == 101, len(history)

    app = App(db)
    try:
        # The sidebar: Fair has 35 members now, 34 thirty days ago; Fresh
        # 2, from none.
        app.wait_label("+1 in 30 days", root=app.sidebar_item("Fair"))
        app.wait_label("+2 in 30 days", root=app.sidebar_item("Fresh"))

        page = app.open_group("Fair", "Overview")
        chart = app.find(pyatspi.ROLE_IMAGE, "Members over time", root=page)

        # 30 days, as `groups stats` counts them.
        thirty = expected_summary(history, 30)
        assert numbers(thirty) == [stats["members_30_days_ago"], stats["members"], 30,
                                   stats["joined_30_days"], stats["left_30_days"]], (thirty, stats)
        assert thirty == "Grew from 34 to 35 in 30 days; 4 joined, 3 left", thirty
        wait_for(f"the chart saying {thirty!r}", lambda: chart.description == thirty)

        for label, n_days, sentence in (("90 Days", 90, "Grew from 2 to 35 in 90 days; 36 joined, 3 left"),
                                        ("Year", 365, "Grew from 0 to 35 in 101 days; 38 joined, 3 left")):
            assert expected_summary(history, n_days) == sentence, expected_summary(history, n_days)
            app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, label, root=page))
            wait_for(f"the chart saying {sentence!r}", lambda: chart.description == sentence)
            app.wait_label(sentence, root=page)

        # The table shows the 30 days of the chart, newest first.
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, "30 Days", root=page))
        wait_for("30 days again", lambda: chart.description == thirty)
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Table", root=page))
        table = app.find(pyatspi.ROLE_LIST, "Members by day", root=page)
        expected_rows = [f"{day_label(d['date'])}: {d['members']} members, {d['joined']} joined, {d['left']} left"
                         for d in reversed(history[-30:])]
        wait_for("the table's 30 rows", lambda: row_names(app, table) == expected_rows)

        # The changes, newest first, with reasons in words, a page of 20 at
        # a time.
        changes = app.find(pyatspi.ROLE_LIST, "Changes", root=page)
        wait_for("a page of changes", lambda: len(row_names(app, changes)) == 20)
        rows = row_names(app, changes)
        assert rows[0].startswith("Ann Lee: ann@x.com · Left · By hand · "), rows
        assert rows[1].startswith("Eve Orr: eve@x.com · Joined · Account · "), rows
        more = app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Show More", root=page)
        app.click(more)
        wait_for("two pages of changes", lambda: len(row_names(app, changes)) == 40)
        app.click(more)
        wait_for("all 41 changes", lambda: len(row_names(app, changes)) == 41)
        wait_for("no more to show", lambda: not more.getState().contains(pyatspi.STATE_SHOWING))
        assert [r.split(" · ")[1:3] for r in row_names(app, changes)] == [
            ["Left", "By hand"], ["Joined", "Account"], ["Joined", "By hand"], ["Left", "By hand"],
            ["Joined", "By hand"], ["Joined", "By hand"], ["Left", "By hand"]] + [["Joined", "Import"]] * 32 + [
            ["Joined", "By hand"], ["Joined", "By hand"]], row_names(app, changes)

        # Only those by hand: the second item of the reason list, chosen with
        # the keyboard (GTK 4.8 does not tell where a popover's items are).
        # The chart again, and the list scrolled to, so that it is on screen.
        app.click(app.find(pyatspi.ROLE_PUSH_BUTTON, contains="Table", root=page))
        app.find(pyatspi.ROLE_IMAGE, "Members over time", root=page)
        dropdown = app.find(pyatspi.ROLE_COMBO_BOX, "Reason", root=page)
        scroll_to(app, dropdown)
        app.click_at(dropdown)
        wait_for("the reasons", lambda: any(n.name == "Import" for n in app.find_all(pyatspi.ROLE_LABEL, dropdown)))
        time.sleep(0.5)
        press(KEY_DOWN)
        press(KEY_RETURN)
        by_hand = [["Left", "By hand"], ["Joined", "By hand"], ["Left", "By hand"], ["Joined", "By hand"],
                   ["Joined", "By hand"], ["Left", "By hand"], ["Joined", "By hand"], ["Joined", "By hand"]]
        wait_for("the eight changes by hand",
                 lambda: [r.split(" · ")[1:3] for r in row_names(app, changes)] == by_hand)

        # A group made today says so instead of a chart.
        fresh = app.open_group("Fresh", "Overview")
        app.wait_label("History Starts Today", root=fresh)

        # Dee's page lists her joins and leaves, the latest first.
        page = app.open_group("Fair", "Contacts")
        members = app.find(pyatspi.ROLE_TREE_TABLE, root=app.find(pyatspi.ROLE_FILLER, "CohortMemberTable",
                                                                 root=page))
        app.click_at(app.wait_label("Dee Fox", root=members), pyatspi.MOUSE_B1D)
        dee = app.find(pyatspi.ROLE_LIST, "Joins and leaves of the contact")
        wait_for("Dee's four changes", lambda: len(row_names(app, dee)) == 4)
        assert [r.split(" · ")[:2] for r in row_names(app, dee)] == [
            ["Fresh: Joined", "By hand"], ["Fair: Joined", "By hand"], ["Fair: Left", "By hand"],
            ["Fair: Joined", "By hand"]], row_names(app, dee)
        assert day_label(days_ago(2)[:10]) in row_names(app, dee)[1], row_names(app, dee)
    finally:
        status = app.close()
    assert status == 0, app.output()


if __name__ == "__main__":
    run(main)
