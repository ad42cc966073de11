/* cohort-store-members.c — who is in a static group, by hand or by account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-error.h"
#include "cohort-selection.h"
#include "cohort-store-private.h"

/* By hand, for the contacts @ids: the set-based bulk actions, on a
 * selection of those ids (one statement per table, not one per contact). */
static gboolean
change_members (CohortStore   *self,
                gint64         group_id,
                const gint64  *ids,
                guint          n_ids,
                gboolean       add,
                gint64        *out_changed,
                GError       **error)
{
  g_autoptr(CohortSelection) selection = cohort_selection_new ();

  cohort_selection_add_ids (selection, ids, n_ids);
  return add
         ? cohort_store_add_selection_to_group (self, selection, group_id, out_changed, NULL, error)
         : cohort_store_remove_selection_from_group (self, selection, group_id, out_changed, NULL, error);
}

gboolean
cohort_store_add_members (CohortStore   *self,
                          gint64         group_id,
                          const gint64  *contact_ids,
                          guint          n_ids,
                          GError       **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  return change_members (self, group_id, contact_ids, n_ids, TRUE, NULL, error);
}

gboolean
cohort_store_remove_members (CohortStore   *self,
                             gint64         group_id,
                             const gint64  *contact_ids,
                             guint          n_ids,
                             GError       **error)
{
  return cohort_store_remove_members_counted (self, group_id, contact_ids, n_ids, NULL, error);
}

gboolean
cohort_store_remove_members_counted (CohortStore   *self,
                                     gint64         group_id,
                                     const gint64  *contact_ids,
                                     guint          n_ids,
                                     gint64        *out_removed,
                                     GError       **error)
{
  gint64 delta = 0;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!change_members (self, group_id, contact_ids, n_ids, FALSE, &delta, error))
    return FALSE;
  if (out_removed != NULL)
    *out_removed = delta;
  return TRUE;
}

