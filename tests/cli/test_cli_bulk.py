#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of cohort-cli's bulk actions (SPEC §10): contacts tag,
set-status, delete --group and export (--format vcard, --filter, --columns), with their exit codes,
against real database files checked read-only with sqlite3.
"""

import csv
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import CliTestCase, OK, USAGE, INVALID, NOT_FOUND  # noqa: E402

CITIES = ["Berlin", "Vienna", "London", "Zürich", "Paris"]
COMPANIES = ["Acme", "Globex", "", "Initech"]


def people(n):
    """n contacts whose fields vary with their number."""
    rows = []
    for i in range(n):
        rows.append({
            "email": f"p{i:02d}@{'acme.com' if i % 5 == 0 else 'example.org'}",
            "first_name": f"First{i}",
            "last_name": "Miller" if i % 4 == 0 else f"Last{i}",
            "company": COMPANIES[i % len(COMPANIES)],
            "city": CITIES[i % len(CITIES)],
            "status": "active" if i % 7 else "inactive",
            "tags": "old" if i % 3 == 0 else "",
        })
    return rows


class BulkTestCase(CliTestCase):
    N = 24

    def setUp(self):
        super().setUp()
        self.people = people(self.N)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(self.people[0]))
        writer.writeheader()
        writer.writerows(self.people)
        self.cli("contacts", "import", self.write("people.csv", out.getvalue()))
        # A static group of every third contact, from the second on.
        self.listed = sorted(p["email"] for p in self.people[1::3])
        self.cli("groups", "create", "list", "--name", "List", "--static")
        self.cli("groups", "add", "list", *self.listed)

    def dynamic(self, code, field, value):
        rule = {"combinator": "and", "rules": [{"field": field, "operator": "=", "value": value}]}
        self.cli("groups", "create", code, "--name", code, "--dynamic",
                 "--condition", self.write(code + ".json", json.dumps(rule)))

    def emails_where(self, sql, params=()):
        return sorted(r[0] for r in self.query(sql, params))

    def tagged(self, tag):
        return self.emails_where("SELECT c.email FROM contact_tags t JOIN contacts c ON c.id = t.contact_id "
                                 "WHERE t.tag_fold = ?", (tag.lower(),))

    def snapshot(self):
        """Everything a bulk action could change."""
        return (self.query("SELECT * FROM contacts ORDER BY id"),
                self.query("SELECT * FROM contact_tags ORDER BY 1, 2"),
                self.query("SELECT * FROM memberships ORDER BY 1, 2"),
                self.query("SELECT id, member_count FROM groups ORDER BY id"))

    def assert_counts_right(self):
        """Every group's stored member count is its number of members."""
        for code, count, actual in self.query(
                "SELECT code, member_count, (SELECT count(*) FROM memberships WHERE group_id = g.id) "
                "FROM groups g"):
            self.assertEqual(count, actual, code)


