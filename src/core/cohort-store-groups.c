/* cohort-store-groups.c — groups and their members in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-campaign.h"
#include "cohort-compile.h"
#include "cohort-error.h"
#include "cohort-store-private.h"

#define GROUP_COLUMNS \
  "id, code, name, description, color, kind, condition, scheduled, schedule_minute, " \
  "schedule_last_run, needs_recalculation, last_recalculated_at, member_count, created_at, archived_at "

static CohortGroup *
group_from_row (sqlite3_stmt *stmt)
{
  CohortGroup *group;
  const char *kind = (const char *) sqlite3_column_text (stmt, 5);

  group = cohort_group_new ((const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            g_strcmp0 (kind, "dynamic") == 0 ? COHORT_GROUP_DYNAMIC : COHORT_GROUP_STATIC);
  cohort_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  cohort_group_set_description (group, (const char *) sqlite3_column_text (stmt, 3));
  cohort_group_set_color (group, (const char *) sqlite3_column_text (stmt, 4));
  cohort_group_set_condition_json (group, (const char *) sqlite3_column_text (stmt, 6));
  cohort_group_set_scheduled (group, sqlite3_column_int (stmt, 7));
  cohort_group_set_schedule_minute (group, sqlite3_column_type (stmt, 8) == SQLITE_NULL
                                             ? -1 : sqlite3_column_int (stmt, 8));
  cohort_group_set_schedule_last_run (group, sqlite3_column_int64 (stmt, 9));
  cohort_group_set_needs_recalculation (group, sqlite3_column_int (stmt, 10));
  cohort_group_set_last_recalculated_at (group, sqlite3_column_int64 (stmt, 11));
  cohort_group_set_member_count (group, sqlite3_column_int64 (stmt, 12));
  cohort_group_set_created_at (group, sqlite3_column_int64 (stmt, 13));
  cohort_group_set_archived_at (group, sqlite3_column_int64 (stmt, 14));
  return group;
}

static GPtrArray *
query_groups (CohortStore  *self,
              const char   *sql,
              gint64        id,
              const char   *code,
              GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  else if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

CohortGroup *
cohort_store_get_group (CohortStore  *self,
                        gint64        group_id,
                        GError      **error)
{
  g_autoptr(GPtrArray) groups = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  groups = query_groups (self, "SELECT " GROUP_COLUMNS "FROM groups WHERE id = ?", group_id, NULL, error);
  if (groups == NULL)
    return NULL;
  if (groups->len == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND,
                   _("There is no group #%" G_GINT64_FORMAT), group_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (groups, 0));
}

CohortGroup *
cohort_store_find_group (CohortStore  *self,
                         const char   *code,
                         GError      **error)
{
  g_autoptr(GPtrArray) groups = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  groups = query_groups (self, "SELECT " GROUP_COLUMNS "FROM groups WHERE code = ?", 0,
                         code ? code : "", error);
  if (groups == NULL)
    return NULL;
  if (groups->len == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND,
                   _("There is no group with the code name “%s”"), code ? code : "");
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (groups, 0));
}

GPtrArray *
cohort_store_list_groups (CohortStore  *self,
                          GError      **error)
{
  return cohort_store_list_groups_full (self, TRUE, error);
}

GPtrArray *
cohort_store_list_groups_full (CohortStore  *self,
                               gboolean      include_archived,
                               GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  if (include_archived)
    return query_groups (self, "SELECT " GROUP_COLUMNS "FROM groups ORDER BY name COLLATE NOCASE, code",
                         0, NULL, error);
  return query_groups (self,
                       "SELECT " GROUP_COLUMNS "FROM groups WHERE archived_at IS NULL "
                       "ORDER BY name COLLATE NOCASE, code",
                       0, NULL, error);
}

static gboolean
resolve_group_cb (const char *code,
                  gint64     *out_id,
                  gpointer    user_data)
{
  CohortStore *self = user_data;
  sqlite3_stmt *stmt = cohort_store_prepare (self, "SELECT id FROM groups WHERE code = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

CohortCompiled *
cohort_store_compile (CohortStore      *self,
                      CohortCondition  *condition,
                      int               mode,
                      GError          **error)
{
  return cohort_compile (condition, mode, cohort_store_get_timezone (self),
                         resolve_group_cb, self, error);
}

/* Would @group_id referencing @refs close a loop? Walks group_refs from each
 * referenced group; on a loop names it: "a → b → a". */
