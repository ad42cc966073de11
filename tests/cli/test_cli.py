#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of cohort-cli (SPEC §4): every command and its exit codes.

Each test works on a fresh database file in its own temporary folder, runs
the real binary and checks what it printed, its exit status and, where that
says more, the SQLite file itself (read only).
"""

import csv
import io
import json
import os
import random
import re
import sqlite3
import subprocess
import tempfile
import unittest

CLI = os.environ["COHORT_CLI"]
FIXTURES = os.path.join(os.environ["COHORT_FIXTURES"], "cli")

OK, USAGE, INVALID, NOT_FOUND, DATABASE = 0, 1, 2, 3, 4


def fixture(name):
    return os.path.join(FIXTURES, name)


def import_fixture(name):
    """The files of tests/fixtures/import, shared with test-import.c."""
    return os.path.join(os.environ["COHORT_FIXTURES"], "import", name)


def emails_in(node):
    """Every "email" value anywhere in a parsed JSON document."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "email" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(emails_in(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(emails_in(item))
    return found


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cohort-cli-test-")
        self.db = os.path.join(self.tmp.name, "cohort.db")
        self.env = dict(os.environ)
        # The default database must never be the developer's own.
        self.env["XDG_DATA_HOME"] = os.path.join(self.tmp.name, "data")
        self.env["HOME"] = self.tmp.name
        self.env["LC_ALL"] = "C.UTF-8"
        self.env["TZ"] = "UTC"

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, status=OK, stdin=None, db=True):
        argv = [CLI] + (["--db", self.db] if db else []) + list(args)
        proc = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                              env=self.env, timeout=300)
        self.assertEqual(proc.returncode, status,
                         f"{' '.join(argv[1:])}\n--- stdout\n{proc.stdout}"
                         f"--- stderr\n{proc.stderr}")
        for line in proc.stderr.splitlines():
            if line and not line.startswith("Try ") and proc.returncode != OK:
                if not line.startswith(("cohort-cli: ", "Usage:", "Commands:", "  ",
                                        "Global options")):
                    self.fail(f"stderr line without the cohort-cli: prefix: {line!r}")
        return proc

    def query(self, sql, params=()):
        connection = sqlite3.connect(f"file:{self.db}?mode=rw", uri=True)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def members(self, code):
        return self.cli("groups", "members", code).stdout.splitlines()

    def group_json(self, code):
        return json.loads(self.cli("groups", "show", code, "--json").stdout)

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def import_contacts(self):
        out = self.cli("contacts", "import", fixture("contacts.csv")).stdout
        self.assertEqual(out.strip(), "created 4, updated 0, skipped 0, rejected 0")

    def contact_row(self, email):
        rows = self.query("SELECT first_name, last_name, phone, job_title, city, country, "
                          "status, score, (SELECT name FROM accounts a WHERE a.id = account_id), "
                          "merged_into FROM contacts WHERE email_fold = lower(?)", (email,))
        self.assertEqual(len(rows), 1, f"no single contact {email}")
        keys = ("first_name", "last_name", "phone", "job_title", "city", "country",
                "status", "score", "company", "merged_into")
        return dict(zip(keys, rows[0]))

    def tags(self, email):
        return sorted(r[0] for r in self.query(
            "SELECT tag FROM contact_tags JOIN contacts c ON c.id = contact_id "
            "WHERE c.email_fold = lower(?)", (email,)))


