/* bench-engine.c — condition engine figures on a demo database
 *
 *   bench-engine DB
 *
 * Prints, each beside its floor measured in the same run:
 *  - full recalculation of a two-level condition vs. the hand-written
 *    INSERT … SELECT of the same condition into a membership table;
 *  - saving one contact with 100 dynamic groups defined (median, p95);
 *  - recalculating all 100 groups (total, per-group median).
 * Not a test: it asserts nothing about time, it reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "cohort-recalc.h"
#include "cohort-store-private.h"

#define BENCH_CONDITION \
  "{\"combinator\":\"and\",\"rules\":[" \
  "{\"combinator\":\"or\",\"rules\":[" \
  "  {\"field\":\"country\",\"operator\":\"in\",\"value\":[\"DE\",\"AT\",\"CH\"]}," \
  "  {\"field\":\"email\",\"operator\":\"endsWith\",\"value\":\".de\"}]}," \
  "{\"combinator\":\"and\",\"rules\":[" \
  "  {\"field\":\"tag\",\"operator\":\"in\",\"value\":[\"vip\",\"newsletter\"]}," \
  "  {\"field\":\"created_at\",\"operator\":\"withinLastDays\",\"value\":540}," \
  "  {\"field\":\"activity\",\"operator\":\"atLeast\",\"value\":{\"type\":\"email_open\",\"count\":1,\"days\":365}}]}]}"

/* The same condition as a person would write it by hand. */
#define FLOOR_SQL \
  "INSERT INTO bench_floor (group_id, contact_id) SELECT 1, c.id FROM contacts c " \
  "WHERE c.merged_into IS NULL " \
  "AND (c.country_fold IN ('de', 'at', 'ch') OR substr (c.email_fold, -3) = '.de') " \
  "AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag_fold IN ('vip', 'newsletter')) " \
  "AND c.created_at BETWEEN ?1 - 540 * 86400 AND ?1 " \
  "AND c.id IN (SELECT contact_id FROM activities WHERE type = 'email_open' " \
  "             AND occurred_at BETWEEN ?1 - 365 * 86400 AND ?1)"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, (guint) ((values->len - 1) * p));
}

static void
die (GError *error)
{
  g_printerr ("bench-engine: %s\n", error->message);
  exit (1);
}

static gint64
create_group (CohortStore *store,
              const char  *code,
              const char  *json)
{
  g_autoptr(CohortGroup) group = cohort_group_new (code, code, COHORT_GROUP_DYNAMIC);
  GError *error = NULL;

  cohort_group_set_condition_json (group, json);
  if (!cohort_store_create_group (store, group, &error))
    die (error);
  return cohort_group_get_id (group);
}

static double
time_floor (CohortStore *store,
            gint64      *out_rows)
{
  sqlite3 *db = cohort_store_get_db (store);
  sqlite3_stmt *stmt;
  double start;

  sqlite3_exec (db, "DROP TABLE IF EXISTS bench_floor;"
                    "CREATE TABLE bench_floor (group_id INTEGER, contact_id INTEGER, "
                    "PRIMARY KEY (group_id, contact_id)) WITHOUT ROWID", NULL, NULL, NULL);
  start = now_ms ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, FLOOR_SQL, -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, cohort_store_get_now (store));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("floor: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  *out_rows = sqlite3_changes64 (db);
  start = now_ms () - start;
  sqlite3_exec (db, "DROP TABLE bench_floor", NULL, NULL, NULL);
  return start;
}

static double
time_full_recalc (CohortStore *store,
                  gint64       group_id,
                  gint64      *out_added)
{
  g_autoptr(CohortCondition) nothing = cohort_condition_parse (
    "{\"combinator\":\"and\",\"rules\":[{\"field\":\"email\",\"operator\":\"=\",\"value\":\"nobody@nowhere.invalid\"}]}", -1, NULL);
  g_autoptr(CohortCondition) condition = cohort_condition_parse (BENCH_CONDITION, -1, NULL);
  GError *error = NULL;
  gint64 removed;
  double start;

  /* Empty the group first, so the timed run adds every member. */
  if (!cohort_store_set_group_condition (store, group_id, nothing, &error) ||
      !cohort_store_recalculate_group (store, group_id, NULL, NULL, NULL, NULL, &removed, &error) ||
      !cohort_store_set_group_condition (store, group_id, condition, &error))
    die (error);
  start = now_ms ();
  if (!cohort_store_recalculate_group (store, group_id, NULL, NULL, NULL, out_added, &removed, &error))
    die (error);
  return now_ms () - start;
}

