/* cohort-import.c — contacts, accounts and activities from CSV
 *
 * Each import is one transaction: valid rows are stored, rejected rows are
 * reported with their line, and the dynamic groups are brought up to date
 * for every imported contact with one statement per group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-csv.h"
#include "cohort-error.h"
#include "cohort-import.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

CohortImportReport *
cohort_import_report_new (void)
{
  CohortImportReport *report = g_new0 (CohortImportReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
cohort_import_report_free (CohortImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->messages);
  g_free (report);
}

G_GNUC_PRINTF (3, 4)
static void
report_row (CohortImportReport *report,
            CohortCsvReader    *reader,
            const char         *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->messages,
                   g_strdup_printf ("%s:%u: %s", cohort_csv_reader_get_name (reader),
                                    cohort_csv_reader_get_line (reader), text));
}

/* "E-mail 1 - Value" → "e_mail_1_value" */
static char *
normalize_header (const char *header)
{
  g_autofree char *fold = cohort_text_fold (header);
  GString *out = g_string_new (NULL);
  gboolean sep = FALSE;

  for (const char *p = fold; p && *p; p++)
    {
      if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        {
          if (sep && out->len > 0)
            g_string_append_c (out, '_');
          g_string_append_c (out, *p);
          sep = FALSE;
        }
      else
        sep = TRUE;
    }
  return g_string_free (out, FALSE);
}

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
      g_autofree char *norm = normalize_header (header[i]);
      for (guint m = 0; m < G_N_ELEMENTS (header_map); m++)
        if (strcmp (norm, header_map[m].header) == 0 &&
            (strcmp (header_map[m].field, "first_name") == 0 || strcmp (header_map[m].field, "last_name") == 0))
          has_names = TRUE;
    }

  map->n_columns = n;
  map->fields = g_new0 (char *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = normalize_header (header[i]);
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

static gboolean
apply_row (CohortContact  *contact,
           ColumnMap      *map,
           char          **cells,
           guint           n,
           GTimeZone      *tz,
           GError        **error)
{
  /* A row has a few columns: a linear search beats a hash table. */
  g_autoptr(GPtrArray) seen = g_ptr_array_sized_new (n);

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

static CohortCsvReader *
open_with_header (const char   *path,
                  char       ***out_header,
                  guint        *out_n,
                  GError      **error)
{
  g_autoptr(CohortCsvReader) reader = cohort_csv_reader_new_for_path (path, error);
  CohortCsvResult result;

  if (reader == NULL)
    return NULL;
  do
    result = cohort_csv_reader_next (reader, out_header, out_n, error);
  while (result == COHORT_CSV_ROW_ERROR && (g_clear_error (error), TRUE));

  if (result == COHORT_CSV_END)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: the file is empty (expected a header row such as email,first_name,last_name)"),
                   cohort_csv_reader_get_name (reader));
      return NULL;
    }
  if (result != COHORT_CSV_RECORD)
    return NULL;
  return g_steal_pointer (&reader);
}

/* Reads every data row, calling @row for each; row errors of the reader are
 * reported and counted, a fatal one ends the file but keeps earlier rows. */
typedef gboolean (*RowFunc) (CohortStore         *self,
                             CohortCsvReader     *reader,
                             char               **cells,
                             guint                n,
                             gpointer             data,
                             CohortImportReport  *report,
                             GError             **error);