class UsageTests(CliTestCase):
    def test_no_command_lists_commands(self):
        proc = self.cli(status=USAGE, db=False)
        self.assertIn("No command given", proc.stderr)
        self.assertIn("groups recalc", proc.stderr)

    def test_help(self):
        out = self.cli("--help", db=False).stdout
        for command in ("contacts import", "contacts set", "contacts delete", "contacts merge",
                        "contacts export", "accounts import", "accounts set",
                        "activities import", "groups create", "groups set-condition",
                        "groups add", "groups remove", "groups add-account", "groups recalc",
                        "groups schedule", "groups members", "groups explain", "groups list",
                        "groups show", "groups delete", "schema", "demo"):
            self.assertIn(command, out)

    def test_command_help(self):
        out = self.cli("contacts", "import", "--help").stdout
        self.assertIn("contacts import FILE.csv", out)
        self.assertIn("--update", out)
        self.assertIn("--db", out)
        self.assertIn("--group", self.cli("contacts", "export", "-h").stdout)
        self.assertIn("--condition", self.cli("groups", "create", "--help").stdout)
        self.assertIn("groups show", self.cli("groups", "--help").stdout)

    def test_usage_errors(self):
        cases = [
            (("bogus",), "Unknown command “bogus”"),
            (("contacts",), "“contacts” needs a command"),
            (("contacts", "frobnicate"), "Unknown command “contacts frobnicate”"),
            (("contacts", "import"), "Missing arguments"),
            (("groups", "show", "a", "b"), "Unexpected argument “b”"),
            (("contacts", "export", "--bogus"), "--bogus"),
            (("contacts", "export", "--format", "xml"), "--format: “xml”"),
            (("groups", "members", "x", "--format", "yaml"), "--format: “yaml”"),
            (("groups", "schedule", "x", "sometimes"), "neither on nor off"),
            (("contacts", "set", "a@example.com", "first_name"), "“first_name” is not FIELD=VALUE"),
            (("contacts", "set", "", "first_name=A"), "EMAIL is empty"),
            (("groups", "create", "x", "--name", "X"), "--static or --dynamic"),
            (("groups", "create", "x", "--name", "X", "--static", "--dynamic"), "--static or --dynamic"),
            (("groups", "create", "x", "--static"), "--name"),
            (("groups", "create", "x", "--name", "X", "--dynamic"), "--condition"),
            (("groups", "create", "x", "--name", "X", "--static", "--condition", "-"), "no condition"),
            (("groups", "recalc"), "--all"),
            (("groups", "recalc", "x", "--all"), "--all"),
            (("demo",), "--contacts"),
            (("demo", "--contacts", "ten"), "--contacts"),
            (("--now", "soon", "groups", "list"), "--now"),
            (("--timezone", "Mars/Olympus_Mons", "groups", "list"), "--timezone"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                proc = self.cli(*args, status=USAGE)
                self.assertIn(message, proc.stderr)
                self.assertTrue(proc.stderr.startswith("cohort-cli: "), proc.stderr)
                self.assertEqual(proc.stdout, "")
        self.assertFalse(os.path.exists(self.db), "a usage error must not create the database")

    def test_global_options_after_the_command(self):
        self.cli("contacts", "set", "a@example.com", "first_name=Ann", "--db", self.db, db=False)
        self.cli("groups", "list", f"--db={self.db}", "--timezone", "Europe/Berlin", db=False)
        self.assertEqual(self.query("SELECT email FROM contacts"), [("a@example.com",)])

    def test_c_locale_reads_utf8_arguments(self):
        self.env["LC_ALL"] = "C"
        self.cli("groups", "create", "kunden", "--name", "Müller-Kunden", "--static")
        self.cli("contacts", "set", "zoë@example.com", "first_name=Zoë")
        self.assertEqual(self.group_json("kunden")["name"], "Müller-Kunden")
        self.assertEqual(self.query("SELECT first_name FROM contacts"), [("Zoë",)])

    def test_double_dash_ends_options(self):
        self.cli("contacts", "set", "--", "a@example.com", "custom.note=--update")
        self.assertEqual(self.query("SELECT value FROM contact_fields WHERE key = 'note'"),
                         [("--update",)])


class ContactImportTests(CliTestCase):
    def test_row_errors_exit_2_and_keep_valid_rows(self):
        proc = self.cli("contacts", "import", fixture("contacts_with_errors.csv"), status=INVALID)
        self.assertEqual(proc.stdout.strip(), "created 3, updated 0, skipped 0, rejected 2")
        rejected = [line for line in proc.stderr.splitlines() if "contacts_with_errors.csv:" in line]
        self.assertEqual(len(rejected), 2, proc.stderr)
        self.assertIn("contacts_with_errors.csv:4:", rejected[0])
        self.assertIn("score", rejected[0])
        self.assertIn("contacts_with_errors.csv:5:", rejected[1])
        self.assertIn("status", rejected[1])
        self.assertEqual(sorted(r[0] for r in self.query("SELECT email FROM contacts")),
                         ["anna@acme.com", "ben@example.org", "emma@example.net"])
        self.assertEqual(self.contact_row("ben@example.org")["status"], "inactive")

    def test_existing_emails_are_skipped_unless_update(self):
        self.import_contacts()
        proc = self.cli("contacts", "import", fixture("contacts_update.csv"))
        self.assertEqual(proc.stdout.strip(), "created 1, updated 0, skipped 1, rejected 0")
        self.assertIn("contacts_update.csv:2:", proc.stderr)
        self.assertIn("anna@acme.com", proc.stderr.lower())
        self.assertEqual(self.contact_row("anna@acme.com")["city"], "Berlin")
        self.assertEqual(self.contact_row("frank@example.com")["city"], "Zürich")

        proc = self.cli("contacts", "import", fixture("contacts_update.csv"), "--update")
        self.assertEqual(proc.stdout.strip(), "created 0, updated 2, skipped 0, rejected 0")
        anna = self.contact_row("anna@acme.com")
        self.assertEqual(anna["city"], "Hamburg")
        self.assertEqual(anna["last_name"], "Schmidt", "a column the file lacks stays as it was")
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(5,)])

    def test_canonical_columns(self):
        self.import_contacts()
        anna = self.contact_row("anna@acme.com")
        self.assertEqual(anna["first_name"], "Anna")
        self.assertEqual(anna["phone"], "+49 30 1234567")
        self.assertEqual(anna["job_title"], "CMO")
        self.assertEqual(anna["company"], "Acme")
        self.assertEqual(anna["country"], "DE")
        self.assertEqual(anna["score"], 80)
        self.assertEqual(self.tags("anna@acme.com"), ["newsletter", "vip"])
        self.assertEqual(self.contact_row("emma@example.net")["status"], "unsubscribed")
        self.assertEqual(self.query("SELECT count(*) FROM accounts"), [(1,)])

    def test_google_contacts_export(self):
        out = self.cli("contacts", "import", fixture("google_contacts.csv")).stdout
        self.assertEqual(out.strip(), "created 2, updated 0, skipped 0, rejected 0")
        jurgen = self.contact_row("juergen.weiss@example.de")
        self.assertEqual(jurgen["first_name"], "Jürgen")
        self.assertEqual(jurgen["last_name"], "Weiß")
        self.assertEqual(jurgen["phone"], "+49 170 5550101")
        self.assertEqual(jurgen["company"], "Weiß Maschinenbau GmbH")
        self.assertEqual(jurgen["job_title"], "Head of Purchasing")
        marie = self.contact_row("marie.dubois@example.fr")
        self.assertEqual((marie["first_name"], marie["last_name"]), ("Marie", "Dubois"))
        self.assertEqual(marie["job_title"], "Designer")
        self.assertEqual(marie["company"], "Atelier Dubois")

    def test_outlook_export(self):
        out = self.cli("contacts", "import", fixture("outlook_contacts.csv")).stdout
        self.assertEqual(out.strip(), "created 2, updated 0, skipped 0, rejected 0")
        sakura = self.contact_row("sakura.tanaka@example.jp")
        self.assertEqual(sakura, {
            "first_name": "Sakura", "last_name": "Tanaka", "phone": "+81 3 5555 0100",
            "job_title": "Sales Director", "city": "Tokyo", "country": "Japan",
            "status": "active", "score": None, "company": "Kaito Trading",
            "merged_into": None})
        self.assertEqual(self.tags("sakura.tanaka@example.jp"), ["Partners", "VIP"])
        liam = self.contact_row("liam.obrien@example.ie")
        self.assertEqual(liam["last_name"], "O'Brien")
        self.assertEqual(liam["country"], "Ireland")

    def test_import_into_static_groups(self):
        self.cli("groups", "create", "news", "--name", "Newsletter", "--static")
        self.cli("groups", "create", "fair", "--name", "Trade fair", "--static")
        self.cli("contacts", "import", fixture("contacts.csv"), "--group", "news", "--group", "fair")
        expected = ["anna@acme.com", "ben@example.org", "carla@acme.com", "emma@example.net"]
        self.assertEqual(self.members("news"), expected)
        self.assertEqual(self.members("fair"), expected)

    def test_import_into_unknown_group_is_not_found(self):
        proc = self.cli("contacts", "import", fixture("contacts.csv"), "--group", "nope",
                        status=NOT_FOUND)
        self.assertIn("nope", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(0,)])

    def test_import_file_without_header_is_invalid(self):
        path = self.write("empty.csv", "")
        proc = self.cli("contacts", "import", path, status=INVALID)
        self.assertIn("empty.csv", proc.stderr)


