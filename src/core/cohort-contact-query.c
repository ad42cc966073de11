/* cohort-contact-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-contact-query.h"
#include "cohort-error.h"

/* How often (in SQLite virtual machine steps) a statement checks whether it
 * was cancelled. */
#define CANCEL_CHECK_STEPS 1000

static int
interrupt_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

void
cohort_contact_query_watch_cancellable (sqlite3      *db,
                                        GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (db, CANCEL_CHECK_STEPS, interrupt_cb, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static char *
source_label (sqlite3_stmt *stmt)
{
  if (sqlite3_column_type (stmt, 10) == SQLITE_NULL)
    return g_strdup ("");
  return cohort_member_source_label (g_strcmp0 (column_text (stmt, 11), "dynamic") == 0,
                                     sqlite3_column_int (stmt, 7) != 0,
                                     sqlite3_column_type (stmt, 8) != SQLITE_NULL ? column_text (stmt, 9) : NULL);
}

static CohortMemberRow *
member_row_new_from_stmt (sqlite3_stmt *stmt)
{
  const char *first = column_text (stmt, 1);
  const char *last = column_text (stmt, 2);
  const char *email = column_text (stmt, 3);
  g_autofree char *name = NULL;
  g_autofree char *source = source_label (stmt);
  CohortStatus status = COHORT_STATUS_ACTIVE;
  gint64 added_at;

  if (*first != '\0' || *last != '\0')
    name = g_strstrip (g_strjoin (" ", first, last, NULL));
  else
    name = g_strdup (email);
  cohort_status_from_string (column_text (stmt, 5), &status);
  added_at = sqlite3_column_type (stmt, 10) != SQLITE_NULL ? sqlite3_column_int64 (stmt, 10)
                                                          : sqlite3_column_int64 (stmt, 6);

  return cohort_member_row_new (sqlite3_column_int64 (stmt, 0), name, email,
                                column_text (stmt, 4), status, source, added_at);
}

GPtrArray *
cohort_contact_query_fetch_rows (sqlite3      *db,
                                 gint64        group_id,
                                 const gint64 *ids,
                                 guint         n_ids)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                       g_free, g_object_unref);
  GPtrArray *rows = g_ptr_array_new_full (n_ids, g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_string_append (sql,
                   "SELECT c.id, c.first_name, c.last_name, c.email, a.name, c.status,"
                   " c.created_at, m.manual, m.account_id, ma.name, m.added_at, g.kind"
                   " FROM contacts c"
                   " LEFT JOIN accounts a ON a.id = c.account_id"
                   " LEFT JOIN memberships m ON m.group_id = ?1 AND m.contact_id = c.id"
                   " LEFT JOIN accounts ma ON ma.id = m.account_id"
                   " LEFT JOIN groups g ON g.id = ?1"
                   " WHERE c.id IN (");
  for (guint i = 0; i < n_ids; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, group_id);
      for (guint i = 0; i < n_ids; i++)
        sqlite3_bind_int64 (stmt, (int) i + 2, ids[i]);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CohortMemberRow *row = member_row_new_from_stmt (stmt);

          g_hash_table_insert (by_id, g_memdup2 (&(gint64) { cohort_member_row_get_id (row) },
                                                 sizeof (gint64)), row);
        }
    }
  if (rc != SQLITE_DONE)
    g_debug ("Reading contacts for the list failed: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < n_ids; i++)
    {
      CohortMemberRow *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
      else
        g_ptr_array_add (rows, cohort_member_row_new (ids[i], NULL, NULL, NULL,
                                                      COHORT_STATUS_ACTIVE, NULL, 0));
    }

  return rows;
}

void
cohort_contact_query_append_filter (GString    *sql,
                                    const char *needle,
                                    const char *param)
{
  /* instr() rather than LIKE: no pattern to escape, and a third faster.
   * "first last" is only built for a needle with a space, which is the
   * only kind that can match across the two names. */
  g_string_append_printf (sql, " AND (instr (c.email_fold, %1$s) OR instr (c.first_name_fold, %1$s)"
                               " OR instr (c.last_name_fold, %1$s) OR instr (a.name_fold, %1$s)",
                          param);
  if (strchr (needle, ' ') != NULL)
    g_string_append_printf (sql, " OR instr (c.first_name_fold || ' ' || c.last_name_fold, %s)", param);
  g_string_append (sql, ")");
}

