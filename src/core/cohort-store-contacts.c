/* cohort-store-contacts.c — contacts, accounts and activities in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cohort-error.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

#define CONTACT_COLUMNS \
  "c.id, c.email, c.first_name, c.last_name, c.phone, c.job_title, c.city, c.country, " \
  "c.status, c.score, a.name, c.created_at, c.updated_at, c.last_activity_at, c.merged_into "

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_folded (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  char *fold = cohort_text_fold (text);

  if (fold != NULL)
    sqlite3_bind_text (stmt, index, fold, -1, g_free);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
load_tags_and_fields (CohortStore    *self,
                      CohortContact  *contact,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cohort_store_prepare (self, "SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag_fold", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_contact_get_id (contact));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    cohort_contact_add_tag (contact, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);

  stmt = cohort_store_prepare (self, "SELECT key, value FROM contact_fields WHERE contact_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_contact_get_id (contact));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    cohort_contact_set_custom_field (contact,
                                     (const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);
  return TRUE;
}

static CohortContact *
load_contact (CohortStore   *self,
              const char    *sql,
              gint64         id,
              const char    *text,
              const char    *what,
              GError       **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  g_autoptr(CohortContact) contact = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND,
                   _("There is no contact %s"), what);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  contact = cohort_contact_new ();
  cohort_contact_set_id (contact, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    cohort_contact_set_text (contact, i, (const char *) sqlite3_column_text (stmt, 1 + i));
  {
    CohortStatus status = COHORT_STATUS_ACTIVE;
    cohort_status_from_string ((const char *) sqlite3_column_text (stmt, 8), &status);
    cohort_contact_set_status (contact, status);
  }
  cohort_contact_set_score (contact, sqlite3_column_type (stmt, 9) != SQLITE_NULL,
                            sqlite3_column_int64 (stmt, 9));
  cohort_contact_set_account_name (contact, (const char *) sqlite3_column_text (stmt, 10));
  cohort_contact_set_created_at (contact, sqlite3_column_int64 (stmt, 11));
  cohort_contact_set_updated_at (contact, sqlite3_column_int64 (stmt, 12));
  cohort_contact_set_last_activity_at (contact, sqlite3_column_int64 (stmt, 13));
  cohort_contact_set_merged_into (contact, sqlite3_column_int64 (stmt, 14));
  sqlite3_reset (stmt);

  if (!load_tags_and_fields (self, contact, error))
    return NULL;
  return g_steal_pointer (&contact);
}

CohortContact *
cohort_store_get_contact (CohortStore  *self,
                          gint64        id,
                          GError      **error)
{
  g_autofree char *what = g_strdup_printf ("#%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return load_contact (self,
                       "SELECT " CONTACT_COLUMNS "FROM contacts c "
                       "LEFT JOIN accounts a ON a.id = c.account_id WHERE c.id = ?",
                       id, NULL, what, error);
}

CohortContact *
cohort_store_find_contact (CohortStore  *self,
                           const char   *email,
                           GError      **error)
{
  g_autofree char *fold = cohort_text_fold (email);
  g_autofree char *what = g_strdup_printf ("with the email “%s”", email ? email : "");

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  if (fold == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("There is no contact %s"), what);
      return NULL;
    }
  return load_contact (self,
                       "SELECT " CONTACT_COLUMNS "FROM contacts c "
                       "LEFT JOIN accounts a ON a.id = c.account_id WHERE c.email_fold = ?",
                       0, fold, what, error);
}

gboolean
cohort_store_ensure_account (CohortStore  *self,
                             const char   *name,
                             gint64       *out_id,
                             GError      **error)
{
  g_autofree char *fold = cohort_text_fold (name);
  sqlite3_stmt *stmt;
  int rc;

  /* Most rows of an import name an account that exists: look it up first
   * and only write when it is new. */
  stmt = cohort_store_prepare (self, "SELECT id FROM accounts WHERE name_fold = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fold, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);

  stmt = cohort_store_prepare (self, "INSERT INTO accounts (name, name_fold) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fold, -1, SQLITE_STATIC);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (cohort_store_get_db (self));
  return TRUE;
}

/* custom_keys (schema 3) lists the custom-field keys that some contact
 * has, so listing them reads a handful of rows, not every custom field.
 * Whoever writes a value adds its key; whoever removes values looks again
 * at the keys they had, and drops those no contact has any more. */
gboolean
cohort_store_add_custom_key (CohortStore  *self,
                             const char   *key,
                             GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO custom_keys (key) VALUES (?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return cohort_store_step_done (self, stmt, error);
}

static gboolean
prune_custom_keys (CohortStore         *self,
                   const char * const  *keys,
                   GHashTable          *kept,
                   GError             **error)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;

      if (kept != NULL && g_hash_table_contains (kept, keys[i]))
        continue;
      stmt = cohort_store_prepare (self,
                                   "DELETE FROM custom_keys WHERE key = ?1 "
                                   "AND NOT EXISTS (SELECT 1 FROM contact_fields WHERE key = ?1)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_TRANSIENT);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_tags_and_fields (CohortStore    *self,
                       CohortContact  *contact,
                       gboolean        is_new,
                       GError        **error)
{
  gint64 id = cohort_contact_get_id (contact);
  const char * const *tags = cohort_contact_get_tags (contact);
  g_auto(GStrv) old_keys = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      old_keys = cohort_store_query_strings (self, "SELECT key FROM contact_fields WHERE contact_id = ?",
                                             id, error);
      if (old_keys == NULL)
        return FALSE;
      stmt = cohort_store_prepare (self, "DELETE FROM contact_tags WHERE contact_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
      stmt = cohort_store_prepare (self, "DELETE FROM contact_fields WHERE contact_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; tags[i]; i++)
    {
      stmt = cohort_store_prepare (self,
                                   "INSERT OR IGNORE INTO contact_tags (contact_id, tag_fold, tag) VALUES (?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_folded (stmt, 2, tags[i]);
      sqlite3_bind_text (stmt, 3, tags[i], -1, SQLITE_TRANSIENT);
      if (!cohort_store_step_done (self, stmt, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, cohort_contact_get_custom (contact));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      stmt = cohort_store_prepare (self,
                                   "INSERT INTO contact_fields (contact_id, key, value, value_fold) VALUES (?, ?, ?, ?)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
      bind_folded (stmt, 4, value);
      if (!cohort_store_step_done (self, stmt, error) ||
          !cohort_store_add_custom_key (self, key, error))
        return FALSE;
    }
  return old_keys == NULL || prune_custom_keys (self, (const char * const *) old_keys,
                                                cohort_contact_get_custom (contact), error);
}

gboolean
cohort_store_write_contact (CohortStore    *self,
                            CohortContact  *contact,
                            GError        **error)
{
  gint64 id = cohort_contact_get_id (contact);
  gboolean is_new = id == 0;
  const char *account = cohort_contact_get_account_name (contact);
  gint64 account_id = 0, score = 0, now = cohort_store_get_now (self);
  gboolean has_score = cohort_contact_get_score (contact, &score);
  sqlite3_stmt *stmt;
  int col = 1, rc;

  if (account != NULL && !cohort_store_ensure_account (self, account, &account_id, error))
    return FALSE;

  if (is_new)
    stmt = cohort_store_prepare (self,
                                 "INSERT INTO contacts (email, email_fold, first_name, first_name_fold, "
                                 "last_name, last_name_fold, phone, phone_fold, job_title, job_title_fold, "
                                 "city, city_fold, country, country_fold, status, score, account_id, "
                                 "created_at, updated_at) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                 error);
  else
    stmt = cohort_store_prepare (self,
                                 "UPDATE contacts SET email = ?, email_fold = ?, first_name = ?, "
                                 "first_name_fold = ?, last_name = ?, last_name_fold = ?, phone = ?, "
                                 "phone_fold = ?, job_title = ?, job_title_fold = ?, city = ?, "
                                 "city_fold = ?, country = ?, country_fold = ?, status = ?, score = ?, "
                                 "account_id = ?, created_at = ?, updated_at = ? WHERE id = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    {
      const char *text = cohort_contact_get_text (contact, i);
      bind_text_or_null (stmt, col++, text);
      bind_folded (stmt, col++, text);
    }
  sqlite3_bind_text (stmt, col++, cohort_status_to_string (cohort_contact_get_status (contact)), -1, SQLITE_STATIC);
  if (has_score)
    sqlite3_bind_int64 (stmt, col++, score);
  else
    sqlite3_bind_null (stmt, col++);
  if (account_id != 0)
    sqlite3_bind_int64 (stmt, col++, account_id);
  else
    sqlite3_bind_null (stmt, col++);
  if (cohort_contact_get_created_at (contact) == 0)
    cohort_contact_set_created_at (contact, now);
  sqlite3_bind_int64 (stmt, col++, cohort_contact_get_created_at (contact));
  cohort_contact_set_updated_at (contact, now);
  sqlite3_bind_int64 (stmt, col++, now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, col++, id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS,
                   _("email: another contact already has the email “%s”"),
                   cohort_contact_get_email (contact));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (self, error);
  if (is_new)
    id = sqlite3_last_insert_rowid (cohort_store_get_db (self));
  else if (sqlite3_changes (cohort_store_get_db (self)) == 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("The contact no longer exists"));
      return FALSE;
    }
  cohort_contact_set_id (contact, id);

  return write_tags_and_fields (self, contact, is_new, error);
}

gboolean
cohort_store_save_contact (CohortStore              *self,
                           CohortContact            *contact,
                           CohortMembershipChanges **out_changes,
                           GError                  **error)
{
  g_autoptr(CohortMembershipChanges) changes = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (COHORT_IS_CONTACT (contact), FALSE);

  if (cohort_contact_get_merged_into (contact) != 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("This contact was merged into another one and can no longer be changed"));
      return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;
  if ((out_changes && cohort_contact_get_id (contact) != 0 &&
       !(before = cohort_store_list_contact_groups (self, cohort_contact_get_id (contact), error))) ||
      !cohort_store_write_contact (self, contact, error) ||
      !cohort_store_touch (self, cohort_contact_get_id (contact), error) ||
      !cohort_store_settle_touched (self, error) ||
      (out_changes && !(after = cohort_store_list_contact_groups (self, cohort_contact_get_id (contact), error))) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      return FALSE;
    }

  if (out_changes)
    {
      /* Both lists are sorted: one merge pass finds who joined and left. */
      changes = cohort_membership_changes_new ();
      if (before == NULL)
        before = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0, j = 0; i < before->len || j < after->len;)
        {
          gint64 b = i < before->len ? g_array_index (before, gint64, i) : G_MAXINT64;
          gint64 a = j < after->len ? g_array_index (after, gint64, j) : G_MAXINT64;

          if (a < b)
            {
              g_array_append_val (changes->joined, a);
              j++;
            }
          else if (b < a)
            {
              g_array_append_val (changes->left, b);
              i++;
            }
          else
            i++, j++;
        }
      *out_changes = g_steal_pointer (&changes);
    }
  return TRUE;
}

gboolean
cohort_store_delete_touched (CohortStore  *self,
                             GError      **error)
{
  g_auto(GStrv) keys = NULL;
  CohortReason reason = cohort_store_set_reason (self, COHORT_REASON_DELETE);
  gboolean ok;

  /* A merged child belongs to its parent's history and goes with it. */
  ok = cohort_store_exec (self,
                          "INSERT OR IGNORE INTO temp.touched (id) "
                          "SELECT c.id FROM contacts c WHERE c.merged_into IS NOT NULL "
                          "AND c.merged_into IN (SELECT id FROM temp.touched)",
                          error) &&
       cohort_store_queue_recount_touched (self, error) &&
       (keys = cohort_store_query_strings (self,
                                           "SELECT DISTINCT f.key FROM temp.touched t "
                                           "JOIN contact_fields f ON f.contact_id = t.id",
                                           0, error)) != NULL &&
       cohort_store_exec (self, "DELETE FROM contacts WHERE id IN (SELECT id FROM temp.touched)", error) &&
       prune_custom_keys (self, (const char * const *) keys, NULL, error) &&
       cohort_store_recount_groups (self, error) &&
       /* Groups that reference a group these contacts were in are already
        * right: the contacts are gone from every membership table. */
       cohort_store_exec (self, "DELETE FROM temp.touched", error);
  cohort_store_set_reason (self, reason);
  return ok;
}

gboolean
cohort_store_delete_contacts (CohortStore   *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    if (!cohort_store_touch (self, ids[i], error))
      goto fail;

  if (!cohort_store_delete_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

static void
fill_missing (CohortContact *parent,
              CohortContact *child)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 score;

  for (guint i = 0; i < COHORT_CONTACT_N_TEXT_FIELDS; i++)
    if (cohort_contact_get_text (parent, i) == NULL)
      cohort_contact_set_text (parent, i, cohort_contact_get_text (child, i));
  if (!cohort_contact_get_score (parent, NULL) && cohort_contact_get_score (child, &score))
    cohort_contact_set_score (parent, TRUE, score);
  if (cohort_contact_get_account_name (parent) == NULL)
    cohort_contact_set_account_name (parent, cohort_contact_get_account_name (child));
  for (const char * const *tag = cohort_contact_get_tags (child); *tag; tag++)
    cohort_contact_add_tag (parent, *tag);
  g_hash_table_iter_init (&iter, cohort_contact_get_custom (child));
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (cohort_contact_get_custom_field (parent, key) == NULL)
      cohort_contact_set_custom_field (parent, key, value);
  if (cohort_contact_get_created_at (child) < cohort_contact_get_created_at (parent))
    cohort_contact_set_created_at (parent, cohort_contact_get_created_at (child));
}

gboolean
cohort_store_merge_contacts (CohortStore  *self,
                             gint64        parent_id,
                             gint64        child_id,
                             GError      **error)
{
  g_autoptr(CohortContact) parent = NULL;
  g_autoptr(CohortContact) child = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (parent_id == child_id)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("A contact cannot be merged into itself"));
      return FALSE;
    }
  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!(parent = cohort_store_get_contact (self, parent_id, error)) ||
      !(child = cohort_store_get_contact (self, child_id, error)))
    goto fail;
  if (cohort_contact_get_merged_into (parent) != 0 || cohort_contact_get_merged_into (child) != 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s was already merged into another contact"),
                   cohort_contact_get_merged_into (parent) ? cohort_contact_get_email (parent)
                                                           : cohort_contact_get_email (child));
      goto fail;
    }

  /* The child keeps its data for history but gives up its email if the
   * parent takes it over: emails are unique. */
  if (cohort_contact_get_email (parent) == NULL && cohort_contact_get_email (child) != NULL &&
      !cohort_store_run (self, "UPDATE contacts SET email = NULL, email_fold = NULL WHERE id = ?", child_id, 0, NULL, error))
    goto fail;
  fill_missing (parent, child);

  /* The parent takes over the child's manual memberships and the child
   * leaves its groups: by merge. Settling says "condition" for itself. */
  cohort_store_set_reason (self, COHORT_REASON_MERGE);
  if (!cohort_store_run (self, "UPDATE activities SET contact_id = ?1 WHERE contact_id = ?2", parent_id, child_id, NULL, error) ||
      !cohort_store_run (self,
                      "UPDATE contacts SET last_activity_at = "
                      "(SELECT max(occurred_at) FROM activities WHERE contact_id = ?1) WHERE id = ?1",
                      parent_id, 0, NULL, error) ||
      !cohort_store_run (self,
                      "INSERT INTO memberships (group_id, contact_id, manual, added_at) "
                      "SELECT group_id, ?1, 1, added_at FROM memberships WHERE contact_id = ?2 AND manual = 1 "
                      "ON CONFLICT (group_id, contact_id) DO UPDATE SET manual = 1",
                      parent_id, child_id, NULL, error) ||
      !cohort_store_write_contact (self, parent, error) ||
      !cohort_store_touch (self, parent_id, error) ||
      !cohort_store_run (self, "UPDATE contacts SET merged_into = ?1 WHERE id = ?2", parent_id, child_id, NULL, error) ||
      !cohort_store_touch (self, child_id, error) ||
      !cohort_store_queue_recount_touched (self, error) ||
      !cohort_store_run (self, "DELETE FROM memberships WHERE contact_id = ?", child_id, 0, NULL, error) ||
      !cohort_store_settle_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

static gint64
count_query (CohortStore  *self,
             const char   *sql,
             GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, sql, error);
  gint64 n;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gint64
cohort_store_count_contacts (CohortStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), -1);
  return count_query (self, "SELECT count(*) FROM contacts WHERE merged_into IS NULL", error);
}

GArray *
cohort_store_list_contact_groups (CohortStore  *self,
                                  gint64        contact_id,
                                  GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return cohort_store_query_ids (self,
                                 "SELECT group_id FROM memberships WHERE contact_id = ? ORDER BY group_id",
                                 contact_id, error);
}

void
cohort_membership_free (CohortMembership *membership)
{
  if (membership == NULL)
    return;
  g_free (membership->account);
  g_free (membership);
}

GPtrArray *
cohort_store_list_contact_memberships (CohortStore  *self,
                                       gint64        contact_id,
                                       GError      **error)
{
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_membership_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self,
                               "SELECT m.group_id, m.manual, a.name, m.added_at FROM memberships m "
                               "LEFT JOIN accounts a ON a.id = m.account_id "
                               "WHERE m.contact_id = ? ORDER BY m.group_id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortMembership *membership = g_new0 (CohortMembership, 1);

      membership->group_id = sqlite3_column_int64 (stmt, 0);
      membership->manual = sqlite3_column_int (stmt, 1) != 0;
      membership->account = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      membership->added_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (memberships, membership);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&memberships);
}

GStrv
cohort_store_list_custom_keys (CohortStore  *self,
                               GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  return cohort_store_query_strings (self, "SELECT key FROM custom_keys ORDER BY key", 0, error);
}

GStrv
cohort_store_list_activity_types (CohortStore  *self,
                                  GError      **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  /* From one distinct type to the next along activities_type: a few index
   * seeks, where DISTINCT would read all (millions of) activities. */
  return cohort_store_query_strings (self,
                       "WITH RECURSIVE t (type) AS ("
                       "  SELECT min (type) FROM activities"
                       "  UNION ALL"
                       "  SELECT (SELECT min (type) FROM activities WHERE type > t.type) FROM t WHERE t.type IS NOT NULL) "
                       "SELECT type FROM t WHERE type IS NOT NULL",
                       0, error);
}

/* Column names come from this table only, never from the caller. */
static const struct {
  const char *field;
  const char *sql;
} field_value_queries[] = {
  { "first_name", "SELECT min (first_name), count(*) AS n FROM contacts WHERE first_name_fold IS NOT NULL "
                  "AND merged_into IS NULL GROUP BY first_name_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "last_name", "SELECT min (last_name), count(*) AS n FROM contacts WHERE last_name_fold IS NOT NULL "
                 "AND merged_into IS NULL GROUP BY last_name_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "job_title", "SELECT min (job_title), count(*) AS n FROM contacts WHERE job_title_fold IS NOT NULL "
                 "AND merged_into IS NULL GROUP BY job_title_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "city", "SELECT min (city), count(*) AS n FROM contacts WHERE city_fold IS NOT NULL "
            "AND merged_into IS NULL GROUP BY city_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "country", "SELECT min (country), count(*) AS n FROM contacts WHERE country_fold IS NOT NULL "
               "AND merged_into IS NULL GROUP BY country_fold ORDER BY n DESC, 1 LIMIT ?2" },
  /* Along contact_tags_tag: the index is already grouped by tag. */
  { "tag", "SELECT min (tag), count(*) AS n FROM contact_tags GROUP BY tag_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "account.name", "SELECT name, 1 FROM accounts ORDER BY (SELECT count(*) FROM contacts "
                    "WHERE account_id = accounts.id) DESC, name_fold LIMIT ?2" },
  { "account.industry", "SELECT min (industry), count(*) AS n FROM accounts WHERE industry_fold IS NOT NULL "
                        "GROUP BY industry_fold ORDER BY n DESC, 1 LIMIT ?2" },
  { "custom.", "SELECT min (value), count(*) AS n FROM contact_fields WHERE key = ?1 AND value_fold <> '' "
               "GROUP BY value_fold ORDER BY n DESC, 1 LIMIT ?2" },
};

GStrv
cohort_store_list_field_values (CohortStore  *self,
                                const char   *field,
                                guint         limit,
                                GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *sql = NULL;
  const char *key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_value_queries) && sql == NULL; i++)
    if (g_str_equal (field_value_queries[i].field, field))
      sql = field_value_queries[i].sql;
  if (sql == NULL && g_str_has_prefix (field, "custom.") && field[strlen ("custom.")] != '\0')
    {
      sql = field_value_queries[G_N_ELEMENTS (field_value_queries) - 1].sql;
      key = field + strlen ("custom.");
    }
  if (sql == NULL || limit == 0)
    return g_strv_builder_end (builder);

  if (!(stmt = cohort_store_prepare (self, sql, error)))
    return NULL;
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_text (stmt, 0) != NULL)
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* ---- accounts ---------------------------------------------------------- */

static CohortAccount *
account_from_row (sqlite3_stmt *stmt)
{
  CohortAccount *account = cohort_account_new ((const char *) sqlite3_column_text (stmt, 1));

  cohort_account_set_id (account, sqlite3_column_int64 (stmt, 0));
  cohort_account_set_industry (account, (const char *) sqlite3_column_text (stmt, 2));
  cohort_account_set_employees (account, sqlite3_column_type (stmt, 3) != SQLITE_NULL,
                                sqlite3_column_int64 (stmt, 3));
  cohort_account_set_n_contacts (account, sqlite3_column_int64 (stmt, 4));
  return account;
}

#define ACCOUNT_COLUMNS \
  "a.id, a.name, a.industry, a.employees, " \
  "(SELECT count(*) FROM contacts WHERE account_id = a.id AND merged_into IS NULL) "

CohortAccount *
cohort_store_find_account (CohortStore  *self,
                           const char   *name,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  CohortAccount *account;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self, "SELECT " ACCOUNT_COLUMNS "FROM accounts a WHERE a.name_fold = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_folded (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND,
                     _("There is no account “%s”"), name ? name : "");
      else
        cohort_store_set_error (self, error);
      return NULL;
    }
  account = account_from_row (stmt);
  sqlite3_reset (stmt);
  return account;
}

