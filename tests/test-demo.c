/* test-demo.c — the sample data generator: determinism, realism, consistency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cohort-demo.h"
#include "cohort-text.h"

#define NOW        G_GINT64_CONSTANT (1767225600)  /* 2026-01-01T00:00:00Z */
#define DAY        G_GINT64_CONSTANT (86400)
#define N_CONTACTS 2000

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cohort-demo-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

typedef struct
{
  double last;
  guint  calls;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->calls++;
}

/* Generates into FILE (added to the fixture folder) and returns its path. */
static char *
generate (Fixture    *f,
          const char *file,
          guint       n_contacts,
          guint32     seed)
{
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortStore) store = cohort_store_open (path, &error);
  Progress progress = { 0 };

  g_assert_no_error (error);
  cohort_store_set_now (store, NOW);
  g_assert_true (cohort_demo_generate (store, n_contacts, seed, progress_cb, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpuint (progress.calls, >=, 100);
  return g_steal_pointer (&path);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A SHA-256 over every stored value, in a fixed order. */
static char *
dump_checksum (const char *path)
{
  static const char *const queries[] = {
    "SELECT * FROM accounts ORDER BY id",
    "SELECT * FROM contacts ORDER BY id",
    "SELECT * FROM contact_tags ORDER BY contact_id, tag_fold",
    "SELECT * FROM contact_fields ORDER BY contact_id, key",
    "SELECT * FROM activities ORDER BY id",
    "SELECT id, code, name, description, color, kind, condition, member_count, created_at"
    " FROM groups ORDER BY id",
    "SELECT * FROM group_accounts ORDER BY group_id, account_id",
    "SELECT * FROM memberships ORDER BY group_id, contact_id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = open_db (path);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            guchar type = (guchar) sqlite3_column_type (stmt, c);
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, &type, 1);
            if (text != NULL)
              g_checksum_update (checksum, text, sqlite3_column_bytes (stmt, c) + 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = generate (f, "a.db", N_CONTACTS, 7);
  g_autofree char *b = generate (f, "b.db", N_CONTACTS, 7);
  g_autofree char *c = generate (f, "c.db", N_CONTACTS, 8);
  g_autofree char *sum_a = dump_checksum (a);
  g_autofree char *sum_b = dump_checksum (b);
  g_autofree char *sum_c = dump_checksum (c);

  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpstr (sum_a, !=, sum_c);
}

static void
assert_between (sqlite3    *db,
                const char *sql,
                gint64      low,
                gint64      high)
{
  gint64 value = sql_int (db, sql);

  if (value < low || value > high)
    g_error ("%s = %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT "…%" G_GINT64_FORMAT,
             sql, value, low, high);
}

static void
test_plausible (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = generate (f, "plausible.db", N_CONTACTS, 1);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts"), ==, N_CONTACTS);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM accounts"), ==, N_CONTACTS / 50);
  assert_between (db, "SELECT count(*) FROM activities", 3 * N_CONTACTS, 7 * N_CONTACTS);
  assert_between (db, "SELECT count(*) FROM contacts WHERE account_id IS NOT NULL",
                  N_CONTACTS * 55 / 100, N_CONTACTS * 65 / 100);
  assert_between (db, "SELECT count(*) FROM contacts WHERE email IS NULL",
                  N_CONTACTS / 200, N_CONTACTS * 4 / 100);
  assert_between (db, "SELECT count(*) FROM contacts WHERE score IS NULL",
                  N_CONTACTS * 10 / 100, N_CONTACTS * 20 / 100);
  assert_between (db, "SELECT count(*) FROM contacts WHERE status = 'active'",
                  N_CONTACTS * 75 / 100, N_CONTACTS * 92 / 100);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT status) FROM contacts"), ==, 4);
  /* The keys in use are listed, and only those. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM custom_keys"), ==, 3);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM custom_keys k WHERE NOT EXISTS "
                                "(SELECT 1 FROM contact_fields f WHERE f.key = k.key)"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT key) FROM contact_fields"), ==, 3);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT country) FROM contacts WHERE country IN"
                                " ('DE', 'AT', 'CH', 'FR', 'US', 'GB', 'CZ', 'PL', 'JP', 'BR',"
                                "  'IN', 'ES', 'IT', 'NL', 'SE')"), ==, 15);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE email NOT LIKE '%_@_%._%'"
                                " OR email GLOB '*[^a-z0-9._@-]*'"), ==, 0);

  /* Many languages: diacritics, Greek, CJK, Arabic and Devanagari. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE last_name IN"
                                " ('Dvořák', 'Dvořáková', 'Müller', 'Østergaard', 'Yılmaz')"), >, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE unicode (last_name)"
                                " BETWEEN 0x370 AND 0x3FF"), >, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE unicode (last_name)"
                                " BETWEEN 0x4E00 AND 0x9FFF"), >, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE unicode (first_name)"
                                " BETWEEN 0x600 AND 0x6FF"), >, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE unicode (first_name)"
                                " BETWEEN 0x900 AND 0x97F"), >, 0);

  /* Times: two years before now, updates and activities in order. */
  g_assert_cmpint (sql_int (db, "SELECT min (created_at) FROM contacts"), >=, NOW - 730 * DAY);
  g_assert_cmpint (sql_int (db, "SELECT max (updated_at) FROM contacts"), <=, NOW);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE updated_at < created_at"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM activities a JOIN contacts c"
                                " ON c.id = a.contact_id WHERE a.occurred_at < c.created_at"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT max (occurred_at) FROM activities"), <=, NOW);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts c WHERE last_activity_at IS NOT"
                                " (SELECT max (occurred_at) FROM activities WHERE contact_id = c.id)"),
                   ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT type) FROM activities WHERE type IN"
                                " ('page_visit', 'form_submission', 'email_open', 'email_click',"
                                "  'purchase')"), ==, 5);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM activities WHERE detail IS NULL"), ==, 0);

  /* Tags, custom fields and accounts. */
  g_assert_cmpint (sql_int (db, "SELECT max (n) FROM (SELECT count(*) AS n FROM contact_tags"
                                " GROUP BY contact_id)"), <=, 4);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contact_tags WHERE tag NOT IN ('vip',"
                                " 'newsletter', 'webinar', 'trade-show', 'partner', 'lead',"
                                " 'customer', 'churn-risk')"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT tag) FROM contact_tags"), ==, 8);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contact_fields WHERE key NOT IN"
                                " ('source', 'lead_score_band', 'favourite_product')"), ==, 0);
  assert_between (db, "SELECT count(*) FROM contact_fields WHERE key = 'source'",
                  N_CONTACTS * 85 / 100, N_CONTACTS * 98 / 100);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts c WHERE (score IS NULL) ="
                                " EXISTS (SELECT 1 FROM contact_fields WHERE contact_id = c.id"
                                " AND key = 'lead_score_band')"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT min (employees) FROM accounts"), >=, 1);
  g_assert_cmpint (sql_int (db, "SELECT max (employees) FROM accounts"), <=, 50000);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT industry) FROM accounts"), >=, 8);

  sqlite3_close (db);
}

