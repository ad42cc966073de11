/* cohort-export.c — contacts out as CSV, JSON, vCard or a list of emails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cohort-csv.h"
#include "cohort-error.h"
#include "cohort-export.h"
#include "cohort-selection-private.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

#define FLUSH_SIZE (64 * 1024)

/* The import's canonical columns, so an export imports back unchanged. */
static const char * const csv_columns[] = {
  "email", "first_name", "last_name", "phone", "job_title", "company", "city",
  "country", "status", "score", "tags", "created_at",
};

static gboolean
flush (GOutputStream  *out,
       GString        *buffer,
       gboolean        force,
       GCancellable   *cancellable,
       GError        **error)
{
  if (buffer->len == 0 || (!force && buffer->len < FLUSH_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static char *
build_query_prefix (guint n_custom)
{
  GString *sql = g_string_new ("SELECT c.email, c.first_name, c.last_name, c.phone, c.job_title, "
                               "(SELECT name FROM accounts WHERE id = c.account_id), c.city, c.country, "
                               "c.status, c.score, "
                               "(SELECT group_concat (tag, ';') FROM "
                               "  (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag_fold)), "
                               "c.created_at, c.updated_at, c.last_activity_at, c.id");

  /* Named parameters: the selection's subquery adds its own (:sel_*). */
  for (guint i = 0; i < n_custom; i++)
    g_string_append_printf (sql, ", (SELECT value FROM contact_fields WHERE contact_id = c.id AND key = :key%u)", i);
  g_string_append (sql, " FROM (");
  return g_string_free (sql, FALSE);
}

/* Which columns go out: the canonical ones by index into csv_columns, and
 * the custom keys (all of them, or those chosen). */
typedef struct
{
  gboolean  all;
  gboolean  canonical[G_N_ELEMENTS (csv_columns)];
  GStrv     custom_keys;
} Columns;

static void
append_csv_row (GString       *buffer,
                sqlite3_stmt  *stmt,
                const Columns *columns)
{
  const guint n_custom = g_strv_length (columns->custom_keys);
  g_autofree const char **cells = g_new0 (const char *, G_N_ELEMENTS (csv_columns) + n_custom);
  g_autofree char *created = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    {
      if (!columns->canonical[i])
        continue;
      if (i == 11)
        cells[n++] = created = cohort_datetime_format (sqlite3_column_int64 (stmt, 11));
      else
        cells[n++] = (const char *) sqlite3_column_text (stmt, i);
    }
  for (guint i = 0; i < n_custom; i++)
    cells[n++] = (const char *) sqlite3_column_text (stmt, 15 + i);
  cohort_csv_append_row (buffer, cells, n);
}

static void
add_json_datetime (JsonBuilder   *b,
                   sqlite3_stmt  *stmt,
                   int            column)
{
  g_autofree char *iso = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  iso = cohort_datetime_format (sqlite3_column_int64 (stmt, column));
  json_builder_add_string_value (b, iso);
}

/* Every column gives today's full object, with the id and the times of
 * the last change and activity; a choice gives exactly the columns chosen. */
static void
append_json_object (GString       *buffer,
                    sqlite3_stmt  *stmt,
                    const Columns *columns,
                    gboolean       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *tags = (const char *) sqlite3_column_text (stmt, 10);
  GStrv custom_keys = columns->custom_keys;

  json_builder_begin_object (b);
  if (columns->all)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 14));
    }
  for (guint i = 0; i < 9; i++)
    {
      if (!columns->canonical[i])
        continue;
      json_builder_set_member_name (b, csv_columns[i]);
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, i));
    }
  if (columns->canonical[9])
    {
      json_builder_set_member_name (b, "score");
      if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 9));
    }

  if (columns->canonical[10])
    {
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      if (tags != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (tags, ";", -1);
          for (guint i = 0; parts[i]; i++)
            json_builder_add_string_value (b, parts[i]);
        }
      json_builder_end_array (b);
    }

  if (columns->all || custom_keys[0] != NULL)
    {
      json_builder_set_member_name (b, "custom");
      json_builder_begin_object (b);
      for (guint i = 0; custom_keys[i]; i++)
        if (sqlite3_column_type (stmt, 15 + i) != SQLITE_NULL)
          {
            json_builder_set_member_name (b, custom_keys[i]);
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 15 + i));
          }
      json_builder_end_object (b);
    }

  if (columns->canonical[11])
    {
      json_builder_set_member_name (b, "created_at");
      add_json_datetime (b, stmt, 11);
    }
  if (columns->all)
    {
      json_builder_set_member_name (b, "updated_at");
      add_json_datetime (b, stmt, 12);
      json_builder_set_member_name (b, "last_activity_at");
      add_json_datetime (b, stmt, 13);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_string_append (buffer, first ? "\n  " : ",\n  ");
  g_string_append (buffer, text);
}

