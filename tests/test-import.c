/* test-import.c — CSV import and export against real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cohort-error.h"
#include "cohort-export.h"
#include "cohort-import.h"
#include "cohort-import-batch.h"
#include "cohort-import-reader.h"
#include "cohort-text.h"

typedef struct
{
  char        *dir;
  CohortStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("cohort-import-XXXXXX", NULL);
  path = g_build_filename (f->dir, "cohort.db", NULL);
  f->store = cohort_store_open (path, NULL);
  g_assert_nonnull (f->store);
  cohort_store_set_now (f->store, 1767225600);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *name;
  GDir *dir = g_dir_open (f->dir, 0, NULL);

  g_clear_object (&f->store);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_remove (p);
    }
  g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static CohortImportReport *
import_with (Fixture              *f,
             const char           *name,
             const char           *encoding,
             CohortImportMapping  *mapping,
             gboolean              update,
             GError              **error)
{
  g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : fixture (name);
  CohortImportReport *report = cohort_import_report_new ();
  CohortImportOptions options = { encoding, mapping };

  if (!cohort_import_contacts_full (f->store, path, &options, NULL, 0, update, NULL, NULL, NULL, report, error))
    g_clear_pointer (&report, cohort_import_report_free);
  return report;
}

static CohortImportReport *
import (Fixture     *f,
        const char  *name,
        gboolean     update,
        GError     **error)
{
  return import_with (f, name, NULL, NULL, update, error);
}

static gboolean
has_line (GPtrArray  *lines,
          const char *fragment)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), fragment))
      return TRUE;
  return FALSE;
}

static gboolean
has_message (CohortImportReport *report,
             const char         *fragment)
{
  return has_line (report->messages, fragment);
}

static gboolean
has_note (CohortImportReport *report,
          const char         *note)
{
  return has_line (report->notes, note);
}

static CohortContact *
contact (Fixture    *f,
         const char *email)
{
  g_autoptr(GError) error = NULL;
  CohortContact *c = cohort_store_find_contact (f->store, email, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static guint
n_custom_fields (CohortContact *c)
{
  return g_hash_table_size (cohort_contact_get_custom (c));
}

/* The account index is dropped for an import into an empty table and made
 * again at its end; it must be there whatever happened. */
static void
assert_account_index (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "cohort.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE name = 'contacts_account'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "CREATE INDEX contacts_account ON contacts (account_id)");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
query_batch (sqlite3           *db,
             const char        *sql,
             CohortImportBatch *b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  cohort_import_batch_bind (stmt, 1, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What SQLite sees of a batch: every column where the INSERTs expect it,
 * and nothing of a row whose id is 0 (a skipped one). */
static void
test_batch_functions (void)
{
  CohortImportBatch *b = cohort_import_batch_new ();
  CohortImportRow first = { 2, 101, 7, };
  CohortImportRow skipped = { 3, 0, 0, };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  first.text[COHORT_CONTACT_EMAIL] = cohort_import_batch_keep (b, "Ann@X.com");
  first.fold[COHORT_CONTACT_EMAIL] = cohort_import_batch_keep_fold (b, "Ann@X.com");
  first.text[COHORT_CONTACT_COUNTRY] = cohort_import_batch_keep (b, "Ísland");
  first.fold[COHORT_CONTACT_COUNTRY] = cohort_import_batch_keep_fold (b, "Ísland");
  first.status = "bounced";
  first.has_score = TRUE;
  first.score = 42;
  first.first = 0;
  first.n_tags = 1;
  first.n_fields = 1;
  g_ptr_array_add (b->strings, (gpointer) cohort_import_batch_keep (b, "VIP"));
  g_ptr_array_add (b->strings, (gpointer) cohort_import_batch_keep_fold (b, "VIP"));
  g_ptr_array_add (b->strings, (gpointer) "plan");
  g_ptr_array_add (b->strings, (gpointer) cohort_import_batch_keep (b, "Gold"));
  g_ptr_array_add (b->strings, (gpointer) cohort_import_batch_keep_fold (b, "Gold"));
  g_array_append_val (b->rows, first);
  skipped.first = b->strings->len;
  skipped.n_tags = 1;
  g_ptr_array_add (b->strings, (gpointer) "x");
  g_ptr_array_add (b->strings, (gpointer) "x");
  g_array_append_val (b->rows, skipped);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (cohort_import_batch_register (db), ==, SQLITE_OK);

  /* Without the batch there is nothing to read from: refused. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM cohort_import_rows", -1, &stmt, NULL), !=, SQLITE_OK);
  g_assert_null (stmt);

  g_assert_cmpint (query_batch (db, "SELECT count(*) FROM cohort_import_rows (?)", b), ==, 1);
  g_assert_cmpint (query_batch (db, "SELECT id + 1000 * account_id FROM cohort_import_rows (?)", b), ==, 7101);
  g_assert_cmpint (query_batch (db, "SELECT email = 'Ann@X.com' AND email_fold = 'ann@x.com' AND "
                                    "country_fold = 'ísland' AND first_name IS NULL AND status = 'bounced' AND "
                                    "score = 42 AND created_at IS NULL FROM cohort_import_rows (?)", b), ==, 1);
  g_assert_cmpint (query_batch (db, "SELECT count(*) FROM cohort_import_tags (?)", b), ==, 1);
  g_assert_cmpint (query_batch (db, "SELECT contact_id = 101 AND tag = 'VIP' AND tag_fold = 'vip' "
                                    "FROM cohort_import_tags (?)", b), ==, 1);
  g_assert_cmpint (query_batch (db, "SELECT contact_id = 101 AND key = 'plan' AND value = 'Gold' AND value_fold = 'gold' "
                                    "FROM cohort_import_fields (?)", b), ==, 1);

  sqlite3_close (db);
  cohort_import_batch_free (b);
}

static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import (f, "google.csv", FALSE, &error);
  g_autoptr(CohortContact) c = NULL;
  const char * const *tags;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 0);

  c = cohort_store_find_contact (f->store, "juergen@weiss.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Jürgen");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_LAST_NAME), ==, "Weiß");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_PHONE), ==, "+49 171 555");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_CITY), ==, "München");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_COUNTRY), ==, "DE");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_JOB_TITLE), ==, "CTO");
  g_assert_cmpstr (cohort_contact_get_account_name (c), ==, "Weiss AG");
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "Notes"), ==, "Met at Expo");
  /* Google's own "* myContacts" label is not a tag. */
  tags = cohort_contact_get_tags (c);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "Trade Show");
  g_assert_cmpstr (tags[1], ==, "VIP");
}

static void
test_outlook (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import (f, "outlook.csv", FALSE, &error);
  g_autoptr(CohortContact) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  c = cohort_store_find_contact (f->store, "SOREN@example.dk", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Søren");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_LAST_NAME), ==, "Kierkegaard");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_JOB_TITLE), ==, "Thinker");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_PHONE), ==, "+45 3333");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_CITY), ==, "København");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_COUNTRY), ==, "DK");
  g_assert_cmpstr (cohort_contact_get_account_name (c), ==, "Filosofi ApS");
  g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (c)), ==, 2);
}

static void
test_row_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import (f, "row-errors.csv", FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 3);
  g_assert_true (has_message (report, "row-errors.csv:3: score: “lots” is not a whole number"));
  g_assert_true (has_message (report, "row-errors.csv:4: status"));
  g_assert_true (has_message (report, "row-errors.csv:5: the row has 6 fields but the header has 5"));
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 1);
}