class ImportFormatTests(CliTestCase):
    """The files marketers really have: legacy encodings, other tools'
    export layouts, a column mapping, vCard."""

    def test_windows_1252_is_detected_and_said(self):
        proc = self.cli("contacts", "import", import_fixture("outlook-windows-1252.csv"))
        self.assertEqual(proc.stdout.strip(), "created 2, updated 0, skipped 0, rejected 0")
        self.assertIn("cohort-cli: outlook-windows-1252.csv: read as Windows-1252 (not valid UTF-8)",
                      proc.stderr)
        self.assertIn("cohort-cli: outlook-windows-1252.csv: recognised as an Outlook contact export",
                      proc.stderr)
        self.assertEqual(self.contact_row("juergen@weiss.de")["last_name"], "Weiß")
        # Outlook's placeholders (Birthday 0/0/00, Priority Normal, …) are not stored.
        self.assertEqual(self.query(
            "SELECT key FROM contact_fields f JOIN contacts c ON c.id = f.contact_id "
            "WHERE c.email = 'juergen@weiss.de'"), [("Notes",)])

    def test_forced_encoding_names_line_1_of_an_unreadable_header(self):
        proc = self.cli("contacts", "import", import_fixture("header-cp1252.csv"),
                        "--encoding", "utf-8", status=INVALID)
        self.assertIn("cohort-cli: header-cp1252.csv:1: the row is not valid UTF-8 text", proc.stderr)
        self.assertNotIn("no known column", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(0,)])
        proc = self.cli("contacts", "import", import_fixture("header-cp1252.csv"),
                        "--encoding", "windows-1252")
        self.assertIn("read as Windows-1252 (as asked)", proc.stderr)
        self.assertEqual(self.contact_row("anna@x.de")["first_name"], "Änne")

    def test_unknown_encoding_is_a_usage_error(self):
        proc = self.cli("contacts", "import", import_fixture("latin1.csv"), "--encoding", "klingon",
                        status=USAGE)
        self.assertIn("klingon", proc.stderr)

    def test_thunderbird_twice_does_not_double(self):
        proc = self.cli("contacts", "import", import_fixture("thunderbird.csv"))
        self.assertIn("recognised as a Thunderbird address book", proc.stderr)
        self.assertEqual(proc.stdout.strip(), "created 2, updated 0, skipped 0, rejected 0")
        proc = self.cli("contacts", "import", import_fixture("thunderbird.csv"))
        self.assertEqual(proc.stdout.strip(), "created 0, updated 0, skipped 2, rejected 0")
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(2,)])
        self.assertEqual(self.contact_row("ingrid@example.se")["company"], "Studio AB")

    def test_mailchimp_and_hubspot(self):
        proc = self.cli("contacts", "import", import_fixture("mailchimp.csv"))
        self.assertIn("recognised as a Mailchimp audience export", proc.stderr)
        self.assertEqual(self.tags("mia@example.com"), ["expo 2024", "vip"])
        self.assertEqual(self.contact_row("mia@example.com")["score"], 4)
        proc = self.cli("contacts", "import", import_fixture("hubspot.csv"))
        self.assertIn("recognised as a HubSpot contact export", proc.stderr)
        self.assertEqual(self.contact_row("ana@example.pt")["company"], "Lusa Lda")

    def test_map_file(self):
        data = self.write("kunden.csv", "E-Mail Adresse;Name;Notizen;Kundennummer\nk@x.de;Kurt;geheim;K-17\n")
        good = self.write("map.json", json.dumps({"columns": {
            "E-Mail Adresse": "email", "Name": "first_name", "Notizen": "skip",
            "Kundennummer": "custom.customer_no"}}))
        out = self.cli("contacts", "import", data, "--map", good).stdout
        self.assertEqual(out.strip(), "created 1, updated 0, skipped 0, rejected 0")
        self.assertEqual(self.contact_row("k@x.de")["first_name"], "Kurt")
        self.assertEqual(self.query("SELECT key, value FROM contact_fields"), [("customer_no", "K-17")])

        bad = self.write("bad.json", json.dumps({"columns": {"Notizen": "note"}}))
        proc = self.cli("contacts", "import", data, "--map", bad, status=INVALID)
        self.assertIn('cohort-cli: bad.json: columns["Notizen"]: “note” is not a field', proc.stderr)
        missing = self.write("missing.json", json.dumps({"columns": {"Fax": "phone"}}))
        proc = self.cli("contacts", "import", data, "--map", missing, status=INVALID)
        self.assertIn('cohort-cli: missing.json: columns["Fax"]: the header of kunden.csv has no such column',
                      proc.stderr)
        broken = self.write("broken.json", '{"columns": {"A": "email",}}')
        proc = self.cli("contacts", "import", data, "--map", broken, status=INVALID)
        self.assertIn("cohort-cli: broken.json:1:", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(1,)])

    def test_vcard_by_extension_and_by_content(self):
        proc = self.cli("contacts", "import", import_fixture("contacts.vcf"), status=INVALID)
        self.assertEqual(proc.stdout.strip(), "created 5, updated 0, skipped 0, rejected 1")
        self.assertIn("cohort-cli: contacts.vcf:50: card without END:VCARD", proc.stderr)
        self.assertEqual(self.contact_row("amelie@roux.fr")["city"], "Lyon")
        self.assertEqual(self.tags("juergen@weiss.de"), ["Trade Show", "VIP"])
        proc = self.cli("contacts", "import", import_fixture("phone-export.txt"), status=INVALID)
        self.assertEqual(proc.stdout.strip(), "created 1, updated 0, skipped 0, rejected 1")
        self.assertEqual(self.contact_row("jane@doe.com")["last_name"], "Doe")


