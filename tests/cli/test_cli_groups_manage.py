#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of group management (SPEC §10): groups copy, freeze,
merge, archive and restore, with their exit codes (SPEC §4), on real SQLite
files checked through cohort-cli and read-only queries."""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import CliTestCase, fixture, INVALID, NOT_FOUND, OK, USAGE  # noqa: E402

# Contacts of fixtures/cli/contacts.csv: anna (DE, Acme), ben (GB),
# carla (AT, Acme), emma (DE).
DE = '{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "DE"}]}'


def group_rule(*codes):
    return json.dumps({"combinator": "and",
                       "rules": [{"field": "group", "operator": "in", "value": list(codes)}]})


class GroupManageTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.import_contacts()

    def ro_query(self, sql, params=()):
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def emails(self, code):
        return self.cli("groups", "members", code, "--format", "emails").stdout.splitlines()

    def dynamic(self, code, condition, name=None):
        path = self.write(code + ".json", condition)
        self.cli("groups", "create", code, "--name", name or code.title(), "--dynamic",
                 "--condition", path)

    def static(self, code, *emails, name=None):
        self.cli("groups", "create", code, "--name", name or code.title(), "--static")
        if emails:
            self.cli("groups", "add", code, *emails)

    def listed(self, *flags):
        return [g["code"] for g in json.loads(self.cli("groups", "list", "--json", *flags).stdout)]

    def group_count(self):
        return self.ro_query("SELECT count(*) FROM groups")[0][0]


class CopyTest(GroupManageTestCase):
    def test_copy_static_keeps_members_settings_and_live_accounts(self):
        self.cli("groups", "create", "fair", "--name", "Fair 2025", "--static",
                 "--description", "Met at the fair", "--color", "#3584e4")
        self.cli("groups", "add", "fair", "ben@example.org")
        self.cli("groups", "add-account", "fair", "Acme")
        out = self.cli("groups", "copy", "fair", "fair-copy").stdout
        self.assertEqual(out.strip(), "copied fair into static group fair-copy with 3 members")

        self.assertEqual(self.emails("fair-copy"), self.emails("fair"))
        copy = self.group_json("fair-copy")
        self.assertEqual(copy["kind"], "static")
        self.assertEqual(copy["name"], "Copy of Fair 2025")
        self.assertEqual(copy["description"], "Met at the fair")
        self.assertEqual(copy["color"], "#3584e4")
        self.assertEqual(copy["members"], 3)
        self.assertEqual(copy["accounts"], ["Acme"])
        self.assertFalse(copy["archived"])
        # The sources came along: ben by hand, anna and carla by the account.
        self.assertEqual(
            self.ro_query("SELECT c.email, m.manual, m.account_id IS NOT NULL FROM memberships m "
                          "JOIN contacts c ON c.id = m.contact_id JOIN groups g ON g.id = m.group_id "
                          "WHERE g.code = 'fair-copy' ORDER BY c.email"),
            [("anna@acme.com", 0, 1), ("ben@example.org", 1, 0), ("carla@acme.com", 0, 1)])

        # The account stays live in the copy; the two groups are independent.
        self.cli("contacts", "set", "dora@acme.com", "company=Acme")
        self.cli("groups", "remove", "fair", "ben@example.org")
        self.assertEqual(self.emails("fair-copy"),
                         ["anna@acme.com", "ben@example.org", "carla@acme.com", "dora@acme.com"])
        self.assertEqual(self.emails("fair"), ["anna@acme.com", "carla@acme.com", "dora@acme.com"])

    def test_copy_dynamic_is_populated_from_its_condition(self):
        self.dynamic("germany", DE, name="Germany")
        self.cli("groups", "schedule", "germany", "on")
        out = self.cli("groups", "copy", "germany", "germany-2", "--name", "Germany again").stdout
        self.assertEqual(out.strip(), "copied germany into dynamic group germany-2 with 2 members")

        copy = self.group_json("germany-2")
        self.assertEqual(copy["kind"], "dynamic")
        self.assertEqual(copy["name"], "Germany again")
        self.assertEqual(copy["condition"], json.loads(DE))
        self.assertFalse(copy["needs_recalculation"])
        self.assertTrue(copy["scheduled"])
        self.assertRegex(copy["schedule_time"], r"^0[2-5]:[0-5][0-9]$")
        self.assertEqual(self.emails("germany-2"), ["anna@acme.com", "emma@example.net"])
        # It follows its condition like any dynamic group.
        self.cli("contacts", "set", "fritz@example.de", "country=DE")
        self.assertIn("fritz@example.de", self.emails("germany-2"))

    def test_copy_dynamic_uses_its_edited_condition(self):
        self.dynamic("germany", DE)
        self.cli("groups", "set-condition", "germany",
                 self.write("gb.json", DE.replace('"DE"', '"GB"')))
        self.cli("groups", "copy", "germany", "britain")
        self.assertEqual(self.emails("britain"), ["ben@example.org"])
        self.assertEqual(self.emails("germany"), ["anna@acme.com", "emma@example.net"])

    def test_copy_errors(self):
        self.static("fair", "ben@example.org")
        before = self.group_count()
        proc = self.cli("groups", "copy", "nope", "other", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        proc = self.cli("groups", "copy", "fair", "fair", status=INVALID)
        self.assertIn("“fair”", proc.stderr)
        proc = self.cli("groups", "copy", "fair", "Fair Copy", status=INVALID)
        self.assertIn("Fair Copy", proc.stderr)
        self.cli("groups", "copy", "fair", status=USAGE)
        self.assertEqual(self.group_count(), before)


class FreezeTest(GroupManageTestCase):
    def test_freeze_keeps_the_members_of_the_moment(self):
        self.dynamic("germany", DE, name="Germany")
        out = self.cli("groups", "freeze", "germany", "germany-2026").stdout
        self.assertEqual(out.strip(), "froze germany into static group germany-2026 with 2 members")
        frozen = self.group_json("germany-2026")
        self.assertEqual(frozen["kind"], "static")
        self.assertEqual(frozen["name"], "Germany (frozen)")
        self.assertIsNone(frozen["condition"])
        self.assertEqual(self.ro_query(
            "SELECT DISTINCT manual, account_id FROM memberships m JOIN groups g ON g.id = m.group_id "
            "WHERE g.code = 'germany-2026'"), [(1, None)])

        # The dynamic group moves on; the frozen one does not.
        self.cli("contacts", "set", "fritz@example.de", "country=DE")
        self.cli("contacts", "set", "emma@example.net", "country=FR")
        self.assertEqual(self.emails("germany"), ["anna@acme.com", "fritz@example.de"])
        self.assertEqual(self.emails("germany-2026"), ["anna@acme.com", "emma@example.net"])

    def test_freeze_takes_members_not_the_edited_condition(self):
        self.dynamic("germany", DE)
        self.cli("groups", "set-condition", "germany",
                 self.write("gb.json", DE.replace('"DE"', '"GB"')))
        self.cli("groups", "freeze", "germany", "snapshot")
        self.assertEqual(self.emails("snapshot"), ["anna@acme.com", "emma@example.net"])

    def test_freeze_errors(self):
        self.static("fair", "ben@example.org")
        self.dynamic("germany", DE)
        before = self.group_count()
        proc = self.cli("groups", "freeze", "fair", "fair-frozen", status=INVALID)
        self.assertIn("“fair” is a static group", proc.stderr)
        proc = self.cli("groups", "freeze", "nope", "x", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        proc = self.cli("groups", "freeze", "germany", "fair", status=INVALID)
        self.assertIn("“fair”", proc.stderr)
        proc = self.cli("groups", "freeze", "germany", "bad/code", status=INVALID)
        self.assertIn("bad/code", proc.stderr)
        self.assertEqual(self.group_count(), before)


class MergeTest(GroupManageTestCase):
    def test_merge_unites_members_and_deletes_from(self):
        # anna is in fair by hand and in webinar through Acme: she stays both.
        self.static("fair", "ben@example.org", "anna@acme.com")
        self.static("webinar", "emma@example.net")
        self.cli("groups", "add-account", "webinar", "Acme")
        # emma joins fair later than webinar: the earlier date is kept.
        self.cli("--now", "2030-01-01T00:00:00Z", "groups", "add", "fair", "emma@example.net")
        early = self.ro_query(
            "SELECT m.added_at FROM memberships m JOIN groups g ON g.id = m.group_id "
            "JOIN contacts c ON c.id = m.contact_id WHERE g.code = 'webinar' AND c.email = 'emma@example.net'")[0][0]
        self.assertLess(early, 1893456000)

        out = self.cli("groups", "merge", "fair", "webinar").stdout
        self.assertEqual(out.strip(), "merged webinar into fair: 1 joined, 4 members; deleted group webinar")
        self.assertEqual(self.emails("fair"),
                         ["anna@acme.com", "ben@example.org", "carla@acme.com", "emma@example.net"])
        self.cli("groups", "show", "webinar", status=NOT_FOUND)
        self.assertEqual(self.group_json("fair")["accounts"], ["Acme"])
        self.assertEqual(self.group_json("fair")["members"], 4)
        self.assertEqual(self.ro_query(
            "SELECT m.added_at FROM memberships m JOIN groups g ON g.id = m.group_id "
            "JOIN contacts c ON c.id = m.contact_id WHERE g.code = 'fair' AND c.email = 'emma@example.net'"),
            [(early,)])
        self.assertEqual(
            self.ro_query("SELECT c.email, m.manual, m.account_id IS NOT NULL FROM memberships m "
                          "JOIN contacts c ON c.id = m.contact_id JOIN groups g ON g.id = m.group_id "
                          "WHERE g.code = 'fair' ORDER BY c.email"),
            [("anna@acme.com", 1, 1), ("ben@example.org", 1, 0), ("carla@acme.com", 0, 1),
             ("emma@example.net", 1, 0)])
        # The account came along live.
        self.cli("contacts", "set", "dora@acme.com", "company=Acme")
        self.assertIn("dora@acme.com", self.emails("fair"))

    def test_merge_settles_groups_that_reference_into(self):
        self.static("fair", "ben@example.org")
        self.static("webinar", "carla@acme.com")
        self.dynamic("fair-people", group_rule("fair"))
        self.assertEqual(self.emails("fair-people"), ["ben@example.org"])
        self.cli("groups", "merge", "fair", "webinar")
        self.assertEqual(self.emails("fair-people"), ["ben@example.org", "carla@acme.com"])
        self.assertFalse(self.group_json("fair-people")["needs_recalculation"])

    def test_merge_refuses_a_referenced_from(self):
        self.static("fair", "ben@example.org")
        self.static("webinar", "carla@acme.com")
        self.dynamic("webinar-people", group_rule("webinar"))
        self.dynamic("also", group_rule("webinar", "fair"))
        proc = self.cli("groups", "merge", "fair", "webinar", status=INVALID)
        self.assertIn("also, webinar-people", proc.stderr)
        self.assertEqual(self.emails("fair"), ["ben@example.org"])
        self.assertEqual(self.emails("webinar"), ["carla@acme.com"])

    def test_merge_errors(self):
        self.static("fair", "ben@example.org")
        self.dynamic("germany", DE)
        proc = self.cli("groups", "merge", "fair", "germany", status=INVALID)
        self.assertIn("“germany” is a dynamic group", proc.stderr)
        proc = self.cli("groups", "merge", "germany", "fair", status=INVALID)
        self.assertIn("“germany” is a dynamic group", proc.stderr)
        self.cli("groups", "merge", "fair", "fair", status=INVALID)
        proc = self.cli("groups", "merge", "fair", "nope", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        proc = self.cli("groups", "merge", "nope", "fair", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        self.cli("groups", "merge", "fair", status=USAGE)
        self.assertEqual(self.emails("fair"), ["ben@example.org"])
        self.assertEqual(self.emails("germany"), ["anna@acme.com", "emma@example.net"])


class ArchiveTest(GroupManageTestCase):
    def test_archive_hides_but_keeps_working_and_restore_brings_back(self):
        self.static("fair", "ben@example.org")
        self.dynamic("germany", DE)
        self.dynamic("fair-or-germany", json.dumps(
            {"combinator": "or", "rules": [json.loads(group_rule("germany"))["rules"][0],
                                           json.loads(group_rule("fair"))["rules"][0]]}))
        out = self.cli("groups", "archive", "germany").stdout
        self.assertEqual(out.strip(), "archived group germany (2 members)")

        self.assertNotIn("germany", self.listed())
        self.assertNotIn("germany", [line.split()[0] for line in
                                     self.cli("groups", "list").stdout.splitlines()])
        self.assertEqual(self.listed("--archived"), ["germany"])
        self.assertIn("germany", self.listed("--all"))
        self.assertIn("fair", self.listed("--all"))
        self.assertRegex(self.cli("groups", "list", "--all").stdout, r"germany .*\(archived\)")
        shown = self.group_json("germany")
        self.assertTrue(shown["archived"])
        self.assertIsNotNone(shown["archived_at"])
        self.assertIn("archived:", self.cli("groups", "show", "germany").stdout)
        self.cli("groups", "list", "--archived", "--all", status=USAGE)

        # Still maintained, and conditions that name it keep matching.
        self.cli("contacts", "set", "fritz@example.de", "country=DE")
        self.assertIn("fritz@example.de", self.emails("germany"))
        self.assertEqual(self.emails("fair-or-germany"),
                         ["anna@acme.com", "ben@example.org", "emma@example.net", "fritz@example.de"])
        self.cli("groups", "recalc", "fair-or-germany")
        self.assertIn("fritz@example.de", self.emails("fair-or-germany"))
        # A new condition may name it too (only the app's picker hides it).
        self.dynamic("germany-only", group_rule("germany"))
        self.assertEqual(self.emails("germany-only"),
                         ["anna@acme.com", "emma@example.net", "fritz@example.de"])

        out = self.cli("groups", "restore", "germany").stdout
        self.assertEqual(out.strip(), "restored group germany (3 members)")
        self.assertIn("germany", self.listed())
        self.assertEqual(self.listed("--archived"), [])
        self.assertFalse(self.group_json("germany")["archived"])
        self.assertIsNone(self.ro_query("SELECT archived_at FROM groups WHERE code = 'germany'")[0][0])

    def test_archive_is_stored_and_twice_keeps_the_first_date(self):
        self.static("fair", "ben@example.org")
        self.cli("--now", "2026-03-01T10:00:00Z", "groups", "archive", "fair")
        self.cli("--now", "2026-04-01T10:00:00Z", "groups", "archive", "fair")
        self.assertEqual(self.group_json("fair")["archived_at"], "2026-03-01T10:00:00Z")
        self.assertEqual(self.ro_query("SELECT archived_at FROM groups WHERE code = 'fair'"),
                         [(1772359200,)])
        self.assertEqual(self.emails("fair"), ["ben@example.org"])

    def test_archive_errors(self):
        proc = self.cli("groups", "archive", "nope", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        proc = self.cli("groups", "restore", "nope", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        self.cli("groups", "archive", status=USAGE)


class DeleteTest(GroupManageTestCase):
    def test_delete_referenced_names_the_referencing_groups(self):
        self.static("fair", "ben@example.org")
        self.dynamic("fair-people", group_rule("fair"))
        self.dynamic("also-fair", group_rule("fair"))
        proc = self.cli("groups", "delete", "fair", status=INVALID)
        self.assertIn("also-fair, fair-people", proc.stderr)
        self.assertEqual(self.emails("fair"), ["ben@example.org"])
        # Archived referencing groups still count.
        self.cli("groups", "archive", "also-fair")
        proc = self.cli("groups", "delete", "fair", status=INVALID)
        self.assertIn("also-fair", proc.stderr)


class MigrationTest(GroupManageTestCase):
    def test_schema_3_file_is_upgraded_with_a_backup(self):
        self.static("fair", "ben@example.org")
        self.dynamic("germany", DE)
        connection = sqlite3.connect(self.db, isolation_level=None)
        try:
            connection.execute("BEGIN")
            connection.execute("ALTER TABLE groups DROP COLUMN archived_at")
            connection.execute("DROP TABLE undo_contacts")
            connection.execute("DROP TABLE undo_sets")
            connection.execute("DROP TABLE membership_events")
            connection.execute("DROP TABLE group_days")
            connection.execute("DROP TABLE messages")
            connection.execute("DROP TABLE enrolments")
            connection.execute("DROP TABLE campaign_groups")
            connection.execute("DROP TABLE campaigns")
            connection.execute("DROP TABLE optins_seen")
            connection.execute("DROP INDEX groups_keyword")
            connection.execute("ALTER TABLE groups DROP COLUMN response_channel")
            connection.execute("ALTER TABLE groups DROP COLUMN response_subject")
            connection.execute("ALTER TABLE groups DROP COLUMN response_body")
            connection.execute("ALTER TABLE groups DROP COLUMN keyword")
            connection.execute("ALTER TABLE groups DROP COLUMN keyword_fold")
            connection.execute("PRAGMA user_version = 3")
            connection.execute("COMMIT")
        finally:
            connection.close()

        self.assertEqual(self.listed(), ["fair", "germany"])
        self.assertEqual(self.ro_query("PRAGMA user_version"), [(5,)])
        # History starts at the upgrade with the members as they are, and
        # no invented past: one daily row per group, no events.
        self.assertEqual(self.ro_query("SELECT g.code, d.members, d.n_joined, d.n_left FROM group_days d "
                                       "JOIN groups g ON g.id = d.group_id ORDER BY g.code"),
                         [("fair", 1, 0, 0), ("germany", self.group_json("germany")["members"], 0, 0)])
        self.assertEqual(self.ro_query("SELECT count(*) FROM membership_events"), [(0,)])
        backup = sqlite3.connect(f"file:{self.db}.bak-v3?mode=ro", uri=True)
        try:
            self.assertEqual(backup.execute("PRAGMA user_version").fetchall(), [(3,)])
            self.assertEqual(backup.execute(
                "SELECT count(*) FROM pragma_table_info('groups') WHERE name = 'archived_at'").fetchall(),
                [(0,)])
        finally:
            backup.close()
        self.assertEqual(self.ro_query("SELECT code, archived_at FROM groups ORDER BY code"),
                         [("fair", None), ("germany", None)])
        self.cli("groups", "archive", "fair")
        self.assertEqual(self.listed(), ["germany"])
        self.assertEqual(self.emails("fair"), ["ben@example.org"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