static void
test_update_and_skip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CohortImportReport) first = import (f, "google.csv", FALSE, NULL);
  g_autoptr(CohortImportReport) again = import (f, "google.csv", FALSE, NULL);
  g_autoptr(CohortImportReport) update = NULL;
  g_autoptr(CohortContact) c = cohort_store_find_contact (f->store, "amelie@roux.fr", NULL);

  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->skipped, ==, 2);
  g_assert_true (has_message (again, "already exists"));

  /* An update overwrites filled cells and keeps the rest. */
  cohort_contact_set_text (c, COHORT_CONTACT_PHONE, "+33 1 23");
  cohort_contact_set_text (c, COHORT_CONTACT_CITY, "Paris");
  g_assert_true (cohort_store_save_contact (f->store, c, NULL, NULL));
  update = import (f, "google.csv", TRUE, NULL);
  g_assert_cmpuint (update->updated, ==, 2);
  g_clear_object (&c);
  c = cohort_store_find_contact (f->store, "amelie@roux.fr", NULL);
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_CITY), ==, "Lyon");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_PHONE), ==, "+33 1 23");
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 2);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) latin = import (f, "latin1.csv", FALSE, &error);
  g_autoptr(CohortImportReport) truncated = NULL;
  g_autoptr(CohortImportReport) header_only = NULL;
  g_autoptr(CohortImportReport) empty = NULL;
  g_autoptr(CohortImportReport) missing = NULL;

  /* A file that is not UTF-8 is read as Windows-1252. */
  g_assert_no_error (error);
  g_assert_cmpuint (latin->created, ==, 2);
  g_assert_cmpuint (latin->rejected, ==, 0);

  truncated = import (f, "truncated.csv", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (truncated->rejected, ==, 1);
  g_assert_true (has_message (truncated, "truncated.csv:3:"));

  header_only = import (f, "header-only.csv", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header_only->created, ==, 0);

  empty = import (f, "empty.csv", FALSE, &error);
  g_assert_null (empty);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  missing = import (f, "no-such-file.csv", FALSE, &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-file.csv"));

  /* Nothing stored before was lost. */
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 2);
}

static void
test_huge_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.csv", NULL);
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GError) error = NULL;
  FILE *out = fopen (path, "w");

  /* 100 MB in one field of the second row, written without holding it. */
  fputs ("email,first_name\r\nbefore@x.com,Before\r\nhuge@x.com,\"", out);
  for (guint i = 0; i < 100 * 1024; i++)
    {
      char block[1024];
      memset (block, 'x', sizeof block);
      fwrite (block, 1, sizeof block, out);
    }
  fputs ("\"\r\nafter@x.com,After\r\n", out);
  fclose (out);

  g_assert_true (cohort_import_contacts (f->store, path, NULL, 0, FALSE, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_true (has_message (report, "huge.csv:3:"));
  g_remove (path);
}

static void
test_groups_on_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = fixture ("google.csv");
  g_autoptr(CohortGroup) st = cohort_group_new ("expo", "Expo", COHORT_GROUP_STATIC);
  g_autoptr(CohortGroup) dyn = cohort_group_new ("vip", "VIP", COHORT_GROUP_DYNAMIC);
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  cohort_group_set_condition_json (dyn, "{\"combinator\":\"and\",\"rules\":[{\"field\":\"tag\",\"operator\":\"=\",\"value\":\"vip\"}]}");
  g_assert_true (cohort_store_create_group (f->store, st, NULL));
  g_assert_true (cohort_store_create_group (f->store, dyn, NULL));
  id = cohort_group_get_id (st);

  g_assert_true (cohort_import_contacts (f->store, path, &id, 1, FALSE, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CohortGroup) a = cohort_store_find_group (f->store, "expo", NULL);
    g_autoptr(CohortGroup) b = cohort_store_find_group (f->store, "vip", NULL);
    g_assert_cmpint (cohort_group_get_member_count (a), ==, 2);
    /* The dynamic group saw the import at once. */
    g_assert_cmpint (cohort_group_get_member_count (b), ==, 1);
  }

  /* Importing into a dynamic group is refused and changes nothing. */
  {
    g_autoptr(CohortImportReport) r2 = cohort_import_report_new ();
    gint64 did = cohort_group_get_id (dyn);
    g_assert_false (cohort_import_contacts (f->store, path, &did, 1, TRUE, NULL, NULL, NULL, r2, &error));
    g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  }
}