class TagTests(BulkTestCase):
    def test_tag_group_members_and_dynamic_group_follows(self):
        self.dynamic("promo", "tag", "promo")
        self.assertEqual(self.members("promo"), [])

        out = self.cli("contacts", "tag", "--group", "list", "--add", "promo", "--add", "  Summer ").stdout
        self.assertEqual(out, f"tagged {len(self.listed)} contacts\n")
        self.assertEqual(self.tagged("promo"), self.listed)
        self.assertEqual(self.tagged("summer"), self.listed)
        self.assertEqual(self.query("SELECT DISTINCT tag FROM contact_tags WHERE tag_fold = 'summer'"),
                         [("Summer",)])
        # Exactly the touched contacts joined the dynamic group.
        self.assertEqual(self.members("promo"), self.listed)
        self.assert_counts_right()

        # Nothing left to change: 0, not an error.
        self.assertEqual(self.cli("contacts", "tag", "--group", "list", "--add", "PROMO").stdout,
                         "tagged 0 contacts\n")

        # The selection is fixed before the action: emptying the dynamic
        # group it comes from does not cut the action short.
        out = self.cli("contacts", "tag", "--group", "promo", "--remove", "promo").stdout
        self.assertEqual(out, f"removed tags from {len(self.listed)} contacts\n")
        self.assertEqual(self.tagged("promo"), [])
        self.assertEqual(self.members("promo"), [])
        self.assertEqual(self.tagged("summer"), self.listed)
        self.assert_counts_right()

    def test_add_and_remove_together_counts_each_contact_once(self):
        old = self.tagged("old")
        out = self.cli("contacts", "tag", "--filter", "", "--add", "new", "--remove", "old").stdout
        self.assertEqual(out, f"changed tags of {self.N} contacts\n")
        self.assertEqual(self.tagged("old"), [])
        self.assertEqual(len(self.tagged("new")), self.N)
        self.assertTrue(old)

    def test_tag_by_filter_takes_what_the_list_shows(self):
        # The contact list's filter: name, email or account contains the text.
        expected = sorted(p["email"] for p in self.people
                          if "acme" in p["email"] or p["company"] == "Acme")
        out = self.cli("contacts", "tag", "--filter", "ACME", "--add", "acme-ish").stdout
        self.assertEqual(out, f"tagged {len(expected)} contacts\n")
        self.assertEqual(self.tagged("acme-ish"), expected)

        millers = sorted(p["email"] for p in self.people if p["last_name"] == "Miller")
        out = self.cli("contacts", "tag", "--filter", "miller", "--add", "m").stdout
        self.assertEqual(out, f"tagged {len(millers)} contacts\n")
        self.assertEqual(self.tagged("m"), millers)

    def test_group_and_filter_combine(self):
        expected = sorted(p["email"] for p in self.people
                          if p["email"] in self.listed and p["last_name"] == "Miller")
        self.assertTrue(expected)
        self.cli("contacts", "tag", "--group", "list", "--filter", "Miller", "--add", "both")
        self.assertEqual(self.tagged("both"), expected)

    def test_sql_characters_are_values(self):
        self.cli("contacts", "set", "ob@example.org", "last_name=O'Brien", "first_name=x\"); --")
        nasty = "it's') OR 1=1 -- DROP TABLE contacts"
        out = self.cli("contacts", "tag", "--filter", "o'brien", "--add", nasty).stdout
        self.assertEqual(out, "tagged 1 contact\n")
        self.assertEqual(self.tagged(nasty), ["ob@example.org"])
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(self.N + 1,)])

    def test_tag_emails(self):
        out = self.cli("contacts", "tag", "p01@example.org", "P02@example.org", "--add", "x").stdout
        self.assertEqual(out, "tagged 2 contacts\n")
        self.assertEqual(self.tagged("x"), ["p01@example.org", "p02@example.org"])

    def test_merged_contacts_are_never_selected(self):
        self.cli("contacts", "merge", "p01@example.org", "p02@example.org")
        self.cli("contacts", "tag", "--filter", "First2", "--add", "x")
        # First2 and First20..23, but not the merged First2 (p02).
        self.assertEqual(self.tagged("x"), [f"p{i}@{'acme.com' if i % 5 == 0 else 'example.org'}"
                                            for i in (20, 21, 22, 23)])

    def test_failing_tag_changes_nothing(self):
        self.dynamic("promo", "tag", "promo")
        before = self.snapshot()
        for tags, named in (((" good ", "   ", "fine"), "“   ”"),
                            (("good", "a;b"), "a;b"),
                            (("good", "x,y"), "x,y")):
            args = [a for t in tags for a in ("--add", t)]
            proc = self.cli("contacts", "tag", "--group", "list", *args, status=INVALID)
            self.assertIn(named, proc.stderr)
            self.assertEqual(self.snapshot(), before)
        proc = self.cli("contacts", "tag", "--group", "list", "--add", "Same", "--remove", "same",
                        status=INVALID)
        self.assertIn("both added and removed", proc.stderr)
        self.assertEqual(self.snapshot(), before)

    def test_unknown_group_or_email_is_not_found(self):
        before = self.snapshot()
        proc = self.cli("contacts", "tag", "--group", "nope", "--add", "x", status=NOT_FOUND)
        self.assertIn("“nope”", proc.stderr)
        proc = self.cli("contacts", "tag", "p01@example.org", "ghost@example.org", "--add", "x",
                        status=NOT_FOUND)
        self.assertIn("ghost@example.org", proc.stderr)
        self.assertEqual(self.snapshot(), before)

    def test_usage_errors(self):
        for args, message in (
                (("--group", "list"), "--add"),
                (("--add", "x"), "--group"),
                (("--group", "list", "p01@example.org", "--add", "x"), "not both"),
                (("--group", "list", "--add"), "--add")):
            proc = self.cli("contacts", "tag", *args, status=USAGE)
            self.assertIn(message, proc.stderr)

    def test_empty_group_changes_nothing(self):
        self.cli("groups", "create", "empty", "--name", "Empty", "--static")
        before = self.snapshot()
        self.assertEqual(self.cli("contacts", "tag", "--group", "empty", "--add", "x").stdout,
                         "tagged 0 contacts\n")
        self.assertEqual(self.snapshot(), before)


