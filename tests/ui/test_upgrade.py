#!/usr/bin/python3
"""The app upgrades a database of an older schema without freezing: it opens
it on a worker thread, says so in a window of its own when that is slow (an
upgrade first copies the whole file), and then shows the contacts, with a
backup of the old file kept and the new schema in place."""

import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from cohortui import App, cli, run, wait_for  # noqa: E402

# Enough for the backup copy to outlast, three times over, the 400 ms the
# app waits before it shows the notice (1.2 s here).
BALLAST_MB = 600


def make_old_database():
    """A schema-2 database: today's file without what schemas 3 and 4 added, and a
    table of ballast that makes copying it slow."""
    db = os.path.join(tempfile.mkdtemp(prefix="cohort-upgrade-"), "cohort.db")
    cli(db, "contacts", "set", "vera@example.com", "first_name=Vera", "last_name=Lind",
        "custom.referrer=Fair 2025")
    conn = sqlite3.connect(db, isolation_level=None)
    # Written once, not through the WAL; the app turns WAL on again.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN")
    conn.execute("DROP TABLE custom_keys")
    conn.execute("DROP TABLE undo_contacts")
    conn.execute("DROP TABLE undo_sets")
    conn.execute("DROP TABLE membership_events")
    conn.execute("DROP TABLE group_days")
    conn.execute("DROP TABLE messages")
    conn.execute("DROP TABLE enrolments")
    conn.execute("DROP TABLE campaign_groups")
    conn.execute("DROP TABLE campaigns")
    conn.execute("DROP TABLE optins_seen")
    conn.execute("DROP INDEX groups_keyword")
    conn.execute("ALTER TABLE groups DROP COLUMN response_channel")
    conn.execute("ALTER TABLE groups DROP COLUMN response_subject")
    conn.execute("ALTER TABLE groups DROP COLUMN response_body")
    conn.execute("ALTER TABLE groups DROP COLUMN keyword")
    conn.execute("ALTER TABLE groups DROP COLUMN keyword_fold")
    conn.execute("ALTER TABLE groups DROP COLUMN archived_at")
    conn.execute("CREATE TABLE ballast (b BLOB)")
    conn.execute("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                 "INSERT INTO ballast SELECT zeroblob (1048576) FROM n", (BALLAST_MB,))
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    return db


def main():
    db = make_old_database()
    try:
        check_upgrade(db)
    finally:
        # Two copies of the ballast: not left behind.
        shutil.rmtree(os.path.dirname(db))


def check_upgrade(db):
    os.environ["G_MESSAGES_DEBUG"] = "Cohort"
    app = App(db)
    try:
        assert "slow to open: showing a notice" in app.output(), app.output()
        wait_for("the notice to close",
                 lambda: all(w.description != App.OPENING_DESCRIPTION for w in app.windows()))
        # Found again: the window taken for the main one at start may have
        # been the notice, read before its description was set (seen once
        # on a loaded machine: "The application no longer exists").
        app.window = wait_for("the main window", app._find_window)
        table = app.find(pyatspi.ROLE_FILLER, "CohortMemberTable", root=app.window)
        wait_for("Vera in the contact list",
                 lambda: any(row and row[0] == "Vera Lind" for row in app.table_rows(table, 5)))
        status = app.close()
        assert status == 0, f"the app exited with {status}"
    except AssertionError:
        print(app.output(), file=sys.stderr)
        raise
    finally:
        app.quit()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
        assert conn.execute("SELECT key FROM custom_keys").fetchall() == [("referrer",)]
        assert conn.execute("SELECT count(*) FROM pragma_table_info('groups') "
                            "WHERE name = 'archived_at'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM sqlite_schema "
                            "WHERE name IN ('undo_sets', 'undo_contacts')").fetchone()[0] == 2
    with sqlite3.connect(db + ".bak-v2") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1


if __name__ == "__main__":
    run(main)