static gboolean
for_each_row (CohortStore         *self,
              CohortCsvReader     *reader,
              guint                n_columns,
              GCancellable        *cancellable,
              RowFunc              row,
              gpointer             data,
              CohortImportReport  *report,
              GError             **error)
{
  guint count = 0;

  for (;;)
    {
      g_autoptr(GError) row_error = NULL;
      char **cells;
      guint n;
      CohortCsvResult result = cohort_csv_reader_next (reader, &cells, &n, &row_error);

      if (result == COHORT_CSV_END)
        return TRUE;
      if (result == COHORT_CSV_ROW_ERROR || result == COHORT_CSV_FATAL)
        {
          g_ptr_array_add (report->messages, g_strdup (row_error->message));
          report->rejected++;
          if (result == COHORT_CSV_FATAL)
            return TRUE;
          continue;
        }
      if (n > n_columns)
        {
          report_row (report, reader, _("the row has %u fields but the header has %u"), n, n_columns);
          report->rejected++;
          continue;
        }
      if (!row (self, reader, cells, n, data, report, error))
        return FALSE;
      if (++count % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

typedef struct
{
  ColumnMap  map;
  gboolean   update;
  GTimeZone *tz;
  gint64     first_created;  /* created contacts have ids from here on */
} ContactImport;

static gboolean
import_contact_row (CohortStore         *self,
                    CohortCsvReader     *reader,
                    char               **cells,
                    guint                n,
                    gpointer             user_data,
                    CohortImportReport  *report,
                    GError             **error)
{
  ContactImport *ci = user_data;
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autoptr(GError) local = NULL;

  if (!apply_row (contact, &ci->map, cells, n, ci->tz, &local))
    {
      report_row (report, reader, "%s", local->message);
      report->rejected++;
      return TRUE;
    }

  if (cohort_store_write_contact (self, contact, &local))
    {
      if (ci->first_created == 0)
        ci->first_created = cohort_contact_get_id (contact);
      report->created++;
      return TRUE;
    }
  if (!g_error_matches (local, COHORT_ERROR, COHORT_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_clear_error (&local);

  if (!ci->update)
    {
      report_row (report, reader, _("a contact with the email “%s” already exists (skipped; import with --update to update it)"),
                  cohort_contact_get_email (contact));
      report->skipped++;
      return TRUE;
    }

  /* Update: the cells that are filled overwrite, empty ones keep what the
   * contact had. */
  {
    g_autofree char *email = g_strdup (cohort_contact_get_email (contact));

    g_clear_object (&contact);
    if (!(contact = cohort_store_find_contact (self, email, error)))
      return FALSE;
  }
  if (cohort_contact_get_merged_into (contact) != 0)
    {
      report_row (report, reader, _("the contact “%s” was merged into another one (skipped)"),
                  cohort_contact_get_email (contact));
      report->skipped++;
      return TRUE;
    }
  if (!apply_row (contact, &ci->map, cells, n, ci->tz, &local))
    {
      report_row (report, reader, "%s", local->message);
      report->rejected++;
      return TRUE;
    }
  if (!cohort_store_write_contact (self, contact, error) ||
      !cohort_store_touch (self, cohort_contact_get_id (contact), error))
    return FALSE;
  report->updated++;
  return TRUE;
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
  ContactImport ci = { { NULL, 0 }, update, cohort_store_get_timezone (self), 0 };
  char **header;
  guint n_header;
  gboolean ok = FALSE;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!(reader = open_with_header (path, &header, &n_header, error)))
    return FALSE;
  if (map_header (&ci.map, header, n_header) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: no known column in the header (expected columns such as email, first_name, last_name, company, tags)"),
                   cohort_csv_reader_get_name (reader), cohort_csv_reader_get_line (reader));
      goto out;
    }

  if (!cohort_store_begin (self, error))
    goto out;
  if (!check_target_groups (self, group_ids, n_group_ids, error) ||
      !for_each_row (self, reader, n_header, cancellable, import_contact_row, &ci, report, error) ||
      /* Created contacts are one range of ids: touch them in one go. */
      (ci.first_created != 0 &&
       !cohort_store_touch_sql (self, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM contacts WHERE id >= ?",
                                ci.first_created, error)) ||
      !add_imported_to_groups (self, group_ids, n_group_ids, error) ||
      !cohort_store_sync_account_members (self, error) ||
      !cohort_store_recount_groups (self, error) ||
      !cohort_store_refresh_touched (self, NULL, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = report->updated = 0;
      goto out;
    }
  ok = TRUE;

out:
  column_map_clear (&ci.map);
  return ok;
}

/* ---- accounts ---------------------------------------------------------- */

static int
find_column (char       **header,
             guint        n,
             const char  *name)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = normalize_header (header[i]);
      if (strcmp (norm, name) == 0)
        return (int) i;
    }
  return -1;
}

typedef struct
{
  int name, industry, employees;
} AccountColumns;

static gboolean
import_account_row (CohortStore         *self,
                    CohortCsvReader     *reader,
                    char               **cells,
                    guint                n,
                    gpointer             user_data,
                    CohortImportReport  *report,
                    GError             **error)
{
  AccountColumns *cols = user_data;
  g_autoptr(CohortAccount) account = NULL;
  g_autoptr(GError) local = NULL;
  const int columns[] = { cols->industry, cols->employees };
  const char * const names[] = { "industry", "employees" };
  gboolean existed;

  account = cohort_store_find_account (self, (int) n > cols->name ? cells[cols->name] : NULL, &local);
  existed = account != NULL;
  if (account == NULL)
    {
      if (!g_error_matches (local, COHORT_ERROR, COHORT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_error (&local);
      account = cohort_account_new (NULL);
      if (!cohort_account_set_field (account, "name", (int) n > cols->name ? cells[cols->name] : NULL, &local))
        goto reject;
    }
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i] >= 0 && (int) n > columns[i] &&
        !cohort_account_set_field (account, names[i], cells[columns[i]], &local))
      goto reject;

  if (!cohort_store_save_account (self, account, error))
    return FALSE;
  if (existed)
    report->updated++;
  else
    report->created++;
  return TRUE;

reject:
  report_row (report, reader, "%s", local->message);
  report->rejected++;
  return TRUE;
}

gboolean
cohort_import_accounts (CohortStore         *self,
                        const char          *path,
                        CohortImportReport  *report,
                        GError             **error)
{
  g_autoptr(CohortCsvReader) reader = NULL;
  AccountColumns cols;
  char **header;
  guint n_header;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(reader = open_with_header (path, &header, &n_header, error)))
    return FALSE;
  cols.name = find_column (header, n_header, "name");
  if (cols.name < 0)
    cols.name = find_column (header, n_header, "company");
  cols.industry = find_column (header, n_header, "industry");
  cols.employees = find_column (header, n_header, "employees");
  if (cols.name < 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: the header has no “name” column (expected name,industry,employees)"),
                   cohort_csv_reader_get_name (reader), cohort_csv_reader_get_line (reader));
      return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!for_each_row (self, reader, n_header, NULL, import_account_row, &cols, report, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = report->updated = 0;
      return FALSE;
    }
  return TRUE;
}

/* ---- activities -------------------------------------------------------- */

typedef struct
{
  int        email, type, occurred_at, detail;
  GTimeZone *tz;
} ActivityColumns;

static gboolean
is_activity_type (const char *type)
{
  if (type == NULL || *type == '\0')
    return FALSE;
  for (const char *p = type; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
import_activity_row (CohortStore         *self,
                     CohortCsvReader     *reader,
                     char               **cells,
                     guint                n,
                     gpointer             user_data,
                     CohortImportReport  *report,
                     GError             **error)
{
  ActivityColumns *cols = user_data;
  g_autofree char *email = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gint64 contact_id, occurred_at;
  int rc;

  if ((int) n <= cols->occurred_at)
    {
      report_row (report, reader, _("expected email,type,occurred_at[,detail]"));
      report->rejected++;
      return TRUE;
    }
  email = cohort_text_fold (cells[cols->email]);
  type = cohort_text_fold (cells[cols->type]);
  if (!is_activity_type (type))
    {
      report_row (report, reader, _("type: “%s” is not an activity type (a lowercase word such as page_visit or purchase)"),
                  cells[cols->type]);
      report->rejected++;
      return TRUE;
    }
  if (!cohort_datetime_parse (cells[cols->occurred_at], cols->tz, &occurred_at, &local))
    {
      report_row (report, reader, "occurred_at: %s", local->message);
      report->rejected++;
      return TRUE;
    }

  /* Activities of a merged contact belong to the one it was merged into. */
  stmt = cohort_store_prepare (self, "SELECT coalesce(merged_into, id) FROM contacts WHERE email_fold = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email ? email : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  contact_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      report_row (report, reader, _("email: there is no contact with the email “%s”"),
                  cells[cols->email] ? cells[cols->email] : "");
      report->rejected++;
      return TRUE;
    }

  stmt = cohort_store_prepare (self,
                               "INSERT INTO activities (contact_id, type, occurred_at, detail) VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, occurred_at);
  if (cols->detail >= 0 && (int) n > cols->detail && cells[cols->detail][0] != '\0')
    sqlite3_bind_text (stmt, 4, cells[cols->detail], -1, SQLITE_TRANSIENT);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cohort_store_prepare (self,
                               "UPDATE contacts SET last_activity_at = max(coalesce(last_activity_at, ?2), ?2) WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, occurred_at);
  if (!cohort_store_step_done (self, stmt, error) || !cohort_store_touch (self, contact_id, error))
    return FALSE;
  report->created++;
  return TRUE;
}

gboolean
cohort_import_activities (CohortStore         *self,
                          const char          *path,
                          CohortImportReport  *report,
                          GError             **error)
{
  g_autoptr(CohortCsvReader) reader = NULL;
  ActivityColumns cols = { 0, 1, 2, 3, cohort_store_get_timezone (self) };
  char **header;
  guint n_header;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(reader = open_with_header (path, &header, &n_header, error)))
    return FALSE;
  if (find_column (header, n_header, "email") < 0 || find_column (header, n_header, "type") < 0 ||
      find_column (header, n_header, "occurred_at") < 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: expected the header email,type,occurred_at[,detail]"),
                   cohort_csv_reader_get_name (reader), cohort_csv_reader_get_line (reader));
      return FALSE;
    }
  cols.email = find_column (header, n_header, "email");
  cols.type = find_column (header, n_header, "type");
  cols.occurred_at = find_column (header, n_header, "occurred_at");
  cols.detail = find_column (header, n_header, "detail");

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!for_each_row (self, reader, n_header, NULL, import_activity_row, &cols, report, error) ||
      !cohort_store_refresh_touched (self, NULL, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = 0;
      return FALSE;
    }
  return TRUE;
}
