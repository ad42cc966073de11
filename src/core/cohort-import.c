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
#include "cohort-import-layouts.h"
#include "cohort-import-private.h"
#include "cohort-import-reader.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

CohortImportReport *
cohort_import_report_new (void)
{
  CohortImportReport *report = g_new0 (CohortImportReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
cohort_import_report_free (CohortImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->messages);
  g_ptr_array_unref (report->notes);
  g_free (report->encoding);
  g_free (report->layout);
  g_free (report);
}

void
cohort_import_report_row (CohortImportReport *report,
                          CohortImportSource *source,
                          const char         *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->messages,
                   g_strdup_printf ("%s:%u: %s", cohort_import_source_get_name (source),
                                    cohort_import_source_get_line (source), text));
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

/* ---- sources ----------------------------------------------------------- */

static gboolean
has_vcard_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard");
}

/* Reads the beginning of @stream, to tell a vCard by, and goes back. */
static gboolean
sniff_vcard (GInputStream  *stream,
             gboolean      *out_vcard,
             GError       **error)
{
  guchar head[512];
  gsize n = 0;

  if (!g_input_stream_read_all (stream, head, sizeof head, &n, NULL, error) ||
      !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, error))
    return FALSE;
  *out_vcard = cohort_vcard_sniff (head, n);
  return TRUE;
}

CohortImportSource *
cohort_import_source_open (const char  *path,
                           const char  *encoding,
                           gboolean     allow_vcard,
                           GError     **error)
{
  g_autoptr(CohortImportSource) self = g_new0 (CohortImportSource, 1);
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  gboolean vcard = FALSE;
  gboolean converted;
  guint64 size;

  g_return_val_if_fail (path != NULL, NULL);

  if ((stream = cohort_csv_open_file (path, &size, error)) == NULL)
    return NULL;
  name = g_filename_display_basename (path);

  if (encoding != NULL)
    {
      if ((self->charset = cohort_encoding_check (encoding, error)) == NULL)
        return NULL;
      self->reason = COHORT_ENCODING_GIVEN;
    }
  else
    {
      g_autoptr(GError) local = NULL;

      if ((self->charset = cohort_encoding_detect (stream, &self->reason, NULL, &local)) == NULL ||
          !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &local))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s: the file could not be read (%s)"), name, local->message);
          return NULL;
        }
    }

  /* Text in which ASCII is not ASCII (UTF-16) is converted as it is read;
   * any other, record by record, so a byte it does not define is the
   * error of one row. */
  converted = !cohort_encoding_is_ascii_compatible (self->charset);
  if (converted)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new (COHORT_ENCODING_UTF8, self->charset, error);
      GInputStream *decoded;

      if (converter == NULL)
        return NULL;
      decoded = g_converter_input_stream_new (stream, G_CONVERTER (converter));
      g_object_unref (stream);
      stream = decoded;
    }

  if (allow_vcard)
    {
      g_autoptr(GError) local = NULL;

      vcard = has_vcard_extension (path);
      if (!vcard && !converted && !sniff_vcard (stream, &vcard, &local))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s: the file could not be read (%s)"), name, local->message);
          return NULL;
        }
    }

  if (vcard)
    {
      self->vcard = cohort_vcard_reader_new (stream, name, converted ? 0 : size);
      if (!converted && !cohort_vcard_reader_set_encoding (self->vcard, self->charset, error))
        return NULL;
    }
  else
    {
      self->csv = cohort_csv_reader_new (stream, name);
      if (!converted)
        cohort_csv_reader_set_size (self->csv, size);
      if (!converted && !cohort_csv_reader_set_encoding (self->csv, self->charset, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
cohort_import_source_free (CohortImportSource *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, cohort_csv_reader_free);
  g_clear_pointer (&self->vcard, cohort_vcard_reader_free);
  g_free (self->charset);
  g_free (self);
}

CohortCsvResult
cohort_import_source_next (CohortImportSource   *self,
                           char               ***out_fields,
                           guint                *out_n_fields,
                           GError              **error)
{
  return self->csv != NULL ? cohort_csv_reader_next (self->csv, out_fields, out_n_fields, error)
                           : cohort_vcard_reader_next (self->vcard, out_fields, out_n_fields, error);
}

guint
cohort_import_source_get_line (CohortImportSource *self)
{
  return self->csv != NULL ? cohort_csv_reader_get_line (self->csv) : cohort_vcard_reader_get_line (self->vcard);
}

const char *
cohort_import_source_get_name (CohortImportSource *self)
{
  return self->csv != NULL ? cohort_csv_reader_get_name (self->csv) : cohort_vcard_reader_get_name (self->vcard);
}

guint64
cohort_import_source_get_position (CohortImportSource *self)
{
  return self->csv != NULL ? cohort_csv_reader_get_position (self->csv)
                           : cohort_vcard_reader_get_position (self->vcard);
}

guint64
cohort_import_source_get_size (CohortImportSource *self)
{
  return self->csv != NULL ? cohort_csv_reader_get_size (self->csv) : cohort_vcard_reader_get_size (self->vcard);
}

void
cohort_import_source_report (CohortImportSource *self,
                             CohortImportReport *report)
{
  g_autofree char *note = cohort_encoding_describe (self->charset, self->reason);

  g_free (report->encoding);
  report->encoding = g_strdup (self->charset);
  if (note != NULL)
    g_ptr_array_add (report->notes, g_strdup_printf ("%s: %s", cohort_import_source_get_name (self), note));
}

/* The header is the file's first record: one that cannot be read is not
 * passed over for the next, which would then be taken for it. */
CohortImportSource *
cohort_import_open (const char   *path,
                    const char   *encoding,
                    gboolean      allow_vcard,
                    char       ***out_header,
                    guint        *out_n,
                    GError      **error)
{
  g_autoptr(CohortImportSource) source = cohort_import_source_open (path, encoding, allow_vcard, error);
  CohortCsvResult result;

  if (source == NULL)
    return NULL;
  result = cohort_import_source_next (source, out_header, out_n, error);
  if (result == COHORT_CSV_END)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: the file is empty (expected a header row such as email,first_name,last_name)"),
                   cohort_import_source_get_name (source));
      return NULL;
    }
  if (result != COHORT_CSV_RECORD)
    return NULL;
  return g_steal_pointer (&source);
}

