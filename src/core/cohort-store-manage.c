/* cohort-store-manage.c — copying, freezing, merging and archiving groups
 *
 * SPEC §10. Members move set-based, one INSERT … SELECT per table: a group
 * of a million members is copied without a loop over its contacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-campaign.h"
#include "cohort-error.h"
#include "cohort-store-private.h"

/* Runs the literal @sql with ?1 = @a, ?2 = @b and ?3 = now. */
static gboolean
run_now (CohortStore  *self,
         const char   *sql,
         gint64        a,
         gint64        b,
         GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
  return cohort_store_step_done (self, stmt, error);
}

static gboolean
check_new_code (CohortStore  *self,
                const char   *code,
                GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean taken;

  if (!cohort_group_code_is_valid (code))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("code: “%s” is not a valid code name (use lowercase letters, digits, - and _)"),
                   code ? code : "");
      return FALSE;
    }
  stmt = cohort_store_prepare (self, "SELECT 1 FROM groups WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS,
                   _("code: there is already a group with the code name “%s”"), code);
      return FALSE;
    }
  return TRUE;
}

/* A new group with what @source_id says about itself; @as_static drops
 * the condition. Members, accounts and the schedule are the caller's. */
static gboolean
insert_group_like (CohortStore  *self,
                   gint64        source_id,
                   const char   *code,
                   const char   *name,
                   gboolean      as_static,
                   gint64       *out_id,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cohort_store_prepare (self,
                               "INSERT INTO groups (code, name, description, color, kind, condition, created_at) "
                               "SELECT ?1, ?2, description, color, CASE WHEN ?3 THEN 'static' ELSE kind END, "
                               "CASE WHEN ?3 THEN NULL ELSE condition END, ?4 FROM groups WHERE id = ?5 "
                               "RETURNING id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, as_static);
  sqlite3_bind_int64 (stmt, 4, cohort_store_get_now (self));
  sqlite3_bind_int64 (stmt, 5, source_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("The group no longer exists"));
      else
        cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  return cohort_store_step_done (self, stmt, error);
}

static gboolean
copy_member_count (CohortStore  *self,
                   gint64        group_id,
                   gint64        source_id,
                   GError      **error)
{
  return cohort_store_run (self,
                           "UPDATE groups SET member_count = (SELECT member_count FROM groups WHERE id = ?2) "
                           "WHERE id = ?1",
                           group_id, source_id, NULL, error);
}

gboolean
cohort_store_copy_group (CohortStore  *self,
                         gint64        group_id,
                         const char   *new_code,
                         const char   *name,
                         gint64       *out_id,
                         GError      **error)
{
  g_autoptr(CohortGroup) source = NULL;
  g_autoptr(CohortCondition) condition = NULL;
  g_autofree char *default_name = NULL;
  gint64 id = 0;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!(source = cohort_store_get_group (self, group_id, error)) ||
      !check_new_code (self, new_code, error))
    goto fail;
  if (name == NULL)
    /* Translators: the name of a copied group; %s is the original's name. */
    name = default_name = g_strdup_printf (_("Copy of %s"), cohort_group_get_name (source));
  if (!insert_group_like (self, group_id, new_code, name, FALSE, &id, error))
    goto fail;

  if (cohort_group_get_kind (source) == COHORT_GROUP_DYNAMIC)
    {
      /* Populated from its condition, as a new dynamic group is. */
      if (!(condition = cohort_condition_parse (cohort_group_get_condition_json (source), -1, error)) ||
          !cohort_store_set_group_refs (self, id, condition, NULL, error) ||
          !cohort_store_recalculate_locked (self, id, NULL, NULL, NULL, NULL, NULL, error))
        goto fail;
    }
  else
    {
      /* Members through an account stay live through the same accounts. */
      if (!run_now (self,
                    "INSERT INTO group_accounts (group_id, account_id, added_at) "
                    "SELECT ?1, account_id, ?3 FROM group_accounts WHERE group_id = ?2",
                    id, group_id, error) ||
          !run_now (self,
                    "INSERT INTO memberships (group_id, contact_id, manual, account_id, added_at) "
                    "SELECT ?1, contact_id, manual, account_id, ?3 FROM memberships WHERE group_id = ?2",
                    id, group_id, error) ||
          !copy_member_count (self, id, group_id, error))
        goto fail;
    }

  if (cohort_group_get_scheduled (source) &&
      !cohort_store_set_group_schedule (self, id, TRUE, NULL, error))
    goto fail;
  if (!cohort_store_groups_changed (self, error) || !cohort_store_commit (self, error))
    goto fail;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_freeze_group (CohortStore  *self,
                           gint64        group_id,
                           const char   *new_code,
                           const char   *name,
                           gint64       *out_id,
                           GError      **error)
{
  g_autoptr(CohortGroup) source = NULL;
  g_autofree char *default_name = NULL;
  gint64 id = 0;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!(source = cohort_store_get_group (self, group_id, error)))
    goto fail;
  if (cohort_group_get_kind (source) != COHORT_GROUP_DYNAMIC)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is a static group: only a dynamic group can be frozen (copy a static group instead)"),
                   cohort_group_get_code (source));
      goto fail;
    }
  if (!check_new_code (self, new_code, error))
    goto fail;
  if (name == NULL)
    /* Translators: the name of a static group made from a dynamic group's
     * members; %s is the dynamic group's name. */
    name = default_name = g_strdup_printf (_("%s (frozen)"), cohort_group_get_name (source));

  /* The members as they are now, even when the condition was edited since. */
  if (!insert_group_like (self, group_id, new_code, name, TRUE, &id, error) ||
      !run_now (self,
                "INSERT INTO memberships (group_id, contact_id, manual, added_at) "
                "SELECT ?1, contact_id, 1, ?3 FROM memberships WHERE group_id = ?2",
                id, group_id, error) ||
      !copy_member_count (self, id, group_id, error) ||
      !cohort_store_groups_changed (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

static gboolean
require_static (CohortGroup  *group,
                GError      **error)
{
  if (cohort_group_get_kind (group) == COHORT_GROUP_STATIC)
    return TRUE;
  g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
               _("“%s” is a dynamic group: only static groups can be merged"),
               cohort_group_get_code (group));
  return FALSE;
}

gboolean
cohort_store_merge_groups (CohortStore  *self,
                           gint64        into_id,
                           gint64        from_id,
                           gint64       *out_joined,
                           GError      **error)
{
  g_autoptr(CohortGroup) into = NULL;
  g_autoptr(CohortGroup) from = NULL;
  g_autofree char *users = NULL;
  gint64 joined = 0;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  /* Those who join @into (and leave the merged group, if it goes) do so
   * by merge; settling says "condition" for itself. */
  cohort_store_set_reason (self, COHORT_REASON_MERGE);
  if (!(into = cohort_store_get_group (self, into_id, error)) ||
      !(from = cohort_store_get_group (self, from_id, error)))
    goto fail;
  if (into_id == from_id)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” cannot be merged into itself"), cohort_group_get_code (from));
      goto fail;
    }
  if (!require_static (into, error) || !require_static (from, error))
    goto fail;
  if (!(users = cohort_store_dup_referencing_codes (self, from_id, error)))
    goto fail;
  if (*users != '\0')
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is used in the conditions of other groups (%s); change those first"),
                   cohort_group_get_code (from), users);
      goto fail;
    }

  /* The contacts that join are the ones groups referencing INTO must be
   * judged again for. A contact in both keeps the earlier date and every
   * way it was in: by hand, by an account, or both. */
  if (!cohort_store_run (self,
                         "INSERT OR IGNORE INTO temp.touched (id) "
                         "SELECT f.contact_id FROM memberships f WHERE f.group_id = ?2 "
                         "AND NOT EXISTS (SELECT 1 FROM memberships i "
                         "  WHERE i.group_id = ?1 AND i.contact_id = f.contact_id)",
                         into_id, from_id, &joined, error) ||
      !cohort_store_run (self,
                         "INSERT INTO group_accounts (group_id, account_id, added_at) "
                         "SELECT ?1, account_id, added_at FROM group_accounts WHERE group_id = ?2 "
                         "ON CONFLICT (group_id, account_id) DO UPDATE "
                         "SET added_at = min(added_at, excluded.added_at)",
                         into_id, from_id, NULL, error) ||
      !cohort_store_run (self,
                         "INSERT INTO memberships (group_id, contact_id, manual, account_id, added_at) "
                         "SELECT ?1, contact_id, manual, account_id, added_at FROM memberships "
                         "WHERE group_id = ?2 "
                         "ON CONFLICT (group_id, contact_id) DO UPDATE "
                         "SET manual = max(manual, excluded.manual), "
                         "account_id = coalesce(account_id, excluded.account_id), "
                         "added_at = min(added_at, excluded.added_at)",
                         into_id, from_id, NULL, error) ||
      !cohort_store_run (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?1)",
                         into_id, 0, NULL, error) ||
      !cohort_store_run (self, "DELETE FROM groups WHERE id = ?1", from_id, 0, NULL, error) ||
      !cohort_store_groups_changed (self, error) ||
      !cohort_store_settle_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  if (out_joined != NULL)
    *out_joined = joined;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_set_group_archived (CohortStore  *self,
                                 gint64        group_id,
                                 gboolean      archived,
                                 GError      **error)
{
  gint64 changed = 0;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  /* A campaign still going targets its groups: they stay in view. */
  if (archived)
    {
      g_autofree char *campaigns = cohort_store_dup_campaigns_using (self, group_id, error);

      if (campaigns == NULL)
        goto fail;
      if (*campaigns != '\0')
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The group is used by campaigns that are not finished (%s); finish them or take the group out of them first"),
                       campaigns);
          goto fail;
        }
    }
  /* Archiving again keeps the first date. */
  if (!cohort_store_run (self,
                         "UPDATE groups SET archived_at = CASE WHEN ?2 > 0 THEN coalesce(archived_at, ?2) END "
                         "WHERE id = ?1",
                         group_id, archived ? MAX (cohort_store_get_now (self), 1) : 0, &changed, error))
    goto fail;
  if (changed == 0)
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