class StatusTests(BulkTestCase):
    def test_set_status_of_group_and_dynamic_group_follows(self):
        self.dynamic("bounced", "status", "bounced")
        self.dynamic("inactive", "status", "inactive")
        inactive = sorted(p["email"] for p in self.people if p["status"] == "inactive")
        self.assertEqual(self.members("inactive"), inactive)

        out = self.cli("contacts", "set-status", "--group", "list", "bounced").stdout
        self.assertEqual(out, f"set status bounced on {len(self.listed)} contacts\n")
        self.assertEqual(self.emails_where("SELECT email FROM contacts WHERE status = 'bounced'"),
                         self.listed)
        self.assertEqual(self.members("bounced"), self.listed)
        self.assertEqual(self.members("inactive"), sorted(set(inactive) - set(self.listed)))
        self.assert_counts_right()

        out = self.cli("contacts", "set-status", "p01@example.org", "p04@example.org", "active").stdout
        self.assertEqual(out, "set status active on 2 contacts\n")
        self.assertEqual(self.members("bounced"),
                         sorted(set(self.listed) - {"p01@example.org", "p04@example.org"}))
        # Already active: nothing to change.
        self.assertEqual(self.cli("contacts", "set-status", "p01@example.org", "active").stdout,
                         "set status active on 0 contacts\n")

    def test_errors(self):
        before = self.snapshot()
        proc = self.cli("contacts", "set-status", "--group", "list", "gone", status=INVALID)
        self.assertIn("“gone”", proc.stderr)
        self.assertIn("active, inactive, unsubscribed or bounced", proc.stderr)
        proc = self.cli("contacts", "set-status", "--group", "nope", "active", status=NOT_FOUND)
        self.assertIn("“nope”", proc.stderr)
        proc = self.cli("contacts", "set-status", "ghost@example.org", "active", status=NOT_FOUND)
        self.assertIn("ghost@example.org", proc.stderr)
        self.cli("contacts", "set-status", "active", status=USAGE)
        self.cli("contacts", "set-status", "--group", "list", "p01@example.org", "active", status=USAGE)
        self.assertEqual(self.snapshot(), before)


class DeleteTests(BulkTestCase):
    def test_delete_group_needs_yes_and_names_the_count(self):
        before = self.snapshot()
        proc = self.cli("contacts", "delete", "--group", "list", status=USAGE)
        self.assertIn(f"{len(self.listed)} contacts", proc.stderr)
        self.assertIn("--yes", proc.stderr)
        self.assertEqual(self.snapshot(), before)

    def test_delete_group_members(self):
        self.dynamic("zurich", "city", "Zürich")
        zurich = sorted(p["email"] for p in self.people if p["city"] == "Zürich")
        self.cli("activities", "import", self.write("a.csv", "email,type,occurred_at\n"
                                                    f"{self.listed[0]},page_visit,2026-01-01T10:00:00Z\n"
                                                    "p00@acme.com,page_visit,2026-01-01T10:00:00Z\n"))
        out = self.cli("contacts", "delete", "--group", "list", "--yes").stdout
        self.assertEqual(out, f"deleted {len(self.listed)} contacts\n")
        left = sorted(set(p["email"] for p in self.people) - set(self.listed))
        self.assertEqual(self.emails_where("SELECT email FROM contacts"), left)
        self.assertEqual(self.members("list"), [])
        self.assertEqual(self.members("zurich"), sorted(set(zurich) - set(self.listed)))
        self.assertEqual(self.query("SELECT count(*) FROM activities"), [(1,)])
        for table in ("contact_tags", "contact_fields", "memberships", "activities"):
            self.assertEqual(self.query(f"SELECT count(*) FROM {table} "
                                        "WHERE contact_id NOT IN (SELECT id FROM contacts)"), [(0,)])
        self.assert_counts_right()
        csv_out = self.cli("contacts", "export").stdout
        self.assertEqual(sorted(r["email"] for r in csv.DictReader(io.StringIO(csv_out))), left)

    def test_errors_and_email_form(self):
        self.cli("contacts", "delete", "--group", "nope", "--yes", status=NOT_FOUND)
        self.cli("contacts", "delete", status=USAGE)
        self.cli("contacts", "delete", "--group", "list", "p01@example.org", "--yes", status=USAGE)
        self.assertEqual(self.cli("contacts", "delete", "p00@acme.com", "p03@example.org").stdout,
                         "deleted 2 contacts\n")
        self.assertEqual(self.query("SELECT count(*) FROM contacts"), [(self.N - 2,)])