gboolean
cohort_import_for_each_row (CohortStore         *self,
                            CohortImportSource  *source,
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
      CohortCsvResult result = cohort_import_source_next (source, &cells, &n, &row_error);

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
          cohort_import_report_row (report, source, _("the row has %u fields but the header has %u"), n, n_columns);
          report->rejected++;
          continue;
        }
      if (!row (self, source, cells, n, data, report, error))
        return FALSE;
      if (++count % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
}

/* ---- accounts ---------------------------------------------------------- */

int
cohort_import_find_column (char       **header,
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
                    CohortImportSource  *source,
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
  cohort_import_report_row (report, source, "%s", local->message);
  report->rejected++;
  return TRUE;
}

gboolean
cohort_import_accounts (CohortStore         *self,
                        const char          *path,
                        CohortImportReport  *report,
                        GError             **error)
{
  g_autoptr(CohortImportSource) source = NULL;
  AccountColumns cols;
  char **header;
  guint n_header;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(source = cohort_import_open (path, NULL, FALSE, &header, &n_header, error)))
    return FALSE;
  cohort_import_source_report (source, report);
  cols.name = cohort_import_find_column (header, n_header, "name");
  if (cols.name < 0)
    cols.name = cohort_import_find_column (header, n_header, "company");
  cols.industry = cohort_import_find_column (header, n_header, "industry");
  cols.employees = cohort_import_find_column (header, n_header, "employees");
  if (cols.name < 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: the header has no “name” column (expected name,industry,employees)"),
                   cohort_import_source_get_name (source), cohort_import_source_get_line (source));
      return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_import_for_each_row (self, source, n_header, NULL, import_account_row, &cols, report, error) ||
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
                     CohortImportSource  *source,
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
      cohort_import_report_row (report, source, _("expected email,type,occurred_at[,detail]"));
      report->rejected++;
      return TRUE;
    }
  email = cohort_text_fold (cells[cols->email]);
  type = cohort_text_fold (cells[cols->type]);
  if (!is_activity_type (type))
    {
      cohort_import_report_row (report, source, _("type: “%s” is not an activity type (a lowercase word such as page_visit or purchase)"),
                  cells[cols->type]);
      report->rejected++;
      return TRUE;
    }
  if (!cohort_datetime_parse (cells[cols->occurred_at], cols->tz, &occurred_at, &local))
    {
      cohort_import_report_row (report, source, "occurred_at: %s", local->message);
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
      cohort_import_report_row (report, source, _("email: there is no contact with the email “%s”"),
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
  g_autoptr(CohortImportSource) source = NULL;
  ActivityColumns cols = { 0, 1, 2, 3, cohort_store_get_timezone (self) };
  char **header;
  guint n_header;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(source = cohort_import_open (path, NULL, FALSE, &header, &n_header, error)))
    return FALSE;
  cohort_import_source_report (source, report);
  if (cohort_import_find_column (header, n_header, "email") < 0 || cohort_import_find_column (header, n_header, "type") < 0 ||
      cohort_import_find_column (header, n_header, "occurred_at") < 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s:%u: expected the header email,type,occurred_at[,detail]"),
                   cohort_import_source_get_name (source), cohort_import_source_get_line (source));
      return FALSE;
    }
  cols.email = cohort_import_find_column (header, n_header, "email");
  cols.type = cohort_import_find_column (header, n_header, "type");
  cols.occurred_at = cohort_import_find_column (header, n_header, "occurred_at");
  cols.detail = cohort_import_find_column (header, n_header, "detail");

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_import_for_each_row (self, source, n_header, NULL, import_activity_row, &cols, report, error) ||
      !cohort_store_refresh_touched (self, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = 0;
      return FALSE;
    }
  return TRUE;
}