class ContactTests(CliTestCase):
    def test_set_creates_updates_and_clears(self):
        out = self.cli("contacts", "set", "Zoe@Example.com", "first_name=Zoë", "score=7",
                       "tags=a;b", "company=Globex", "custom.source=web fair",
                       "country=NO").stdout
        self.assertEqual(out.splitlines()[0], "created Zoe@Example.com")
        zoe = self.contact_row("zoe@example.com")
        self.assertEqual((zoe["first_name"], zoe["score"], zoe["company"], zoe["country"]),
                         ("Zoë", 7, "Globex", "NO"))
        self.assertEqual(self.tags("zoe@example.com"), ["a", "b"])
        self.assertEqual(self.query("SELECT value FROM contact_fields WHERE key = 'source'"),
                         [("web fair",)])

        out = self.cli("contacts", "set", "zoe@example.com", "score=", "status=bounced").stdout
        self.assertTrue(out.startswith("updated "), out)
        zoe = self.contact_row("zoe@example.com")
        self.assertEqual((zoe["score"], zoe["status"], zoe["first_name"]), (None, "bounced", "Zoë"))
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(1,)])

    def test_set_bad_value_is_invalid_and_changes_nothing(self):
        self.cli("contacts", "set", "a@example.com", "score=3")
        proc = self.cli("contacts", "set", "a@example.com", "first_name=Ann", "score=lots",
                        status=INVALID)
        self.assertIn("score", proc.stderr)
        self.assertEqual(self.contact_row("a@example.com")["first_name"], None)
        proc = self.cli("contacts", "set", "a@example.com", "shoe_size=42", status=INVALID)
        self.assertIn("shoe_size", proc.stderr)

    def test_set_reports_groups_joined_and_left(self):
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        out = self.cli("contacts", "set", "a@example.com", "country=DE").stdout
        self.assertIn("joined: de", out)
        out = self.cli("contacts", "set", "a@example.com", "country=FR").stdout
        self.assertIn("left: de", out)
        self.assertEqual(self.members("de"), [])

    def test_delete(self):
        self.import_contacts()
        self.cli("groups", "create", "news", "--name", "News", "--static")
        self.cli("groups", "add", "news", "anna@acme.com", "ben@example.org")
        out = self.cli("contacts", "delete", "anna@acme.com", "BEN@example.org").stdout
        self.assertEqual(out.strip(), "deleted 2 contacts")
        self.assertEqual(self.members("news"), [])
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(2,)])
        self.assertEqual(self.query("SELECT count(*) FROM memberships"), [(0,)])

    def test_delete_unknown_email_deletes_nothing(self):
        self.import_contacts()
        proc = self.cli("contacts", "delete", "carla@acme.com", "ghost@example.com",
                        status=NOT_FOUND)
        self.assertIn("ghost@example.com", proc.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(4,)])

    def test_merge(self):
        self.cli("contacts", "set", "parent@example.com", "first_name=Pat", "tags=a")
        self.cli("contacts", "set", "child@example.com", "last_name=Smith", "phone=123",
                 "tags=b", "country=DE")
        self.cli("groups", "create", "news", "--name", "News", "--static")
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        self.cli("groups", "add", "news", "child@example.com")
        self.assertEqual(self.members("de"), ["child@example.com"])

        out = self.cli("contacts", "merge", "parent@example.com", "child@example.com").stdout
        self.assertEqual(out.strip(), "merged child@example.com into parent@example.com")

        self.assertEqual(self.members("news"), ["parent@example.com"])
        self.assertEqual(self.members("de"), ["parent@example.com"])
        parent = self.contact_row("parent@example.com")
        self.assertEqual((parent["first_name"], parent["last_name"], parent["phone"]),
                         ("Pat", "Smith", "123"))
        self.assertEqual(self.tags("parent@example.com"), ["a", "b"])
        child = self.contact_row("child@example.com")
        parent_id = self.query("SELECT id FROM contacts WHERE email = 'parent@example.com'")[0][0]
        self.assertEqual(child["merged_into"], parent_id)
        self.assertEqual(self.query(
            "SELECT count(*) FROM memberships m JOIN contacts c ON c.id = m.contact_id "
            "WHERE c.email = 'child@example.com'"), [(0,)])

    def test_merge_unknown_is_not_found(self):
        self.cli("contacts", "set", "parent@example.com")
        self.cli("contacts", "merge", "parent@example.com", "nobody@example.com", status=NOT_FOUND)
        self.cli("contacts", "merge", "nobody@example.com", "parent@example.com", status=NOT_FOUND)