/* Every *_fold column holds cohort_text_fold() of its source, NULL included. */
static void
test_folds (Fixture       *f,
            gconstpointer  data)
{
  static const char *const queries[] = {
    "SELECT email, email_fold, first_name, first_name_fold, last_name, last_name_fold,"
    " phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold"
    " FROM contacts",
    "SELECT name, name_fold, industry, industry_fold FROM accounts",
    "SELECT tag, tag_fold FROM contact_tags",
    "SELECT value, value_fold FROM contact_fields",
  };
  g_autofree char *path = generate (f, "folds.db", N_CONTACTS, 3);
  sqlite3 *db = open_db (path);
  guint n_checked = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c += 2)
          {
            g_autofree char *expected = cohort_text_fold ((const char *) sqlite3_column_text (stmt, c));

            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, c + 1), ==, expected);
            n_checked++;
          }
      sqlite3_finalize (stmt);
    }
  g_assert_cmpuint (n_checked, >, N_CONTACTS * 7);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts WHERE last_name = 'Weiß'"
                                " AND last_name_fold <> 'weiss'"), ==, 0);
  sqlite3_close (db);
}

/* The group's members, and the contacts @truth selects, are the same set. */
static void
assert_members (sqlite3    *db,
                const char *code,
                const char *truth)
{
  g_autofree char *members = g_strdup_printf ("SELECT contact_id FROM memberships"
                                              " WHERE group_id = (SELECT id FROM groups"
                                              " WHERE code = '%s')", code);
  g_autofree char *n_members = g_strdup_printf ("SELECT count(*) FROM (%s)", members);
  g_autofree char *n_truth = g_strdup_printf ("SELECT count(*) FROM (%s)", truth);
  g_autofree char *missing = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)", truth, members);
  g_autofree char *count = g_strdup_printf ("SELECT member_count FROM groups WHERE code = '%s'", code);

  g_assert_cmpint (sql_int (db, n_members), >, 0);
  g_assert_cmpint (sql_int (db, n_members), ==, sql_int (db, n_truth));
  g_assert_cmpint (sql_int (db, missing), ==, 0);
  g_assert_cmpint (sql_int (db, count), ==, sql_int (db, n_members));
}