/* ---- preview ----------------------------------------------------------- */

void
cohort_import_preview_free (CohortImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->encoding);
  g_free (preview->layout);
  g_strfreev (preview->header);
  g_strfreev (preview->targets);
  g_clear_pointer (&preview->notes, g_ptr_array_unref);
  g_ptr_array_unref (preview->rows);
  g_ptr_array_unref (preview->messages);
  g_free (preview);
}

CohortImportPreview *
cohort_import_preview (const char  *path,
                       const char  *encoding,
                       guint        n_rows,
                       GError     **error)
{
  g_autoptr(CohortImportPreview) preview = g_new0 (CohortImportPreview, 1);
  g_autoptr(CohortImportSource) source = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(CohortImportReport) assumed = cohort_import_report_new ();
  CohortImportColumnMap map = { 0 };
  char **cells;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(source = cohort_import_open (path, encoding, TRUE, &cells, &n, error)))
    return NULL;
  preview->encoding = g_strdup (source->charset);
  preview->header = g_strdupv (cells);

  /* Where each column goes without a mapping, and what was assumed, by
   * the same rules the import follows. */
  cohort_import_map_header (&map, preview->header, n, NULL);
  preview->targets = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    preview->targets[i] = g_strdup (map.columns[i].field != NULL ? map.columns[i].field : "skip");
  cohort_import_report_assumptions (source, &map, assumed);
  preview->layout = g_strdup (assumed->layout);
  preview->notes = g_ptr_array_ref (assumed->notes);
  cohort_import_column_map_clear (&map);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->messages = g_ptr_array_new_with_free_func (g_free);

  while (preview->rows->len < n_rows)
    {
      CohortCsvResult result = cohort_import_source_next (source, &cells, &n, &local);

      if (result == COHORT_CSV_END)
        break;
      if (result == COHORT_CSV_RECORD)
        {
          g_ptr_array_add (preview->rows, g_strdupv (cells));
          continue;
        }
      g_ptr_array_add (preview->messages, g_strdup (local->message));
      g_clear_error (&local);
      if (result == COHORT_CSV_FATAL || preview->messages->len >= n_rows)
        break;
    }
  return g_steal_pointer (&preview);
}