class ExportSelectionTests(BulkTestCase):
    """contacts export --filter and --columns: the file holds exactly the
    contacts and the columns asked for."""

    def export_csv(self, *args):
        text = self.cli("contacts", "export", *args).stdout
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        return header, list(reader)

    def test_filter_exports_what_the_list_shows(self):
        expected = sorted(p["email"] for p in self.people
                          if "acme" in p["email"] or p["company"] == "Acme")
        header, rows = self.export_csv("--filter", "ACME")
        self.assertEqual(header[0], "email")
        self.assertEqual([r[0] for r in rows], expected)

    def test_group_and_filter_combine(self):
        expected = sorted(p["email"] for p in self.people
                          if p["email"] in self.listed and p["last_name"] == "Miller")
        self.assertTrue(expected)
        _, rows = self.export_csv("--group", "list", "--filter", "Miller")
        self.assertEqual([r[0] for r in rows], expected)
        self.assertEqual(self.cli("contacts", "export", "--group", "list", "--filter", "nobody-at-all")
                         .stdout.splitlines(), [",".join(header_of_all())])

    def test_columns_in_the_export_order(self):
        self.cli("contacts", "set", "p01@example.org", "custom.region=North", "first_name==1+2")
        header, rows = self.export_csv("--filter", "example.org", "--columns",
                                       "custom.region, city,first_name,email")
        self.assertEqual(header, ["email", "first_name", "city", "custom.region"])
        by_email = {p["email"]: p for p in self.people}
        expected = []
        for email in sorted(e for e in by_email if e.endswith("example.org")):
            p = by_email[email]
            if email == "p01@example.org":
                # The formula guard of SPEC §6 holds with a choice of columns.
                expected.append([email, "'=1+2", p["city"], "North"])
            else:
                expected.append([email, p["first_name"], p["city"], ""])
        self.assertEqual(rows, expected)

    def test_json_has_exactly_the_columns(self):
        self.cli("contacts", "set", "p01@example.org", "custom.region=North")
        out = self.cli("contacts", "export", "--format", "json", "--group", "list",
                       "--columns", "tags,email,custom.region").stdout
        objects = json.loads(out)
        self.assertEqual([o["email"] for o in objects], self.listed)
        for o in objects:
            self.assertEqual(list(o), ["email", "tags", "custom"])
        self.assertEqual(objects[0]["custom"], {"region": "North"})
        self.assertEqual(objects[1]["custom"], {})
        self.assertEqual(list(json.loads(self.cli("contacts", "export", "--format", "json",
                                                  "--columns", "score").stdout)[0]), ["score"])

    def test_vcard_ignores_the_columns(self):
        plain = self.cli("contacts", "export", "--format", "vcard", "--filter", "acme").stdout
        chosen = self.cli("contacts", "export", "--format", "vcard", "--filter", "acme",
                          "--columns", "email").stdout
        self.assertEqual(chosen, plain)
        self.assertIn("ORG:Acme", chosen)

    def test_unknown_column_is_invalid_and_names_it(self):
        self.cli("contacts", "set", "p01@example.org", "custom.region=North")
        for columns in ("email,emial", "custom.nope", "email,"):
            with self.subTest(columns):
                proc = self.cli("contacts", "export", "--columns", columns, status=INVALID)
                self.assertEqual(proc.stdout, "")
                bad = columns.split(",")[-1]
                self.assertIn(f"“{bad}”", proc.stderr)
                self.assertIn("first_name", proc.stderr)
                self.assertIn("custom.region", proc.stderr)

    def test_no_column_is_invalid(self):
        proc = self.cli("contacts", "export", "--columns", "", status=INVALID)
        self.assertEqual(proc.stdout, "")
        self.assertIn("at least one column", proc.stderr)

    def test_help_names_the_options(self):
        out = self.cli("contacts", "export", "--help").stdout
        for option in ("--filter", "--columns", "--group", "--format"):
            self.assertIn(option, out)


