/* cohort-selection.c — a set of contacts as one SQL subquery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-contact-query.h"
#include "cohort-selection-private.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

struct _CohortSelection
{
  gint64  group_id;
  char   *needle;    /* folded filter text, or NULL */
  GArray *ids;       /* gint64, or NULL for no list */
  gint64  undo_set;  /* the contacts of an undo set, or 0 */
};

G_DEFINE_BOXED_TYPE (CohortSelection, cohort_selection, cohort_selection_copy, cohort_selection_free)

CohortSelection *
cohort_selection_new (void)
{
  return g_new0 (CohortSelection, 1);
}

CohortSelection *
cohort_selection_copy (const CohortSelection *self)
{
  CohortSelection *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cohort_selection_new ();
  copy->group_id = self->group_id;
  copy->needle = g_strdup (self->needle);
  copy->undo_set = self->undo_set;
  if (self->ids != NULL)
    {
      copy->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->ids->len);
      g_array_append_vals (copy->ids, self->ids->data, self->ids->len);
    }
  return copy;
}

void
cohort_selection_free (CohortSelection *self)
{
  if (self == NULL)
    return;
  g_free (self->needle);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self);
}

void
cohort_selection_set_group (CohortSelection *self,
                            gint64           group_id)
{
  g_return_if_fail (self != NULL);
  self->group_id = MAX (group_id, 0);
}

gint64
cohort_selection_get_group (const CohortSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->group_id;
}

void
cohort_selection_set_filter (CohortSelection *self,
                             const char      *text)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->needle, g_free);
  self->needle = cohort_text_fold (text);
}

void
cohort_selection_add_ids (CohortSelection *self,
                          const gint64    *ids,
                          guint            n_ids)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ids != NULL || n_ids == 0);

  if (self->ids == NULL)
    self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (self->ids, ids, n_ids);
}

void
cohort_selection_set_undo_set (CohortSelection *self,
                               gint64           undo_set)
{
  g_return_if_fail (self != NULL);
  self->undo_set = MAX (undo_set, 0);
}

/* The ids go in as one JSON array parameter read by json_each(): any
 * number of them, without one SQL variable each (SQLite allows 32,766). */
static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_sized_new (ids->len * 8 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

sqlite3_stmt *
cohort_selection_prepare (const CohortSelection  *self,
                          CohortStore            *store,
                          const char             *prefix,
                          const char             *suffix,
                          GError                **error)
{
  g_autoptr(GString) sql = g_string_new (prefix);
  sqlite3 *db = cohort_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  g_string_append (sql, " SELECT c.id FROM ");
  if (self->group_id > 0)
    g_string_append (sql, "memberships m CROSS JOIN contacts c ON c.id = m.contact_id");
  else
    g_string_append (sql, "contacts c");
  if (self->needle != NULL)
    g_string_append (sql, " LEFT JOIN accounts a ON a.id = c.account_id");
  g_string_append (sql, " WHERE c.merged_into IS NULL");
  if (self->group_id > 0)
    g_string_append (sql, " AND m.group_id = :sel_group");
  if (self->ids != NULL)
    g_string_append (sql, " AND c.id IN (SELECT value FROM json_each (:sel_ids))");
  if (self->undo_set > 0)
    g_string_append (sql, " AND c.id IN (SELECT contact_id FROM undo_contacts WHERE set_id = :sel_undo)");
  if (self->needle != NULL)
    cohort_contact_query_append_filter (sql, self->needle, ":sel_filter");
  if (suffix != NULL)
    g_string_append (sql, suffix);

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (store, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (self->group_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":sel_group"), self->group_id);
  if (self->ids != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":sel_ids"),
                       ids_to_json (self->ids), -1, g_free);
  if (self->undo_set > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":sel_undo"), self->undo_set);
  if (self->needle != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":sel_filter"),
                       self->needle, -1, SQLITE_TRANSIENT);
  return stmt;
}

gint64
cohort_selection_count (const CohortSelection  *self,
                        CohortStore            *store,
                        GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (COHORT_IS_STORE (store), -1);

  stmt = cohort_selection_prepare (self, store, "SELECT count(*) FROM (", ")", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    cohort_store_set_error (store, error);
  sqlite3_finalize (stmt);
  return n;
}
