#!/usr/bin/python3
"""Cohort's benchmarks: each figure beside its floor, measured in one run.

    build-aux/cohort bench [N] [--import-only]   (N contacts, default 1000000)

The import and its floor run five times each, one after the other, and the
medians are compared (single runs on this machine vary by ±10 %).
--import-only stops after the import figures (the engine part takes long).

Needs a release build (the bench command makes one) and the sqlite3 shell.
Prints a Markdown table to paste into BENCHMARKS.md. Slow: minutes, not CI.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NOW = "2026-11-01T00:00:00Z"

SCHEMA_FLOOR_SQL = """
BEGIN;
INSERT INTO accounts (name, name_fold) SELECT company, lower(company) FROM t
  WHERE company <> '' GROUP BY lower(company);
INSERT INTO contacts (id, email, email_fold, first_name, first_name_fold, last_name, last_name_fold,
  phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold, status, score,
  account_id, created_at, updated_at)
SELECT t.rowid, nullif(email, ''), lower(nullif(email, '')), first_name, lower(first_name), last_name,
  lower(last_name), phone, lower(phone), job_title, lower(job_title), city, lower(city), country, lower(country),
  status, nullif(score, ''), (SELECT id FROM accounts WHERE name_fold = lower(t.company)), 1, 1 FROM t;
INSERT INTO contact_tags (contact_id, tag_fold, tag)
  SELECT t.rowid, lower(j.value), j.value FROM t, json_each('["' || replace(t.tags, ';', '","') || '"]') j
  WHERE t.tags <> '';
INSERT INTO contact_fields (contact_id, key, value, value_fold)
  SELECT rowid, 'source', "custom.source", lower("custom.source") FROM t WHERE "custom.source" <> ''
  UNION ALL SELECT rowid, 'lead_score_band', "custom.lead_score_band", lower("custom.lead_score_band")
  FROM t WHERE "custom.lead_score_band" <> ''
  UNION ALL SELECT rowid, 'favourite_product', "custom.favourite_product", lower("custom.favourite_product")
  FROM t WHERE "custom.favourite_product" <> '';
COMMIT;
"""


def run(argv, stdout=None, stdin=None):
    """Runs a command; returns (seconds, peak RSS in MB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=stdout or subprocess.DEVNULL, stdin=stdin)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        sys.exit(f"bench: {' '.join(argv)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def main():
    args = [a for a in sys.argv[1:] if a != "--import-only"]
    import_only = len(args) < len(sys.argv) - 1
    build = args[0]
    n = int(args[1]) if len(args) > 1 else 1_000_000
    cli = os.path.join(build, "src", "cli", "cohort-cli")
    engine = os.path.join(build, "tests", "bench-engine")
    sqlite = shutil.which("sqlite3") or sys.exit("bench: the sqlite3 shell is missing")
    work = tempfile.mkdtemp(prefix="cohort-bench-")
    rows = []

    demo = os.path.join(work, "demo.db")
    t, rss = run([cli, "--db", demo, "--now", NOW, "demo", "--contacts", str(n), "--seed", "1"])
    rows.append((f"`cohort-cli demo --contacts {n}`", f"{t:.1f} s", f"{rss:.0f} MB", "target < 60 s"))

    csv_path = os.path.join(work, "contacts.csv")
    with open(csv_path, "wb") as out:
        t, _ = run([cli, "--db", demo, "contacts", "export", "--format", "csv"], stdout=out)
    size = os.path.getsize(csv_path) / 1e6
    rows.append((f"export {n} contacts to CSV ({size:.0f} MB)", f"{t:.1f} s", "", ""))

    floors, imports, peaks = [], [], []
    for _ in range(5):
        floor = os.path.join(work, "floor.db")
        t, _ = run([sqlite, floor, ".mode csv", f".import {csv_path} contacts"])
        floors.append(t)
        os.remove(floor)
        imported = os.path.join(work, "import.db")
        t, rss = run([cli, "--db", imported, "--now", NOW, "contacts", "import", csv_path])
        imports.append(t)
        peaks.append(rss)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(imported + suffix):
                os.remove(imported + suffix)
    t_floor = statistics.median(floors)
    t_import = statistics.median(imports)

    # A second floor: SQLite alone writing the same rows into Cohort's own
    # tables (what the import must write), with lower() for folding and no
    # validation. It shows what the normalized schema itself costs.
    schema = os.path.join(work, "schema.db")
    run([cli, "--db", schema, "groups", "list"])
    script = os.path.join(work, "schema-floor.sql")
    with open(script, "w") as f:
        f.write(SCHEMA_FLOOR_SQL)
    t_schema, _ = run([sqlite, schema, ".mode csv", f".import {csv_path} t", f".read {script}"])

    runs = ", ".join(f"{i:.2f}/{f:.2f}" for i, f in zip(imports, floors))
    rows.append((f"import {n} contacts from CSV (median of 5; runs import/floor: {runs} s)",
                 f"{t_import:.2f} s", f"{max(peaks):.0f} MB",
                 f"floor `sqlite3 .import` into one plain table {t_floor:.2f} s → {t_import / t_floor:.2f}× "
                 f"(target ≤ 2×); SQLite writing Cohort's tables by hand {t_schema:.1f} s → "
                 f"{t_import / t_schema:.2f}×; target < 200 MB"))

    print("| what | time | peak RSS | floor / target |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    sys.stdout.flush()
    if not import_only:
        subprocess.run([engine, demo], check=True)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