static void
append_order (GString           *sql,
              gint64             group_id,
              CohortContactSort  sort,
              gboolean           descending)
{
  const char *dir = descending ? " DESC" : "";
  const char *name_keys[] = { "coalesce(c.first_name_fold, c.last_name_fold, c.email_fold)",
                              "c.last_name_fold", NULL };
  const char *email_keys[] = { "c.email_fold", NULL };
  const char *account_keys[] = { "a.name_fold", NULL };
  const char *status_keys[] = { "(CASE c.status WHEN 'active' THEN 0 WHEN 'inactive' THEN 1"
                                " WHEN 'unsubscribed' THEN 2 ELSE 3 END)", NULL };
  const char *source_keys[] = { "(CASE WHEN m.manual THEN 0 WHEN m.account_id IS NOT NULL"
                                " THEN 1 ELSE 2 END)", "ma.name_fold", NULL };
  const char *member_added_keys[] = { "m.added_at", NULL };
  const char *created_keys[] = { "c.created_at", NULL };
  const char **keys = name_keys;

  switch (sort)
    {
    case COHORT_CONTACT_SORT_NAME:
      keys = name_keys;
      break;
    case COHORT_CONTACT_SORT_EMAIL:
      keys = email_keys;
      break;
    case COHORT_CONTACT_SORT_ACCOUNT:
      keys = account_keys;
      break;
    case COHORT_CONTACT_SORT_STATUS:
      keys = status_keys;
      break;
    case COHORT_CONTACT_SORT_SOURCE:
      keys = group_id > 0 ? source_keys : name_keys;
      break;
    case COHORT_CONTACT_SORT_ADDED:
      keys = group_id > 0 ? member_added_keys : created_keys;
      break;
    default:
      g_assert_not_reached ();
    }

  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s, ", keys[i], dir);
  /* The id makes the order total, so the first chunk is a prefix of the
   * full result. */
  g_string_append_printf (sql, "c.id%s", dir);
}

GArray *
cohort_contact_query_select_ids (sqlite3            *db,
                                 gint64              group_id,
                                 CohortContactSort   sort,
                                 gboolean            descending,
                                 const char         *needle,
                                 guint               limit,
                                 GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT c.id FROM ");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (group_id > 0)
    g_string_append (sql, "memberships m JOIN contacts c ON c.id = m.contact_id"
                          " LEFT JOIN accounts ma ON ma.id = m.account_id");
  else
    g_string_append (sql, "contacts c");
  g_string_append (sql, " LEFT JOIN accounts a ON a.id = c.account_id");
  g_string_append (sql, group_id > 0 ? " WHERE m.group_id = ?1"
                                           : " WHERE c.merged_into IS NULL AND ?1 = 0");
  if (needle != NULL)
    cohort_contact_query_append_filter (sql, needle, "?2");
  append_order (sql, group_id, sort, descending);
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, group_id);
      if (needle != NULL)
        sqlite3_bind_text (stmt, 2, needle, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }

  if (rc == SQLITE_INTERRUPT)
    g_set_error_literal (error, COHORT_ERROR, COHORT_ERROR_CANCELLED,
                         _("Listing contacts was cancelled"));
  else if (rc != SQLITE_DONE)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("Could not list the contacts: %s"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

gboolean
cohort_contact_query_count_statuses (sqlite3  *db,
                                     gint64    group_id,
                                     gint64    out_counts[4],
                                     GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql;
  int rc;

  if (group_id > 0)
    sql = "SELECT c.status, count(*) FROM memberships m JOIN contacts c ON c.id = m.contact_id"
          " WHERE m.group_id = ?1 GROUP BY c.status";
  else
    sql = "SELECT status, count(*) FROM contacts WHERE merged_into IS NULL AND ?1 = 0"
          " GROUP BY status";

  memset (out_counts, 0, 4 * sizeof (gint64));
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, group_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CohortStatus status;

          if (cohort_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status))
            out_counts[status] = sqlite3_column_int64 (stmt, 1);
        }
    }

  if (rc == SQLITE_INTERRUPT)
    g_set_error_literal (error, COHORT_ERROR, COHORT_ERROR_CANCELLED,
                         _("Counting contacts was cancelled"));
  else if (rc != SQLITE_DONE)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                 _("Could not count the contacts by status: %s"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}