/* RFC 6350 §3.4: backslash, comma, semicolon and line breaks are escaped
 * in text values (3.0 reads the same escapes). */
static void
append_vcard_text (GString    *line,
                   const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (line, "\\\\");
        break;
      case ',':
        g_string_append (line, "\\,");
        break;
      case ';':
        g_string_append (line, "\\;");
        break;
      case '\r':
        if (p[1] == '\n')
          p++;
        G_GNUC_FALLTHROUGH;
      case '\n':
        g_string_append (line, "\\n");
        break;
      default:
        g_string_append_c (line, *p);
        break;
      }
}

/* RFC 6350 §3.2: lines longer than 75 octets are folded with CRLF and a
 * space, never inside a UTF-8 sequence. */
static void
append_folded (GString *buffer,
               GString *line)
{
  const char *p = line->str;
  gsize left = line->len;
  gsize width = 75;

  while (left > width)
    {
      gsize cut = width;

      while (cut > 1 && (p[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (buffer, p, cut);
      g_string_append (buffer, "\r\n ");
      p += cut;
      left -= cut;
      /* The leading space of a continuation line counts. */
      width = 74;
    }
  g_string_append_len (buffer, p, left);
  g_string_append (buffer, "\r\n");
  g_string_truncate (line, 0);
}

/* "NAME:value" from the row's columns, each escaped and joined by @sep;
 * nothing when all of them are empty. */
static void
append_vcard_property (GString       *buffer,
                       GString       *line,
                       const char    *name,
                       sqlite3_stmt  *stmt,
                       const int     *columns,
                       guint          n_columns,
                       char           sep)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n_columns; i++)
    any |= columns[i] >= 0 && sqlite3_column_type (stmt, columns[i]) != SQLITE_NULL;
  if (!any)
    return;
  g_string_append_printf (line, "%s:", name);
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (line, sep);
      if (columns[i] >= 0)
        append_vcard_text (line, (const char *) sqlite3_column_text (stmt, columns[i]));
    }
  append_folded (buffer, line);
}