static const char * const templates[] = {
  "{\"combinator\":\"and\",\"rules\":[{\"field\":\"country\",\"operator\":\"in\",\"value\":[\"%s\",\"AT\"]},{\"field\":\"score\",\"operator\":\">\",\"value\":%d}]}",
  "{\"combinator\":\"or\",\"rules\":[{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"%s\"},{\"field\":\"score\",\"operator\":\"between\",\"value\":[0,%d]}]}",
  "{\"combinator\":\"and\",\"rules\":[{\"field\":\"city\",\"operator\":\"beginsWith\",\"value\":\"%s\"},{\"field\":\"created_at\",\"operator\":\"withinLastDays\",\"value\":%d}]}",
  "{\"combinator\":\"and\",\"rules\":[{\"field\":\"account.industry\",\"operator\":\"contains\",\"value\":\"%s\"},{\"field\":\"activity\",\"operator\":\"atLeast\",\"value\":{\"type\":\"page_visit\",\"count\":2,\"days\":%d}}]}",
  "{\"combinator\":\"and\",\"not\":true,\"rules\":[{\"field\":\"status\",\"operator\":\"in\",\"value\":[\"active\"]},{\"field\":\"email\",\"operator\":\"contains\",\"value\":\"%s\"},{\"field\":\"score\",\"operator\":\"<\",\"value\":%d}]}",
};
static const char * const words[] = { "DE", "vip", "Ber", "tech", "mail", "FR", "newsletter", "Pra", "log", "gmx" };

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CohortStore) store = NULL;
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recalcs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fulls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GError *error = NULL;
  gint64 bench_id, floor_rows = 0, added = 0, n_contacts;
  double total, start;

  if (argc != 2)
    {
      g_printerr ("usage: bench-engine DB\n");
      return 1;
    }
  if (!(store = cohort_store_open (argv[1], &error)))
    die (error);
  cohort_store_set_now (store, 1793491200); /* 2026-11-01T00:00:00Z, as the demo */
  n_contacts = cohort_store_count_contacts (store, NULL);
  printf ("contacts: %" G_GINT64_FORMAT "\n", n_contacts);

  bench_id = create_group (store, "bench-full",
                           "{\"combinator\":\"and\",\"rules\":[{\"field\":\"email\",\"operator\":\"null\"}]}");
  /* Warm the page cache once, then alternate floor and engine runs. */
  time_floor (store, &floor_rows);
  for (int i = 0; i < 3; i++)
    {
      double f = time_floor (store, &floor_rows);
      double r = time_full_recalc (store, bench_id, &added);
      g_array_append_val (floors, f);
      g_array_append_val (fulls, r);
    }
  printf ("full recalculation (two-level condition): %.0f ms, %" G_GINT64_FORMAT " members\n",
          percentile (fulls, 0.5), added);
  printf ("hand-written INSERT … SELECT (floor):     %.0f ms, %" G_GINT64_FORMAT " rows\n",
          percentile (floors, 0.5), floor_rows);
  printf ("ratio: %.2f×\n", percentile (fulls, 0.5) / percentile (floors, 0.5));
  if (added != floor_rows)
    printf ("WARNING: member counts differ\n");

  start = now_ms ();
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *code = g_strdup_printf ("bench-%03d", i);
      g_autofree char *json = NULL;
      gint64 id;

      /* The templates are the fixed table above, each taking %s then %d. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      json = g_strdup_printf (templates[i % G_N_ELEMENTS (templates)],
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              g_rand_int_range (rand, 10, 400));
#pragma GCC diagnostic pop
      id = create_group (store, code, json);
      g_array_append_val (group_ids, id);
    }
  printf ("creating (and populating) 100 dynamic groups: %.1f s\n", (now_ms () - start) / 1000);

  for (int i = 0; i < 200; i++)
    {
      gint64 id = 1 + g_rand_int_range (rand, 0, (gint32) n_contacts);
      g_autoptr(CohortContact) contact = cohort_store_get_contact (store, id, NULL);
      gint64 score = 0;
      double t;

      if (contact == NULL || cohort_contact_get_merged_into (contact) != 0)
        continue;
      cohort_contact_get_score (contact, &score);
      cohort_contact_set_score (contact, TRUE, (score + 37) % 101);
      if (i % 2)
        cohort_contact_add_tag (contact, "vip");
      start = now_ms ();
      if (!cohort_store_save_contact (store, contact, NULL, &error))
        die (error);
      t = now_ms () - start;
      g_array_append_val (saves, t);
    }
  printf ("save one contact, 100 dynamic groups: median %.2f ms, p95 %.2f ms (%u saves)\n",
          percentile (saves, 0.5), percentile (saves, 0.95), saves->len);

  total = now_ms ();
  for (guint i = 0; i < group_ids->len; i++)
    {
      double t = now_ms ();
      if (!cohort_store_recalculate_group (store, g_array_index (group_ids, gint64, i),
                                           NULL, NULL, NULL, NULL, NULL, &error))
        die (error);
      t = now_ms () - t;
      g_array_append_val (recalcs, t);
    }
  printf ("recalculate all 100 groups: total %.1f s, per-group median %.0f ms, max %.0f ms\n",
          (now_ms () - total) / 1000, percentile (recalcs, 0.5), percentile (recalcs, 1.0));

  for (guint i = 0; i < group_ids->len; i++)
    cohort_store_delete_group (store, g_array_index (group_ids, gint64, i), NULL);
  cohort_store_delete_group (store, bench_id, NULL);
  return 0;
}