static char *
export_string (Fixture            *f,
               gint64              group_id,
               CohortExportFormat  format)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_export_contacts (f->store, group_id, format, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CohortImportReport) a = import (f, "formula.csv", FALSE, NULL);
  g_autoptr(CohortImportReport) b = import (f, "google.csv", FALSE, NULL);
  g_autofree char *csv = export_string (f, 0, COHORT_EXPORT_CSV);
  g_autofree char *json = export_string (f, 0, COHORT_EXPORT_JSON);
  g_autofree char *emails = export_string (f, 0, COHORT_EXPORT_EMAILS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *reimport_path = g_build_filename (f->dir, "export.csv", NULL);

  g_assert_cmpuint (a->created, ==, 1);
  g_assert_true (g_str_has_prefix (csv, "email,first_name,last_name,phone,job_title,company,city,country,status,score,tags,created_at,custom.Notes\r\n"));
  g_assert_nonnull (strstr (csv, "'=cmd@x.com,\"'=HYPERLINK(\"\"http://evil\"\")\""));
  g_assert_nonnull (strstr (csv, "'+Acme"));
  g_assert_cmpstr (emails, ==, "=cmd@x.com\namelie@roux.fr\njuergen@weiss.de\n");

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 3);

  /* An export imports back into an empty database with the same data. */
  {
    g_autoptr(CohortStore) other = NULL;
    g_autofree char *db = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(CohortImportReport) r = cohort_import_report_new ();
    g_autoptr(CohortContact) c = NULL;

    g_assert_true (g_file_set_contents (reimport_path, csv, -1, NULL));
    other = cohort_store_open (db, NULL);
    g_assert_true (cohort_import_contacts (other, reimport_path, NULL, 0, FALSE, NULL, NULL, NULL, r, NULL));
    g_assert_cmpuint (r->created, ==, 3);
    c = cohort_store_find_contact (other, "juergen@weiss.de", NULL);
    g_assert_cmpstr (cohort_contact_get_custom_field (c, "Notes"), ==, "Met at Expo");
    g_assert_cmpstr (cohort_contact_get_account_name (c), ==, "Weiss AG");
    g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (c)), ==, 2);
    /* The guard that kept "+49…" from being a formula is undone. */
    g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_PHONE), ==, "+49 171 555");
    g_clear_object (&c);
    c = cohort_store_find_contact (other, "=cmd@x.com", NULL);
    g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "=HYPERLINK(\"http://evil\")");
  }
}