/* The JSON path of the first rule that references @code. */
static char *
find_group_rule (CohortCondition *node,
                 const char      *code)
{
  if (cohort_condition_is_group (node))
    {
      for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
        {
          char *path = find_group_rule (cohort_condition_get_child (node, i), code);
          if (path)
            return path;
        }
      return NULL;
    }
  if (g_strcmp0 (cohort_condition_get_field (node), "group") == 0)
    {
      g_auto(GStrv) codes = cohort_condition_collect_groups (node);
      if (g_strv_contains ((const char * const *) codes, code))
        return cohort_condition_dup_path (node);
    }
  return NULL;
}

static gboolean
find_cycle (CohortStore  *self,
            gint64        group_id,
            gint64        from,
            GArray       *trail,
            GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_array_append_val (trail, from);
  if (from == group_id)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < trail->len; i++)
        {
          g_autoptr(CohortGroup) g = cohort_store_get_group (self, g_array_index (trail, gint64, i), NULL);
          if (i > 0)
            g_string_append (names, " → ");
          g_string_append (names, g ? cohort_group_get_code (g) : "?");
        }
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("the condition would make groups depend on each other in a loop (%s)"),
                   names->str);
      return TRUE;
    }

  stmt = cohort_store_prepare (self, "SELECT ref_id FROM group_refs WHERE group_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 ref = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (next, ref);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < next->len; i++)
    if (find_cycle (self, group_id, g_array_index (next, gint64, i), trail, error))
      return TRUE;
  g_array_set_size (trail, trail->len - 1);
  return FALSE;
}