class ExportTests(CliTestCase):
    def test_csv_guards_formulas_and_reimports(self):
        self.cli("contacts", "set", "evil@example.com", "first_name==cmd()", "last_name=+1",
                 "city=@home", "job_title=-x", "custom.note=plain")
        out = self.cli("contacts", "export").stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["email"], "evil@example.com")
        self.assertEqual(row["first_name"], "'=cmd()")
        self.assertEqual(row["last_name"], "'+1")
        self.assertEqual(row["city"], "'@home")
        self.assertEqual(row["job_title"], "'-x")
        self.assertNotIn("=cmd()\n", out.replace("'=cmd()", ""))

    def test_csv_round_trip(self):
        self.import_contacts()
        exported = self.write("export.csv", self.cli("contacts", "export").stdout)
        self.db = os.path.join(self.tmp.name, "second.db")
        out = self.cli("contacts", "import", exported).stdout
        self.assertEqual(out.strip(), "created 4, updated 0, skipped 0, rejected 0")
        self.assertEqual(self.contact_row("anna@acme.com")["company"], "Acme")
        self.assertEqual(self.tags("anna@acme.com"), ["newsletter", "vip"])

    def test_json_parses(self):
        self.import_contacts()
        document = json.loads(self.cli("contacts", "export", "--format", "json").stdout)
        self.assertEqual(sorted(emails_in(document)),
                         ["anna@acme.com", "ben@example.org", "carla@acme.com", "emma@example.net"])

    def test_export_one_group(self):
        self.import_contacts()
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        rows = list(csv.DictReader(io.StringIO(self.cli("contacts", "export", "--group", "de").stdout)))
        self.assertEqual([r["email"] for r in rows], ["anna@acme.com", "emma@example.net"])
        self.cli("contacts", "export", "--group", "nope", status=NOT_FOUND)


class AccountAndActivityTests(CliTestCase):
    def test_accounts_import_and_set(self):
        proc = self.cli("accounts", "import", fixture("accounts.csv"), status=INVALID)
        self.assertEqual(proc.stdout.strip(), "created 2, updated 0, skipped 0, rejected 1")
        self.assertIn("accounts.csv:4:", proc.stderr)
        self.assertEqual(sorted(self.query("SELECT name, industry, employees FROM accounts")),
                         [("Acme", "Manufacturing", 1200), ("Initech", "Software", 45)])

        self.assertEqual(self.cli("accounts", "set", "Acme", "employees=1300").stdout.strip(),
                         "updated account Acme")
        self.assertEqual(self.cli("accounts", "set", "Umbrella", "industry=Pharma").stdout.strip(),
                         "created account Umbrella")
        self.assertEqual(sorted(self.query("SELECT name, employees FROM accounts")),
                         [("Acme", 1300), ("Initech", 45), ("Umbrella", None)])
        proc = self.cli("accounts", "set", "Acme", "employees=many", status=INVALID)
        self.assertIn("employees", proc.stderr)

    def test_activities_import(self):
        self.import_contacts()
        proc = self.cli("activities", "import", fixture("activities.csv"), status=INVALID)
        self.assertEqual(proc.stdout.strip(), "created 3, updated 0, skipped 0, rejected 2")
        self.assertIn("activities.csv:5:", proc.stderr)
        self.assertIn("activities.csv:6:", proc.stderr)
        rows = self.query("SELECT c.email, a.type, a.occurred_at FROM activities a "
                          "JOIN contacts c ON c.id = a.contact_id ORDER BY a.occurred_at")
        self.assertEqual(rows, [("ben@example.org", "email_open", 1713592800),
                                ("anna@acme.com", "page_visit", 1714557600),
                                ("anna@acme.com", "purchase", 1714608000)])

    def test_timezone_reads_times_without_offset(self):
        self.import_contacts()
        path = self.write("visits.csv", "email,type,occurred_at\nanna@acme.com,page_visit,2024-05-02 10:00\n")
        self.cli("--timezone", "Europe/Berlin", "activities", "import", path)
        self.assertEqual(self.query("SELECT occurred_at FROM activities"), [(1714636800,)])