static void
test_accounts_and_activities (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *accounts = g_build_filename (f->dir, "accounts.csv", NULL);
  g_autofree char *activities = g_build_filename (f->dir, "activities.csv", NULL);
  g_autoptr(CohortImportReport) r1 = cohort_import_report_new ();
  g_autoptr(CohortImportReport) r2 = cohort_import_report_new ();
  g_autoptr(CohortImportReport) contacts = import (f, "google.csv", FALSE, NULL);
  g_autoptr(CohortAccount) weiss = NULL;
  g_autoptr(CohortContact) c = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (accounts, "name,industry,employees\nWeiss AG,Machinery,1200\nNew Co,Retail,abc\n", -1, NULL);
  g_assert_true (cohort_import_accounts (f->store, accounts, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r1->updated, ==, 1);
  g_assert_cmpuint (r1->rejected, ==, 1);
  weiss = cohort_store_find_account (f->store, "weiss ag", NULL);
  g_assert_cmpstr (cohort_account_get_industry (weiss), ==, "Machinery");

  g_file_set_contents (activities,
                       "email,type,occurred_at,detail\n"
                       "juergen@weiss.de,purchase,2025-12-24T10:00:00Z,order 1\n"
                       "JUERGEN@weiss.de,page_visit,2025-12-30,/pricing\n"
                       "nobody@x.com,purchase,2025-12-24,\n"
                       "juergen@weiss.de,Bad Type!,2025-12-24,\n"
                       "juergen@weiss.de,purchase,yesterday,\n", -1, NULL);
  g_assert_true (cohort_import_activities (f->store, activities, r2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r2->created, ==, 2);
  g_assert_cmpuint (r2->rejected, ==, 3);
  g_assert_true (has_message (r2, "activities.csv:4: email"));
  g_assert_true (has_message (r2, "activities.csv:5: type"));
  g_assert_true (has_message (r2, "activities.csv:6: occurred_at"));

  c = cohort_store_find_contact (f->store, "juergen@weiss.de", NULL);
  g_assert_cmpint (cohort_contact_get_last_activity_at (c), ==, 1767052800 - 0);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* Progress goes forward only, once per batch at least, and reaches 1.0
 * with the commit. */
static void
assert_progress (GArray *fractions,
                 guint   n_batches)
{
  g_assert_cmpuint (fractions->len, >=, n_batches + 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.5);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* Several batches of the threaded import: the first of two equal emails
 * wins across batches, skipped and rejected rows leave no trace (not even
 * a new account), and every written row has its tags and fields. */
static void
test_many_rows (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autofree char *seed = g_build_filename (f->dir, "seed.csv", NULL);
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(CohortImportReport) first = cohort_import_report_new ();
  g_autoptr(GString) csv = g_string_new ("email,first_name,company,score,tags,Plan\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CohortContact) c = NULL;
  g_autoptr(CohortAccount) none = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 9000;
  const char * const *tags;

  g_file_set_contents (seed, "email,company\nold@x.com,Old Co\n", -1, NULL);
  g_assert_true (cohort_import_contacts (f->store, seed, NULL, 0, FALSE, NULL, NULL, NULL, first, &error));
  g_assert_no_error (error);
  assert_account_index (f);

  /* Row i is on line i + 2. */
  for (guint i = 0; i < n; i++)
    {
      if (i == 7000)
        g_string_append (csv, "U3@x.com,Dup,Duplicate Co,1,,\n");
      else if (i == 4000)
        g_string_append (csv, "OLD@x.com,Old,Brand New Co,1,,\n");
      else if (i == 2500)
        g_string_append (csv, "bad@x.com,Bad,Bad Co,lots,,\n");
      else
        g_string_append_printf (csv, "u%u@x.com,N%u,Co %u,%u,a;B; a ::: c ;* starred,p%u\n",
                                i, i, i % 7, i, i % 3);
    }
  g_file_set_contents (path, csv->str, csv->len, NULL);

  g_assert_true (cohort_import_contacts (f->store, path, NULL, 0, FALSE, NULL, record_progress, fractions,
                                         report, &error));
  g_assert_no_error (error);
  assert_progress (fractions, (n + COHORT_IMPORT_BATCH_ROWS - 1) / COHORT_IMPORT_BATCH_ROWS);
  g_assert_cmpuint (report->created, ==, n - 3);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_true (has_message (report, "many.csv:7002: the email “U3@x.com” was already on line 5 (skipped)"));
  g_assert_true (has_message (report, "many.csv:4002: a contact with the email “OLD@x.com” already exists"));
  g_assert_true (has_message (report, "many.csv:2502: score: “lots” is not a whole number"));
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, n - 3 + 1);

  none = cohort_store_find_account (f->store, "Brand New Co", NULL);
  g_assert_null (none);
  none = cohort_store_find_account (f->store, "Duplicate Co", NULL);
  g_assert_null (none);

  c = cohort_store_find_contact (f->store, "u8999@x.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "N8999");
  g_assert_cmpstr (cohort_contact_get_account_name (c), ==, "Co 4");
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "Plan"), ==, "p2");
  {
    g_auto(GStrv) keys = cohort_store_list_custom_keys (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpstrv (keys, ((const char * const[]) { "Plan", NULL }));
  }
  tags = cohort_contact_get_tags (c);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 3);
  g_assert_true (g_strv_contains (tags, "a"));
  g_assert_true (g_strv_contains (tags, "B"));
  g_assert_true (g_strv_contains (tags, "c"));
}

/* A cancelled import stops on the reading thread and stores nothing. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) csv = g_string_new ("email\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "u%u@x.com\n", i);
  g_file_set_contents (path, csv->str, csv->len, NULL);

  g_cancellable_cancel (cancellable);
  g_assert_false (cohort_import_contacts (f->store, path, NULL, 0, FALSE, cancellable, record_progress, fractions,
                                          report, &error));
  for (guint i = 0; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), <, 1.0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 0);
  assert_account_index (f);
  g_assert_cmpuint (report->created, ==, 0);
}

/* With --update, an email twice in the file updates once; the second is
 * reported against the first. */
static void
test_update_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "twice.csv", NULL);
  g_autoptr(CohortImportReport) first = cohort_import_report_new ();
  g_autoptr(CohortImportReport) report = cohort_import_report_new ();
  g_autoptr(CohortContact) c = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "email,city,tags\nann@x.com,Oslo,a\n", -1, NULL);
  g_assert_true (cohort_import_contacts (f->store, path, NULL, 0, FALSE, NULL, NULL, NULL, first, &error));
  g_file_set_contents (path, "email,city,tags\nann@x.com,Bergen,b\nAnn@X.com,Tromsø,c\n", -1, NULL);
  g_assert_true (cohort_import_contacts (f->store, path, NULL, 0, TRUE, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_true (has_message (report, "twice.csv:3: the email “Ann@X.com” was already on line 2 (skipped)"));
  c = cohort_store_find_contact (f->store, "ann@x.com", NULL);
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_CITY), ==, "Bergen");
  g_assert_cmpstr (cohort_contact_get_tags (c)[0], ==, "b");
  g_assert_null (cohort_contact_get_tags (c)[1]);
}

/* Outlook on Windows writes Windows-1252, and fills what nobody filled
 * with placeholders that must not become custom fields. */
