#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of group history (SPEC §7) through cohort-cli: every
join and leave recorded with its reason in the transaction that made it,
daily rows with days without a change filled in, statistics, a contact's
history, the exit codes for bad input, and a clock set back. Each step runs
at its own --now so the days are known.
"""

import csv
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import CliTestCase, OK, USAGE, NOT_FOUND  # noqa: E402

BERLIN = {"combinator": "and", "rules": [{"field": "city", "operator": "=", "value": "berlin"}]}


def day(n, hour=10):
    """2026-03-0n at @hour UTC."""
    return f"2026-03-{n:02d}T{hour:02d}:00:00Z"


class HistoryTest(CliTestCase):
    def at(self, n, *args, **kwargs):
        return self.cli("--now", day(n), *args, **kwargs)

    def setUp(self):
        super().setUp()
        self.at(1, "contacts", "import", self.write("people.csv",
                "email,city,company\nann@x.com,Berlin,Acme\nbob@x.com,Paris,Acme\ncid@x.com,Berlin,\n"))
        self.at(1, "groups", "create", "berlin", "--name", "Berlin", "--dynamic",
                "--condition", self.write("berlin.json", json.dumps(BERLIN)))
        self.at(1, "groups", "create", "fair", "--name", "Fair", "--static")

    def events(self, code, *args):
        return list(csv.DictReader(io.StringIO(self.cli("groups", "events", code, *args).stdout)))

    def history(self, code, n, *args):
        return list(csv.DictReader(io.StringIO(self.at(n, "groups", "history", code, *args).stdout)))

    def test_every_change_is_recorded_with_its_reason(self):
        self.at(2, "contacts", "set", "bob@x.com", "city=Berlin")
        self.at(2, "groups", "add", "fair", "ann@x.com", "bob@x.com")
        self.at(3, "groups", "add-account", "fair", "Acme")
        self.at(3, "contacts", "import", self.write("more.csv", "email,city\ndee@x.com,Berlin\n"),
                "--group", "fair")
        self.at(4, "groups", "remove", "fair", "ann@x.com")
        self.at(4, "contacts", "merge", "cid@x.com", "dee@x.com")
        self.at(5, "contacts", "delete", "bob@x.com")

        self.assertEqual([(e["at"], e["email"], e["change"], e["reason"]) for e in self.events("berlin")], [
            (day(1), "ann@x.com", "joined", "recalculation"),
            (day(1), "cid@x.com", "joined", "recalculation"),
            # Bob is deleted at the end: his events stay, without an email.
            (day(2), "", "joined", "condition"),
            (day(3), "dee@x.com", "joined", "condition"),
            (day(4), "dee@x.com", "left", "merge"),
            (day(5), "", "left", "delete"),
        ])
        # Ann stays through Acme when her manual mark goes: no event then.
        self.assertEqual([(e["at"], e["email"], e["change"], e["reason"]) for e in self.events("fair")], [
            (day(2), "ann@x.com", "joined", "manual"),
            (day(2), "", "joined", "manual"),
            (day(3), "dee@x.com", "joined", "import"),
            (day(4), "cid@x.com", "joined", "merge"),
            (day(4), "dee@x.com", "left", "merge"),
            (day(5), "", "left", "delete"),
        ])
        self.assertEqual([e["at"] for e in self.events("berlin", "--since", "2026-03-04")], [day(4), day(5)])

        # One row a day; the days in between repeat the members.
        self.assertEqual([(d["date"], d["members"], d["joined"], d["left"]) for d in self.history("berlin", 7)], [
            ("2026-03-01", "2", "2", "0"),
            ("2026-03-02", "3", "1", "0"),
            ("2026-03-03", "4", "1", "0"),
            ("2026-03-04", "3", "0", "1"),
            ("2026-03-05", "2", "0", "1"),
            ("2026-03-06", "2", "0", "0"),
            ("2026-03-07", "2", "0", "0"),
        ])
        self.assertEqual(self.history("berlin", 7, "--since", "2026-03-06"),
                         [{"date": "2026-03-06", "members": "2", "joined": "0", "left": "0"},
                          {"date": "2026-03-07", "members": "2", "joined": "0", "left": "0"}])
        as_json = json.loads(self.at(5, "groups", "history", "fair", "--format", "json").stdout)
        self.assertEqual(as_json[-1], {"date": "2026-03-05", "members": 2, "joined": 0, "left": 1})
        self.assertEqual(as_json[-1]["members"], self.group_json("fair")["members"])

        history = json.loads(self.cli("contacts", "history", "cid@x.com", "--json").stdout)
        self.assertEqual([(h["at"], h["group"], h["change"], h["reason"]) for h in history], [
            (day(1), "berlin", "joined", "recalculation"),
            (day(4), "fair", "joined", "merge"),
        ])

    def test_stats(self):
        self.at(2, "groups", "add", "fair", "ann@x.com")
        self.at(2, "groups", "add-account", "fair", "Acme")
        self.at(2, "contacts", "set", "ann@x.com", "status=bounced")
        self.at(2, "activities", "import", self.write("acts.csv",
                "email,type,occurred_at\nbob@x.com,email_open,2026-02-20T10:00:00Z\n"
                "ann@x.com,email_click,2025-01-01T10:00:00Z\n"))
        stats = json.loads(self.at(3, "groups", "stats", "fair", "--json").stdout)
        self.assertEqual(stats["members"], 2)
        self.assertEqual(stats["status"], {"active": 1, "inactive": 0, "unsubscribed": 0, "bounced": 1})
        self.assertEqual(stats["source"], {"manual": 1, "account": 1, "condition": 0})
        self.assertEqual(stats["engaged"], 1)
        self.assertEqual(stats["engagement_rate"], 0.5)
        self.assertEqual((stats["joined_30_days"], stats["left_30_days"]), (2, 0))
        self.assertIsNone(stats["last_campaign"])
        dynamic = json.loads(self.at(3, "groups", "stats", "berlin", "--json").stdout)
        self.assertEqual(dynamic["source"], {"manual": 0, "account": 0, "condition": 2})
        self.assertIn("members: 2", self.at(3, "groups", "stats", "fair").stdout)

    def test_nothing_changed_records_nothing(self):
        self.at(2, "contacts", "set", "ann@x.com", "city=Berlin")
        self.at(2, "groups", "add", "fair", "ann@x.com")
        self.at(3, "groups", "add", "fair", "ann@x.com")
        self.at(3, "groups", "recalc", "berlin")
        self.assertEqual(len(self.events("fair")), 1)
        self.assertEqual(len(self.events("berlin")), 2)

    def test_clock_set_back(self):
        self.at(5, "groups", "add", "fair", "ann@x.com")
        self.at(3, "groups", "add", "fair", "bob@x.com")
        days = self.history("fair", 6)
        # Bob's join, two days "earlier", counts on the latest day.
        self.assertEqual([(d["date"], d["members"], d["joined"]) for d in days],
                         [("2026-03-05", "2", "2"), ("2026-03-06", "2", "0")])
        self.assertTrue(all(int(d[k]) >= 0 for d in days for k in ("members", "joined", "left")), days)
        self.assertEqual(days[-1]["members"], "2")

    def test_bad_input(self):
        proc = self.cli("groups", "history", "berlin", "--since", "last week", status=USAGE)
        self.assertIn("--since", proc.stderr)
        self.assertIn("last week", proc.stderr)
        self.cli("groups", "events", "berlin", "--format", "xml", status=USAGE)
        proc = self.cli("groups", "stats", "nope", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        self.cli("contacts", "history", "nobody@x.com", status=NOT_FOUND)
        self.assertEqual(self.cli("groups", "events", "fair").stdout, "at,email,change,reason\n")

    def test_deleting_a_group_deletes_its_history(self):
        self.at(2, "groups", "add", "fair", "ann@x.com")
        self.cli("groups", "delete", "fair")
        self.assertEqual(self.query("SELECT count(*) FROM membership_events e "
                                    "WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = e.group_id)"), [(0,)])
        self.assertEqual(self.query("SELECT count(*) FROM group_days d "
                                    "WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = d.group_id)"), [(0,)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