gboolean
cohort_store_save_account (CohortStore    *self,
                           CohortAccount  *account,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 employees = 0, id = cohort_account_get_id (account);
  gboolean has_employees = cohort_account_get_employees (account, &employees);
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (cohort_account_get_name (account) == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("name: an account needs a name"));
      return FALSE;
    }
  if (!cohort_store_begin (self, error))
    return FALSE;

  if (id == 0)
    stmt = cohort_store_prepare (self,
                                 "INSERT INTO accounts (name, name_fold, industry, industry_fold, employees) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name_fold) DO UPDATE SET "
                                 "name = ?1, industry = ?3, industry_fold = ?4, employees = ?5 RETURNING id",
                                 error);
  else
    stmt = cohort_store_prepare (self,
                                 "UPDATE accounts SET name = ?1, name_fold = ?2, industry = ?3, "
                                 "industry_fold = ?4, employees = ?5 WHERE id = ?6 RETURNING id",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, cohort_account_get_name (account), -1, SQLITE_TRANSIENT);
  bind_folded (stmt, 2, cohort_account_get_name (account));
  bind_text_or_null (stmt, 3, cohort_account_get_industry (account));
  bind_folded (stmt, 4, cohort_account_get_industry (account));
  if (has_employees)
    sqlite3_bind_int64 (stmt, 5, employees);
  else
    sqlite3_bind_null (stmt, 5);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_EXISTS,
                   _("name: there is already an account named “%s”"), cohort_account_get_name (account));
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
  cohort_account_set_id (account, id);

  /* Conditions on account.* change for every contact of the account. */
  if (!cohort_store_touch_sql (self, "INSERT OR IGNORE INTO temp.touched (id) SELECT id FROM contacts WHERE account_id = ?", id, error) ||
      !cohort_store_refresh_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

GPtrArray *
cohort_store_list_accounts (CohortStore  *self,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self, "SELECT " ACCOUNT_COLUMNS "FROM accounts a ORDER BY a.name_fold", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/* ---- activities -------------------------------------------------------- */

gboolean
cohort_store_add_activity (CohortStore  *self,
                           gint64        contact_id,
                           const char   *type,
                           gint64        occurred_at,
                           const char   *detail,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *fold = cohort_text_fold (type);

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (fold == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("type: an activity needs a type"));
      return FALSE;
    }
  if (!cohort_store_begin (self, error))
    return FALSE;
  stmt = cohort_store_prepare (self,
                               "INSERT INTO activities (contact_id, type, occurred_at, detail) VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_text (stmt, 2, fold, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, occurred_at);
  bind_text_or_null (stmt, 4, detail);
  if (!cohort_store_step_done (self, stmt, error) ||
      !cohort_store_run (self,
                      "UPDATE contacts SET last_activity_at = max(coalesce(last_activity_at, ?2), ?2) WHERE id = ?1",
                      contact_id, occurred_at, NULL, error) ||
      !cohort_store_touch (self, contact_id, error) ||
      !cohort_store_refresh_touched (self, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}