static void
test_outlook_windows_1252 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "outlook-windows-1252.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortContact) jurgen = NULL;
  g_autoptr(CohortContact) zoe = NULL;
  const char * const *tags;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpstr (report->encoding, ==, "WINDOWS-1252");
  g_assert_cmpstr (report->layout, ==, "outlook");
  g_assert_true (has_note (report, "outlook-windows-1252.csv: read as Windows-1252 (not valid UTF-8)"));
  g_assert_true (has_note (report, "outlook-windows-1252.csv: recognised as an Outlook contact export"));

  jurgen = contact (f, "juergen@weiss.de");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_FIRST_NAME), ==, "Jürgen");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_LAST_NAME), ==, "Weiß");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_JOB_TITLE), ==, "Geschäftsführer");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_CITY), ==, "München");
  g_assert_cmpstr (cohort_contact_get_account_name (jurgen), ==, "Weiß & Söhne GmbH");
  /* 0x93, 0x94 and 0x96 are Windows-1252's quotes and dash. */
  g_assert_cmpstr (cohort_contact_get_custom_field (jurgen, "Notes"), ==, "Café “Zur Linde”");
  tags = cohort_contact_get_tags (jurgen);
  g_assert_true (g_strv_contains (tags, "Messe – 2024"));
  /* Birthday 0/0/00, Anniversary 0.0.00, Gender Unspecified, Normal
   * priority and sensitivity, Private False, Initials: none stored. */
  g_assert_cmpuint (n_custom_fields (jurgen), ==, 1);

  /* A real birthday and a priority that says something stay. */
  zoe = contact (f, "zoe@example.dk");
  g_assert_cmpstr (cohort_contact_get_text (zoe, COHORT_CONTACT_LAST_NAME), ==, "Ærøskøbing");
  g_assert_cmpstr (cohort_contact_get_custom_field (zoe, "Birthday"), ==, "12/24/1980");
  g_assert_cmpstr (cohort_contact_get_custom_field (zoe, "Priority"), ==, "High");
  g_assert_cmpuint (n_custom_fields (zoe), ==, 2);
}

/* A German Outlook: its own column names and placeholders, semicolons. */
static void
test_outlook_german (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "outlook-german.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortContact) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpstr (report->layout, ==, "outlook");
  g_assert_cmpstr (report->encoding, ==, "WINDOWS-1252");
  c = contact (f, "bjoern@oel.de");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Björn");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_LAST_NAME), ==, "Größer");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_PHONE), ==, "+49 151 555");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_JOB_TITLE), ==, "Einkäufer");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_CITY), ==, "Düsseldorf");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_COUNTRY), ==, "Deutschland");
  g_assert_cmpstr (cohort_contact_get_account_name (c), ==, "Öl & Gas AG");
  g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (c)), ==, 2);
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "Notizen"), ==, "Rückruf im März");
  g_assert_cmpuint (n_custom_fields (c), ==, 1);
}

/* A byte that Windows-1252 leaves undefined: the file is ISO-8859-1. */
static void
test_latin1_fallback (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "latin1-c1.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortContact) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpstr (report->encoding, ==, "ISO-8859-1");
  g_assert_true (has_note (report, "latin1-c1.csv: read as ISO-8859-1 (not valid UTF-8)"));
  c = contact (f, "c1@x.com");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "René");
}

/* A header with a non-UTF-8 byte is read as the file's first line, in
 * the encoding detected; forced to UTF-8 it fails at line 1, saying why. */
static void
test_header_encoding (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "header-cp1252.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortImportReport) forced = NULL;
  g_autoptr(CohortContact) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  c = contact (f, "anna@x.de");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Änne");
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "Straße"), ==, "Hauptstraße 1");
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "Größe"), ==, "M");

  forced = import_with (f, "header-cp1252.csv", "utf-8", NULL, FALSE, &error);
  g_assert_null (forced);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "header-cp1252.csv:1: "));
  g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 1);
}

static void
test_forced_encoding (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) utf8 = import_with (f, "latin1.csv", "UTF-8", NULL, FALSE, &error);
  g_autoptr(CohortImportReport) cp1252 = NULL;
  g_autoptr(CohortImportReport) unknown = NULL;
  g_autoptr(CohortContact) c = NULL;

  /* Forced to UTF-8, a row that is not is rejected, the others come in. */
  g_assert_no_error (error);
  g_assert_cmpuint (utf8->created, ==, 1);
  g_assert_cmpuint (utf8->rejected, ==, 1);
  g_assert_true (has_message (utf8, "latin1.csv:2: the row is not valid UTF-8 text"));
  g_assert_cmpstr (utf8->encoding, ==, "UTF-8");

  cp1252 = import_with (f, "latin1.csv", "cp1252", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp1252->created, ==, 1);
  g_assert_true (has_note (cp1252, "latin1.csv: read as Windows-1252 (as asked)"));
  c = contact (f, "latin@x.com");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "René");

  unknown = import_with (f, "latin1.csv", "klingon-8", NULL, FALSE, &error);
  g_assert_null (unknown);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "klingon-8"));
}

/* UTF-16 with a byte-order mark, as Excel's "Unicode Text" saves it. */
static void
test_utf16 (Fixture       *f,
            gconstpointer  data)
{
  const char text[] = "\xEF\xBB\xBF" "email\tfirst_name\r\nu16@x.com\tZoë\r\n";
  g_autofree char *path = g_build_filename (f->dir, "utf16.txt", NULL);
  g_autofree char *utf16 = NULL;
  g_autoptr(CohortImportReport) report = NULL;
  g_autoptr(CohortContact) c = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, utf16, len, NULL));
  report = import_with (f, path, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpstr (report->encoding, ==, "UTF-16");
  c = contact (f, "u16@x.com");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Zoë");
}

/* Thunderbird's export: the email is "Primary Email", so a second import
 * finds every contact again instead of doubling them. */
