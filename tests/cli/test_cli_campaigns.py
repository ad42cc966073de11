#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of campaigns (SPEC §8) through cohort-cli on real
database files: the audience (overlap removed, `via` by include order,
exclusions, who is not eligible), start enrolling and queueing one message
each, enrolment of contacts who join an included dynamic group while the
campaign runs (and of nobody joining a static one), pause / resume /
finish, statistics from activities, and the refusals with their exit codes.
"""

import json
import os
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import CliTestCase, OK, USAGE, INVALID, NOT_FOUND  # noqa: E402

PEOPLE = """email,first_name,city,status,phone
ann@x.com,Ann,Berlin,active,+49 30 1
bob@x.com,Bob,Berlin,active,
cid@x.com,Cid,Paris,active,+33 1 2
dee@x.com,Dee,Berlin,unsubscribed,
eve@x.com,Eve,Berlin,bounced,
fay@x.com,Fay,Paris,active,
gus@x.com,Gus,Berlin,active,
"""


def rule(field, value):
    return json.dumps({"combinator": "and", "rules": [{"field": field, "operator": "=", "value": value}]})


class CampaignTest(CliTestCase):
    def change(self, sql):
        """A change behind cohort-cli's back, committed."""
        with sqlite3.connect(self.db) as connection:
            connection.execute(sql)
        connection.close()

    def setUp(self):
        super().setUp()
        self.cli("contacts", "import", self.write("people.csv", PEOPLE))
        self.cli("contacts", "set", "hal@x.com", "first_name=Hal")
        self.cli("groups", "create", "berlin", "--name", "Berlin", "--dynamic",
                 "--condition", self.write("berlin.json", rule("city", "berlin")))
        self.cli("groups", "create", "vip", "--name", "VIP", "--static")
        self.cli("groups", "add", "vip", "cid@x.com", "bob@x.com", "dee@x.com", "hal@x.com")
        # Hal loses his email address (no way to do that by cohort-cli): he
        # stays in vip but no email campaign can reach him.
        self.change("UPDATE contacts SET email = NULL, email_fold = NULL WHERE email = 'hal@x.com'")
        self.cli("groups", "create", "blocked", "--name", "Blocked", "--static")
        self.cli("groups", "add", "blocked", "gus@x.com")

    def create(self, code="spring", *extra):
        self.cli("campaigns", "create", code, "--name", "Spring", "--include", "vip", "berlin",
                 "--exclude", "blocked", "--subject", "Hello {{first_name|there}}", *extra)

    def audience(self, code="spring"):
        return {m["email"]: m["via"] for m in json.loads(self.cli("campaigns", "audience", code, "--format",
                                                                  "json").stdout)}

    def enrolled(self, code="spring"):
        return {m["email"]: m["via"] for m in json.loads(self.cli("campaigns", "enrolments", code, "--format",
                                                                  "json").stdout)}

    def queued(self, code="spring"):
        return sorted(r[0] for r in self.query(
            "SELECT m.recipient FROM messages m JOIN campaigns k ON k.id = m.campaign_id "
            "WHERE k.code = ? AND m.state = 'queued'", (code,)))

    def test_audience_and_start(self):
        self.create()
        # Bob is in both groups: once, via vip (first included). Dee is
        # unsubscribed, Eve bounced, Gus excluded, Fay in no group.
        self.assertEqual(self.audience(), {"ann@x.com": "berlin", "bob@x.com": "vip", "cid@x.com": "vip"})
        self.assertEqual(self.cli("campaigns", "audience", "spring").stdout.split(),
                         ["ann@x.com", "bob@x.com", "cid@x.com"])
        self.assertEqual(self.enrolled(), {})

        self.assertEqual(self.cli("campaigns", "start", "spring").stdout.strip(), "enrolled 3")
        self.assertEqual(self.enrolled(), {"ann@x.com": "berlin", "bob@x.com": "vip", "cid@x.com": "vip"})
        self.assertEqual(self.queued(), ["ann@x.com", "bob@x.com", "cid@x.com"])
        show = json.loads(self.cli("campaigns", "show", "spring", "--json").stdout)
        self.assertEqual((show["status"], show["include"], show["exclude"], show["enrolled"]),
                         ("running", ["vip", "berlin"], ["blocked"], 3))
        self.assertIsNotNone(show["started_at"])
        self.cli("campaigns", "start", "spring", status=INVALID)
        # Enrol again: nobody twice.
        self.assertEqual(self.cli("campaigns", "enrol", "spring").stdout.strip(), "enrolled 0")
        self.assertEqual(len(self.queued()), 3)

    def test_joining_while_running(self):
        self.create()
        self.cli("campaigns", "start", "spring")
        # Fay moves to Berlin: she joins the dynamic group and is enrolled
        # in that same change, with a message.
        self.cli("contacts", "set", "fay@x.com", "city=Berlin")
        self.assertEqual(self.enrolled()["fay@x.com"], "berlin")
        self.assertIn("fay@x.com", self.queued())
        # An import that brings a Berliner in enrols too.
        self.cli("contacts", "import", self.write("more.csv", "email,city\nivy@x.com,Berlin\njo@x.com,Rome\n"))
        self.assertIn("ivy@x.com", self.enrolled())
        self.assertNotIn("jo@x.com", self.enrolled())
        # Joining the static group enrols nobody; enrol does, on purpose.
        self.cli("groups", "add", "vip", "jo@x.com")
        self.assertNotIn("jo@x.com", self.enrolled())
        self.assertEqual(self.cli("campaigns", "enrol", "spring").stdout.strip(), "enrolled 1")
        self.assertEqual(self.enrolled()["jo@x.com"], "vip")
        # Leaving never removes an enrolment; an excluded Berliner is not enrolled.
        self.cli("contacts", "set", "fay@x.com", "city=Paris")
        self.assertIn("fay@x.com", self.enrolled())
        self.cli("contacts", "set", "kim@x.com", "city=Berlin")
        self.assertIn("kim@x.com", self.enrolled())
        self.cli("contacts", "set", "lea@x.com")
        self.cli("groups", "add", "blocked", "lea@x.com")
        self.cli("contacts", "set", "lea@x.com", "city=Berlin")
        self.assertNotIn("lea@x.com", self.enrolled())
        # An unsubscribed contact joining is not eligible.
        self.cli("contacts", "set", "max@x.com", "status=unsubscribed")
        self.cli("contacts", "set", "max@x.com", "city=Berlin")
        self.assertNotIn("max@x.com", self.enrolled())
        enrolled = len(self.enrolled())
        self.assertEqual(self.query("SELECT count(*) FROM messages"), [(enrolled,)])

    def test_pause_resume_finish(self):
        self.create()
        self.cli("campaigns", "start", "spring")
        self.cli("campaigns", "pause", "spring")
        self.cli("contacts", "set", "fay@x.com", "city=Berlin")
        self.assertNotIn("fay@x.com", self.enrolled())
        self.cli("campaigns", "pause", "spring", status=INVALID)
        self.assertEqual(self.cli("campaigns", "resume", "spring").stdout.strip(), "enrolled 1")
        self.assertEqual(self.enrolled()["fay@x.com"], "berlin")

        self.cli("campaigns", "finish", "spring")
        self.assertEqual(self.queued(), [])
        self.assertEqual(self.query("SELECT DISTINCT state FROM messages"), [("cancelled",)])
        self.cli("contacts", "set", "ivy@x.com", "city=Berlin")
        self.assertNotIn("ivy@x.com", self.enrolled())
        self.cli("campaigns", "resume", "spring", status=INVALID)
        self.cli("campaigns", "finish", "spring", status=INVALID)

    def test_sms_audience_needs_a_phone(self):
        self.cli("campaigns", "create", "texts", "--name", "Texts", "--channel", "sms", "--include", "berlin", "vip")
        self.assertEqual(sorted(json.loads(self.cli("campaigns", "audience", "texts", "--format", "json").stdout),
                                key=lambda m: m["email"]),
                         [{"email": "ann@x.com", "phone": "+49 30 1", "name": "Ann", "via": "berlin"},
                          {"email": "cid@x.com", "phone": "+33 1 2", "name": "Cid", "via": "vip"}])
        self.cli("campaigns", "start", "texts")
        self.assertEqual(self.queued("texts"), ["+33 1 2", "+49 30 1"])

    def test_stats(self):
        self.create()
        self.cli("campaigns", "start", "spring")
        # Sending is SPEC §9's outbox; here two messages are marked sent.
        self.change("UPDATE messages SET state = 'sent', sent_at = strftime('%s', '2026-03-01T10:00:00') "
                    "WHERE recipient IN ('ann@x.com', 'bob@x.com')")
        self.cli("activities", "import", self.write("acts.csv",
                 "email,type,occurred_at,detail\n"
                 "ann@x.com,email_open,2026-03-02T10:00:00Z,spring\n"
                 "ann@x.com,email_open,2026-03-03T10:00:00Z,spring\n"
                 "ann@x.com,email_click,2026-03-02T11:00:00Z,spring\n"
                 "bob@x.com,email_open,2026-02-01T10:00:00Z,spring\n"
                 "bob@x.com,email_open,2026-03-02T10:00:00Z,autumn\n"
                 "cid@x.com,email_open,2026-03-02T10:00:00Z,spring\n"))
        stats = json.loads(self.cli("campaigns", "stats", "spring", "--json").stdout)
        self.assertEqual([(g["group"], g["enrolled"], g["sent"], g["opened"], g["clicked"]) for g in stats["groups"]],
                         [("vip", 2, 1, 0, 0), ("berlin", 1, 1, 1, 1)])
        self.assertEqual((stats["total"]["enrolled"], stats["total"]["sent"], stats["total"]["opened"],
                          stats["total"]["open_rate"]), (3, 2, 1, 0.5))
        self.assertIn("total", self.cli("campaigns", "stats", "spring").stdout)

    def test_groups_used_by_campaigns(self):
        self.create()
        proc = self.cli("groups", "delete", "vip", status=INVALID)
        self.assertIn("spring", proc.stderr)
        proc = self.cli("groups", "archive", "berlin", status=INVALID)
        self.assertIn("spring", proc.stderr)
        self.cli("campaigns", "start", "spring")
        self.cli("campaigns", "finish", "spring")
        self.cli("groups", "delete", "vip")
        self.assertEqual(json.loads(self.cli("campaigns", "show", "spring", "--json").stdout)["include"], ["berlin"])

    def test_set_list_delete(self):
        self.create()
        self.cli("campaigns", "set", "spring", "--name", "Spring sale", "--exclude", "vip", "--include", "berlin")
        show = json.loads(self.cli("campaigns", "show", "spring", "--json").stdout)
        self.assertEqual((show["name"], show["include"], show["exclude"]), ("Spring sale", ["berlin"], ["vip"]))
        self.cli("campaigns", "set", "spring", "--body", "-", stdin="Dear {{first_name}}, {{custom.shoe_size|?}}")
        self.assertEqual(json.loads(self.cli("campaigns", "show", "spring", "--json").stdout)["body"],
                         "Dear {{first_name}}, {{custom.shoe_size|?}}")
        listed = json.loads(self.cli("campaigns", "list", "--json").stdout)
        self.assertEqual([c["code"] for c in listed], ["spring"])
        self.cli("campaigns", "delete", "spring")
        self.assertEqual(json.loads(self.cli("campaigns", "list", "--json").stdout), [])

    def test_bad_input(self):
        self.cli("campaigns", "create", "x", "--name", "X", status=USAGE)
        self.cli("campaigns", "create", "x", "--include", "vip", status=USAGE)
        proc = self.cli("campaigns", "create", "x", "--name", "X", "--include", "nope", status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        self.cli("campaigns", "create", "Bad Code", "--name", "X", "--include", "vip", status=INVALID)
        self.cli("campaigns", "create", "x", "--name", "X", "--channel", "fax", "--include", "vip", status=INVALID)
        proc = self.cli("campaigns", "create", "x", "--name", "X", "--include", "vip", "--exclude", "vip",
                        status=INVALID)
        self.assertIn("vip", proc.stderr)
        proc = self.cli("campaigns", "create", "x", "--name", "X", "--include", "vip",
                        "--subject", "Hi {{frist_name}}", status=INVALID)
        self.assertIn("frist_name", proc.stderr)
        self.assertIn("character 4", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM campaigns"), [(0,)])
        self.create()
        self.cli("campaigns", "create", "spring", "--name", "Again", "--include", "vip", status=INVALID)
        self.cli("campaigns", "show", "autumn", status=NOT_FOUND)
        self.cli("campaigns", "pause", "spring", status=INVALID)
        self.cli("campaigns", "audience", "spring", "--format", "xml", status=USAGE)


if __name__ == "__main__":
    unittest.main(verbosity=2)
