/* cohort-import-contacts.c — contacts from CSV, set-based
 *
 * The file is read once: each row is checked with the same
 * cohort_contact_set_field() the rest of Cohort uses and written to a
 * staging table in a scratch database. Accounts, contacts, tags and custom
 * fields then go in with a handful of INSERT … SELECT statements, so a
 * million rows cost a few statements more than the rows themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cohort-error.h"
#include "cohort-import-private.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* Canonical columns, then Google Contacts and Outlook export headers. */
static const struct
{
  const char *header;
  const char *field;
} header_map[] = {
  { "email", "email" }, { "e_mail", "email" }, { "email_address", "email" },
  { "e_mail_address", "email" }, { "e_mail_1_value", "email" }, { "email_1_value", "email" },
  { "first_name", "first_name" }, { "firstname", "first_name" }, { "given_name", "first_name" },
  { "last_name", "last_name" }, { "lastname", "last_name" }, { "family_name", "last_name" },
  { "surname", "last_name" },
  { "phone", "phone" }, { "phone_number", "phone" }, { "phone_1_value", "phone" },
  { "business_phone", "phone" }, { "mobile_phone", "phone" }, { "primary_phone", "phone" },
  { "home_phone", "phone" },
  /* Outlook's "Title" is Mr./Dr.: only its "Job Title" is one. */
  { "job_title", "job_title" }, { "organization_1_title", "job_title" },
  { "organization_title", "job_title" },
  { "company", "company" }, { "organization", "company" },
  { "organization_1_name", "company" }, { "organization_name", "company" },
  { "city", "city" }, { "business_city", "city" }, { "home_city", "city" },
  { "address_1_city", "city" },
  { "country", "country" }, { "country_region", "country" }, { "business_country_region", "country" },
  { "home_country_region", "country" }, { "address_1_country", "country" },
  { "status", "status" }, { "score", "score" },
  { "tags", "tags" }, { "labels", "tags" }, { "categories", "tags" }, { "group_membership", "tags" },
  { "created_at", "created_at" },
};

typedef struct
{
  char  **fields;   /* per column: a contact field name, or NULL to skip */
  guint   n_columns;
} ColumnMap;

static void
column_map_clear (ColumnMap *map)
{
  for (guint i = 0; i < map->n_columns; i++)
    g_free (map->fields[i]);
  g_free (map->fields);
}

/* Google's "E-mail 1 - Type" and the like label the column next to them;
 * its "Name" repeats Given and Family Name. Neither is contact data. */
static gboolean
is_ignored_header (const char *norm,
                   gboolean    has_names)
{
  static const char * const prefixes[] = { "e_mail_", "phone_", "address_", "organization_", "website_", "relation_" };

  if (has_names && strcmp (norm, "name") == 0)
    return TRUE;
  if (!g_str_has_suffix (norm, "_type"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (norm, prefixes[i]))
      return TRUE;
  return FALSE;
}

static guint
map_header (ColumnMap   *map,
            char       **header,
            guint        n)
{
  gboolean has_names = FALSE;
  guint known = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = cohort_import_normalize_header (header[i]);
      for (guint m = 0; m < G_N_ELEMENTS (header_map); m++)
        if (strcmp (norm, header_map[m].header) == 0 &&
            (strcmp (header_map[m].field, "first_name") == 0 || strcmp (header_map[m].field, "last_name") == 0))
          has_names = TRUE;
    }

  map->n_columns = n;
  map->fields = g_new0 (char *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = cohort_import_normalize_header (header[i]);
      g_autofree char *clean = cohort_text_clean (header[i]);

      if (clean == NULL || is_ignored_header (norm, has_names))
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (header_map); m++)
        if (strcmp (norm, header_map[m].header) == 0)
          {
            /* A second column for the same field (Business and Mobile
             * Phone) only fills it when the first was empty. */
            map->fields[i] = g_strdup (header_map[m].field);
            known++;
            break;
          }
      if (map->fields[i] == NULL)
        map->fields[i] = g_str_has_prefix (clean, "custom.")
                           ? g_strdup (clean)
                           : g_strconcat ("custom.", clean, NULL);
    }
  return known;
}