static void
test_thunderbird (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "thunderbird.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortImportReport) again = NULL;
  g_autoptr(CohortContact) ingrid = NULL;
  g_autoptr(CohortContact) desk = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpstr (report->layout, ==, "thunderbird");
  g_assert_true (has_note (report, "thunderbird.csv: recognised as a Thunderbird address book"));
  ingrid = contact (f, "ingrid@example.se");
  g_assert_cmpstr (cohort_contact_get_text (ingrid, COHORT_CONTACT_PHONE), ==, "+46 8 555");
  g_assert_cmpstr (cohort_contact_get_text (ingrid, COHORT_CONTACT_CITY), ==, "Stockholm");
  g_assert_cmpstr (cohort_contact_get_text (ingrid, COHORT_CONTACT_COUNTRY), ==, "Sweden");
  g_assert_cmpstr (cohort_contact_get_text (ingrid, COHORT_CONTACT_JOB_TITLE), ==, "Actor");
  g_assert_cmpstr (cohort_contact_get_account_name (ingrid), ==, "Studio AB");
  g_assert_cmpstr (cohort_contact_get_custom_field (ingrid, "Secondary Email"), ==, "ib@home.se");
  g_assert_null (cohort_contact_get_custom_field (ingrid, "Primary Email"));
  g_assert_null (cohort_contact_get_custom_field (ingrid, "Display Name"));
  /* Only a display name: it gives the names. */
  desk = contact (f, "support@example.com");
  g_assert_cmpstr (cohort_contact_get_text (desk, COHORT_CONTACT_FIRST_NAME), ==, "Support");
  g_assert_cmpstr (cohort_contact_get_text (desk, COHORT_CONTACT_LAST_NAME), ==, "Desk");

  again = import_with (f, "thunderbird.csv", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->skipped, ==, 2);
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 2);
}

/* Any file's "Name" gives first and last name when it has neither. */
static void
test_full_name (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "names.csv", NULL);
  g_autoptr(CohortImportReport) report = NULL;
  g_autoptr(CohortContact) jane = NULL;
  g_autoptr(CohortContact) kim = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "Name,Email,First Name\nJane Q Public,jq@x.com,\n"
                                            "Kim Park,kim@x.com,Kimberly\n", -1, NULL));
  report = import_with (f, path, NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  jane = contact (f, "jq@x.com");
  g_assert_cmpstr (cohort_contact_get_text (jane, COHORT_CONTACT_FIRST_NAME), ==, "Jane Q");
  g_assert_cmpstr (cohort_contact_get_text (jane, COHORT_CONTACT_LAST_NAME), ==, "Public");
  kim = contact (f, "kim@x.com");
  g_assert_cmpstr (cohort_contact_get_text (kim, COHORT_CONTACT_FIRST_NAME), ==, "Kimberly");
  g_assert_null (cohort_contact_get_text (kim, COHORT_CONTACT_LAST_NAME));
  g_assert_cmpuint (n_custom_fields (kim), ==, 0);
}

static gint64
local_time (Fixture    *f,
            const char *text)
{
  gint64 t = 0;

  g_assert_true (cohort_datetime_parse (text, cohort_store_get_timezone (f->store), &t, NULL));
  return t;
}

static void
test_mailchimp (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "mailchimp.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortImportReport) unsubscribed = NULL;
  g_autoptr(CohortContact) mia = NULL;
  g_autoptr(CohortContact) leo = NULL;
  g_autoptr(CohortContact) gone = NULL;
  const char * const *tags;
  gint64 score = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpstr (report->layout, ==, "mailchimp");
  mia = contact (f, "mia@example.com");
  g_assert_cmpstr (cohort_contact_get_text (mia, COHORT_CONTACT_PHONE), ==, "+39 02 555");
  g_assert_cmpstr (cohort_contact_get_text (mia, COHORT_CONTACT_COUNTRY), ==, "IT");
  g_assert_true (cohort_contact_get_score (mia, &score));
  g_assert_cmpint (score, ==, 4);
  g_assert_cmpint (cohort_contact_get_created_at (mia), ==, local_time (f, "2023-03-14 09:26:53"));
  /* TAGS is a list of quoted tags. */
  tags = cohort_contact_get_tags (mia);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "vip"));
  g_assert_true (g_strv_contains (tags, "expo 2024"));
  /* Mailchimp's own ids, IPs and coordinates are not contact data. */
  g_assert_null (cohort_contact_get_custom_field (mia, "LEID"));
  g_assert_null (cohort_contact_get_custom_field (mia, "OPTIN_IP"));
  g_assert_null (cohort_contact_get_custom_field (mia, "LATITUDE"));
  g_assert_cmpstr (cohort_contact_get_custom_field (mia, "REGION"), ==, "MI");

  /* An opt-in time in a form not read as a date is kept, not lost with
   * its row. */
  leo = contact (f, "leo@example.com");
  g_assert_cmpstr (cohort_contact_get_custom_field (leo, "OPTIN_TIME"), ==, "03/14/2023 09:26");
  g_assert_cmpint (cohort_contact_get_created_at (leo), ==, cohort_store_get_now (f->store));

  unsubscribed = import_with (f, "mailchimp-unsubscribed.csv", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unsubscribed->created, ==, 1);
  gone = contact (f, "gone@example.com");
  g_assert_cmpint (cohort_contact_get_status (gone), ==, COHORT_STATUS_UNSUBSCRIBED);
}

