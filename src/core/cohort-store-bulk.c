/* cohort-store-bulk.c — actions on a selection of contacts (SPEC §10)
 *
 * Each action fixes the selection in temp.selected with one INSERT …
 * SELECT, puts the contacts it is about to change in temp.touched, changes
 * each table with one statement over those sets and re-evaluates, for
 * temp.touched, the dynamic groups whose condition reads what the action
 * changed (cohort_store_refresh_touched_for()), all in one transaction. No contact is ever
 * loaded into memory. None of them changes a contact's account, so members
 * by account need no syncing (cohort_store_settle_touched() would look).
 *
 * Setting updated_at says OR ROLLBACK: a statement that may abort halfway in a
 * transaction keeps a statement journal of every page it changes (in
 * memory: temp_store), 250 MB and half the time of setting updated_at on
 * 500,000 contacts. Any error rolls the whole action back anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cohort-error.h"
#include "cohort-selection-private.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* Fixes the selection as it is now in @table ("temp.selected"), or only
 * its contacts for which @where (NULL: all; SQL on row c) holds. */
static gboolean
select_contacts_into (CohortStore            *self,
                      const CohortSelection  *selection,
                      const char             *table,
                      const char             *where,
                      GError                **error)
{
  g_autofree char *prefix = g_strdup_printf ("INSERT OR IGNORE INTO %s (id)", table);
  g_autofree char *suffix = where != NULL ? g_strconcat (" AND ", where, NULL) : NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (cohort_selection_get_group (selection) > 0 &&
      !cohort_store_require_group (self, cohort_selection_get_group (selection), FALSE, error))
    return FALSE;
  stmt = cohort_selection_prepare (selection, self, prefix, suffix, error);
  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_DONE || cohort_store_set_error (self, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
select_contacts (CohortStore            *self,
                 const CohortSelection  *selection,
                 GError                **error)
{
  return cohort_store_exec (self, "DELETE FROM temp.selected", error) &&
         select_contacts_into (self, selection, "temp.selected", NULL, error);
}

static gboolean
count_touched (CohortStore  *self,
               gint64       *out_changed,
               GError      **error)
{
  gint64 n = cohort_store_query_int64 (self, "SELECT count(*) FROM temp.touched", error);

  if (n < 0)
    return FALSE;
  if (out_changed != NULL)
    *out_changed = n;
  return TRUE;
}

/* How long an undo set outlives the Undo it was kept for, at most. */
#define UNDO_KEPT_SECONDS (24 * 60 * 60)

/* With @out_undo_set, keeps temp.touched — and with @with_status each
 * contact's status, so call it before changing them — as a new undo set,
 * after dropping the sets older than a day. */
static gboolean
keep_undo_set (CohortStore  *self,
               gboolean      with_status,
               gint64       *out_undo_set,
               GError      **error)
{
  gint64 now = cohort_store_get_now (self);
  gint64 id;

  if (out_undo_set == NULL)
    return TRUE;
  *out_undo_set = 0;
  if (!cohort_store_run (self,
                         "DELETE FROM undo_contacts WHERE set_id IN "
                         "(SELECT id FROM undo_sets WHERE created_at < ?1)",
                         now - UNDO_KEPT_SECONDS, 0, NULL, error) ||
      !cohort_store_run (self, "DELETE FROM undo_sets WHERE created_at < ?1",
                         now - UNDO_KEPT_SECONDS, 0, NULL, error))
    return FALSE;
  switch (cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM temp.touched)", error))
    {
    case 0:
      return TRUE;
    case 1:
      break;
    default:
      return FALSE;
    }
  if (!cohort_store_run (self, "INSERT INTO undo_sets (created_at) VALUES (?1)", now, 0, NULL, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (cohort_store_get_db (self));
  if (!cohort_store_run (self,
                         with_status
                         ? "INSERT INTO undo_contacts (set_id, contact_id, old_status) "
                           "SELECT ?1, t.id, c.status FROM temp.touched t CROSS JOIN contacts c ON c.id = t.id"
                         : "INSERT INTO undo_contacts (set_id, contact_id) SELECT ?1, id FROM temp.touched",
                         id, 0, NULL, error))
    return FALSE;
  *out_undo_set = id;
  return TRUE;
}

void
cohort_store_forget_undo_set (CohortStore *self,
                              gint64       undo_set)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COHORT_IS_STORE (self));

  if (undo_set <= 0)
    return;
  /* Only tidying: a set left behind goes a day later anyway. */
  if (!cohort_store_begin (self, &error) ||
      !cohort_store_run (self, "DELETE FROM undo_contacts WHERE set_id = ?1", undo_set, 0, NULL, &error) ||
      !cohort_store_run (self, "DELETE FROM undo_sets WHERE id = ?1", undo_set, 0, NULL, &error) ||
      !cohort_store_commit (self, &error))
    {
      g_debug ("The undo set %" G_GINT64_FORMAT " stays until tomorrow: %s", undo_set, error->message);
      cohort_store_rollback (self);
    }
}

static int
cancelled_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

void
cohort_store_watch_cancellable (CohortStore  *self,
                                GCancellable *cancellable)
{
  g_return_if_fail (COHORT_IS_STORE (self));

  /* An interrupted statement fails with SQLITE_INTERRUPT, which
   * cohort_store_set_error() turns into COHORT_ERROR_CANCELLED, and the
   * action rolls back. */
  if (cancellable != NULL)
    sqlite3_progress_handler (cohort_store_get_db (self), 1000, cancelled_cb, cancellable);
  else
    sqlite3_progress_handler (cohort_store_get_db (self), 0, NULL, NULL);
}

/* Trimmed tags of @tags into temp.bulk_tags; FALSE naming the first that
 * cannot be a tag. */
static gboolean
queue_tags (CohortStore         *self,
            const char * const  *tags,
            gboolean             adding,
            GError             **error)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *clean = cohort_text_clean (tags[i]);
      g_autofree char *fold = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (clean == NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The tag “%s” is empty: a tag needs a letter, digit or sign"), tags[i]);
          return FALSE;
        }
      /* As in cohort_contact_set_field() and the importers, both separate
       * tags: a tag holding one would not survive an export. */
      if (strpbrk (clean, ";,") != NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The tag “%s” contains “%c”, which separates tags"),
                       clean, *strpbrk (clean, ";,"));
          return FALSE;
        }
      fold = cohort_text_fold (clean);
      stmt = cohort_store_prepare (self,
                                   "INSERT INTO temp.bulk_tags (fold, tag, adding) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT (fold) DO UPDATE SET adding = -1 WHERE adding <> ?3",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, fold, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, adding ? 1 : 0);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return cohort_store_set_error (self, error);
    }
  return TRUE;
}