/* Google joins labels with " ::: " and marks its own with "* ". */
static char *
normalize_tags (const char *value)
{
  g_auto(GStrv) parts = g_strsplit_set (value, ";,", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) sub = g_strsplit (parts[i], ":::", -1);
      for (guint j = 0; sub[j]; j++)
        {
          g_autofree char *tag = cohort_text_clean (sub[j]);
          if (tag == NULL || g_str_has_prefix (tag, "* "))
            continue;
          g_string_append_printf (out, "%s%s", out->len ? ";" : "", tag);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The first filled cell of a field wins; empty cells leave the field as it
 * is, so an update only overwrites what the file says. */
static gboolean
already_set (GPtrArray  *seen,
             const char *field)
{
  for (guint i = 0; i < seen->len; i++)
    if (strcmp (g_ptr_array_index (seen, i), field) == 0)
      return TRUE;
  return FALSE;
}

/* Fills @seen with the fields the row sets. */
static gboolean
apply_row (CohortContact  *contact,
           ColumnMap      *map,
           char          **cells,
           guint           n,
           GTimeZone      *tz,
           GPtrArray      *seen,
           GError        **error)
{
  /* A row has a few columns: a linear search beats a hash table. */
  g_ptr_array_set_size (seen, 0);

  for (guint i = 0; i < n; i++)
    {
      const char *field = map->fields[i];
      g_autofree char *clean = NULL;
      g_autofree char *tags = NULL;
      const char *value;

      if (field == NULL || already_set (seen, field) ||
          (clean = cohort_text_clean (cells[i])) == NULL)
        continue;
      g_ptr_array_add (seen, (gpointer) field);
      value = strcmp (field, "tags") == 0 ? (tags = normalize_tags (clean)) : clean;
      /* Undo the formula guard of our own export, so it imports back. */
      if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
        value++;
      if (!cohort_contact_set_field (contact, field, value, tz, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_imported_to_groups (CohortStore   *self,
                        const gint64  *group_ids,
                        guint          n_group_ids,
                        GError       **error)
{
  for (guint g = 0; g < n_group_ids; g++)
    {
      sqlite3_stmt *stmt = cohort_store_prepare (self,
                                                 "INSERT INTO memberships (group_id, contact_id, manual, added_at) "
                                                 "SELECT ?1, c.id, 1, ?2 FROM temp.touched t CROSS JOIN contacts c "
                                                 "ON c.id = t.id WHERE c.merged_into IS NULL "
                                                 "ON CONFLICT (group_id, contact_id) DO UPDATE SET manual = 1",
                                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_ids[g]);
      sqlite3_bind_int64 (stmt, 2, cohort_store_get_now (self));
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
      stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_ids[g]);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_target_groups (CohortStore   *self,
                     const gint64  *group_ids,
                     guint          n_group_ids,
                     GError       **error)
{
  for (guint g = 0; g < n_group_ids; g++)
    {
      g_autoptr(CohortGroup) group = cohort_store_get_group (self, group_ids[g], error);

      if (group == NULL)
        return FALSE;
      if (cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("“%s” is a dynamic group: contacts cannot be imported into it"),
                       cohort_group_get_code (group));
          return FALSE;
        }
    }
  return TRUE;
}

/* A staged row's contact: the one it updates, or the new id base + line. */
#define CONTACT_ID "coalesce (s.contact_id, (SELECT base FROM import.meta) + s.line)"

#define STAGING_SCHEMA \
  "CREATE TABLE import.staging (" \
  "  line INTEGER PRIMARY KEY, action TEXT NOT NULL DEFAULT 'create', contact_id INTEGER," \
  "  email, email_fold, first_name, first_name_fold, last_name, last_name_fold," \
  "  phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold," \
  "  status, score, company, company_fold, created_at, tags, custom);" \
  "CREATE TABLE import.meta (base INTEGER NOT NULL)"

typedef struct
{
  ColumnMap      map;
  gboolean       update;
  GTimeZone     *tz;
  CohortContact *contact;  /* reused for every row */
  GPtrArray     *seen;
  GString       *json;
} ContactImport;

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text,
           gboolean      fold)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else if (fold)
    sqlite3_bind_text (stmt, index, cohort_text_fold (text), -1, g_free);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
stage_row (CohortStore         *self,
           CohortCsvReader     *reader,
           char               **cells,
           guint                n,
           gpointer             user_data,
           CohortImportReport  *report,
           GError             **error)
{
  ContactImport *ci = user_data;
  CohortContact *c = ci->contact;
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  const char * const *tags;
  int col = 1;
  gint64 score;

  cohort_contact_reset (c);
  if (!apply_row (c, &ci->map, cells, n, ci->tz, ci->seen, &local))
    {
      cohort_import_report_row (report, reader, "%s", local->message);
      report->rejected++;
      return TRUE;
    }

  stmt = cohort_store_prepare (self,
                               "INSERT INTO import.staging VALUES "
                               "(?, 'create', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, col++, cohort_csv_reader_get_line (reader));
  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    {
      bind_text (stmt, col++, cohort_contact_get_text (c, i), FALSE);
      bind_text (stmt, col++, cohort_contact_get_text (c, i), TRUE);
    }
  /* Fields the row leaves empty stay NULL: an update keeps what it had. */
  if (already_set (ci->seen, "status"))
    sqlite3_bind_text (stmt, col, cohort_status_to_string (cohort_contact_get_status (c)), -1, SQLITE_STATIC);
  col++;
  if (cohort_contact_get_score (c, &score))
    sqlite3_bind_int64 (stmt, col, score);
  col++;
  bind_text (stmt, col++, cohort_contact_get_account_name (c), FALSE);
  bind_text (stmt, col++, cohort_contact_get_account_name (c), TRUE);
  if (already_set (ci->seen, "created_at"))
    sqlite3_bind_int64 (stmt, col, cohort_contact_get_created_at (c));
  col++;

  tags = cohort_contact_get_tags (c);
  if (tags[0] != NULL)
    {
      g_string_assign (ci->json, "[");
      for (guint i = 0; tags[i]; i++)
        {
          if (i > 0)
            g_string_append_c (ci->json, ',');
          append_json_string (ci->json, tags[i]);
        }
      g_string_append_c (ci->json, ']');
      sqlite3_bind_text (stmt, col, ci->json->str, ci->json->len, SQLITE_TRANSIENT);
    }
  col++;

  if (g_hash_table_size (cohort_contact_get_custom (c)) > 0)
    {
      gboolean first = TRUE;

      g_string_assign (ci->json, "{");
      g_hash_table_iter_init (&iter, cohort_contact_get_custom (c));
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (!first)
            g_string_append_c (ci->json, ',');
          first = FALSE;
          append_json_string (ci->json, key);
          g_string_append_c (ci->json, ':');
          append_json_string (ci->json, value);
        }
      g_string_append_c (ci->json, '}');
      sqlite3_bind_text (stmt, col, ci->json->str, ci->json->len, SQLITE_TRANSIENT);
    }

  return cohort_store_step_done (self, stmt, error);
}

/* Rows that will not be written: an email seen earlier in the file, one that
 * exists (without --update), one of a merged contact. */
static gboolean
report_skipped (CohortStore         *self,
                const char          *name,
                CohortImportReport  *report,
                GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cohort_store_prepare (self,
                               "SELECT line, email, action, (SELECT min (line) FROM import.staging f "
                               "  WHERE f.email_fold = s.email_fold) "
                               "FROM import.staging s WHERE action NOT IN ('create', 'update') ORDER BY line",
                               error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = (const char *) sqlite3_column_text (stmt, 1);
      const char *action = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *text = NULL;

      if (strcmp (action, "duplicate") == 0)
        text = g_strdup_printf (_("the email “%s” was already on line %d (skipped)"),
                                email, sqlite3_column_int (stmt, 3));
      else if (strcmp (action, "merged") == 0)
        text = g_strdup_printf (_("the contact “%s” was merged into another one (skipped)"), email);
      else
        text = g_strdup_printf (_("a contact with the email “%s” already exists (skipped; import with --update to update it)"),
                                email);
      g_ptr_array_add (report->messages,
                       g_strdup_printf ("%s:%d: %s", name, sqlite3_column_int (stmt, 0), text));
      report->skipped++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);
  return TRUE;
}

static gint64
count_action (CohortStore *self,
              const char  *sql)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
apply_staging (CohortStore         *self,
               gboolean             update,
               const char          *name,
               CohortImportReport  *report,
               GError             **error)
{
  gint64 now = cohort_store_get_now (self);

  if (!cohort_store_exec (self,
                          "CREATE INDEX import.staging_email ON staging (email_fold, line);"
                          "UPDATE import.staging SET action = 'duplicate' WHERE email_fold IS NOT NULL "
                          "  AND line > (SELECT min (line) FROM import.staging f WHERE f.email_fold = staging.email_fold);",
                          error) ||
      !cohort_store_run (self,
                 "UPDATE import.staging SET contact_id = c.id, action = CASE "
                 "  WHEN c.merged_into IS NOT NULL THEN 'merged' WHEN ?1 THEN 'update' ELSE 'skip' END "
                 "FROM contacts c WHERE c.email_fold = staging.email_fold AND staging.action = 'create'",
                 update, 0, NULL, error) ||
      !report_skipped (self, name, report, error))
    return FALSE;

  /* New contacts take the ids base + line: increasing, unique, and known
   * without numbering the rows (contact_id is set only on updates). */
  if (!cohort_store_exec (self,
                          "INSERT INTO import.meta (base) SELECT coalesce (max (id), 0) FROM contacts",
                          error) ||
      /* The first spelling of a new account wins. */
      !cohort_store_exec (self,
                          "INSERT OR IGNORE INTO accounts (name, name_fold) SELECT company, company_fold "
                          "FROM import.staging WHERE action IN ('create', 'update') AND company_fold IS NOT NULL "
                          "ORDER BY line",
                          error) ||
      !cohort_store_run (self,
                 "INSERT INTO contacts (id, email, email_fold, first_name, first_name_fold, last_name, "
                 "  last_name_fold, phone, phone_fold, job_title, job_title_fold, city, city_fold, country, "
                 "  country_fold, status, score, account_id, created_at, updated_at) "
                 "SELECT (SELECT base FROM import.meta) + line, email, email_fold, first_name, first_name_fold, "
                 "  last_name, last_name_fold, "
                 "  phone, phone_fold, job_title, job_title_fold, city, city_fold, country, country_fold, "
                 "  coalesce (status, 'active'), score, "
                 "  (SELECT id FROM accounts a WHERE a.name_fold = s.company_fold), coalesce (created_at, ?1), ?1 "
                 "FROM import.staging s WHERE action = 'create' ORDER BY line",
                 now, 0, NULL, error) ||
      !cohort_store_run (self,
                 "UPDATE contacts SET email = coalesce (s.email, contacts.email), "
                 "  first_name = coalesce (s.first_name, contacts.first_name), "
                 "  first_name_fold = coalesce (s.first_name_fold, contacts.first_name_fold), "
                 "  last_name = coalesce (s.last_name, contacts.last_name), "
                 "  last_name_fold = coalesce (s.last_name_fold, contacts.last_name_fold), "
                 "  phone = coalesce (s.phone, contacts.phone), phone_fold = coalesce (s.phone_fold, contacts.phone_fold), "
                 "  job_title = coalesce (s.job_title, contacts.job_title), "
                 "  job_title_fold = coalesce (s.job_title_fold, contacts.job_title_fold), "
                 "  city = coalesce (s.city, contacts.city), city_fold = coalesce (s.city_fold, contacts.city_fold), "
                 "  country = coalesce (s.country, contacts.country), "
                 "  country_fold = coalesce (s.country_fold, contacts.country_fold), "
                 "  status = coalesce (s.status, contacts.status), score = coalesce (s.score, contacts.score), "
                 "  account_id = coalesce ((SELECT id FROM accounts a WHERE a.name_fold = s.company_fold), contacts.account_id), "
                 "  created_at = coalesce (s.created_at, contacts.created_at), updated_at = ?1 "
                 "FROM import.staging s WHERE s.action = 'update' AND contacts.id = s.contact_id",
                 now, 0, NULL, error) ||
      /* An update with tags replaces the tags; custom fields are merged. */
      !cohort_store_exec (self,
                          "DELETE FROM contact_tags WHERE contact_id IN "
                          "  (SELECT contact_id FROM import.staging WHERE action = 'update' AND tags IS NOT NULL);"
                          "INSERT OR IGNORE INTO contact_tags (contact_id, tag_fold, tag) "
                          "  SELECT " CONTACT_ID ", cohort_fold (j.value), j.value FROM import.staging s, json_each (s.tags) j "
                          "  WHERE s.action IN ('create', 'update') AND s.tags IS NOT NULL;"
                          "INSERT OR REPLACE INTO contact_fields (contact_id, key, value, value_fold) "
                          "  SELECT " CONTACT_ID ", j.key, j.value, cohort_fold (j.value) "
                          "  FROM import.staging s, json_each (s.custom) j "
                          "  WHERE s.action IN ('create', 'update') AND s.custom IS NOT NULL;"
                          "INSERT OR IGNORE INTO temp.touched (id) "
                          "  SELECT " CONTACT_ID " FROM import.staging s WHERE action IN ('create', 'update');",
                          error))
    return FALSE;

  report->created = count_action (self, "SELECT count (*) FROM import.staging WHERE action = 'create'");
  report->updated = count_action (self, "SELECT count (*) FROM import.staging WHERE action = 'update'");
  return TRUE;
}

/* The staging table lives in a scratch file, not in memory: a large import
 * must not hold its rows in RAM. */
static char *
attach_scratch (CohortStore  *self,
                GError      **error)
{
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  int fd, rc;

  fd = g_file_open_tmp ("cohort-import-XXXXXX.db", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (sqlite3_prepare_v2 (cohort_store_get_db (self), "ATTACH DATABASE ? AS import", -1, &stmt, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      g_remove (path);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE ||
      !cohort_store_exec (self,
                          "PRAGMA import.journal_mode = OFF; PRAGMA import.synchronous = OFF;"
                          "PRAGMA import.cache_size = -16384;" STAGING_SCHEMA,
                          error))
    {
      if (rc != SQLITE_DONE)
        cohort_store_set_error (self, error);
      sqlite3_exec (cohort_store_get_db (self), "DETACH DATABASE import", NULL, NULL, NULL);
      g_remove (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
detach_scratch (CohortStore *self,
                char        *path)
{
  /* Statements cached on the scratch table must go before it does. */
  sqlite3_exec (cohort_store_get_db (self), "DETACH DATABASE import", NULL, NULL, NULL);
  g_remove (path);
  g_free (path);
}

gboolean
cohort_import_contacts (CohortStore         *self,
                        const char          *path,
                        const gint64        *group_ids,
                        guint                n_group_ids,
                        gboolean             update,
                        GCancellable        *cancellable,
                        CohortImportReport  *report,
                        GError             **error)
{
  g_autoptr(CohortCsvReader) reader = NULL;
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) json = g_string_new (NULL);
  ContactImport ci = { { NULL, 0 }, update, cohort_store_get_timezone (self), contact, seen, json };
  char *scratch = NULL;
  char **header;
  guint n_header;
  gboolean ok = FALSE;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!(reader = cohort_import_open (path, &header, &n_header, error)))
    return FALSE;
  if (map_header (&ci.map, header, n_header) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: no known column in the header (expected columns such as email, first_name, last_name, company, tags)"),
                   cohort_csv_reader_get_name (reader), cohort_csv_reader_get_line (reader));
      goto out;
    }
  if (!(scratch = attach_scratch (self, error)))
    goto out;

  if (!cohort_store_begin (self, error))
    goto out;
  if (!check_target_groups (self, group_ids, n_group_ids, error) ||
      !cohort_import_for_each_row (self, reader, n_header, cancellable, stage_row, &ci, report, error) ||
      !apply_staging (self, update, cohort_csv_reader_get_name (reader), report, error) ||
      !add_imported_to_groups (self, group_ids, n_group_ids, error) ||
      !cohort_store_settle_touched (self, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = report->updated = 0;
      goto out;
    }
  ok = TRUE;

out:
  if (scratch != NULL)
    detach_scratch (self, scratch);
  column_map_clear (&ci.map);
  return ok;
}