static void
test_hubspot (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "hubspot.csv", NULL, NULL, FALSE, &error);
  g_autoptr(CohortContact) ana = NULL;
  g_autoptr(CohortContact) tom = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpstr (report->layout, ==, "hubspot");
  ana = contact (f, "ana@example.pt");
  g_assert_cmpstr (cohort_contact_get_account_name (ana), ==, "Lusa Lda");
  g_assert_cmpstr (cohort_contact_get_text (ana, COHORT_CONTACT_COUNTRY), ==, "Portugal");
  g_assert_cmpstr (cohort_contact_get_text (ana, COHORT_CONTACT_JOB_TITLE), ==, "CMO");
  g_assert_cmpint (cohort_contact_get_created_at (ana), ==, local_time (f, "2024-02-29 13:45"));
  g_assert_cmpstr (cohort_contact_get_custom_field (ana, "Record ID"), ==, "51");
  g_assert_cmpstr (cohort_contact_get_custom_field (ana, "Lifecycle Stage"), ==, "customer");
  tom = contact (f, "tom@example.no");
  g_assert_cmpstr (cohort_contact_get_custom_field (tom, "Create Date"), ==, "29/02/2024 13:45");
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "kunden.csv", NULL);
  g_autofree char *map_path = g_build_filename (f->dir, "map.json", NULL);
  g_autoptr(CohortImportMapping) mapping = NULL;
  g_autoptr(CohortImportMapping) back = NULL;
  g_autoptr(CohortImportMapping) missing = NULL;
  g_autoptr(CohortImportReport) report = NULL;
  g_autoptr(CohortImportReport) refused = NULL;
  g_autoptr(CohortContact) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *target = NULL;

  g_assert_true (g_file_set_contents (csv, "E-Mail Adresse;Name;Notizen;Kundennummer\n"
                                           "k@x.de;Kurt;geheim;K-17\n", -1, NULL));
  g_assert_true (g_file_set_contents (map_path, "{\"columns\": {\"E-Mail Adresse\": \"email\", \"Name\": \"first_name\", "
                                                "\"Notizen\": \"skip\", \"Kundennummer\": \"custom.customer_no\"}}", -1, NULL));
  mapping = cohort_import_mapping_load (map_path, &error);
  g_assert_no_error (error);
  report = import_with (f, csv, NULL, mapping, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  c = contact (f, "k@x.de");
  g_assert_cmpstr (cohort_contact_get_text (c, COHORT_CONTACT_FIRST_NAME), ==, "Kurt");
  g_assert_cmpstr (cohort_contact_get_custom_field (c, "customer_no"), ==, "K-17");
  g_assert_null (cohort_contact_get_custom_field (c, "Notizen"));

  /* A preset saves and loads back the same. */
  g_assert_true (cohort_import_mapping_set_encoding (mapping, "latin1", NULL));
  json = cohort_import_mapping_to_json (mapping);
  back = cohort_import_mapping_new_from_json (json, -1, "preset", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cohort_import_mapping_get_encoding (back), ==, "ISO-8859-1");
  g_assert_true (cohort_import_mapping_lookup (back, "notizen", &target));
  g_assert_null (target);
  g_assert_true (cohort_import_mapping_lookup (back, "KUNDENNUMMER", &target));
  g_assert_cmpstr (target, ==, "custom.customer_no");

  /* Bad mappings name the file and the JSON path. */
  g_assert_null (cohort_import_mapping_new_from_json ("{\"columns\": {\"Notizen\": \"note\"}}", -1, "map.json", &error));
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "map.json: columns[\"Notizen\"]: “note” is not a field"));
  g_clear_error (&error);
  g_assert_null (cohort_import_mapping_new_from_json ("{\"columns\": {\"A\": 3}}", -1, "map.json", &error));
  g_assert_true (g_str_has_prefix (error->message, "map.json: columns[\"A\"]: "));
  g_clear_error (&error);
  g_assert_null (cohort_import_mapping_new_from_json ("{\"columns\": {", -1, "map.json", &error));
  g_assert_true (g_str_has_prefix (error->message, "map.json:1:"));
  g_clear_error (&error);

  missing = cohort_import_mapping_new_from_json ("{\"columns\": {\"Fax\": \"phone\"}}", -1, "map.json", &error);
  g_assert_no_error (error);
  refused = import_with (f, csv, NULL, missing, FALSE, &error);
  g_assert_null (refused);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "map.json: columns[\"Fax\"]: the header of kunden.csv has no such column");
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 1);
}