static void
append_vcard (GString       *buffer,
              GString       *line,
              sqlite3_stmt  *stmt,
              gboolean       version3)
{
  const char *first = (const char *) sqlite3_column_text (stmt, 1);
  const char *last = (const char *) sqlite3_column_text (stmt, 2);
  const char *tags = (const char *) sqlite3_column_text (stmt, 10);
  g_autoptr(GDateTime) rev = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 12));
  g_autofree char *stamp = rev != NULL ? g_date_time_format (rev, "%Y%m%dT%H%M%SZ") : NULL;

  g_string_append (buffer, version3 ? "BEGIN:VCARD\r\nVERSION:3.0\r\n" : "BEGIN:VCARD\r\nVERSION:4.0\r\n");

  /* FN is required; without a name it stays empty rather than repeat the
   * email, which an importer would take for a name. */
  g_string_append (line, "FN:");
  if (first != NULL && last != NULL)
    {
      g_autofree char *full = g_strconcat (first, " ", last, NULL);
      append_vcard_text (line, full);
    }
  else
    append_vcard_text (line, first != NULL ? first : last);
  append_folded (buffer, line);

  if (version3 || first != NULL || last != NULL)
    {
      g_string_append (line, "N:");
      append_vcard_text (line, last);
      g_string_append_c (line, ';');
      append_vcard_text (line, first);
      g_string_append (line, ";;;");
      append_folded (buffer, line);
    }

  append_vcard_property (buffer, line, "EMAIL", stmt, (const int[]) { 0 }, 1, ';');
  append_vcard_property (buffer, line, "TEL", stmt, (const int[]) { 3 }, 1, ';');
  append_vcard_property (buffer, line, "TITLE", stmt, (const int[]) { 4 }, 1, ';');
  append_vcard_property (buffer, line, "ORG", stmt, (const int[]) { 5 }, 1, ';');
  /* ADR: post office box; extended; street; locality; region; code; country */
  append_vcard_property (buffer, line, "ADR", stmt, (const int[]) { -1, -1, -1, 6, -1, -1, 7 }, 7, ';');

  if (tags != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (tags, ";", -1);

      g_string_append (line, "CATEGORIES:");
      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_vcard_text (line, parts[i]);
        }
      append_folded (buffer, line);
    }
  if (stamp != NULL)
    {
      g_string_append_printf (line, "REV:%s", stamp);
      append_folded (buffer, line);
    }
  g_string_append (buffer, "END:VCARD\r\n");
}