static gboolean
add_refs (CohortStore      *self,
          gint64            group_id,
          CohortCondition  *condition,
          GError          **error)
{
  g_auto(GStrv) codes = cohort_condition_collect_groups (condition);

  for (guint i = 0; codes[i]; i++)
    {
      g_autoptr(GArray) trail = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt;
      gint64 ref = 0;

      if (!resolve_group_cb (codes[i], &ref, self))
        continue;
      g_array_append_val (trail, group_id);
      if (find_cycle (self, group_id, ref, trail, error))
        {
          g_autofree char *path = find_group_rule (condition, codes[i]);
          g_prefix_error (error, "%s.value: ", path ? path : "rules");
          return FALSE;
        }

      stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO group_refs (group_id, ref_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, group_id);
      sqlite3_bind_int64 (stmt, 2, ref);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cohort_store_set_group_refs (CohortStore      *self,
                             gint64            group_id,
                             CohortCondition  *condition,
                             CohortCondition  *applied,
                             GError          **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, "DELETE FROM group_refs WHERE group_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  /* Until it is recalculated a group depends on what both its conditions
   * name: the applied one keeps its members up to date meanwhile. */
  return cohort_store_step_done (self, stmt, error) &&
         (applied == NULL || add_refs (self, group_id, applied, error)) &&
         add_refs (self, group_id, condition, error) &&
         cohort_store_groups_changed (self, error);
}

static gboolean
store_condition (CohortStore      *self,
                 CohortGroup      *group,
                 CohortCondition  *condition,
                 GError          **error)
{
  g_autoptr(CohortCompiled) compiled = NULL;
  g_autoptr(CohortCondition) applied = NULL;
  g_autofree char *json = NULL;
  const char *applied_json = NULL;
  gint64 group_id = cohort_group_get_id (group);
  sqlite3_stmt *stmt;

  if (!cohort_condition_validate (condition, NULL, error))
    return FALSE;
  /* Compiling resolves every referenced group, naming the rule of one that
   * does not exist. */
  if (!(compiled = cohort_store_compile (self, condition, COHORT_COMPILE_SCAN, error)))
    return FALSE;

  stmt = cohort_store_prepare (self, "SELECT applied_condition FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    applied_json = (const char *) sqlite3_column_text (stmt, 0);
  if (applied_json != NULL)
    applied = cohort_condition_parse (applied_json, -1, NULL);
  sqlite3_reset (stmt);

  if (!cohort_store_set_group_refs (self, group_id, condition, applied, error))
    return FALSE;

  json = cohort_condition_to_json (condition, FALSE);
  stmt = cohort_store_prepare (self,
                               "UPDATE groups SET condition = ?, needs_recalculation = 1 WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, group_id);
  return cohort_store_step_done (self, stmt, error);
}

gboolean
cohort_store_create_group (CohortStore  *self,
                           CohortGroup  *group,
                           GError      **error)
{
  g_autoptr(CohortCondition) condition = NULL;
  const char *code = cohort_group_get_code (group);
  gboolean dynamic = cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (COHORT_IS_GROUP (group), FALSE);

  if (!cohort_group_code_is_valid (code))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("code: “%s” is not a valid code name (use lowercase letters, digits, - and _)"),
                   code ? code : "");
      return FALSE;
    }
  if (cohort_group_get_name (group) == NULL || *cohort_group_get_name (group) == '\0')
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("name: a group needs a name"));
      return FALSE;
    }
  if (dynamic)
    {
      const char *json = cohort_group_get_condition_json (group);

      if (json == NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("condition: a dynamic group needs a condition"));
          return FALSE;
        }
      if (!(condition = cohort_condition_parse (json, -1, error)))
        return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;

  stmt = cohort_store_prepare (self,
                               "INSERT INTO groups (code, name, description, color, kind, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cohort_group_get_name (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cohort_group_get_description (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, cohort_group_get_color (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, cohort_group_kind_to_string (cohort_group_get_kind (group)), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, cohort_store_get_now (self));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS,
                   _("code: there is already a group with the code name “%s”"), code);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  if (!cohort_store_step_done (self, stmt, error))
    goto fail;

  cohort_group_set_id (group, id);
  if (dynamic &&
      (!store_condition (self, group, condition, error) ||
       !cohort_store_recalculate_locked (self, id, NULL, NULL, NULL, NULL, NULL, error)))
    goto fail;
  if (!cohort_store_groups_changed (self, error) || !cohort_store_commit (self, error))
    goto fail;

  {
    g_autoptr(CohortGroup) stored = cohort_store_get_group (self, id, NULL);
    if (stored)
      {
        cohort_group_set_member_count (group, cohort_group_get_member_count (stored));
        cohort_group_set_condition_json (group, cohort_group_get_condition_json (stored));
        cohort_group_set_needs_recalculation (group, FALSE);
        cohort_group_set_last_recalculated_at (group, cohort_group_get_last_recalculated_at (stored));
        cohort_group_set_created_at (group, cohort_group_get_created_at (stored));
      }
  }
  return TRUE;

fail:
  cohort_store_rollback (self);
  cohort_group_set_id (group, 0);
  return FALSE;
}

gboolean
cohort_store_update_group (CohortStore  *self,
                           CohortGroup  *group,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (cohort_group_get_name (group) == NULL || *cohort_group_get_name (group) == '\0')
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("name: a group needs a name"));
      return FALSE;
    }
  stmt = cohort_store_prepare (self, "UPDATE groups SET name = ?, description = ?, color = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cohort_group_get_name (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cohort_group_get_description (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cohort_group_get_color (group), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, cohort_group_get_id (group));
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (cohort_store_get_db (self)) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("The group no longer exists"));
      return FALSE;
    }
  return TRUE;
}