static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortImportReport) report = import_with (f, "contacts.vcf", NULL, NULL, FALSE, &error);
  g_autoptr(CohortImportReport) phone = NULL;
  g_autoptr(CohortContact) jurgen = NULL;
  g_autoptr(CohortContact) amelie = NULL;
  g_autoptr(CohortContact) jorg = NULL;
  g_autoptr(CohortContact) soren = NULL;
  g_autoptr(CohortContact) jane = NULL;
  const char * const *tags;

  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 5);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpstr (report->layout, ==, "vcard");
  g_assert_true (has_message (report, "contacts.vcf:50: card without END:VCARD"));

  /* Google's 3.0 export. */
  jurgen = contact (f, "juergen@weiss.de");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_FIRST_NAME), ==, "Jürgen");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_LAST_NAME), ==, "Weiß");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_PHONE), ==, "+49 171 555");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_CITY), ==, "München");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_COUNTRY), ==, "Germany");
  g_assert_cmpstr (cohort_contact_get_text (jurgen, COHORT_CONTACT_JOB_TITLE), ==, "CTO");
  g_assert_cmpstr (cohort_contact_get_account_name (jurgen), ==, "Weiss AG");
  g_assert_cmpstr (cohort_contact_get_custom_field (jurgen, "note"), ==, "Met at Expo, booth 4\nCall in May");
  tags = cohort_contact_get_tags (jurgen);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "VIP"));
  g_assert_true (g_strv_contains (tags, "Trade Show"));

  /* Apple: grouped properties, the preferred email, a folded address, a
   * photo passed over. */
  amelie = contact (f, "amelie@roux.fr");
  g_assert_cmpstr (cohort_contact_get_text (amelie, COHORT_CONTACT_FIRST_NAME), ==, "Amélie");
  g_assert_cmpstr (cohort_contact_get_text (amelie, COHORT_CONTACT_PHONE), ==, "+33 6 12 34 56 78");
  g_assert_cmpstr (cohort_contact_get_text (amelie, COHORT_CONTACT_CITY), ==, "Lyon");
  g_assert_cmpstr (cohort_contact_get_text (amelie, COHORT_CONTACT_COUNTRY), ==, "France");
  g_assert_cmpstr (cohort_contact_get_account_name (amelie), ==, "Atelier Roux");

  /* A 2.1 phone: QUOTED-PRINTABLE in UTF-8 and in ISO-8859-1, soft line
   * breaks, the PREF number. */
  jorg = contact (f, "joerg@mueller.de");
  g_assert_cmpstr (cohort_contact_get_text (jorg, COHORT_CONTACT_FIRST_NAME), ==, "Jörg");
  g_assert_cmpstr (cohort_contact_get_text (jorg, COHORT_CONTACT_LAST_NAME), ==, "Müller");
  g_assert_cmpstr (cohort_contact_get_text (jorg, COHORT_CONTACT_PHONE), ==, "+49 160 1111");
  g_assert_cmpstr (cohort_contact_get_custom_field (jorg, "note"), ==,
                   "Grüße aus Köln, ein sehr langer Text der umgebrochen wurde und weitergeht");

  /* 4.0: PREF=1 wins over the first. */
  soren = contact (f, "soren@example.dk");
  g_assert_cmpstr (cohort_contact_get_text (soren, COHORT_CONTACT_PHONE), ==, "+45-3333");
  g_assert_cmpstr (cohort_contact_get_text (soren, COHORT_CONTACT_CITY), ==, "København");
  g_assert_cmpuint (g_strv_length ((char **) cohort_contact_get_tags (soren)), ==, 2);

  /* Known by its content, whatever its name; the open card at its end is
   * reported with its line. */
  phone = import_with (f, "phone-export.txt", NULL, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phone->created, ==, 1);
  g_assert_cmpuint (phone->rejected, ==, 1);
  g_assert_true (has_message (phone, "phone-export.txt:6: card without END:VCARD"));
  jane = contact (f, "jane@doe.com");
  g_assert_cmpstr (cohort_contact_get_text (jane, COHORT_CONTACT_FIRST_NAME), ==, "Jane");
}

/* What the import dialog shows before the user maps the columns. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = fixture ("outlook-windows-1252.csv");
  g_autoptr(CohortImportPreview) detected = NULL;
  g_autoptr(CohortImportPreview) utf8 = NULL;
  g_autoptr(GError) error = NULL;

  detected = cohort_import_preview (path, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detected->encoding, ==, "WINDOWS-1252");
  g_assert_cmpstr (detected->layout, ==, "outlook");
  g_assert_cmpstr (detected->header[0], ==, "First Name");
  /* Where the columns go unless the user maps them otherwise. */
  g_assert_cmpuint (g_strv_length (detected->targets), ==, g_strv_length (detected->header));
  g_assert_cmpstr (detected->targets[0], ==, "first_name");
  g_assert_cmpstr (detected->header[14], ==, "E-mail Address");
  g_assert_cmpstr (detected->targets[14], ==, "email");
  g_assert_cmpuint (detected->rows->len, ==, 1);
  g_assert_cmpstr (((char **) g_ptr_array_index (detected->rows, 0))[0], ==, "Jürgen");

  /* In UTF-8 no row can be read, and the preview says where. */
  utf8 = cohort_import_preview (path, "UTF-8", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (utf8->rows->len, ==, 0);
  g_assert_cmpuint (utf8->messages->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (utf8->messages, 0), "outlook-windows-1252.csv:2: "));
  /* Nothing was stored. */
  g_assert_cmpint (cohort_store_count_contacts (f->store, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import/google", test_google);
  ADD ("/import/outlook", test_outlook);
  ADD ("/import/row-errors", test_row_errors);
  ADD ("/import/update-and-skip", test_update_and_skip);
  ADD ("/import/bad-files", test_bad_files);
  ADD ("/import/huge-field", test_huge_field);
  ADD ("/import/groups", test_groups_on_import);
  ADD ("/import/export", test_export);
  ADD ("/import/accounts-and-activities", test_accounts_and_activities);
  ADD ("/import/many-rows", test_many_rows);
  ADD ("/import/cancelled", test_cancelled);
  ADD ("/import/update-twice", test_update_twice);
  ADD ("/import/encoding/windows-1252", test_outlook_windows_1252);
  ADD ("/import/encoding/latin1-fallback", test_latin1_fallback);
  ADD ("/import/layout/outlook-german", test_outlook_german);
  ADD ("/import/encoding/header", test_header_encoding);
  ADD ("/import/encoding/forced", test_forced_encoding);
  ADD ("/import/encoding/utf16", test_utf16);
  ADD ("/import/layout/thunderbird", test_thunderbird);
  ADD ("/import/layout/full-name", test_full_name);
  ADD ("/import/layout/mailchimp", test_mailchimp);
  ADD ("/import/layout/hubspot", test_hubspot);
  ADD ("/import/mapping", test_mapping);
  ADD ("/import/vcard", test_vcard);
  ADD ("/import/preview", test_preview);
  g_test_add_func ("/import/batch-functions", test_batch_functions);
#undef ADD

  return g_test_run ();
}