class GroupTests(CliTestCase):
    def test_static_group_life(self):
        self.import_contacts()
        out = self.cli("groups", "create", "vip", "--name", "VIP customers", "--static",
                       "--description", "Our best", "--color", "#e01b24").stdout
        self.assertEqual(out.strip(), "created static group vip with 0 members")
        self.assertEqual(self.cli("groups", "add", "vip", "emma@example.net", "anna@acme.com").stdout.strip(),
                         "vip: 2 members")
        self.assertEqual(self.members("vip"), ["anna@acme.com", "emma@example.net"])
        self.assertEqual(self.cli("groups", "remove", "vip", "emma@example.net").stdout.strip(),
                         "vip: 1 members")
        self.assertEqual(self.members("vip"), ["anna@acme.com"])
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(4,)],
                         "removing a member never deletes the contact")

        shown = self.group_json("vip")
        self.assertEqual((shown["code"], shown["name"], shown["kind"], shown["members"]),
                         ("vip", "VIP customers", "static", 1))
        self.assertEqual((shown["description"], shown["color"]), ("Our best", "#e01b24"))
        self.assertIsNone(shown["condition"])
        text = self.cli("groups", "show", "vip").stdout
        self.assertRegex(text, r"(?m)^name: +VIP customers$")
        self.assertRegex(text, r"(?m)^members: +1$")

        listed = json.loads(self.cli("groups", "list", "--json").stdout)
        self.assertEqual([(g["code"], g["members"]) for g in listed], [("vip", 1)])
        lines = self.cli("groups", "list").stdout.splitlines()
        self.assertEqual(lines[0].split(), ["CODE", "KIND", "MEMBERS", "RECALC", "NAME"])
        self.assertEqual(lines[1].split(), ["vip", "static", "1", "no", "VIP", "customers"])

        self.assertEqual(self.cli("groups", "delete", "vip").stdout.strip(), "deleted group vip")
        self.assertEqual(json.loads(self.cli("groups", "list", "--json").stdout), [])
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(4,)])

    def test_members_formats(self):
        self.import_contacts()
        self.cli("groups", "create", "vip", "--name", "VIP", "--static")
        self.cli("groups", "add", "vip", "carla@acme.com", "anna@acme.com")
        rows = list(csv.DictReader(io.StringIO(
            self.cli("groups", "members", "vip", "--format", "csv").stdout)))
        self.assertEqual([(r["email"], r["first_name"]) for r in rows],
                         [("anna@acme.com", "Anna"), ("carla@acme.com", "Carla")])
        document = json.loads(self.cli("groups", "members", "vip", "--format", "json").stdout)
        self.assertEqual(sorted(emails_in(document)), ["anna@acme.com", "carla@acme.com"])

    def test_not_found(self):
        self.import_contacts()
        self.cli("groups", "create", "vip", "--name", "VIP", "--static")
        for args in (("groups", "show", "nope"), ("groups", "members", "nope"),
                     ("groups", "add", "nope", "anna@acme.com"),
                     ("groups", "delete", "nope"), ("groups", "recalc", "nope"),
                     ("groups", "schedule", "nope", "on"),
                     ("groups", "set-condition", "nope", fixture("condition_de.json")),
                     ("groups", "explain", "nope", "anna@acme.com"),
                     ("groups", "add", "vip", "anna@acme.com", "ghost@example.com"),
                     ("groups", "add-account", "vip", "No Such Company")):
            with self.subTest(args=args):
                proc = self.cli(*args, status=NOT_FOUND)
                self.assertTrue(proc.stderr.startswith("cohort-cli: "), proc.stderr)
        self.assertEqual(self.members("vip"), [], "nothing is added when one email is unknown")

    def test_duplicate_and_invalid_codes(self):
        self.cli("groups", "create", "vip", "--name", "VIP", "--static")
        self.cli("groups", "create", "vip", "--name", "Again", "--static", status=INVALID)
        self.cli("groups", "create", "Not Valid", "--name", "X", "--static", status=INVALID)
        self.assertEqual(self.query("SELECT code FROM groups"), [("vip",)])

    def test_dynamic_group_refuses_manual_members(self):
        self.import_contacts()
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        proc = self.cli("groups", "add", "de", "ben@example.org", status=INVALID)
        self.assertIn("de", proc.stderr)
        self.cli("groups", "remove", "de", "anna@acme.com", status=INVALID)
        self.assertEqual(self.members("de"), ["anna@acme.com", "emma@example.net"])

    def test_dynamic_group_condition_and_recalc(self):
        self.import_contacts()
        out = self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                       "--condition", fixture("condition_de.json")).stdout
        self.assertEqual(out.strip(), "created dynamic group de with 2 members")
        self.assertEqual(self.members("de"), ["anna@acme.com", "emma@example.net"])
        self.assertEqual(self.group_json("de")["condition"]["rules"][0]["value"], "DE")

        at = '{"combinator": "or", "rules": [{"field": "country", "operator": "=", "value": "AT"}]}'
        out = self.cli("groups", "set-condition", "de", "-", stdin=at).stdout
        self.assertEqual(out.strip(), "de: condition saved, needs recalculation")
        shown = self.group_json("de")
        self.assertTrue(shown["needs_recalculation"])
        self.assertEqual(shown["condition"]["rules"][0]["value"], "AT")
        self.assertEqual(self.members("de"), ["anna@acme.com", "emma@example.net"],
                         "members stay until the group is recalculated")
        self.assertIn(" yes ", self.cli("groups", "list").stdout)

        self.assertEqual(self.cli("groups", "recalc", "de").stdout.strip(), "de: +1 -2")
        self.assertEqual(self.members("de"), ["carla@acme.com"])
        shown = self.group_json("de")
        self.assertFalse(shown["needs_recalculation"])
        self.assertIsNotNone(shown["last_recalculated_at"])
        self.assertEqual(self.cli("groups", "recalc", "--all").stdout.strip(), "de: +0 -0")

    def test_recalc_all_covers_only_dynamic_groups(self):
        self.import_contacts()
        self.cli("groups", "create", "news", "--name", "News", "--static")
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        self.cli("groups", "create", "at", "--name", "Austria", "--dynamic", "--condition", "-",
                 stdin='{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "AT"}]}')
        lines = sorted(self.cli("groups", "recalc", "--all").stdout.splitlines())
        self.assertEqual(lines, ["at: +0 -0", "de: +0 -0"])

    def test_bad_condition_names_file_and_path(self):
        self.cli("groups", "list")
        path = fixture("condition_bad_field.json")
        proc = self.cli("groups", "create", "x", "--name", "X", "--dynamic", "--condition", path,
                        status=INVALID)
        self.assertIn(f"cohort-cli: {path}: rules[0].field", proc.stderr)
        self.assertIn("shoe_size", proc.stderr)
        proc = self.cli("groups", "create", "x", "--name", "X", "--dynamic", "--condition", "-",
                        stdin="{not json", status=INVALID)
        self.assertIn("cohort-cli: standard input:1:", proc.stderr)
        self.cli("groups", "create", "x", "--name", "X", "--dynamic", "--condition",
                 os.path.join(self.tmp.name, "missing.json"), status=INVALID)
        self.assertEqual(self.query("SELECT count(*) FROM groups"), [(0,)])

    def test_json_error_names_file_line_and_column(self):
        path = self.write("dach.json", '{"combinator": "and", "rules": [{"field": "country", '
                                       '"operator": "=", "value": "DE"} x]}')
        proc = self.cli("groups", "create", "dach", "--name", "DACH", "--dynamic", "--condition", path,
                        status=INVALID)
        self.assertIn(f"cohort-cli: {path}:1:", proc.stderr)
        self.assertNotIn("<data>", proc.stderr)

    def test_group_loop_names_the_file(self):
        self.cli("groups", "create", "a", "--name", "A", "--dynamic", "--condition", fixture("condition_de.json"))
        self.cli("groups", "create", "b", "--name", "B", "--dynamic", "--condition", "-",
                 stdin='{"combinator": "and", "rules": [{"field": "group", "operator": "in", "value": ["a"]}]}')
        loop = self.write("loop.json", '{"combinator": "and", "rules": '
                                       '[{"field": "group", "operator": "in", "value": ["b"]}]}')
        proc = self.cli("groups", "set-condition", "a", loop, status=INVALID)
        self.assertIn(f"cohort-cli: {loop}: rules[0].value: ", proc.stderr)
        self.assertIn("a → b → a", proc.stderr)

    def test_set_condition_on_static_group_is_invalid(self):
        self.cli("groups", "create", "news", "--name", "News", "--static")
        self.cli("groups", "set-condition", "news", fixture("condition_de.json"), status=INVALID)

    def test_condition_referring_to_unknown_group_is_invalid(self):
        proc = self.cli("groups", "create", "x", "--name", "X", "--dynamic", "--condition", "-",
                        stdin='{"combinator": "and", "rules": [{"field": "group", "operator": "in", "value": ["ghosts"]}]}',
                        status=INVALID)
        self.assertIn("ghosts", proc.stderr)

    def test_add_account(self):
        self.import_contacts()
        self.cli("groups", "create", "acme", "--name", "Acme people", "--static")
        self.assertEqual(self.cli("groups", "add-account", "acme", "Acme").stdout.strip(),
                         "acme: 2 members")
        self.assertEqual(self.members("acme"), ["anna@acme.com", "carla@acme.com"])
        self.cli("contacts", "set", "new@acme.com", "company=Acme")
        self.assertEqual(self.members("acme"), ["anna@acme.com", "carla@acme.com", "new@acme.com"])
        self.assertEqual(self.group_json("acme")["accounts"], ["Acme"])
        self.cli("groups", "remove-account", "acme", "Acme")
        self.assertEqual(self.members("acme"), [])

    def test_schedule(self):
        self.cli("groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        out = self.cli("groups", "schedule", "de", "on").stdout.strip()
        match = re.fullmatch(r"de: scheduled daily at (\d\d):(\d\d)", out)
        self.assertIsNotNone(match, out)
        self.assertTrue(2 <= int(match.group(1)) < 6, out)
        shown = self.group_json("de")
        self.assertTrue(shown["scheduled"])
        self.assertEqual(shown["schedule_time"], f"{match.group(1)}:{match.group(2)}")
        self.assertIn(f"daily at {shown['schedule_time']}", self.cli("groups", "show", "de").stdout)
        self.assertEqual(self.cli("groups", "schedule", "de", "off").stdout.strip(),
                         "de: not scheduled")
        self.assertFalse(self.group_json("de")["scheduled"])

    def test_recalc_due_runs_each_slot_once_a_day(self):
        night = ("--timezone", "UTC", "--now", "2030-01-01T01:00:00Z")
        self.import_contacts()
        self.cli(*night, "groups", "create", "de", "--name", "Germany", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        self.cli(*night, "groups", "create", "idle", "--name", "Not scheduled", "--dynamic",
                 "--condition", fixture("condition_de.json"))
        self.cli(*night, "groups", "schedule", "de", "on")
        self.cli(*night, "groups", "set-condition", "de", "-",
                 stdin='{"combinator": "and", "rules": [{"field": "country", "operator": "=", "value": "AT"}]}')
        self.assertEqual(self.cli(*night, "groups", "recalc", "--due").stdout, "",
                         "no slot has passed at 01:00")

        morning = ("--timezone", "UTC", "--now", "2030-01-01T06:30:00Z")
        self.assertEqual(self.cli(*morning, "groups", "recalc", "--due").stdout, "de: +1 -2\n")
        self.assertEqual(self.cli(*morning, "groups", "recalc", "--due").stdout, "",
                         "a slot never runs twice in a day")
        next_morning = ("--timezone", "UTC", "--now", "2030-01-02T06:30:00Z")
        self.assertEqual(self.cli(*next_morning, "groups", "recalc", "--due").stdout, "de: +0 -0\n")
        self.cli("groups", "recalc", "--due", "de", status=USAGE)

    def test_explain(self):
        self.import_contacts()
        self.cli("groups", "create", "dach-vip", "--name", "DACH VIP", "--dynamic",
                 "--condition", fixture("condition_explain.json"))
        self.assertEqual(self.members("dach-vip"), ["anna@acme.com", "emma@example.net"])
        lines = self.cli("groups", "explain", "dach-vip", "carla@acme.com").stdout.splitlines()
        self.assertEqual(len(lines), 5, lines)
        self.assertTrue(lines[0].startswith("false "), lines)
        self.assertRegex(lines[1], r"^  true  .*\[rules\[0\]\]$")
        self.assertRegex(lines[2], r"^    true  .*AT.*\[rules\[0\]\.rules\[0\]\]$")
        self.assertRegex(lines[3], r"^    true  .*@acme\.com.*\[rules\[0\]\.rules\[1\]\]$")
        self.assertRegex(lines[4], r"^  false .*vip.*\[rules\[1\]\]$")
        lines = self.cli("groups", "explain", "dach-vip", "anna@acme.com").stdout.splitlines()
        self.assertTrue(lines[0].startswith("true "), lines)
        self.cli("groups", "explain", "dach-vip", "ghost@example.com", status=NOT_FOUND)


class SchemaAndDemoTests(CliTestCase):
    def test_schema_is_json_with_email(self):
        out = self.cli("schema", db=False).stdout
        catalog = json.loads(out)
        self.assertIn('"email"', out)
        self.assertTrue(catalog)

    def test_demo_is_deterministic(self):
        out = self.cli("--now", "2024-06-01T12:00:00Z", "demo", "--contacts", "30", "--seed", "7").stdout
        self.assertIn("30", out)
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(30,)])
        first = self.cli("contacts", "export").stdout
        self.db = os.path.join(self.tmp.name, "second.db")
        self.cli("--now", "2024-06-01T12:00:00Z", "demo", "--contacts", "30", "--seed", "7")
        self.assertEqual(self.cli("contacts", "export").stdout, first)
        self.assertTrue(json.loads(self.cli("groups", "list", "--json").stdout),
                        "the demo adds example groups")


class DatabaseFailureTests(CliTestCase):
    def assert_refused(self, expected_message):
        with open(self.db, "rb") as f:
            before = f.read()
        for args in (("groups", "list"), ("contacts", "set", "a@example.com", "first_name=A"),
                     ("contacts", "import", fixture("contacts.csv"))):
            with self.subTest(args=args):
                proc = self.cli(*args, status=DATABASE)
                self.assertTrue(proc.stderr.startswith("cohort-cli: "), proc.stderr)
                self.assertIn(self.db, proc.stderr)
                self.assertIn(expected_message, proc.stderr)
                self.assertEqual(proc.stdout, "")
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before, "the database file must be left untouched")

    def test_corrupt_database(self):
        with open(self.db, "wb") as f:
            f.write(random.Random(1234).randbytes(64 * 1024))
        self.assert_refused("damaged")

    def test_newer_schema(self):
        with sqlite3.connect(self.db) as connection:
            connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)")
            connection.execute("INSERT INTO contacts (email) VALUES ('keep@example.com')")
            connection.execute("PRAGMA user_version = 999")
        connection.close()
        self.assert_refused("newer version")
        self.assertEqual(self.query("SELECT email FROM contacts"), [("keep@example.com",)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