char *
cohort_store_dup_referencing_codes (CohortStore  *self,
                                    gint64        group_id,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) users = g_string_new (NULL);
  int rc;

  stmt = cohort_store_prepare (self,
                               "SELECT g.code FROM group_refs r JOIN groups g ON g.id = r.group_id "
                               "WHERE r.ref_id = ?1 AND r.group_id <> ?1 ORDER BY g.code",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (users, "%s%s", users->len ? ", " : "", sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&users), FALSE);
}

gboolean
cohort_store_delete_group (CohortStore  *self,
                           gint64        group_id,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *users = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;

  if (!(users = cohort_store_dup_referencing_codes (self, group_id, error)))
    goto fail;
  if (*users != '\0')
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("The group is used in the conditions of other groups (%s); change those first (a changed condition counts once the group is recalculated)"),
                   users);
      goto fail;
    }
  g_clear_pointer (&users, g_free);
  if (!(users = cohort_store_dup_campaigns_using (self, group_id, error)))
    goto fail;
  if (*users != '\0')
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("The group is used by campaigns that are not finished (%s); finish them or take the group out of them first"),
                   users);
      goto fail;
    }

  stmt = cohort_store_prepare (self, "DELETE FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (!cohort_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (cohort_store_get_db (self)) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("The group no longer exists"));
      goto fail;
    }
  if (!cohort_store_groups_changed (self, error) || !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_set_group_condition (CohortStore      *self,
                                  gint64            group_id,
                                  CohortCondition  *condition,
                                  GError          **error)
{
  g_autoptr(CohortGroup) group = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (COHORT_IS_CONDITION (condition), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!(group = cohort_store_get_group (self, group_id, error)))
    goto fail;
  if (cohort_group_get_kind (group) != COHORT_GROUP_DYNAMIC)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is a static group: only dynamic groups have conditions"),
                   cohort_group_get_code (group));
      goto fail;
    }
  if (!store_condition (self, group, condition, error) || !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_set_group_schedule (CohortStore  *self,
                                 gint64        group_id,
                                 gboolean      scheduled,
                                 GRand        *rand,
                                 GError      **error)
{
  g_autoptr(CohortGroup) group = NULL;
  sqlite3_stmt *stmt;
  int minute;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(group = cohort_store_get_group (self, group_id, error)))
    return FALSE;
  if (scheduled && cohort_group_get_scheduled (group))
    return TRUE;

  /* A new random minute in [02:00, 06:00) every time it is switched on, so
   * many groups spread over the night. */
  minute = 120 + (rand ? g_rand_int_range (rand, 0, 240) : g_random_int_range (0, 240));
  stmt = cohort_store_prepare (self,
                               "UPDATE groups SET scheduled = ?1, schedule_minute = ?2, "
                               "schedule_last_run = CASE WHEN ?1 THEN ?3 ELSE NULL END WHERE id = ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, scheduled);
  if (scheduled)
    sqlite3_bind_int (stmt, 2, minute);
  else
    sqlite3_bind_null (stmt, 2);
  /* Switching on does not count as having missed last night's slot. */
  sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
  sqlite3_bind_int64 (stmt, 4, group_id);
  return cohort_store_step_done (self, stmt, error);
}

gboolean
cohort_store_set_group_schedule_last_run (CohortStore  *self,
                                          gint64        group_id,
                                          gint64        slot_time,
                                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  stmt = cohort_store_prepare (self, "UPDATE groups SET schedule_last_run = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, slot_time);
  sqlite3_bind_int64 (stmt, 2, group_id);
  return cohort_store_step_done (self, stmt, error);
}

gboolean
cohort_store_require_group (CohortStore  *self,
                            gint64        group_id,
                            gboolean      must_be_static,
                            GError      **error)
{
  g_autoptr(CohortGroup) group = cohort_store_get_group (self, group_id, error);

  if (group == NULL)
    return FALSE;
  if (must_be_static && cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is a dynamic group: its members follow its condition and cannot be added or removed by hand"),
                   cohort_group_get_code (group));
      return FALSE;
    }
  return TRUE;
}
