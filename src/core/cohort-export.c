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
build_query (gint64   group_id,
             guint    n_custom)
{
  GString *sql = g_string_new ("SELECT c.email, c.first_name, c.last_name, c.phone, c.job_title, "
                               "(SELECT name FROM accounts WHERE id = c.account_id), c.city, c.country, "
                               "c.status, c.score, "
                               "(SELECT group_concat (tag, ';') FROM "
                               "  (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag_fold)), "
                               "c.created_at, c.updated_at, c.last_activity_at, c.id");

  for (guint i = 0; i < n_custom; i++)
    g_string_append (sql, ", (SELECT value FROM contact_fields WHERE contact_id = c.id AND key = ?)");
  if (group_id != 0)
    g_string_append (sql, " FROM memberships m CROSS JOIN contacts c ON c.id = m.contact_id "
                          "WHERE m.group_id = ? AND c.merged_into IS NULL");
  else
    g_string_append (sql, " FROM contacts c WHERE c.merged_into IS NULL");
  g_string_append (sql, " ORDER BY c.email IS NULL, c.email, c.id");
  return g_string_free (sql, FALSE);
}

static void
append_csv_row (GString       *buffer,
                sqlite3_stmt  *stmt,
                guint          n_custom)
{
  const guint n = G_N_ELEMENTS (csv_columns) + n_custom;
  g_autofree const char **cells = g_new0 (const char *, n);
  g_autofree char *created = cohort_datetime_format (sqlite3_column_int64 (stmt, 11));

  for (guint i = 0; i < 11; i++)
    cells[i] = (const char *) sqlite3_column_text (stmt, i);
  cells[11] = created;
  for (guint i = 0; i < n_custom; i++)
    cells[12 + i] = (const char *) sqlite3_column_text (stmt, 15 + i);
  cohort_csv_append_row (buffer, cells, n);
}

static void
append_json_object (GString       *buffer,
                    sqlite3_stmt  *stmt,
                    GStrv          custom_keys,
                    gboolean       first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *tags = (const char *) sqlite3_column_text (stmt, 10);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 14));
  for (guint i = 0; i < 9; i++)
    {
      json_builder_set_member_name (b, csv_columns[i]);
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, i));
    }
  json_builder_set_member_name (b, "score");
  if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 9));

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  if (tags != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (tags, ";", -1);
      for (guint i = 0; parts[i]; i++)
        json_builder_add_string_value (b, parts[i]);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "custom");
  json_builder_begin_object (b);
  for (guint i = 0; custom_keys[i]; i++)
    if (sqlite3_column_type (stmt, 15 + i) != SQLITE_NULL)
      {
        json_builder_set_member_name (b, custom_keys[i]);
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 15 + i));
      }
  json_builder_end_object (b);

  for (guint i = 11; i <= 13; i++)
    {
      static const char * const names[] = { "created_at", "updated_at", "last_activity_at" };
      json_builder_set_member_name (b, names[i - 11]);
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        {
          g_autofree char *iso = cohort_datetime_format (sqlite3_column_int64 (stmt, i));
          json_builder_add_string_value (b, iso);
        }
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

gboolean
cohort_export_contacts (CohortStore         *self,
                        gint64               group_id,
                        CohortExportFormat   format,
                        GOutputStream       *out,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_auto(GStrv) custom_keys = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(CohortStore) reader = NULL;
  CohortStore *source = self;
  sqlite3_stmt *stmt = NULL;
  guint n_custom, n_rows = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (format == COHORT_EXPORT_EMAILS)
    {
      custom_keys = g_new0 (char *, 1);
      sql = g_strdup (group_id != 0
                      ? "SELECT c.email FROM memberships m CROSS JOIN contacts c ON c.id = m.contact_id "
                        "WHERE m.group_id = ? AND c.merged_into IS NULL AND c.email IS NOT NULL ORDER BY c.email"
                      : "SELECT email FROM contacts WHERE merged_into IS NULL AND email IS NOT NULL ORDER BY email");
    }
  else
    {
      /* Custom fields have no vCard property. */
      if (format == COHORT_EXPORT_VCARD || format == COHORT_EXPORT_VCARD3)
        custom_keys = g_new0 (char *, 1);
      else if (!(custom_keys = cohort_store_list_custom_keys (self, error)))
        return FALSE;
      sql = build_query (group_id, g_strv_length (custom_keys));
    }
  n_custom = g_strv_length (custom_keys);

  /* Sorting a million rows by email must not hold them in memory, as the
   * store's own connection would (temp_store = MEMORY). Inside a write
   * transaction only that connection sees its changes. */
  if (sqlite3_get_autocommit (cohort_store_get_db (self)) != 0)
    {
      if (!(reader = cohort_store_open_reader (self, error)))
        return FALSE;
      source = reader;
    }

  if (sqlite3_prepare_v2 (cohort_store_get_db (source), sql, -1, &stmt, NULL) != SQLITE_OK)
    return cohort_store_set_error (source, error);
  for (guint i = 0; i < n_custom; i++)
    sqlite3_bind_text (stmt, 1 + i, custom_keys[i], -1, SQLITE_STATIC);
  if (group_id != 0)
    sqlite3_bind_int64 (stmt, 1 + n_custom, group_id);

  if (format == COHORT_EXPORT_CSV)
    {
      g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
        g_ptr_array_add (header, g_strdup (csv_columns[i]));
      for (guint i = 0; i < n_custom; i++)
        g_ptr_array_add (header, g_strconcat ("custom.", custom_keys[i], NULL));
      cohort_csv_append_row (buffer, (const char * const *) header->pdata, header->len);
    }
  else if (format == COHORT_EXPORT_JSON)
    g_string_append_c (buffer, '[');

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      switch (format)
        {
        case COHORT_EXPORT_CSV:
          append_csv_row (buffer, stmt, n_custom);
          break;
        case COHORT_EXPORT_JSON:
          append_json_object (buffer, stmt, custom_keys, n_rows == 0);
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
  return ok;
}