static gboolean
sync_account_members (CohortStore  *self,
                      GError      **error)
{
  sqlite3 *db = cohort_store_get_db (self);
  gint64 before = sqlite3_total_changes64 (db);
  sqlite3_stmt *stmt;
  gint64 linked;

  /* Members by account only come from group_accounts (removing a link
   * clears them), so without a link there is nothing to bring in line. */
  if ((linked = cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM group_accounts)", error)) <= 0)
    return linked == 0;

  /* The groups whose account members may change, before and after; the
   * caller recounts them (cohort_store_recount_groups()). */
  if (!cohort_store_exec (self,
                          "INSERT OR IGNORE INTO temp.recount (id) "
                          "SELECT m.group_id FROM temp.touched t CROSS JOIN memberships m "
                          "ON m.contact_id = t.id WHERE m.account_id IS NOT NULL",
                          error))
    return FALSE;

  /* Left the account (or was merged): keep manual members, drop the rest. */
  if (!cohort_store_exec (self,
                          "UPDATE memberships SET account_id = NULL "
                          "WHERE contact_id IN (SELECT id FROM temp.touched) AND account_id IS NOT NULL "
                          "AND manual = 1 AND account_id IS NOT (SELECT account_id FROM contacts c "
                          "  WHERE c.id = memberships.contact_id AND c.merged_into IS NULL);"
                          "DELETE FROM memberships "
                          "WHERE contact_id IN (SELECT id FROM temp.touched) AND account_id IS NOT NULL "
                          "AND manual = 0 AND account_id IS NOT (SELECT account_id FROM contacts c "
                          "  WHERE c.id = memberships.contact_id AND c.merged_into IS NULL);",
                          error))
    return FALSE;

  stmt = cohort_store_prepare (self,
                               "INSERT INTO memberships (group_id, contact_id, manual, account_id, added_at) "
                               "SELECT ga.group_id, c.id, 0, c.account_id, ? "
                               "FROM temp.touched t CROSS JOIN contacts c ON c.id = t.id "
                               "JOIN group_accounts ga ON ga.account_id = c.account_id "
                               "WHERE c.merged_into IS NULL "
                               "ON CONFLICT (group_id, contact_id) DO UPDATE SET account_id = excluded.account_id "
                               "WHERE account_id IS NOT excluded.account_id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_store_get_now (self));
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_total_changes64 (db) == before)
    return TRUE;

  return cohort_store_exec (self,
                            "INSERT OR IGNORE INTO temp.recount (id) "
                            "SELECT m.group_id FROM temp.touched t CROSS JOIN memberships m "
                            "ON m.contact_id = t.id WHERE m.account_id IS NOT NULL",
                            error);
}

/* Who joins or leaves here does so by account. */
gboolean
cohort_store_sync_account_members (CohortStore  *self,
                                   GError      **error)
{
  CohortReason reason = cohort_store_set_reason (self, COHORT_REASON_ACCOUNT);
  gboolean ok = sync_account_members (self, error);

  cohort_store_set_reason (self, reason);
  return ok;
}

static gboolean
change_group_account (CohortStore  *self,
                      gint64        group_id,
                      gint64        account_id,
                      gboolean      add,
                      GError      **error)
{
  sqlite3_stmt *stmt;

  if (!cohort_store_begin (self, error))
    return FALSE;
  /* Set after begin, which starts each transaction with "manual"; the
   * settling afterwards says "condition" for itself. */
  cohort_store_set_reason (self, COHORT_REASON_ACCOUNT);
  if (!cohort_store_require_group (self, group_id, TRUE, error))
    goto fail;

  stmt = cohort_store_prepare (self,
                               add ? "INSERT OR IGNORE INTO group_accounts (group_id, account_id, added_at) "
                                     "SELECT ?1, id, ?3 FROM accounts WHERE id = ?2"
                                   : "DELETE FROM group_accounts WHERE group_id = ?1 AND account_id = ?2",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, account_id);
  if (add)
    sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
  if (!cohort_store_step_done (self, stmt, error))
    goto fail;
  if (add && sqlite3_changes (cohort_store_get_db (self)) == 0)
    {
      /* Either already added (fine) or no such account. */
      stmt = cohort_store_prepare (self, "SELECT 1 FROM accounts WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, account_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("The account no longer exists"));
          goto fail;
        }
      sqlite3_reset (stmt);
    }

  if (!cohort_store_touch_sql (self, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM contacts WHERE account_id = ?", account_id, error))
    goto fail;
  if (!add)
    {
      /* Members by this account: manual ones stay, the rest leave. */
      stmt = cohort_store_prepare (self,
                                   "DELETE FROM memberships WHERE group_id = ?1 AND account_id = ?2 AND manual = 0",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, group_id);
      sqlite3_bind_int64 (stmt, 2, account_id);
      if (!cohort_store_step_done (self, stmt, error))
        goto fail;
      stmt = cohort_store_prepare (self,
                                   "UPDATE memberships SET account_id = NULL WHERE group_id = ?1 AND account_id = ?2",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, group_id);
      sqlite3_bind_int64 (stmt, 2, account_id);
      if (!cohort_store_step_done (self, stmt, error))
        goto fail;
    }
  stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (!cohort_store_step_done (self, stmt, error) ||
      !cohort_store_settle_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_add_group_account (CohortStore  *self,
                                gint64        group_id,
                                gint64        account_id,
                                GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  return change_group_account (self, group_id, account_id, TRUE, error);
}

gboolean
cohort_store_remove_group_account (CohortStore  *self,
                                   gint64        group_id,
                                   gint64        account_id,
                                   GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  return change_group_account (self, group_id, account_id, FALSE, error);
}

GPtrArray *
cohort_store_list_group_accounts (CohortStore  *self,
                                  gint64        group_id,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self,
                               "SELECT a.id, a.name, a.industry, a.employees, "
                               "(SELECT count(*) FROM contacts WHERE account_id = a.id AND merged_into IS NULL) "
                               "FROM group_accounts ga JOIN accounts a ON a.id = ga.account_id "
                               "WHERE ga.group_id = ? ORDER BY a.name_fold",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortAccount *account = cohort_account_new ((const char *) sqlite3_column_text (stmt, 1));

      cohort_account_set_id (account, sqlite3_column_int64 (stmt, 0));
      cohort_account_set_industry (account, (const char *) sqlite3_column_text (stmt, 2));
      cohort_account_set_employees (account, sqlite3_column_type (stmt, 3) != SQLITE_NULL,
                                    sqlite3_column_int64 (stmt, 3));
      cohort_account_set_n_contacts (account, sqlite3_column_int64 (stmt, 4));
      g_ptr_array_add (accounts, account);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

GArray *
cohort_store_list_member_ids (CohortStore  *self,
                              gint64        group_id,
                              GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return cohort_store_query_ids (self,
                                 "SELECT contact_id FROM memberships WHERE group_id = ? ORDER BY contact_id",
                                 group_id, error);
}

void
cohort_removal_plan_free (CohortRemovalPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->leaving, g_array_unref);
  g_clear_pointer (&plan->staying, g_array_unref);
  g_clear_pointer (&plan->accounts, g_ptr_array_unref);
  g_free (plan->staying_name);
  g_free (plan);
}

static CohortAccount *
find_account (GPtrArray *accounts,
              gint64     account_id)
{
  for (guint i = 0; i < accounts->len; i++)
    if (cohort_account_get_id (g_ptr_array_index (accounts, i)) == account_id)
      return g_ptr_array_index (accounts, i);

  return NULL;
}

/* Up to this many contacts, a removal plan looks each one up. */
#define FEW_CONTACTS 64

CohortRemovalPlan *
cohort_store_plan_removal (CohortStore   *self,
                           gint64         group_id,
                           const gint64  *contact_ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autoptr(CohortRemovalPlan) plan = g_new0 (CohortRemovalPlan, 1);
  g_autoptr(GHashTable) by_account = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) group_accounts = NULL;
  g_autoptr(GArray) all = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if (contact_ids == NULL)
    {
      all = cohort_store_list_member_ids (self, group_id, error);
      if (all == NULL)
        return NULL;
      contact_ids = (const gint64 *) all->data;
      n_ids = all->len;
    }

  group_accounts = cohort_store_list_group_accounts (self, group_id, error);
  if (group_accounts == NULL)
    return NULL;

  /* A few contacts are looked up one by one; a large selection against
   * the group's members through an account, all at once. */
  if (n_ids <= FEW_CONTACTS)
    stmt = cohort_store_prepare (self,
                                 "SELECT contact_id, account_id FROM memberships "
                                 "WHERE group_id = ?1 AND contact_id = ?2 AND account_id IS NOT NULL",
                                 error);
  else
    stmt = cohort_store_prepare (self,
                                 "SELECT contact_id, account_id FROM memberships "
                                 "WHERE group_id = ?1 AND account_id IS NOT NULL",
                                 error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < (n_ids <= FEW_CONTACTS ? n_ids : 1); i++)
    {
      sqlite3_bind_int64 (stmt, 1, group_id);
      if (n_ids <= FEW_CONTACTS)
        sqlite3_bind_int64 (stmt, 2, contact_ids[i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (by_account,
                             g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                             g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          cohort_store_set_error (self, error);
          return NULL;
        }
    }

  plan->leaving = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->staying = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      gint64 *account_id = g_hash_table_lookup (by_account, &contact_ids[i]);
      CohortAccount *account;

      if (account_id == NULL)
        {
          g_array_append_val (plan->leaving, contact_ids[i]);
          continue;
        }

      g_array_append_val (plan->staying, contact_ids[i]);
      account = find_account (group_accounts, *account_id);
      if (account != NULL && find_account (plan->accounts, *account_id) == NULL)
        g_ptr_array_add (plan->accounts, g_object_ref (account));
    }

  if (plan->staying->len > 0)
    {
      g_autoptr(CohortContact) contact = cohort_store_get_contact (self, g_array_index (plan->staying, gint64, 0),
                                                                   error);

      if (contact == NULL)
        return NULL;
      plan->staying_name = cohort_contact_dup_display_name (contact);
    }

  return g_steal_pointer (&plan);
}