GStrv
cohort_export_list_columns (CohortStore  *self,
                            GError      **error)
{
  g_auto(GStrv) custom_keys = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if (!(custom_keys = cohort_store_list_custom_keys (self, error)))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    g_strv_builder_add (names, csv_columns[i]);
  for (guint i = 0; custom_keys[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("custom.", custom_keys[i], NULL);

      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/* Fills @columns from the names chosen (NULL: all of them) in the order of
 * the export, not of @chosen. */
static gboolean
choose_columns (CohortStore         *self,
                CohortExportFormat   format,
                const char * const  *chosen,
                Columns             *columns,
                GError             **error)
{
  g_auto(GStrv) custom_keys = NULL;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  columns->all = chosen == NULL || format == COHORT_EXPORT_VCARD || format == COHORT_EXPORT_VCARD3
                 || format == COHORT_EXPORT_EMAILS;
  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    columns->canonical[i] = columns->all;

  /* Custom fields have no vCard property. */
  if (format != COHORT_EXPORT_CSV && format != COHORT_EXPORT_JSON)
    {
      columns->custom_keys = g_new0 (char *, 1);
      return TRUE;
    }
  if (!columns->all && chosen[0] == NULL)
    {
      g_set_error_literal (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("Choose at least one column to export"));
      return FALSE;
    }
  if (!(custom_keys = cohort_store_list_custom_keys (self, error)))
    return FALSE;
  if (columns->all)
    {
      columns->custom_keys = g_steal_pointer (&custom_keys);
      return TRUE;
    }

  for (guint i = 0; chosen[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (csv_columns) && !known; j++)
        if (g_str_equal (chosen[i], csv_columns[j]))
          known = columns->canonical[j] = TRUE;
      if (!known && g_str_has_prefix (chosen[i], "custom."))
        known = g_strv_contains ((const char * const *) custom_keys, chosen[i] + strlen ("custom."));
      if (!known)
        {
          g_auto(GStrv) valid = cohort_export_list_columns (self, NULL);
          g_autofree char *list = valid != NULL ? g_strjoinv (", ", valid) : g_strdup ("");

          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("There is no column “%s” to export; the columns are: %s"), chosen[i], list);
          return FALSE;
        }
    }
  for (guint i = 0; custom_keys[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("custom.", custom_keys[i], NULL);

      if (g_strv_contains (chosen, name))
        g_strv_builder_add (keys, custom_keys[i]);
    }
  columns->custom_keys = g_strv_builder_end (keys);
  return TRUE;
}

gboolean
cohort_export_contacts (CohortStore         *self,
                        gint64               group_id,
                        CohortExportFormat   format,
                        GOutputStream       *out,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(CohortSelection) selection = cohort_selection_new ();

  cohort_selection_set_group (selection, group_id);
  return cohort_export_selection (self, selection, format, NULL, out, cancellable, error);
}

gboolean
cohort_export_selection (CohortStore            *self,
                         const CohortSelection  *selection,
                         CohortExportFormat      format,
                         const char * const     *chosen_columns,
                         GOutputStream          *out,
                         GCancellable           *cancellable,
                         GError                **error)
{
  Columns columns = { 0, };
  g_autofree char *prefix = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(CohortStore) reader = NULL;
  CohortStore *source = self;
  sqlite3_stmt *stmt = NULL;
  guint n_custom, n_rows = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!choose_columns (self, format, chosen_columns, &columns, error))
    goto out;
  n_custom = g_strv_length (columns.custom_keys);
  if (format == COHORT_EXPORT_EMAILS)
    prefix = g_strdup ("SELECT c.email FROM (");
  else
    prefix = build_query_prefix (n_custom);

  /* Sorting a million rows by email must not hold them in memory, as the
   * store's own connection would (temp_store = MEMORY). Inside a write
   * transaction only that connection sees its changes. */
  if (sqlite3_get_autocommit (cohort_store_get_db (self)) != 0)
    {
      if (!(reader = cohort_store_open_reader (self, error)))
        goto out;
      source = reader;
    }

  /* The selection stays a subquery, which SQLite flattens into a join:
   * its ids are never loaded (nor kept aside, as an IN list would be). */
  stmt = cohort_selection_prepare (selection, source, prefix,
                                   format == COHORT_EXPORT_EMAILS
                                   ? ") s CROSS JOIN contacts c ON c.id = s.id WHERE c.email IS NOT NULL "
                                     "ORDER BY c.email"
                                   : ") s CROSS JOIN contacts c ON c.id = s.id "
                                     "ORDER BY c.email IS NULL, c.email, c.id",
                                   error);
  if (stmt == NULL)
    goto out;
  for (guint i = 0; i < n_custom; i++)
    {
      g_autofree char *name = g_strdup_printf (":key%u", i);

      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), columns.custom_keys[i], -1,
                         SQLITE_STATIC);
    }

  if (format == COHORT_EXPORT_CSV)
    {
      g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
        if (columns.canonical[i])
          g_ptr_array_add (header, g_strdup (csv_columns[i]));
      for (guint i = 0; i < n_custom; i++)
        g_ptr_array_add (header, g_strconcat ("custom.", columns.custom_keys[i], NULL));
      cohort_csv_append_row (buffer, (const char * const *) header->pdata, header->len);
    }
  else if (format == COHORT_EXPORT_JSON)
    g_string_append_c (buffer, '[');

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      switch (format)
        {
        case COHORT_EXPORT_CSV:
          append_csv_row (buffer, stmt, &columns);
          break;
        case COHORT_EXPORT_JSON:
          append_json_object (buffer, stmt, &columns, n_rows == 0);
          break;
        case COHORT_EXPORT_VCARD:
        case COHORT_EXPORT_VCARD3:
          append_vcard (buffer, line, stmt, format == COHORT_EXPORT_VCARD3);
          break;
        case COHORT_EXPORT_EMAILS:
        default:
          g_string_append (buffer, (const char *) sqlite3_column_text (stmt, 0));
          g_string_append_c (buffer, '\n');
          break;
        }
      n_rows++;
      if (!flush (out, buffer, FALSE, cancellable, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (source, error);
      goto out;
    }
  if (format == COHORT_EXPORT_JSON)
    g_string_append (buffer, n_rows ? "\n]\n" : "]\n");
  ok = flush (out, buffer, TRUE, cancellable, error) && g_output_stream_flush (out, cancellable, error);

out:
  sqlite3_finalize (stmt);
  g_strfreev (columns.custom_keys);
  return ok;
}
