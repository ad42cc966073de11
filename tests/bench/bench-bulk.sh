#!/bin/sh
# bench-bulk.sh — bulk actions (SPEC §10) on a large demo database, each
# against the same work written by hand for the sqlite3 shell, with
# /usr/bin/time -v's wall time and peak memory. Not part of the test suite.
#
#   tests/bench/bench-bulk.sh _build/src/cli/cohort-cli [WORKDIR]
#
# N=1000000 (the default) builds a 1,000,000-contact database once, in about
# two minutes, and keeps it in WORKDIR as base.db; every destructive run works
# on a fresh copy. Two dynamic groups are added: "half" (score >= 45, about
# half of the demo contacts) and "tenth" (score >= 75, about a tenth).
#
# The hand-written SQL does only the rows themselves; cohort-cli does the
# same in one transaction and also keeps updated_at, member counts and every
# dynamic group right for the contacts it changed (SPEC §3).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

CLI=${1:?usage: bench-bulk.sh PATH/TO/cohort-cli [WORKDIR]}
DIR=${2:-/tmp/cohort-bench-bulk}
N=${N:-1000000}
BASE=$DIR/base.db
RUN=$DIR/run.db

mkdir -p "$DIR"
if [ ! -f "$BASE" ]; then
  "$CLI" --db "$BASE" demo --contacts "$N"
  echo '{"combinator":"and","rules":[{"field":"score","operator":">=","value":45}]}' |
    "$CLI" --db "$BASE" groups create half --name Half --dynamic --condition -
  echo '{"combinator":"and","rules":[{"field":"score","operator":">=","value":75}]}' |
    "$CLI" --db "$BASE" groups create tenth --name Tenth --dynamic --condition -
  sqlite3 "$BASE" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
fi

fresh () {
  rm -f "$RUN" "$RUN-wal" "$RUN-shm"
  cp "$BASE" "$RUN"
}

measure () {
  label=$1
  shift
  /usr/bin/time -v "$@" >"$DIR/out.txt" 2>"$DIR/time.txt" || { cat "$DIR/time.txt"; exit 1; }
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time.txt")
  cpu_user=$(sed -n 's/.*User time (seconds): //p' "$DIR/time.txt")
  cpu_sys=$(sed -n 's/.*System time (seconds): //p' "$DIR/time.txt")
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time.txt")
  printf '%-34s wall %8s  user %6s  sys %6s  peak %7s KB  %s\n' \
    "$label" "$wall" "$cpu_user" "$cpu_sys" "$peak" "$(head -c 60 "$DIR/out.txt" | head -n 1)"
}

half="(SELECT contact_id FROM memberships WHERE group_id = (SELECT id FROM groups WHERE code = 'half'))"
tenth="(SELECT contact_id FROM memberships WHERE group_id = (SELECT id FROM groups WHERE code = 'tenth'))"

echo "(a) tag every member of 'half'"
fresh
measure "cohort-cli contacts tag" "$CLI" --db "$RUN" contacts tag --group half --add bench
fresh
measure "sqlite3 INSERT ... SELECT" sqlite3 "$RUN" \
  "INSERT OR IGNORE INTO contact_tags (contact_id, tag_fold, tag) SELECT id, 'bench', 'bench' FROM contacts WHERE id IN $half;"

echo "(b) delete every member of 'tenth'"
fresh
measure "cohort-cli contacts delete" "$CLI" --db "$RUN" contacts delete --group tenth --yes
fresh
measure "sqlite3 DELETE (+ dependent rows)" sqlite3 "$RUN" \
  "BEGIN; CREATE TEMP TABLE gone AS SELECT contact_id AS id FROM $tenth;
   DELETE FROM activities WHERE contact_id IN (SELECT id FROM gone);
   DELETE FROM contact_tags WHERE contact_id IN (SELECT id FROM gone);
   DELETE FROM contact_fields WHERE contact_id IN (SELECT id FROM gone);
   DELETE FROM memberships WHERE contact_id IN (SELECT id FROM gone);
   DELETE FROM contacts WHERE id IN (SELECT id FROM gone); COMMIT;"

echo "(c) CSV export of every contact (read only, no copy)"
measure "cohort-cli contacts export" "$CLI" --db "$BASE" contacts export --format csv
measure "sqlite3 .mode csv" sqlite3 -csv -header "$BASE" \
  "SELECT c.email, c.first_name, c.last_name, c.phone, c.job_title,
     (SELECT name FROM accounts WHERE id = c.account_id) AS company, c.city, c.country, c.status, c.score,
     (SELECT group_concat (tag, ';') FROM (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag_fold)) AS tags,
     c.created_at
   FROM contacts c WHERE c.merged_into IS NULL ORDER BY c.email IS NULL, c.email, c.id;"
measure "cohort-cli contacts export vcard" "$CLI" --db "$BASE" contacts export --format vcard

rm -f "$RUN" "$RUN-wal" "$RUN-shm" "$DIR/out.txt" "$DIR/time.txt"
