#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The condition engine through cohort-cli (SPEC §2, §3, §4).

Data goes in through the CLI only; after every step each dynamic group's
members must equal (a) a group created afresh with the same condition and
(b) an oracle in this file that evaluates the SPEC's semantics over the raw
values read (read-only) from the SQLite file. Random condition trees are
checked against the same oracle.
"""

import csv
import datetime
import json
import os
import random
import re
import sqlite3
import subprocess
import tempfile
import unicodedata
import unittest
import zoneinfo

CLI = os.environ["COHORT_CLI"]
FIXTURES = os.path.join(os.environ["COHORT_FIXTURES"], "engine")

OK, USAGE, INVALID, NOT_FOUND, DATABASE = 0, 1, 2, 3, 4

# The random walk's length. The sanitizer build (where every cohort-cli run
# is several times slower) walks the first 10 of the same 30 steps, set
# through tests/meson.build; the plain build walks all 30.
RANDOM_STEPS = int(os.environ.get("COHORT_RANDOM_STEPS", "30"))
# After each step every group is checked against the oracle; the plain
# build also against a new group made with the same condition (three
# cohort-cli runs per group and step). The sanitizer build does that only
# after the first and the last step of each walk, through tests/meson.build.
FRESH_EVERY_STEP = os.environ.get("COHORT_FRESH_EVERY_STEP", "1") == "1"

NOW_TEXT = "2024-06-01T12:00:00Z"
NOW = int(datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.timezone.utc).timestamp())
DAY = 86400
ZONE_NAME = "Europe/Berlin"
ZONE = zoneinfo.ZoneInfo(ZONE_NAME)

DYNAMIC = ["berlin", "vip-dach", "recent-buyers", "dormant", "strasse", "dates",
           "literal", "newsletter-ok", "berlin-or-keen", "nested", "chain"]

TEXT_COLUMNS = ["email", "first_name", "last_name", "phone", "job_title", "city", "country"]
NEGATIVE = {"!=": "=", "doesNotContain": "contains", "doesNotBeginWith": "beginsWith",
            "doesNotEndWith": "endsWith", "notIn": "in", "notNull": "null",
            "notBetween": "between", "notWithinLastDays": "withinLastDays", "none": "atLeast"}


def fixture(name):
    return os.path.join(FIXTURES, name)


def load_condition(code):
    with open(fixture(f"cond-{code}.json"), encoding="utf-8") as f:
        return json.load(f)


def fold(text):
    """SPEC §2: trimmed, NFC, full case folding; blank is missing."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    return unicodedata.normalize("NFC", text).casefold()


def instant(text):
    """ISO 8601 as SPEC reads it: no offset means --timezone, a date alone
    is 00:00 of that day."""
    text = text.strip()
    if len(text) == 10:
        text += "T00:00:00"
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZONE)
    return int(value.timestamp())