/* Dynamic groups match their conditions for every contact. */
static void
check_dynamic_groups (sqlite3 *db)
{
  assert_members (db, "dach-vip",
                  "SELECT c.id FROM contacts c JOIN contact_tags t ON t.contact_id = c.id"
                  " AND t.tag_fold = 'vip' WHERE c.country IN ('DE', 'AT', 'CH')");
  assert_members (db, "inactive-year",
                  "SELECT id FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM activities"
                  " WHERE contact_id = c.id AND occurred_at >= 1767225600 - 365 * 86400)");
  assert_members (db, "engaged",
                  "SELECT contact_id FROM activities WHERE type = 'email_click'"
                  " AND occurred_at >= 1767225600 - 90 * 86400"
                  " GROUP BY contact_id HAVING count(*) >= 3");
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM groups WHERE kind = 'dynamic'"), ==, 3);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM groups WHERE kind = 'dynamic'"
                                " AND (condition IS NULL OR needs_recalculation <> 0)"), ==, 0);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = generate (f, "groups.db", N_CONTACTS, 5);
  sqlite3 *db = open_db (path);

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM groups"), ==, 5);
  assert_members (db, "newsletter",
                  "SELECT contact_id FROM contact_tags WHERE tag_fold = 'newsletter'");
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM memberships m JOIN groups g"
                                " ON g.id = m.group_id WHERE g.code = 'newsletter'"
                                " AND (m.manual <> 1 OR m.account_id IS NOT NULL)"), ==, 0);
  assert_members (db, "trade-show-2026",
                  "SELECT t.contact_id FROM contact_tags t JOIN contact_fields f"
                  " ON f.contact_id = t.contact_id AND f.key = 'source'"
                  " WHERE t.tag_fold = 'trade-show' AND f.value_fold = 'trade-show'"
                  " UNION SELECT c.id FROM contacts c JOIN group_accounts ga"
                  " ON ga.account_id = c.account_id");
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM group_accounts"), ==, 2);
  check_dynamic_groups (db);
  sqlite3_close (db);
}

static GStrv
index_definitions (sqlite3 *db)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name || ': ' || sql FROM sqlite_schema"
                                       " WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

/* Loading sample data into a store that has data already adds to it and
 * leaves the example groups as they are, dynamic ones brought up to date for
 * the new contacts; the indexes dropped for the first, bulk load come back
 * exactly as the schema defines them. */
static void
test_twice (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(CohortStore) empty_store = cohort_store_open (empty, NULL);
  g_autofree char *path = generate (f, "twice.db", 300, 11);
  g_auto(GStrv) schema_indexes = NULL;
  g_auto(GStrv) indexes = NULL;
  sqlite3 *db;

  g_clear_object (&empty_store);
  db = open_db (empty);
  schema_indexes = index_definitions (db);
  sqlite3_close (db);
  g_assert_cmpuint (g_strv_length (schema_indexes), >=, 8);

  g_free (generate (f, "twice.db", 300, 11));
  db = open_db (path);
  indexes = index_definitions (db);
  g_assert_true (g_strv_equal ((const char *const *) indexes, (const char *const *) schema_indexes));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contacts"), ==, 600);
  g_assert_cmpint (sql_int (db, "SELECT count(DISTINCT email_fold) FROM contacts"), ==,
                   sql_int (db, "SELECT count(email) FROM contacts"));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM accounts"), ==, 12);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM groups"), ==, 5);
  assert_members (db, "newsletter", "SELECT contact_id FROM contact_tags"
                                    " WHERE tag_fold = 'newsletter' AND contact_id <= 300");
  check_dynamic_groups (db);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/deterministic", Fixture, NULL, fixture_setup, test_deterministic, fixture_teardown);
  g_test_add ("/demo/plausible", Fixture, NULL, fixture_setup, test_plausible, fixture_teardown);
  g_test_add ("/demo/folds", Fixture, NULL, fixture_setup, test_folds, fixture_teardown);
  g_test_add ("/demo/groups", Fixture, NULL, fixture_setup, test_groups, fixture_teardown);
  g_test_add ("/demo/twice", Fixture, NULL, fixture_setup, test_twice, fixture_teardown);

  return g_test_run ();
}
