/* cohort-preview.c — what a condition would do, without storing anything:
 * the editor's live count and the "Why?" explanation of one contact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-compile.h"
#include "cohort-error.h"
#include "cohort-recalc.h"
#include "cohort-store-private.h"

static int
cancel_check_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* ---- live count -------------------------------------------------------- */

gboolean
cohort_store_count_matches (CohortStore      *self,
                            CohortCondition  *condition,
                            gint64            group_id,
                            guint             n_samples,
                            GCancellable     *cancellable,
                            gint64           *out_matches,
                            gint64           *out_joining,
                            gint64           *out_leaving,
                            GArray          **out_sample_ids,
                            GError          **error)
{
  sqlite3 *db = cohort_store_get_db (self);
  g_autoptr(CohortCompiled) compiled = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *count_sql = NULL;
  g_autofree char *sample_sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 matches = 0, matched_members = 0, members = 0, now = cohort_store_get_now (self);
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (COHORT_IS_CONDITION (condition), FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  if (!cohort_condition_validate (condition, NULL, error) ||
      !(compiled = cohort_store_compile (self, condition, COHORT_COMPILE_SCAN, error)))
    return FALSE;

  count_sql = g_strconcat ("SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM memberships "
                           "WHERE group_id = ?1 AND contact_id = c.id)), 0), "
                           "(SELECT member_count FROM groups WHERE id = ?1) "
                           "FROM contacts c WHERE c.merged_into IS NULL AND ",
                           cohort_compiled_get_sql (compiled), NULL);
  sample_sql = g_strconcat ("SELECT c.id FROM contacts c WHERE ?1 >= 0 AND c.merged_into IS NULL AND ",
                            cohort_compiled_get_sql (compiled), " LIMIT ?", NULL);

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, cancel_check_cb, cancellable);

  if (sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      goto out;
    }
  sqlite3_bind_int64 (stmt, 1, group_id);
  cohort_compiled_bind (compiled, stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      goto out;
    }
  matches = sqlite3_column_int64 (stmt, 0);
  matched_members = sqlite3_column_int64 (stmt, 1);
  members = sqlite3_column_int64 (stmt, 2);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (n_samples > 0)
    {
      if (sqlite3_prepare_v2 (db, sample_sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          cohort_store_set_error (self, error);
          goto out;
        }
      sqlite3_bind_int64 (stmt, 1, 0);
      cohort_compiled_bind (compiled, stmt, 2, now);
      sqlite3_bind_int64 (stmt, 2 + cohort_compiled_get_n_params (compiled), n_samples);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (samples, id);
        }
      if (rc != SQLITE_DONE)
        {
          cohort_store_set_error (self, error);
          goto out;
        }
    }

  if (g_cancellable_is_cancelled (cancellable))
    goto out;
  if (out_matches)
    *out_matches = matches;
  if (out_joining)
    *out_joining = group_id ? matches - matched_members : 0;
  if (out_leaving)
    *out_leaving = group_id ? members - matched_members : 0;
  if (out_sample_ids)
    *out_sample_ids = g_steal_pointer (&samples);
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED, _("Cancelled"));
    }
  return ok;
}

/* ---- explain ----------------------------------------------------------- */

void
cohort_explain_line_free (CohortExplainLine *line)
{
  if (line == NULL)
    return;
  g_free (line->path);
  g_free (line->description);
  g_free (line);
}

static gboolean
explain_node (CohortStore      *self,
              CohortCondition  *node,
              guint             depth,
              gint64            contact_id,
              gboolean          merged,
              GPtrArray        *lines,
              GError          **error)
{
  g_autoptr(CohortCompiled) compiled = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  CohortExplainLine *line;
  int rc;

  if (!(compiled = cohort_store_compile (self, node, COHORT_COMPILE_ROW, error)))
    return FALSE;
  /* The contact id is the last parameter, after the condition's own. */
  sql = g_strconcat ("SELECT ", cohort_compiled_get_sql (compiled), " FROM contacts c WHERE c.id = ?", NULL);
  if (sqlite3_prepare_v2 (cohort_store_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return cohort_store_set_error (self, error);
  cohort_compiled_bind (compiled, stmt, 1, cohort_store_get_now (self));
  sqlite3_bind_int64 (stmt, 1 + cohort_compiled_get_n_params (compiled), contact_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  line = g_new0 (CohortExplainLine, 1);
  line->path = cohort_condition_dup_path (node);
  line->depth = depth;
  line->result = sqlite3_column_int (stmt, 0) != 0 && !(depth == 0 && merged);
  line->description = cohort_condition_describe (node);
  g_ptr_array_add (lines, line);
  sqlite3_finalize (stmt);

  if (cohort_condition_is_group (node))
    for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
      if (!explain_node (self, cohort_condition_get_child (node, i), depth + 1,
                         contact_id, merged, lines, error))
        return FALSE;
  return TRUE;
}

GPtrArray *
cohort_store_explain (CohortStore  *self,
                      gint64        group_id,
                      gint64        contact_id,
                      GError      **error)
{
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(CohortCondition) condition = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_explain_line_free);

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if (!(group = cohort_store_get_group (self, group_id, error)) ||
      !(contact = cohort_store_get_contact (self, contact_id, error)))
    return NULL;
  if (cohort_group_get_condition_json (group) == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is a static group: it has no condition to explain"),
                   cohort_group_get_code (group));
      return NULL;
    }
  if (!(condition = cohort_condition_parse (cohort_group_get_condition_json (group), -1, error)) ||
      !explain_node (self, condition, 0, contact_id, cohort_contact_get_merged_into (contact) != 0,
                     lines, error))
    return NULL;
  return g_steal_pointer (&lines);
}