class World:
    """What the database holds, read raw, and a SPEC evaluator over it."""

    def __init__(self, db, conditions):
        self.conditions = conditions
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT id, email, first_name, last_name, phone, job_title, city, country, "
                "status, score, account_id, created_at, updated_at, last_activity_at, merged_into "
                "FROM contacts").fetchall()
            self.contacts = {}
            for row in rows:
                contact = dict(zip(["id"] + TEXT_COLUMNS + ["status", "score", "account_id", "created_at",
                                                             "updated_at", "last_activity_at", "merged_into"], row))
                contact.update(tags=[], custom={}, activities=[])
                self.contacts[row[0]] = contact
            for contact_id, tag in connection.execute("SELECT contact_id, tag FROM contact_tags"):
                self.contacts[contact_id]["tags"].append(tag)
            for contact_id, key, value in connection.execute("SELECT contact_id, key, value FROM contact_fields"):
                self.contacts[contact_id]["custom"][key] = value
            for contact_id, kind, at in connection.execute("SELECT contact_id, type, occurred_at FROM activities"):
                self.contacts[contact_id]["activities"].append((kind, at))
            self.accounts = {row[0]: row[1:] for row in
                             connection.execute("SELECT id, name, industry, employees FROM accounts")}
            self.statics = {}
            for code, contact_id in connection.execute(
                    "SELECT g.code, m.contact_id FROM memberships m JOIN groups g ON g.id = m.group_id "
                    "WHERE g.kind = 'static'"):
                self.statics.setdefault(code, set()).add(contact_id)
            for (code,) in connection.execute("SELECT code FROM groups WHERE kind = 'static'"):
                self.statics.setdefault(code, set())
        finally:
            connection.close()

    def live(self):
        return [c for c in self.contacts.values() if c["merged_into"] is None]

    def emails(self, contacts):
        return sorted(c["email"] for c in contacts)

    def members(self, condition):
        return self.emails(c for c in self.live() if self.node(condition, c))

    def node(self, node, contact):
        if "rules" not in node:
            return self.rule(node, contact)
        results = [self.node(child, contact) for child in node["rules"]]
        result = any(results) if node.get("combinator", "and").lower() == "or" else all(results)
        return not result if node.get("not", False) else result

    def account(self, contact):
        return self.accounts.get(contact["account_id"]) if contact["account_id"] else None

    def text_value(self, contact, field):
        if field in TEXT_COLUMNS:
            return fold(contact[field])
        if field.startswith("custom."):
            return fold(contact["custom"].get(field[len("custom."):]))
        account = self.account(contact)
        if account is None:
            return None
        return fold(account[0] if field == "account.name" else account[1])

    @staticmethod
    def text(op, have, value):
        if op == "null":
            return have is None
        if op == "in":
            return any(World.text("=", have, item) for item in value)
        want = fold(str(value))
        if op == "=":
            return have == want
        if have is None:
            return False
        if op == "contains":
            return want in have
        if op == "beginsWith":
            return have.startswith(want)
        assert op == "endsWith", op
        return have.endswith(want)

    @staticmethod
    def ordered(op, have, value, read):
        if op == "null":
            return have is None
        if have is None:
            return False
        if op == "withinLastDays":
            return NOW - int(value) * DAY <= have <= NOW
        if op == "between":
            return read(value[0]) <= have <= read(value[1])
        operand = read(value)
        return {"=": have == operand, "<": have < operand, "<=": have <= operand,
                ">": have > operand, ">=": have >= operand}[op]

    def rule(self, rule, contact):
        field, negative = rule["field"], rule["operator"]
        op = NEGATIVE.get(negative, negative)
        value = rule.get("value")
        if field == "status":
            result = self.text("in", contact["status"], value if isinstance(value, list) else [value])
        elif field == "score":
            result = self.ordered(op, contact["score"], value, int)
        elif field == "account.employees":
            account = self.account(contact)
            result = self.ordered(op, account[2] if account else None, value, int)
        elif field in ("created_at", "updated_at"):
            result = self.ordered(op, contact[field], value, instant)
        elif field == "last_activity_at":
            last = max((at for _, at in contact["activities"]), default=None)
            result = self.ordered(op, last, value, instant)
        elif field == "tag":
            items = value if isinstance(value, list) else [value]
            result = any(self.text("in", fold(tag), items) for tag in contact["tags"])
        elif field == "group":
            result = any(self.member(code, contact) for code in value)
        elif field == "activity":
            kind = value["type"].strip().lower()
            days = value.get("days")
            count = sum(1 for t, at in contact["activities"]
                        if (kind == "*" or t == kind) and (days is None or NOW - int(days) * DAY <= at <= NOW))
            result = count >= int(value.get("count", 1))
        else:
            result = self.text(op, self.text_value(contact, field), value)
        return not result if op != negative else result

    def member(self, code, contact):
        if code in self.statics:
            return contact["id"] in self.statics[code]
        return contact["merged_into"] is None and self.node(self.conditions[code], contact)


class ConditionsCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="cohort-conditions-test-")
        self.db = os.path.join(self.tmp.name, "cohort.db")
        self.env = dict(os.environ)
        self.env["XDG_DATA_HOME"] = os.path.join(self.tmp.name, "data")
        self.env["HOME"] = self.tmp.name
        self.env["LC_ALL"] = "C.UTF-8"
        self.env["TZ"] = "UTC"
        self.conditions = {}
        self.serial = 0
        self.failures = []

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, status=OK, stdin=None):
        argv = [CLI, "--db", self.db, "--now", NOW_TEXT, "--timezone", ZONE_NAME] + list(args)
        proc = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env, timeout=300)
        self.assertEqual(proc.returncode, status,
                         f"{' '.join(args)}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}")
        return proc

    def write(self, name, rows):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        return path

    def members(self, code):
        lines = self.cli("groups", "members", code).stdout.splitlines()
        self.assertEqual(lines, sorted(lines), f"groups members {code} is not sorted")
        return lines

    def fresh(self, condition):
        """The members a new group with @condition gets, the group then deleted."""
        self.serial += 1
        code = f"tmp{self.serial}"
        self.cli("groups", "create", code, "--name", code, "--dynamic", "--condition", "-",
                 stdin=json.dumps(condition))
        members = self.members(code)
        self.cli("groups", "delete", code)
        return members

    def create_dynamic(self, code, condition=None):
        condition = condition or load_condition(code)
        self.cli("groups", "create", code, "--name", code, "--dynamic", "--condition", "-",
                 stdin=json.dumps(condition))
        self.conditions[code] = condition

    def expect(self, what, got, want):
        if got != want:
            self.failures.append(f"{what}\n    expected: {want}\n    got:      {got}")

    def verify(self, step, stale=(), fresh=FRESH_EVERY_STEP):
        """Every dynamic group against the oracle and (@fresh) a fresh
        group, every member count, and last_activity_at against the
        activities."""
        world = World(self.db, self.conditions)
        counts = {g["code"]: g["members"] for g in json.loads(self.cli("groups", "list", "--json").stdout)}
        for code, count in counts.items():
            got = self.members(code)
            self.expect(f"member count of {code} {step}", count, len(got))
            if code not in self.conditions or code in stale:
                continue
            if fresh:
                self.expect(f"{code} {step}: vs a fresh group", got, self.fresh(self.conditions[code]))
            self.expect(f"{code} {step}: vs the oracle", got, world.members(self.conditions[code]))
        for contact in world.live():
            last = max((at for _, at in contact["activities"]), default=None)
            self.expect(f"last_activity_at of {contact['email']} {step}", contact["last_activity_at"], last)
        return world

    def finish(self):
        if self.failures:
            self.fail(f"{len(self.failures)} mismatches:\n" + "\n".join(self.failures[:30]))

    def load_fixtures(self):
        self.cli("accounts", "import", fixture("accounts.csv"))
        self.cli("contacts", "import", fixture("contacts.csv"))
        self.cli("activities", "import", fixture("activities.csv"))
        self.cli("groups", "create", "newsletter", "--name", "Newsletter", "--static")
        self.cli("groups", "add", "newsletter", "ann@example.com", "eve@example.com", "dee@example.com")
        self.cli("groups", "add-account", "newsletter", "Initech")
        for code in DYNAMIC:
            self.create_dynamic(code)

    # ---- every mutation leaves every group right --------------------------

    def test_every_step_keeps_groups_right(self):
        self.load_fixtures()
        world = self.verify("after loading the fixtures", fresh=True)
        by_email = {c["email"]: c for c in world.live()}
        with open(fixture("contacts.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.expect(f"created_at of {row['email']} read from {row['created_at']!r} in {ZONE_NAME}",
                            by_email[row["email"]]["created_at"], instant(row["created_at"]))
        with open(fixture("activities.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.assertIn((row["type"], instant(row["occurred_at"])), by_email[row["email"]]["activities"],
                              f"activity {row}")
        self.expect("newsletter at the start", sorted(world.emails(
            c for c in world.live() if c["id"] in world.statics["newsletter"])),
            ["ann@example.com", "cid@example.org", "dee@example.com", "eve@example.com", "hal@example.com"])
        self.expect("berlin at the start", self.members("berlin"),
                    ["ann@example.com", "bob@example.com", "eve@example.com"])
        self.expect("recent-buyers at the start (30 days back is inclusive, the future is out)",
                    self.members("recent-buyers"), ["ann@example.com", "bob@example.com", "ida@example.com"])
        self.expect("literal at the start", self.members("literal"),
                    ["fay@example.com", "gus@example.net", "hal@example.com", "jon@example.com"])

        steps = [
            ("contacts set max (edits)", lambda: self.cli(
                "contacts", "set", "max@example.com", "city=Berlin", "tags=vip;newsletter", "country=at")),
            ("contacts set ann (clears city)", lambda: self.cli(
                "contacts", "set", "ann@example.com", "city=", "status=unsubscribed")),
            ("contacts set zed (new, joins Initech)", lambda: self.cli(
                "contacts", "set", "zed@example.com", "first_name=Zed", "city= BERLIN ", "company=Initech",
                "score=70")),
            ("contacts merge ann max", lambda: self.cli(
                "contacts", "merge", "ann@example.com", "max@example.com")),
            ("contacts delete eve", lambda: self.cli("contacts", "delete", "eve@example.com")),
            ("activities import (one bad row)", lambda: self.cli(
                "activities", "import", self.write("more-activities.csv", [
                    ["email", "type", "occurred_at"],
                    ["lea@example.com", "purchase", "2024-05-31T20:00:00"],
                    ["bob@example.com", "Purchase", "2024-06-01"],
                    ["nobody@example.com", "purchase", "2024-06-01"],
                    ["dee@example.com", "page_visit", "2024-03-01T00:00:00Z"],
                    ["nia@example.com", "purchase", "2024-06-01T14:00:00+02:00"],
                ]), status=INVALID)),
            ("accounts set Acme", lambda: self.cli("accounts", "set", "Acme", "industry=Retail", "employees=5")),
            ("groups add newsletter", lambda: self.cli(
                "groups", "add", "newsletter", "bob@example.com", "lea@example.com")),
            ("groups remove newsletter", lambda: self.cli(
                "groups", "remove", "newsletter", "ann@example.com", "bob@example.com", "cid@example.org")),
            ("contacts import --update", lambda: self.cli(
                "contacts", "import", self.write("update.csv", [
                    ["email", "city", "tags", "company", "score"],
                    ["cid@example.org", "Berlin", "", "", "90"],
                    ["gus@example.net", "Hamburg", "vip", "Globex", ""],
                    ["new1@example.com", "Oslo", "test", "Initech", "61"],
                    ["KIM@EXAMPLE.ORG", "  berlin", "Stra\u00dfe", "", ""],
                ]), "--update")),
            ("contacts set lea joins Initech", lambda: self.cli(
                "contacts", "set", "lea@example.com", "company=Initech")),
            ("accounts import", lambda: self.cli(
                "accounts", "import", self.write("accounts-update.csv", [
                    ["name", "industry", "employees"], ["Globex", "Software", "1000"], ["Umbrella", "", "7"]]))),
            ("groups remove-account newsletter Initech", lambda: self.cli(
                "groups", "remove-account", "newsletter", "Initech")),
            ("contacts import --group newsletter", lambda: self.cli(
                "contacts", "import", self.write("grouped.csv", [
                    ["email", "city", "tags", "score"],
                    ["new2@example.com", "Berlin", "vip", "80"],
                    ["gus@example.net", "Paris", "", ""],
                ]), "--group", "newsletter")),
            ("contacts delete bob zed", lambda: self.cli(
                "contacts", "delete", "bob@example.com", "zed@example.com")),
        ]
        for name, step in steps:
            step()
            self.verify(f"after {name}")

        # A new condition waits for recalculation; then the groups using it follow.
        before = self.members("berlin")
        self.cli("groups", "set-condition", "berlin", "-", stdin=json.dumps(
            {"combinator": "or", "rules": [{"field": "city", "operator": "in", "value": ["berlin", "HAMBURG"]}]}))
        show = json.loads(self.cli("groups", "show", "berlin", "--json").stdout)
        self.assertTrue(show["needs_recalculation"])
        self.expect("berlin right after set-condition", self.members("berlin"), before)
        self.cli("contacts", "set", "nia@example.com", "score=66")
        self.cli("contacts", "set", "ann@example.com", "score=67")
        self.expect("berlin after edits, before recalculation (SPEC §3: members stay as they were)",
                    self.members("berlin"), before)
        self.verify("after set-condition on berlin", stale=("berlin",))
        self.conditions["berlin"] = show["condition"]
        out = self.cli("groups", "recalc", "berlin").stdout
        self.assertRegex(out, r"^berlin: \+\d+ -\d+$")
        show = json.loads(self.cli("groups", "show", "berlin", "--json").stdout)
        self.assertFalse(show["needs_recalculation"])
        self.verify("after groups recalc berlin")
        self.cli("groups", "recalc", "--all")
        self.verify("after groups recalc --all", fresh=True)
        self.finish()

    def random_step(self, rng, world):
        """One random mutation through the CLI; returns what it did."""
        live = [c["email"] for c in world.live()]
        email = rng.choice(live)
        kind = rng.randrange(9)
        if kind <= 1:
            assignments = rng.sample([
                f"city={rng.choice(['Berlin', ' berlin', 'Hamburg', 'München', ''])}",
                f"tags={';'.join(rng.sample(['vip', 'VIP', 'newsletter', 'lead', 'test'], rng.randint(0, 2)))}",
                f"score={rng.choice(['', '0', '49', '50', '99'])}",
                f"status={rng.choice(['active', 'inactive', 'unsubscribed', 'bounced'])}",
                f"company={rng.choice(['Acme', 'Globex', 'Initech', ''])}",
                f"country={rng.choice(['DE', 'at', 'FR', ''])}",
                f"custom.plan={rng.choice(['Gold', 'silver', ''])}",
                f"last_name={rng.choice(['Straße', 'STRASSE', '100%', 'Smith', ''])}",
            ], rng.randint(1, 3))
            self.cli("contacts", "set", email, *assignments)
            return f"contacts set {email} {' '.join(assignments)}"
        if kind == 2:
            self.serial += 1
            new = f"step{self.serial}@example.com"
            self.cli("contacts", "set", new, f"city={rng.choice(['Berlin', 'Graz'])}", "tags=vip",
                     f"company={rng.choice(['Acme', 'Initech', ''])}")
            return f"contacts set {new} (new)"
        if kind == 3 and len(live) > 8:
            other = rng.choice([e for e in live if e != email])
            self.cli("contacts", "merge", email, other)
            return f"contacts merge {email} {other}"
        if kind == 4 and len(live) > 8:
            self.cli("contacts", "delete", email)
            return f"contacts delete {email}"
        if kind == 5:
            rows = [["email", "type", "occurred_at"]]
            for _ in range(rng.randint(1, 3)):
                rows.append([rng.choice(live), rng.choice(["purchase", "page_visit", "email_open"]),
                             rng.choice(["2024-06-01", "2024-05-02T12:00:00Z", "2024-03-01T10:00:00",
                                         "2024-06-01T13:00:00+02:00"])])
            self.cli("activities", "import", self.write(f"steps{self.serial}.csv", rows))
            self.serial += 1
            return f"activities import {rows[1:]}"
        if kind == 6:
            verb = rng.choice(["add", "remove"])
            chosen = rng.sample(live, rng.randint(1, 3))
            self.cli("groups", verb, "newsletter", *chosen)
            return f"groups {verb} newsletter {' '.join(chosen)}"
        if kind == 7:
            name = rng.choice(["Acme", "Globex", "Initech"])
            self.cli("accounts", "set", name, f"industry={rng.choice(['Software', 'retail', ''])}",
                     f"employees={rng.choice(['5', '101', '5000', ''])}")
            return f"accounts set {name}"
        verb = rng.choice(["add-account", "remove-account"])
        name = rng.choice(["Acme", "Globex"])
        self.cli("groups", verb, "newsletter", name)
        return f"groups {verb} newsletter {name}"

    def test_random_steps_keep_groups_right(self):
        self.load_fixtures()
        rng = random.Random(4711)
        world = self.verify("after loading the fixtures", fresh=True)
        for step in range(RANDOM_STEPS):
            what = self.random_step(rng, world)
            world = self.verify(f"after step {step}: {what}", fresh=FRESH_EVERY_STEP or step == RANDOM_STEPS - 1)
        self.finish()

    # ---- random condition trees against the oracle -------------------------

    def random_rule(self, rng):
        texts = ["berlin", "BERLIN ", "m\u00fcnchen", "de", "at", "ann", "stra\u00dfe", "STRASSE",
                 "\u00e9vry", "@example.org", "example", "gold", "software", "acme", "%", "_", "'",
                 "smith", "sales", "1", "e"]
        kind = rng.randrange(100)
        if kind < 35:
            field = rng.choice(["email", "first_name", "last_name", "job_title", "city", "country",
                                "custom.plan", "account.name", "account.industry", "phone"])
            op = rng.choice(["=", "!=", "contains", "doesNotContain", "beginsWith", "doesNotBeginWith",
                             "endsWith", "doesNotEndWith", "in", "notIn", "null", "notNull"])
            if op in ("null", "notNull"):
                return {"field": field, "operator": op}
            if op in ("in", "notIn"):
                return {"field": field, "operator": op, "value": rng.sample(texts, rng.randint(1, 3))}
            if op in ("=", "!=") and rng.random() < 0.1:
                return {"field": field, "operator": op, "value": ""}
            return {"field": field, "operator": op, "value": rng.choice(texts)}
        if kind < 42:
            op = rng.choice(["=", "!=", "in", "notIn"])
            statuses = ["active", "Inactive", "unsubscribed", "BOUNCED"]
            value = rng.sample(statuses, rng.randint(1, 2)) if op in ("in", "notIn") else rng.choice(statuses)
            return {"field": "status", "operator": op, "value": value}
        if kind < 55:
            field = rng.choice(["score", "score", "account.employees"])
            op = rng.choice(["=", "!=", "<", "<=", ">", ">=", "between", "notBetween", "null", "notNull"])
            if op in ("null", "notNull"):
                return {"field": field, "operator": op}
            low = rng.choice([-5, 0, 10, 20, 50, 55, 80, 99, 100, 500])
            if op in ("between", "notBetween"):
                return {"field": field, "operator": op, "value": [low, low + rng.choice([0, 5, 50])]}
            return {"field": field, "operator": op, "value": low}
        if kind < 70:
            field = rng.choice(["created_at", "updated_at", "last_activity_at"])
            op = rng.choice(["<", "<=", ">", ">=", "between", "notBetween", "withinLastDays",
                             "notWithinLastDays", "null", "notNull"])
            if op in ("null", "notNull"):
                return {"field": field, "operator": op}
            if op in ("withinLastDays", "notWithinLastDays"):
                return {"field": field, "operator": op, "value": rng.choice([0, 1, 7, 30, 90, 365])}
            moments = ["2024-05-02T12:00:00Z", "2024-05-31", "2024-06-01T14:00:00+02:00", "2024-01-15",
                       "2024-05-20T10:00:00", "2023-12-31T23:30:00Z", "2024-06-01T12:00:00"]
            if op in ("between", "notBetween"):
                pair = sorted(rng.sample(moments, 2), key=instant)
                return {"field": field, "operator": op, "value": pair}
            return {"field": field, "operator": op, "value": rng.choice(moments)}
        if kind < 82:
            op = rng.choice(["=", "!=", "in", "notIn"])
            tags = ["vip", " VIP", "newsletter", "lead", "strasse", "Stra\u00dfe", "test", "a_b", "nope"]
            value = rng.sample(tags, rng.randint(1, 3)) if op in ("in", "notIn") else rng.choice(tags)
            return {"field": "tag", "operator": op, "value": value}
        if kind < 88:
            return {"field": "group", "operator": rng.choice(["in", "notIn"]),
                    "value": rng.sample(["newsletter", "berlin", "recent-buyers"], rng.randint(1, 2))}
        value = {"type": rng.choice(["*", "purchase", "page_visit", "email_open"])}
        if rng.random() < 0.6:
            value["days"] = rng.choice([0, 1, 7, 30, 90, 365])
        if rng.random() < 0.5:
            return {"field": "activity", "operator": "none", "value": value}
        value["count"] = rng.randint(1, 3)
        return {"field": "activity", "operator": "atLeast", "value": value}

    def random_group(self, rng, depth=1):
        node = {"combinator": rng.choice(["and", "or"]), "rules": []}
        if rng.random() < 0.4:
            node["not"] = rng.random() < 0.6
        for _ in range(rng.randint(1, 3)):
            if depth < 4 and rng.random() < 0.3:
                node["rules"].append(self.random_group(rng, depth + 1))
            else:
                node["rules"].append(self.random_rule(rng))
        return node

    def import_random_contacts(self, rng, n):
        cities = ["Berlin", "berlin ", "M\u00fcnchen", "MUNICH", "Hamburg", "\u00c9vry", "E\u0301vry", "", " "]
        names = ["Ann", "ANN", "Stra\u00dfe", "STRASSE", "Smith", "O'Neil", "100%", "a_b", ""]
        tags = ["vip", "VIP", "newsletter", "lead", "Stra\u00dfe", "test", "a_b"]
        rows = [["email", "first_name", "last_name", "company", "city", "country", "status", "score",
                 "tags", "created_at", "plan"]]
        activities = [["email", "type", "occurred_at"]]
        for i in range(n):
            email = f"r{i}@{rng.choice(['example.com', 'example.org', 'Example.NET'])}"
            moment = NOW - rng.randrange(0, 400 * DAY)
            stamp = datetime.datetime.fromtimestamp(moment, ZONE)
            rows.append([email, rng.choice(names), rng.choice(names), rng.choice(["Acme", "globex", "Initech", ""]),
                         rng.choice(cities), rng.choice(["DE", "de", "AT", "FR", ""]),
                         rng.choice(["", "active", "inactive", "unsubscribed", "bounced"]),
                         rng.choice(["", "-5", "0", "10", "50", "55", "99", "100"]),
                         ";".join(rng.sample(tags, rng.randint(0, 3))),
                         rng.choice([stamp.strftime("%Y-%m-%d"), stamp.strftime("%Y-%m-%dT%H:%M:%S"),
                                     stamp.isoformat()]),
                         rng.choice(["Gold", "gold", "Silver", ""])])
            for _ in range(rng.randint(0, 3)):
                at = NOW - rng.choice([0, DAY, 7 * DAY, 30 * DAY, 90 * DAY, rng.randrange(0, 400 * DAY)])
                activities.append([email, rng.choice(["purchase", "page_visit", "email_open"]),
                                   datetime.datetime.fromtimestamp(at, datetime.timezone.utc).isoformat()])
        self.cli("contacts", "import", self.write("random.csv", rows))
        self.cli("activities", "import", self.write("random-activities.csv", activities))

    def test_random_conditions_match_the_oracle(self):
        self.load_fixtures()
        rng = random.Random(20240601)
        self.import_random_contacts(rng, 40)
        self.cli("contacts", "merge", "nia@example.com", "kim@example.org")
        world = self.verify("after importing random contacts")
        for i in range(80):
            tree = self.random_group(rng)
            self.expect(f"random tree {i}: {json.dumps(tree, ensure_ascii=False)}",
                        self.fresh(tree), world.members(tree))
            if i % 2 == 0:
                left = {"combinator": "and", "not": True, "rules": [tree, self.random_group(rng, 2)]}
                right = {"combinator": "or", "rules": [
                    {"combinator": "and", "not": True, "rules": [rule]} for rule in left["rules"]]}
                self.expect(f"De Morgan on tree {i}", self.fresh(left), self.fresh(right))
        self.finish()

    # ---- what the CLI says about bad conditions ----------------------------

    def test_bad_conditions_name_the_json_path(self):
        self.load_fixtures()
        text = {"field": "city", "operator": "=", "value": "Berlin"}
        deep = {"combinator": "and", "rules": [text]}
        for _ in range(9):
            deep = {"combinator": "and", "rules": [deep]}
        cases = [
            ({"combinator": "and", "rules": [{"field": "email", "operator": "startsWith", "value": "a"}]},
             "rules[0].operator"),
            ({"combinator": "and", "rules": [text, {"combinator": "or", "rules": [
                {"field": "score", "operator": "contains", "value": "1"}]}]}, "rules[1].rules[0].operator"),
            ({"combinator": "and", "rules": [{"field": "shoe_size", "operator": "=", "value": "9"}]},
             "rules[0].field"),
            ({"combinator": "and", "rules": [{"field": "score", "operator": ">", "value": "many"}]},
             "rules[0].value"),
            ({"combinator": "and", "rules": [text, {"combinator": "or", "rules": []}]}, "rules[1].rules"),
            ({"combinator": "and", "rules": [{"field": "country", "operator": "in", "value": {"a": 1}}]},
             "rules[0].value"),
            ({"combinator": "and", "rules": [{"field": "score", "operator": "between", "value": [1]}]},
             "rules[0].value"),
            ({"combinator": "and", "rules": [{"field": "activity", "operator": "none",
                                              "value": {"type": "purchase", "count": 2}}]},
             "rules[0].value.count"),
            ({"combinator": "and", "rules": [{"field": "created_at", "operator": "<", "value": "yesterday"}]},
             "rules[0].value"),
            ({"combinator": "and", "rules": [{"field": "group", "operator": "in", "value": ["nope"]}]},
             "rules[0].value"),
            (deep, "rules[0]"),
        ]
        for condition, path in cases:
            with self.subTest(path=path, condition=condition):
                proc = self.cli("groups", "create", "bad", "--name", "Bad", "--dynamic", "--condition", "-",
                                stdin=json.dumps(condition), status=INVALID)
                self.assertIn(path, proc.stderr)
                self.cli("groups", "show", "bad", status=NOT_FOUND)
                proc = self.cli("groups", "set-condition", "berlin", "-", stdin=json.dumps(condition),
                                status=INVALID)
                self.assertIn(path, proc.stderr)
        proc = self.cli("groups", "create", "bad", "--name", "Bad", "--dynamic", "--condition", "-",
                        stdin="{\"combinator\": ", status=INVALID)
        self.assertIn("cohort-cli:", proc.stderr)
        self.assertIn("nope", self.cli("groups", "create", "bad", "--name", "Bad", "--dynamic", "--condition", "-",
                                       stdin=json.dumps(cases[9][0]), status=INVALID).stderr)
        show = json.loads(self.cli("groups", "show", "berlin", "--json").stdout)
        self.assertFalse(show["needs_recalculation"])
        self.assertEqual(show["condition"], load_condition("berlin"))

    def test_thousand_rules_are_allowed(self):
        """SPEC §2: up to 1000 conditions, even in one group; one more is refused."""
        self.load_fixtures()
        for combinator, op in (("or", "="), ("and", "!=")):
            names = ["Hamburg"] + [f"nowhere {i}" for i in range(999)]
            condition = {"combinator": combinator,
                         "rules": [{"field": "city", "operator": op, "value": name} for name in names]}
            with self.subTest(combinator=combinator):
                self.create_dynamic(f"big-{combinator}", condition)
                world = World(self.db, self.conditions)
                self.assertEqual(self.members(f"big-{combinator}"), world.members(condition))
        condition["rules"].append({"field": "city", "operator": "=", "value": "one too many"})
        proc = self.cli("groups", "create", "too-big", "--name", "Too big", "--dynamic", "--condition", "-",
                        stdin=json.dumps(condition), status=INVALID)
        self.assertIn("1000", proc.stderr)

    def test_unknown_groups_and_contacts(self):
        self.load_fixtures()
        self.cli("groups", "members", "nope", status=NOT_FOUND)
        self.cli("groups", "set-condition", "nope", fixture("cond-berlin.json"), status=NOT_FOUND)
        self.cli("groups", "recalc", "nope", status=NOT_FOUND)
        self.cli("groups", "explain", "nope", "ann@example.com", status=NOT_FOUND)
        self.cli("groups", "explain", "berlin", "nobody@example.com", status=NOT_FOUND)
        self.cli("groups", "explain", "newsletter", "ann@example.com", status=INVALID)

    def test_cycles_and_referenced_groups(self):
        self.load_fixtures()
        loop = {"combinator": "or", "rules": [
            {"field": "city", "operator": "=", "value": "x"},
            {"combinator": "and", "rules": [{"field": "group", "operator": "in", "value": ["chain"]}]}]}
        proc = self.cli("groups", "set-condition", "berlin", "-", stdin=json.dumps(loop), status=INVALID)
        self.assertIn("berlin", proc.stderr)
        self.assertIn("chain", proc.stderr)
        self.assertIn("rules[1].rules[0]", proc.stderr, "SPEC §2: a cycle is refused naming the JSON path")
        me = {"combinator": "and", "rules": [{"field": "group", "operator": "notIn", "value": ["me"]}]}
        self.cli("groups", "create", "me", "--name", "Me", "--dynamic", "--condition", "-",
                 stdin=json.dumps(me), status=INVALID)
        self.cli("groups", "show", "me", status=NOT_FOUND)
        proc = self.cli("groups", "delete", "berlin", status=INVALID)
        self.assertIn("berlin-or-keen", proc.stderr)
        self.cli("groups", "show", "berlin")
        self.cli("groups", "delete", "newsletter", status=INVALID)
        self.cli("groups", "delete", "chain")
        self.cli("groups", "delete", "berlin-or-keen")
        self.cli("groups", "delete", "berlin")
        self.cli("groups", "show", "berlin", status=NOT_FOUND)

    # ---- explain and schema --------------------------------------------------

    def test_explain_agrees_with_the_oracle(self):
        self.load_fixtures()
        world = World(self.db, self.conditions)
        line = re.compile(r"^(?P<indent> *)(?P<result>true|false) +(?P<text>.*?)"
                          r"(?:  \[(?P<path>rules\[\d+\](?:\.rules\[\d+\])*)\])?$")
        for code in ["nested", "berlin-or-keen", "dates", "chain"]:
            nodes = []

            def walk(node, depth, path):
                nodes.append((node, depth, path))
                for i, child in enumerate(node.get("rules", [])):
                    walk(child, depth + 1, f"{path}.rules[{i}]" if path else f"rules[{i}]")
            walk(self.conditions[code], 0, "")
            for contact in world.live():
                out = self.cli("groups", "explain", code, contact["email"]).stdout.splitlines()
                self.assertEqual(len(out), len(nodes), f"explain {code} {contact['email']}:\n" + "\n".join(out))
                for text, (node, depth, path) in zip(out, nodes):
                    match = line.match(text)
                    self.assertIsNotNone(match, text)
                    self.assertEqual(len(match["indent"]), 2 * depth, text)
                    self.assertEqual(match["path"] or "", path, text)
                    self.assertTrue(match["text"], text)
                    self.expect(f"explain {code} {contact['email']} [{path}]",
                                match["result"] == "true", world.node(node, contact))
        self.finish()

    def test_schema_is_the_spec_catalog(self):
        text_ops = ["=", "!=", "contains", "doesNotContain", "beginsWith", "doesNotBeginWith", "endsWith",
                    "doesNotEndWith", "in", "notIn", "null", "notNull"]
        number_ops = ["=", "!=", "<", "<=", ">", ">=", "between", "notBetween", "null", "notNull"]
        date_ops = ["<", "<=", ">", ">=", "between", "notBetween", "withinLastDays", "notWithinLastDays",
                    "null", "notNull"]
        spec = {name: text_ops for name in ["email", "first_name", "last_name", "phone", "job_title", "city",
                                              "country", "custom.<key>", "account.name", "account.industry"]}
        spec.update({"status": ["=", "!=", "in", "notIn"], "score": number_ops, "account.employees": number_ops,
                     "created_at": date_ops, "updated_at": date_ops, "last_activity_at": date_ops,
                     "tag": ["=", "!=", "in", "notIn"], "group": ["in", "notIn"],
                     "activity": ["atLeast", "none"]})
        schema = json.loads(self.cli("schema").stdout)
        fields = {f["name"]: f for f in schema["fields"]}
        self.assertEqual(set(fields), set(spec))
        for name, ops in spec.items():
            self.assertEqual(sorted(o["name"] for o in fields[name]["operators"]), sorted(ops), name)
        self.assertEqual(schema["statuses"], ["active", "inactive", "unsubscribed", "bounced"])


# The two long random walks run as parts of their own, so that meson runs
# the three parts side by side: `test_cli_conditions.py --part NAME`.
# Whatever test no part names belongs to "rest".
PARTS = {
    "random-steps": ["test_random_steps_keep_groups_right"],
    "every-step": ["test_every_step_keeps_groups_right"],
}


def part_suite(name):
    loader = unittest.defaultTestLoader
    named = {test for tests in PARTS.values() for test in tests}
    if name == "rest":
        tests = [t for t in loader.getTestCaseNames(ConditionsCliTest) if t not in named]
    else:
        tests = PARTS[name]
    return unittest.TestSuite(ConditionsCliTest(test) for test in tests)


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--part":
        result = unittest.TextTestRunner(verbosity=2).run(part_suite(sys.argv[2]))
        sys.exit(0 if result.wasSuccessful() else 1)
    unittest.main(verbosity=2)
