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
#include "cohort-import-private.h"
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

void
cohort_import_report_row (CohortImportReport *report,
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
char *
cohort_import_normalize_header (const char *header)
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

CohortCsvReader *
cohort_import_open (const char   *path,
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

gboolean
cohort_import_for_each_row (CohortStore         *self,
              CohortCsvReader     *reader,
              guint                n_columns,
              GCancellable        *cancellable,
              CohortImportRowFunc  row,
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
          cohort_import_report_row (report, reader, _("the row has %u fields but the header has %u"), n, n_columns);
          report->rejected++;
          continue;
        }
      if (!row (self, reader, cells, n, data, report, error))
        return FALSE;
      if (++count % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

/* ---- accounts ---------------------------------------------------------- */

static int
find_column (char       **header,
             guint        n,
             const char  *name)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = cohort_import_normalize_header (header[i]);
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
  cohort_import_report_row (report, reader, "%s", local->message);
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

  if (!(reader = cohort_import_open (path, &header, &n_header, error)))
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
  if (!cohort_import_for_each_row (self, reader, n_header, NULL, import_account_row, &cols, report, error) ||
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
      cohort_import_report_row (report, reader, _("expected email,type,occurred_at[,detail]"));
      report->rejected++;
      return TRUE;
    }
  email = cohort_text_fold (cells[cols->email]);
  type = cohort_text_fold (cells[cols->type]);
  if (!is_activity_type (type))
    {
      cohort_import_report_row (report, reader, _("type: “%s” is not an activity type (a lowercase word such as page_visit or purchase)"),
                  cells[cols->type]);
      report->rejected++;
      return TRUE;
    }
  if (!cohort_datetime_parse (cells[cols->occurred_at], cols->tz, &occurred_at, &local))
    {
      cohort_import_report_row (report, reader, "occurred_at: %s", local->message);
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
      cohort_import_report_row (report, reader, _("email: there is no contact with the email “%s”"),
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

  if (!(reader = cohort_import_open (path, &header, &n_header, error)))
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
  if (!cohort_import_for_each_row (self, reader, n_header, NULL, import_activity_row, &cols, report, error) ||
      !cohort_store_refresh_touched (self, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = 0;
      return FALSE;
    }
  return TRUE;
}