def header_of_all():
    return ["email", "first_name", "last_name", "phone", "job_title", "company", "city",
            "country", "status", "score", "tags", "created_at"]


class VcardExportTests(BulkTestCase):
    TRICKY = {
        "first_name": "Zoë, the \\ great",
        "last_name": "O'Brien; Jr.",
        "job_title": "Leiterin für Öffentlichkeitsarbeit und Kommunikation, Region Süd; "
                     "Vertretung 🚀 Marketing",
        "phone": "+43 1 234",
        "company": "Müller, Söhne & Co; KG",
        "city": "Sankt Pölten",
        "country": "AT",
    }

    def test_vcard_is_folded_escaped_utf8(self):
        self.cli("contacts", "set", "zoe@example.at",
                 *[f"{k}={v}" for k, v in self.TRICKY.items()], "tags=a;c\\d")
        raw = self.cli("contacts", "export", "--group", "list", "--format", "vcard").stdout
        self.assertEqual(raw.count("BEGIN:VCARD"), len(self.listed))
        self.cli("groups", "add", "list", "zoe@example.at")
        proc = self.cli_bytes("contacts", "export", "--format", "vcard")
        self.assertTrue(proc.endswith(b"END:VCARD\r\n"))
        lines = proc.split(b"\r\n")
        self.assertNotIn(b"\n", b"".join(lines))
        self.assertTrue(all(len(line) <= 75 for line in lines))
        for line in lines:
            line.decode("utf-8")  # no sequence cut by folding
        text = proc.decode("utf-8").replace("\r\n ", "")
        self.assertIn("VERSION:4.0", text)
        self.assertIn("N:O'Brien\\; Jr.;Zoë\\, the \\\\ great;;;", text)
        self.assertIn("ORG:Müller\\, Söhne & Co\\; KG", text)
        self.assertIn("ADR:;;;Sankt Pölten;;;AT", text)
        self.assertIn("CATEGORIES:a,c\\\\d", text)

    def cli_bytes(self, *args):
        import subprocess
        proc = subprocess.run([os.environ["COHORT_CLI"], "--db", self.db] + list(args),
                              capture_output=True, env=self.env, timeout=300)
        self.assertEqual(proc.returncode, OK, proc.stderr)
        return proc.stdout

    def test_vcard_imports_back(self):
        self.cli("contacts", "set", "zoe@example.at",
                 *[f"{k}={v}" for k, v in self.TRICKY.items()], "tags=a;c\\d;plain")
        columns = ("email", "first_name", "last_name", "phone", "job_title", "city", "country")
        sql = ("SELECT " + ", ".join(columns) + ", (SELECT name FROM accounts WHERE id = account_id), "
               "(SELECT group_concat(tag, '|') FROM (SELECT tag FROM contact_tags "
               " WHERE contact_id = c.id ORDER BY tag_fold)) FROM contacts c ORDER BY email")
        expected = self.query(sql)
        for fmt in ("vcard", "vcard3"):
            with self.subTest(fmt):
                vcf = self.write(f"out-{fmt}.vcf", "")
                with open(vcf, "wb") as f:
                    f.write(self.cli_bytes("contacts", "export", "--format", fmt))
                original, self.db = self.db, os.path.join(self.tmp.name, f"{fmt}.db")
                try:
                    out = self.cli("contacts", "import", vcf).stdout
                    self.assertEqual(out, f"created {self.N + 1}, updated 0, skipped 0, rejected 0\n")
                    self.assertEqual(self.query(sql), expected)
                finally:
                    self.db = original

    def test_help_lists_the_bulk_commands(self):
        out = self.cli("--help", db=False).stdout
        for command in ("contacts tag", "contacts set-status", "contacts delete", "vcard"):
            self.assertIn(command, out)
        self.assertIn("--yes", self.cli("contacts", "delete", "--help").stdout)

    def test_unknown_format_is_usage(self):
        proc = self.cli("contacts", "export", "--format", "xml", status=USAGE)
        self.assertIn("vcard", proc.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