gboolean
cohort_store_tag_selection (CohortStore            *self,
                            const CohortSelection  *selection,
                            const char * const     *add,
                            const char * const     *remove,
                            gint64                 *out_changed,
                            gint64                 *out_undo_set,
                            GError                **error)
{
  g_auto(GStrv) conflicting = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_exec (self, "DELETE FROM temp.bulk_tags", error) ||
      !queue_tags (self, add, TRUE, error) ||
      !queue_tags (self, remove, FALSE, error) ||
      !(conflicting = cohort_store_query_strings (self, "SELECT tag FROM temp.bulk_tags WHERE adding = -1",
                                                  0, error)))
    goto fail;
  if (conflicting[0] != NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("The tag “%s” cannot be both added and removed"), conflicting[0]);
      goto fail;
    }

  /* Straight into temp.touched, in one pass over the selection: who
   * gains a tag it lacks, and who has a tag to lose. */
  if (!select_contacts_into (self, selection, "temp.touched",
                             "(EXISTS (SELECT 1 FROM temp.bulk_tags b WHERE b.adding = 1 AND NOT EXISTS "
                             "  (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_fold = b.fold)) "
                             "OR EXISTS (SELECT 1 FROM temp.bulk_tags b CROSS JOIN contact_tags t "
                             "  ON t.contact_id = c.id AND t.tag_fold = b.fold WHERE b.adding = 0))",
                             error) ||
      !count_touched (self, out_changed, error) ||
      !keep_undo_set (self, FALSE, out_undo_set, error) ||
      !cohort_store_exec (self,
                          "DELETE FROM contact_tags WHERE tag_fold IN (SELECT fold FROM temp.bulk_tags WHERE adding = 0) "
                          "AND contact_id IN (SELECT id FROM temp.touched)",
                          error) ||
      !cohort_store_exec (self,
                          "INSERT OR IGNORE INTO contact_tags (contact_id, tag_fold, tag) "
                          "SELECT t.id, b.fold, b.tag FROM temp.touched t CROSS JOIN temp.bulk_tags b "
                          "WHERE b.adding = 1",
                          error) ||
      !cohort_store_run (self,
                         "UPDATE OR ROLLBACK contacts SET updated_at = ?1 WHERE id IN (SELECT id FROM temp.touched)",
                         cohort_store_get_now (self), 0, NULL, error) ||
      !cohort_store_refresh_touched_for (self, COHORT_READS_TAGS | COHORT_READS_UPDATED_AT, 0, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_set_selection_status (CohortStore            *self,
                                   const CohortSelection  *selection,
                                   CohortStatus            status,
                                   gint64                 *out_changed,
                                   gint64                 *out_undo_set,
                                   GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);
  g_return_val_if_fail (status >= COHORT_STATUS_ACTIVE && status <= COHORT_STATUS_BOUNCED, FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!select_contacts (self, selection, error))
    goto fail;

  stmt = cohort_store_prepare (self,
                               "INSERT OR IGNORE INTO temp.touched (id) "
                               "SELECT s.id FROM temp.selected s CROSS JOIN contacts c ON c.id = s.id "
                               "WHERE c.status <> ?",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, cohort_status_to_string (status), -1, SQLITE_STATIC);
  if (!cohort_store_step_done (self, stmt, error) ||
      !count_touched (self, out_changed, error) ||
      !keep_undo_set (self, TRUE, out_undo_set, error))
    goto fail;

  stmt = cohort_store_prepare (self,
                               "UPDATE OR ROLLBACK contacts SET status = ?1, updated_at = ?2 "
                               "WHERE id IN (SELECT id FROM temp.touched)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, cohort_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, cohort_store_get_now (self));
  if (!cohort_store_step_done (self, stmt, error) ||
      !cohort_store_refresh_touched_for (self, COHORT_READS_STATUS | COHORT_READS_UPDATED_AT, 0, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_add_selection_to_group (CohortStore            *self,
                                     const CohortSelection  *selection,
                                     gint64                  group_id,
                                     gint64                 *out_changed,
                                     gint64                 *out_undo_set,
                                     GError                **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_require_group (self, group_id, TRUE, error) ||
      !select_contacts (self, selection, error) ||
      !cohort_store_run (self,
                         "INSERT OR IGNORE INTO temp.touched (id) "
                         "SELECT s.id FROM temp.selected s WHERE NOT EXISTS "
                         "(SELECT 1 FROM memberships m WHERE m.group_id = ?1 AND m.contact_id = s.id)",
                         group_id, 0, NULL, error) ||
      !count_touched (self, out_changed, error) ||
      !keep_undo_set (self, FALSE, out_undo_set, error) ||
      /* WHERE true: SQLite's upsert after a SELECT needs it to parse. */
      !cohort_store_run (self,
                         "INSERT INTO memberships (group_id, contact_id, manual, added_at) "
                         "SELECT ?1, id, 1, ?2 FROM temp.selected WHERE true "
                         "ON CONFLICT (group_id, contact_id) DO UPDATE SET manual = 1 WHERE manual = 0",
                         group_id, cohort_store_get_now (self), NULL, error) ||
      !cohort_store_run (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?1)", group_id, 0, NULL, error) ||
      !cohort_store_recount_groups (self, error) ||
      !cohort_store_refresh_touched_for (self, 0, group_id, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_remove_selection_from_group (CohortStore            *self,
                                          const CohortSelection  *selection,
                                          gint64                  group_id,
                                          gint64                 *out_changed,
                                          gint64                 *out_undo_set,
                                          GError                **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  /* Two statements on memberships, as in cohort_store_remove_members():
   * members only by hand leave; members by account as well only lose the
   * manual mark, so they leave when the account is removed. */
  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_require_group (self, group_id, TRUE, error) ||
      !select_contacts (self, selection, error) ||
      !cohort_store_run (self,
                         "INSERT OR IGNORE INTO temp.touched (id) "
                         "SELECT m.contact_id FROM memberships m WHERE m.group_id = ?1 "
                         "AND m.account_id IS NULL AND m.contact_id IN (SELECT id FROM temp.selected)",
                         group_id, 0, NULL, error) ||
      !count_touched (self, out_changed, error) ||
      !keep_undo_set (self, FALSE, out_undo_set, error) ||
      !cohort_store_run (self,
                         "DELETE FROM memberships WHERE group_id = ?1 AND account_id IS NULL "
                         "AND contact_id IN (SELECT id FROM temp.touched)",
                         group_id, 0, NULL, error) ||
      !cohort_store_run (self,
                         "UPDATE memberships SET manual = 0 WHERE group_id = ?1 AND manual = 1 "
                         "AND account_id IS NOT NULL AND contact_id IN (SELECT id FROM temp.selected)",
                         group_id, 0, NULL, error) ||
      !cohort_store_run (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?1)", group_id, 0, NULL, error) ||
      !cohort_store_recount_groups (self, error) ||
      !cohort_store_refresh_touched_for (self, 0, group_id, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_restore_status (CohortStore  *self,
                             gint64        undo_set,
                             gint64       *out_changed,
                             GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_run (self,
                         "INSERT OR IGNORE INTO temp.touched (id) "
                         "SELECT u.contact_id FROM undo_contacts u CROSS JOIN contacts c ON c.id = u.contact_id "
                         "WHERE u.set_id = ?1 AND u.old_status IS NOT NULL AND c.status <> u.old_status",
                         undo_set, 0, NULL, error) ||
      !count_touched (self, out_changed, error) ||
      !cohort_store_run (self,
                         "UPDATE OR ROLLBACK contacts SET updated_at = ?2, status = "
                         "(SELECT u.old_status FROM undo_contacts u WHERE u.set_id = ?1 AND u.contact_id = contacts.id) "
                         "WHERE id IN (SELECT id FROM temp.touched)",
                         undo_set, cohort_store_get_now (self), NULL, error) ||
      !cohort_store_refresh_touched_for (self, COHORT_READS_STATUS | COHORT_READS_UPDATED_AT, 0, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_delete_selection (CohortStore            *self,
                               const CohortSelection  *selection,
                               gint64                 *out_changed,
                               GError                **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!select_contacts (self, selection, error) ||
      !cohort_store_exec (self, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM temp.selected", error) ||
      !count_touched (self, out_changed, error) ||
      !cohort_store_delete_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}
