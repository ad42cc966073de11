#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of SPEC §9 through cohort-cli on real files: group
response messages queued as contacts join (and only then, and only for
the eligible), keywords, an inbound opt-in log read once or twice (keyword
joins by email and phone, STOP and START, unknown texts reported), and the
outbox listed and exported as CSV and mbox, with ineligible messages
skipped and a paused campaign's held.
"""

import csv
import email
import io
import json
import mailbox
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import CliTestCase, OK, USAGE, INVALID, NOT_FOUND  # noqa: E402

PEOPLE = """email,first_name,phone,city
ann@x.com,Ann,+49 30 111,Berlin
bob@x.com,,+49 30 222,Paris
cid@x.com,Cid,,Berlin
"""

LOG = """from,text,received_at
+49 30 222,Stop please,2026-01-01T10:00:00Z
+49 (30) 333,Fair!,2026-01-01T10:01:00Z
zed@x.com,fair 2026,2026-01-01T10:02:00Z
cid@x.com,FAIR,2026-01-01T10:03:00Z
+4930111,hello?,2026-01-01T10:04:00Z
"""


class OutboxTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.cli("contacts", "import", self.write("people.csv", PEOPLE))
        self.cli("groups", "create", "fair", "--name", "Fair", "--static")
        self.cli("groups", "add", "fair", "ann@x.com")

    def messages(self, *args):
        return json.loads(self.cli("outbox", "list", "--format", "json", *args).stdout)

    def set_response(self, *extra):
        self.cli("groups", "set-response", "fair", "--subject", "Hallo {{first_name|du}} – willkommen",
                 "--body", "-", *extra, stdin="Welcome {{first_name|friend}} from {{company|nowhere}}!\n")

    def test_response_messages(self):
        self.set_response()
        # Ann was a member before: no message. Bob and Cid join now.
        self.cli("groups", "add", "fair", "bob@x.com", "cid@x.com")
        self.assertEqual([(m["recipient"], m["origin"], m["state"]) for m in self.messages()],
                         [("bob@x.com", "group:fair", "queued"), ("cid@x.com", "group:fair", "queued")])
        # Out and in again: one more; an unsubscribed joiner gets none.
        self.cli("groups", "remove", "fair", "bob@x.com")
        self.cli("groups", "add", "fair", "bob@x.com")
        self.cli("contacts", "set", "dee@x.com", "status=unsubscribed")
        self.cli("groups", "add", "fair", "dee@x.com")
        self.assertEqual([m["recipient"] for m in self.messages()], ["bob@x.com", "cid@x.com", "bob@x.com"])
        self.cli("groups", "set-response", "fair", "--off")
        self.cli("contacts", "set", "eve@x.com")
        self.cli("groups", "add", "fair", "eve@x.com")
        self.assertEqual(len(self.messages()), 3)

    def test_response_bad_input(self):
        proc = self.cli("groups", "set-response", "fair", "--body", "-", stdin="Hi {{frist_name}}", status=INVALID)
        self.assertIn("frist_name", proc.stderr)
        self.assertIn("character 4", proc.stderr)
        self.cli("groups", "set-response", "fair", status=USAGE)
        self.cli("groups", "set-response", "nope", "--off", status=NOT_FOUND)
        self.cli("groups", "set-response", "fair", "--channel", "fax", "--body", "-", stdin="x", status=INVALID)

    def test_keywords(self):
        self.cli("groups", "set-keyword", "fair", "Fair")
        self.cli("groups", "create", "other", "--name", "Other", "--static")
        proc = self.cli("groups", "set-keyword", "other", "FAIR", status=INVALID)
        self.assertIn("FAIR", proc.stderr)
        self.cli("groups", "set-keyword", "other", "stop", status=INVALID)
        self.cli("groups", "set-keyword", "other", "two words", status=INVALID)
        self.cli("groups", "create", "dyn", "--name", "Dyn", "--dynamic", "--condition", "-",
                 stdin='{"combinator": "and", "rules": [{"field": "city", "operator": "=", "value": "x"}]}')
        self.cli("groups", "set-keyword", "dyn", "dyn", status=INVALID)
        self.cli("groups", "set-keyword", "fair", status=USAGE)
        self.cli("groups", "set-keyword", "fair", "--off")
        self.cli("groups", "set-keyword", "other", "fair")

    def test_optins_import(self):
        self.cli("groups", "set-keyword", "fair", "fair")
        self.set_response()
        proc = self.cli("optins", "import", self.write("in.csv", LOG))
        # New: +49 (30) 333 and zed; changed: Bob (stop), Cid (joined).
        self.assertEqual(proc.stdout.strip(), "created 2, updated 2, skipped 1, rejected 0")
        self.assertIn("hello?", proc.stderr)
        self.assertEqual(self.query("SELECT status FROM contacts WHERE email = 'bob@x.com'"), [("unsubscribed",)])
        self.assertTrue({"ann@x.com", "cid@x.com", "zed@x.com"} <= set(self.members("fair")))
        self.assertEqual(self.query("SELECT count(*) FROM memberships m JOIN groups g ON g.id = m.group_id "
                                    "WHERE g.code = 'fair'"), [(4,)])
        self.assertEqual(self.query("SELECT phone FROM contacts WHERE email IS NULL"), [("+49 (30) 333",)])
        events = list(csv.DictReader(io.StringIO(self.cli("groups", "events", "fair").stdout)))
        self.assertEqual(sorted((e["email"], e["reason"]) for e in events),
                         [("", "keyword"), ("ann@x.com", "manual"), ("cid@x.com", "keyword"),
                          ("zed@x.com", "keyword")])
        # The joiners with an email address get the response message.
        self.assertEqual(sorted(m["recipient"] for m in self.messages()), ["cid@x.com", "zed@x.com"])

        before = (self.query("SELECT * FROM contacts ORDER BY id"), self.query("SELECT * FROM memberships"),
                  self.query("SELECT count(*) FROM messages"))
        again = self.cli("optins", "import", self.write("in.csv", LOG))
        self.assertEqual(again.stdout.strip(), "created 0, updated 0, skipped 5, rejected 0")
        self.assertEqual(before, (self.query("SELECT * FROM contacts ORDER BY id"),
                                  self.query("SELECT * FROM memberships"),
                                  self.query("SELECT count(*) FROM messages")))

        self.cli("optins", "import", self.write("start.csv",
                 "from,text,received_at\nbob@x.com,START,2026-01-02T10:00:00Z\n"))
        self.assertEqual(self.query("SELECT status FROM contacts WHERE email = 'bob@x.com'"), [("active",)])

    def test_optins_bad_input(self):
        proc = self.cli("optins", "import", self.write("bad.csv", "sender,message\nx,y\n"), status=INVALID)
        self.assertIn("from,text,received_at", proc.stderr)
        proc = self.cli("optins", "import", self.write("bad-date.csv",
                        "from,text,received_at\nann@x.com,stop,yesterday\n"), status=INVALID)
        self.assertIn("bad-date.csv:2", proc.stderr)
        self.assertEqual(self.query("SELECT status FROM contacts WHERE email = 'ann@x.com'"), [("active",)])
        self.cli("optins", "import", os.path.join(self.tmp.name, "missing.csv"), status=NOT_FOUND)

    def test_export(self):
        self.set_response()
        self.cli("groups", "add", "fair", "bob@x.com", "cid@x.com")
        self.cli("accounts", "set", "Acme")
        self.cli("contacts", "set", "cid@x.com", "company=Acme")
        mbox = self.cli("outbox", "export", "--format", "mbox").stdout
        path = self.write("out.mbox", mbox)
        letters = list(mailbox.mbox(path))
        self.assertEqual([m["To"] for m in letters], ["bob@x.com", "cid@x.com"])
        subject = str(email.header.make_header(email.header.decode_header(letters[1]["Subject"])))
        self.assertEqual(subject, "Hallo Cid – willkommen")
        self.assertEqual(letters[0].get_payload(decode=True).decode(), "Welcome friend from nowhere!\n")
        self.assertEqual(letters[1].get_payload(decode=True).decode(), "Welcome Cid from Acme!\n")
        self.assertTrue(all(m["Message-ID"] and m["Date"] for m in letters))
        self.assertEqual([m["state"] for m in self.messages()], ["queued", "queued"])

        # Bob unsubscribes before it leaves: skipped, with the reason.
        self.cli("contacts", "set", "bob@x.com", "status=unsubscribed")
        rows = list(csv.DictReader(io.StringIO(self.cli("outbox", "export", "--mark-sent").stdout)))
        self.assertEqual([(r["to"], r["body"]) for r in rows], [("cid@x.com", "Welcome Cid from Acme!\n")])
        states = {m["recipient"]: (m["state"], m["reason"]) for m in self.messages()}
        self.assertEqual(states, {"bob@x.com": ("skipped", "the contact is unsubscribed"),
                                  "cid@x.com": ("sent", None)})
        self.assertEqual(self.cli("outbox", "export").stdout, "to,subject,body\n")
        self.assertEqual(len(self.messages("--state", "sent")), 1)
        self.cli("outbox", "list", "--state", "lost", status=USAGE)
        self.cli("outbox", "export", "--format", "pdf", status=USAGE)

    def test_paused_campaign_held(self):
        self.cli("campaigns", "create", "spring", "--name", "Spring", "--include", "fair", "--body", "-",
                 stdin="Hi {{first_name}}")
        self.cli("campaigns", "start", "spring")
        self.cli("campaigns", "pause", "spring")
        self.assertEqual(self.cli("outbox", "export").stdout, "to,subject,body\n")
        self.cli("campaigns", "resume", "spring")
        rows = list(csv.DictReader(io.StringIO(self.cli("outbox", "export", "--channel", "email").stdout)))
        self.assertEqual([(r["to"], r["body"]) for r in rows], [("ann@x.com", "Hi Ann")])
        self.assertEqual(self.cli("outbox", "export", "--channel", "sms").stdout, "to,subject,body\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
