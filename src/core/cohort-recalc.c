/* cohort-recalc.c — keeping dynamic groups right
 *
 * One evaluator: every path (incremental after a mutation, full
 * recalculation, live count, explain) runs the SQL of cohort-compile.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-compile.h"
#include "cohort-error.h"
#include "cohort-recalc.h"
#include "cohort-store-private.h"

/* Above this many touched contacts, look sets up once per statement. */
#define SCAN_THRESHOLD 2000

typedef struct
{
  gint64          group_id;
  CohortCompiled *compiled[2];  /* by CohortCompileMode */
  sqlite3_stmt   *remove[2];
  sqlite3_stmt   *add[2];
  sqlite3_stmt   *hits;         /* COHORT_COMPILE_SCAN */
} PlanEntry;

typedef struct
{
  gint64     version;
  GPtrArray *entries;  /* PlanEntry, referenced groups first */
} Plan;

static void
plan_entry_free (gpointer data)
{
  PlanEntry *entry = data;

  for (guint m = 0; m < 2; m++)
    {
      g_clear_pointer (&entry->compiled[m], cohort_compiled_free);
      g_clear_pointer (&entry->remove[m], sqlite3_finalize);
      g_clear_pointer (&entry->add[m], sqlite3_finalize);
    }
  g_clear_pointer (&entry->hits, sqlite3_finalize);
  g_free (entry);
}

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  g_ptr_array_unref (plan->entries);
  g_free (plan);
}

static gint64
groups_version (CohortStore  *self,
                GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, "SELECT value FROM counters WHERE name = 'groups'", error);
  gint64 version;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cohort_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

typedef struct
{
  gint64  id;
  char   *json;
  GArray *refs;
  gboolean placed;
} PendingGroup;

static void
pending_group_clear (gpointer data)
{
  PendingGroup *g = data;

  g_free (g->json);
  g_array_unref (g->refs);
}

/* Loads every dynamic group with the groups it references. */
static GArray *
load_dynamic_groups (CohortStore  *self,
                     GError      **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (PendingGroup));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (groups, pending_group_clear);

  stmt = cohort_store_prepare (self,
                               "SELECT id, applied_condition FROM groups WHERE kind = 'dynamic' "
                               "AND applied_condition IS NOT NULL ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PendingGroup g = { sqlite3_column_int64 (stmt, 0),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_array_new (FALSE, FALSE, sizeof (gint64)), FALSE };
      g_array_append_val (groups, g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }

  stmt = cohort_store_prepare (self, "SELECT group_id, ref_id FROM group_refs", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), ref = sqlite3_column_int64 (stmt, 1);

      for (guint i = 0; i < groups->len; i++)
        if (g_array_index (groups, PendingGroup, i).id == id)
          g_array_append_val (g_array_index (groups, PendingGroup, i).refs, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

static gboolean
refs_placed (GArray *groups,
             GArray *refs)
{
  for (guint r = 0; r < refs->len; r++)
    for (guint i = 0; i < groups->len; i++)
      {
        PendingGroup *g = &g_array_index (groups, PendingGroup, i);
        if (g->id == g_array_index (refs, gint64, r) && !g->placed)
          return FALSE;
      }
  return TRUE;
}

static Plan *
get_plan (CohortStore  *self,
          GError      **error)
{
  Plan *plan = cohort_store_get_plan (self);
  g_autoptr(GArray) groups = NULL;
  gint64 version;
  guint placed = 0;

  if ((version = groups_version (self, error)) < 0)
    return NULL;
  if (plan != NULL && plan->version == version)
    return plan;

  if (!(groups = load_dynamic_groups (self, error)))
    return NULL;

  plan = g_new0 (Plan, 1);
  plan->version = version;
  plan->entries = g_ptr_array_new_with_free_func (plan_entry_free);
  cohort_store_set_plan (self, plan, plan_free);

  /* Referenced groups first. Cycles are refused when conditions are saved,
   * so every round places at least one group. */
  while (placed < groups->len)
    {
      guint placed_before = placed;

      for (guint i = 0; i < groups->len; i++)
        {
          PendingGroup *g = &g_array_index (groups, PendingGroup, i);
          g_autoptr(CohortCondition) condition = NULL;
          PlanEntry *entry;

          if (g->placed || !refs_placed (groups, g->refs))
            continue;
          g->placed = TRUE;
          placed++;

          if (!(condition = cohort_condition_parse (g->json, -1, error)))
            goto fail;
          entry = g_new0 (PlanEntry, 1);
          entry->group_id = g->id;
          g_ptr_array_add (plan->entries, entry);
          for (guint m = 0; m < 2; m++)
            if (!(entry->compiled[m] = cohort_store_compile (self, condition, m, error)))
              goto fail;
        }
      if (placed == placed_before)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_DATABASE,
                       _("The stored group conditions depend on each other in a loop"));
          goto fail;
        }
    }
  return plan;

fail:
  g_prefix_error (error, _("A stored group condition cannot be used: "));
  cohort_store_invalidate_compiled (self);
  return NULL;
}

static sqlite3_stmt *
entry_statement (CohortStore    *self,
                 PlanEntry      *entry,
                 int             mode,
                 gboolean        add,
                 GError        **error)
{
  sqlite3_stmt **slot = add ? &entry->add[mode] : &entry->remove[mode];
  g_autofree char *sql = NULL;
  const char *expr = cohort_compiled_get_sql (entry->compiled[mode]);

  if (*slot != NULL)
    {
      sqlite3_reset (*slot);
      return *slot;
    }

  if (add)
    sql = g_strconcat ("INSERT OR IGNORE INTO memberships (group_id, contact_id, added_at) "
                       "SELECT ?1, c.id, ?2 FROM temp.touched t CROSS JOIN contacts c ON c.id = t.id "
                       "WHERE c.merged_into IS NULL AND ", expr, NULL);
  else
    sql = g_strconcat ("DELETE FROM memberships WHERE group_id = ?1 AND contact_id IN "
                       "(SELECT t.id FROM temp.touched t LEFT JOIN contacts c ON c.id = t.id "
                       "WHERE c.id IS NULL OR c.merged_into IS NOT NULL OR NOT ", expr, ")", NULL);

  if (sqlite3_prepare_v3 (cohort_store_get_db (self), sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return *slot;
}

static gboolean
count_changes (CohortStore  *self,
               PlanEntry    *entry,
               gint64        added,
               gint64        removed,
               gboolean     *out_changed,
               GError      **error)
{
  sqlite3_stmt *count;

  if (out_changed != NULL)
    *out_changed = added > 0 || removed > 0;
  if (added == 0 && removed == 0)
    return TRUE;

  count = cohort_store_prepare (self, "UPDATE groups SET member_count = member_count + ? WHERE id = ?", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, added - removed);
  sqlite3_bind_int64 (count, 2, entry->group_id);
  return cohort_store_step_done (self, count, error);
}

/* Many touched contacts: the condition is evaluated once for each, into
 * temp.hits, and both the leaving and the joining members are read from
 * there (rather than "NOT condition" and "condition" each on their own). */
static gboolean
apply_entry_scan (CohortStore  *self,
                  PlanEntry    *entry,
                  gint64        now,
                  gboolean     *out_changed,
                  GError      **error)
{
  sqlite3 *db = cohort_store_get_db (self);
  sqlite3_stmt *stmt;
  gint64 removed, added;

  if (entry->hits == NULL)
    {
      g_autofree char *sql = g_strconcat ("INSERT INTO temp.hits (id) "
                                          "SELECT c.id FROM temp.touched t CROSS JOIN contacts c ON c.id = t.id "
                                          "WHERE c.merged_into IS NULL AND ",
                                          cohort_compiled_get_sql (entry->compiled[COHORT_COMPILE_SCAN]), NULL);

      if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &entry->hits, NULL) != SQLITE_OK)
        return cohort_store_set_error (self, error);
    }
  sqlite3_reset (entry->hits);
  cohort_compiled_bind (entry->compiled[COHORT_COMPILE_SCAN], entry->hits, 1, now);
  if (!cohort_store_exec (self, "DELETE FROM temp.hits", error) ||
      !cohort_store_step_done (self, entry->hits, error))
    return FALSE;

  /* Deleted contacts and merged ones are never in temp.hits. */
  if (!cohort_store_run (self,
                         "DELETE FROM memberships WHERE group_id = ?1 AND contact_id IN "
                         "(SELECT t.id FROM temp.touched t WHERE t.id NOT IN (SELECT id FROM temp.hits))",
                         entry->group_id, 0, &removed, error))
    return FALSE;
  if (!(stmt = cohort_store_prepare (self,
                                     "INSERT OR IGNORE INTO memberships (group_id, contact_id, added_at) "
                                     "SELECT ?1, id, ?2 FROM temp.hits",
                                     error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->group_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  added = sqlite3_changes64 (db);
  return count_changes (self, entry, added, removed, out_changed, error);
}

static gboolean
apply_entry (CohortStore  *self,
             PlanEntry    *entry,
             int           mode,
             gint64        now,
             gboolean     *out_changed,
             GError      **error)
{
  sqlite3 *db = cohort_store_get_db (self);
  sqlite3_stmt *remove, *add;
  gint64 removed, added;

  if (mode == COHORT_COMPILE_SCAN)
    return apply_entry_scan (self, entry, now, out_changed, error);

  if (!(remove = entry_statement (self, entry, mode, FALSE, error)))
    return FALSE;
  sqlite3_bind_int64 (remove, 1, entry->group_id);
  cohort_compiled_bind (entry->compiled[mode], remove, 2, now);
  if (!cohort_store_step_done (self, remove, error))
    return FALSE;
  removed = sqlite3_changes64 (db);

  if (!(add = entry_statement (self, entry, mode, TRUE, error)))
    return FALSE;
  sqlite3_bind_int64 (add, 1, entry->group_id);
  sqlite3_bind_int64 (add, 2, now);
  cohort_compiled_bind (entry->compiled[mode], add, 3, now);
  if (!cohort_store_step_done (self, add, error))
    return FALSE;
  added = sqlite3_changes64 (db);
  return count_changes (self, entry, added, removed, out_changed, error);
}

/* Does @entry read anything that changed: a field in @changed, or the
 * members of a group in @changed_groups? A time-relative condition is
 * always re-evaluated: "now" has moved since it last saw these contacts. */
static gboolean
entry_affected (PlanEntry   *entry,
                CohortReads  changed,
                GHashTable  *changed_groups)
{
  CohortReads reads = cohort_compiled_get_reads (entry->compiled[0]);
  GArray *groups = cohort_compiled_get_groups (entry->compiled[0]);

  if ((reads & (changed | COHORT_READS_NOW)) != 0)
    return TRUE;
  for (guint i = 0; i < groups->len; i++)
    if (g_hash_table_contains (changed_groups, &g_array_index (groups, gint64, i)))
      return TRUE;
  return FALSE;
}

/* @only: group ids to re-evaluate, or NULL for every dynamic group that
 * reads what changed: the fields in @changed, or the members of
 * @changed_group (0: none) or of a group whose members this changes. */
static gboolean
refresh_inner (CohortStore  *self,
               GHashTable   *only,
               CohortReads   changed,
               gint64        changed_group,
               GError      **error)
{
  g_autoptr(GHashTable) changed_groups = NULL;
  Plan *plan;
  gint64 n, now = cohort_store_get_now (self);
  int mode;

  if ((n = cohort_store_query_int64 (self, "SELECT count(*) FROM temp.touched", error)) <= 0)
    return n == 0;
  if (!(plan = get_plan (self, error)))
    return FALSE;

  changed_groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (changed_group > 0)
    g_hash_table_add (changed_groups, g_memdup2 (&changed_group, sizeof changed_group));

  mode = n > SCAN_THRESHOLD ? COHORT_COMPILE_SCAN : COHORT_COMPILE_ROW;
  for (guint i = 0; i < plan->entries->len; i++)
    {
      PlanEntry *entry = g_ptr_array_index (plan->entries, i);
      gboolean members_changed = FALSE;

      if (only != NULL && !g_hash_table_contains (only, &entry->group_id))
        continue;
      if (only == NULL && !entry_affected (entry, changed, changed_groups))
        continue;
      if (!apply_entry (self, entry, mode, now, &members_changed, error))
        return FALSE;
      /* Referencing groups come later in the plan (SPEC §3 cascade). */
      if (members_changed)
        g_hash_table_add (changed_groups, g_memdup2 (&entry->group_id, sizeof entry->group_id));
    }
  return cohort_store_exec (self, "DELETE FROM temp.touched", error);
}

/* Who joins or leaves here does so by a condition (SPEC §7). */
static gboolean
refresh (CohortStore  *self,
         GHashTable   *only,
         CohortReads   changed,
         gint64        changed_group,
         GError      **error)
{
  CohortReason reason = cohort_store_set_reason (self, COHORT_REASON_CONDITION);
  gboolean ok = refresh_inner (self, only, changed, changed_group, error);

  cohort_store_set_reason (self, reason);
  return ok;
}

gboolean
cohort_store_refresh_touched (CohortStore  *self,
                              GError      **error)
{
  return refresh (self, NULL, COHORT_READS_ALL, 0, error);
}

gboolean
cohort_store_refresh_touched_for (CohortStore  *self,
                                  CohortReads   changed,
                                  gint64        changed_group,
                                  GError      **error)
{
  return refresh (self, NULL, changed, changed_group, error);
}

/* ---- full recalculation ------------------------------------------------ */

typedef struct
{
  GCancellable       *cancellable;
  CohortProgressFunc  progress;
  gpointer            progress_data;
  gint64              max_id;
  int                 last_percent;
} Progress;

static int
cancel_check_cb (void *data)
{
  Progress *p = data;

  return p->cancellable != NULL && g_cancellable_is_cancelled (p->cancellable);
}

/* cohort_progress(c.id): reports how far the scan is; always true. */
static void
progress_fn (sqlite3_context  *ctx,
             int               argc,
             sqlite3_value   **argv)
{
  Progress *p = sqlite3_user_data (ctx);
  gint64 id = sqlite3_value_int64 (argv[0]);

  if (p->progress != NULL && p->max_id > 0)
    {
      int percent = (int) (id * 100 / p->max_id);
      if (percent > p->last_percent)
        {
          p->last_percent = percent;
          p->progress (MIN (percent, 99) / 100.0, p->progress_data);
        }
    }
  sqlite3_result_int (ctx, 1);
}

/* Every dynamic group that references @group_id, directly or not. */
static GHashTable *
collect_dependents (CohortStore  *self,
                    gint64        group_id,
                    GError      **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (queue, group_id);
  for (guint q = 0; q < queue->len; q++)
    {
      sqlite3_stmt *stmt = cohort_store_prepare (self, "SELECT group_id FROM group_refs WHERE ref_id = ?", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_array_index (queue, gint64, q));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          if (!g_hash_table_contains (found, &id))
            {
              g_hash_table_add (found, g_memdup2 (&id, sizeof id));
              g_array_append_val (queue, id);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          cohort_store_set_error (self, error);
          return NULL;
        }
    }
  return g_steal_pointer (&found);
}

/* The joiners logged after @mark become members. */
static gboolean
add_logged_joiners (CohortStore  *self,
                    gint64        group_id,
                    gint64        mark,
                    gint64        now,
                    GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self,
                                             "INSERT INTO memberships (group_id, contact_id, added_at) "
                                             "SELECT ?1, contact_id, ?3 FROM temp.delta_log "
                                             "WHERE rowid > ?2 AND joined = 1",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, mark);
  sqlite3_bind_int64 (stmt, 3, now);
  return cohort_store_step_done (self, stmt, error);
}

static gboolean
recalculate_locked (CohortStore   *self,
                    gint64         group_id,
                    GCancellable  *cancellable,
                    void         (*progress) (double, gpointer),
                    gpointer       progress_data,
                    gint64        *out_added,
                    gint64        *out_removed,
                    GError       **error)
{
  gint64 mark;
  sqlite3 *db = cohort_store_get_db (self);
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortCondition) condition = NULL;
  g_autoptr(CohortCompiled) compiled = NULL;
  g_autoptr(GHashTable) dependents = NULL;
  g_autofree char *sql = NULL;
  Progress p = { cancellable, progress, progress_data, 0, -1 };
  sqlite3_stmt *stmt = NULL;
  gint64 added = 0, removed = 0, now = cohort_store_get_now (self);
  gboolean ok = FALSE;

  /* The progress handler only looks every few thousand steps: a small
   * table would finish before it noticed. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  if (!(group = cohort_store_get_group (self, group_id, error)))
    return FALSE;
  if (cohort_group_get_kind (group) != COHORT_GROUP_DYNAMIC || cohort_group_get_condition_json (group) == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is a static group: only dynamic groups are recalculated"),
                   cohort_group_get_code (group));
      return FALSE;
    }
  if (!(condition = cohort_condition_parse (cohort_group_get_condition_json (group), -1, error)) ||
      !(compiled = cohort_store_compile (self, condition, COHORT_COMPILE_SCAN, error)) ||
      !(dependents = collect_dependents (self, group_id, error)))
    return FALSE;

  {
    sqlite3_stmt *max = cohort_store_prepare (self, "SELECT coalesce(max(id), 0) FROM contacts", error);
    if (max == NULL)
      return FALSE;
    sqlite3_step (max);
    p.max_id = sqlite3_column_int64 (max, 0);
    sqlite3_reset (max);
  }

  sqlite3_create_function_v2 (db, "cohort_progress", 1, SQLITE_UTF8, &p, progress_fn, NULL, NULL, NULL);
  sqlite3_progress_handler (db, 10000, cancel_check_cb, &p);

  sql = g_strconcat ("INSERT INTO temp.matched (id) SELECT c.id FROM contacts c "
                     "WHERE cohort_progress (c.id) AND c.merged_into IS NULL AND ",
                     cohort_compiled_get_sql (compiled), NULL);
  if (!cohort_store_exec (self, "DELETE FROM temp.matched", error))
    goto out;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cohort_store_set_error (self, error);
      goto out;
    }
  cohort_compiled_bind (compiled, stmt, 1, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      goto out;
    }

  /* Who leaves and who joins, logged for the membership delta by these
   * statements rather than by a trigger per row (cohort_delta_suspend());
   * and what referencing groups must see. */
  if ((mark = cohort_store_query_int64 (self, "SELECT coalesce (max (rowid), 0) FROM temp.delta_log", error)) < 0 ||
      !cohort_delta_suspend (self, error) ||
      !cohort_store_run (self,
                   "INSERT INTO temp.delta_log (group_id, contact_id, joined, reason) "
                   "SELECT ?1, contact_id, 0, cohort_reason () FROM memberships "
                   "WHERE group_id = ?1 AND contact_id NOT IN (SELECT id FROM temp.matched)",
                   group_id, 0, &removed, error) ||
      !cohort_store_run (self,
                   "INSERT INTO temp.delta_log (group_id, contact_id, joined, reason) "
                   "SELECT ?1, id, 1, cohort_reason () FROM temp.matched "
                   "WHERE id NOT IN (SELECT contact_id FROM memberships WHERE group_id = ?1)",
                   group_id, 0, &added, error))
    goto out;
  if (g_hash_table_size (dependents) > 0 &&
      !cohort_store_run (self,
                   "INSERT OR IGNORE INTO temp.touched (id) SELECT contact_id FROM temp.delta_log "
                   "WHERE group_id = ?1",
                   group_id, 0, NULL, error))
    goto out;

  /* Then exactly those rows change: no probe for the members who stay. */
  if ((removed > 0 &&
       !cohort_store_run (self,
                   "DELETE FROM memberships WHERE group_id = ?1 AND contact_id IN "
                   "(SELECT contact_id FROM temp.delta_log WHERE rowid > ?2 AND joined = 0)",
                   group_id, mark, NULL, error)) ||
      (added > 0 && !add_logged_joiners (self, group_id, mark, now, error)) ||
      !cohort_delta_resume (self, error) ||
      !cohort_store_run (self, "DELETE FROM temp.matched", 0, 0, NULL, error))
    goto out;

  {
    /* From now on the members reflect the new condition, and only the
     * groups it names are dependencies. */
    sqlite3_stmt *update = cohort_store_prepare (self,
                                                 "UPDATE groups SET member_count = member_count + ?1, "
                                                 "needs_recalculation = 0, last_recalculated_at = ?2, "
                                                 "applied_condition = condition WHERE id = ?3",
                                                 error);
    if (update == NULL)
      goto out;
    sqlite3_bind_int64 (update, 1, added - removed);
    sqlite3_bind_int64 (update, 2, now);
    sqlite3_bind_int64 (update, 3, group_id);
    if (!cohort_store_step_done (self, update, error) ||
        !cohort_store_set_group_refs (self, group_id, condition, NULL, error))
      goto out;
  }

  if (g_hash_table_size (dependents) > 0 && !refresh (self, dependents, COHORT_READS_ALL, 0, error))
    goto out;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED, _("Cancelled"));
      goto out;
    }

  if (out_added)
    *out_added = added;
  if (out_removed)
    *out_removed = removed;
  if (progress)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  sqlite3_create_function_v2 (db, "cohort_progress", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  return ok;
}

/* Who joins or leaves the group itself does so by recalculation; in the
 * groups referencing it (re-evaluated for them), by a condition. */
gboolean
cohort_store_recalculate_locked (CohortStore   *self,
                                 gint64         group_id,
                                 GCancellable  *cancellable,
                                 void         (*progress) (double, gpointer),
                                 gpointer       progress_data,
                                 gint64        *out_added,
                                 gint64        *out_removed,
                                 GError       **error)
{
  CohortReason reason = cohort_store_set_reason (self, COHORT_REASON_RECALCULATION);
  gboolean ok = recalculate_locked (self, group_id, cancellable, progress, progress_data,
                                    out_added, out_removed, error);

  cohort_store_set_reason (self, reason);
  return ok;
}

gboolean
cohort_store_recalculate_group (CohortStore         *self,
                                gint64               group_id,
                                GCancellable        *cancellable,
                                CohortProgressFunc   progress,
                                gpointer             progress_data,
                                gint64              *out_added,
                                gint64              *out_removed,
                                GError             **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_recalculate_locked (self, group_id, cancellable, progress, progress_data,
                                        out_added, out_removed, &local) ||
      !cohort_store_commit (self, &local))
    {
      cohort_store_rollback (self);
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_CANCELLED,
                     _("Recalculation cancelled; the group was left as it was"));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* ---- on a worker thread ------------------------------------------------ */

typedef struct
{
  gint64              group_id;
  CohortProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_data_free;
  GMainContext       *context;
  gint64              added;
  gint64              removed;
} RecalcData;

typedef struct
{
  RecalcData *data;
  GTask      *task;
  double      fraction;
} ProgressEvent;

static void
recalc_data_free (gpointer user_data)
{
  RecalcData *data = user_data;

  if (data->progress_data_free)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressEvent *event = user_data;

  event->data->progress (event->fraction, event->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_object_unref (event->task);
  g_free (event);
}

static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);

  /* The event holds the task, so the data it points to outlives it. */
  event->task = g_object_ref (task);
  event->data = g_task_get_task_data (task);
  event->fraction = fraction;
  /* Not g_main_context_invoke(): it runs the callback right here when this
   * thread can acquire the caller's context, and the caller expects it on
   * its own thread. */
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, deliver_progress_cb, event, progress_event_free);
    g_source_set_static_name (source, "[cohort] recalculation progress");
    g_source_attach (source, event->data->context);
  }
}

static void
recalc_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RecalcData *data = task_data;
  g_autoptr(CohortStore) store = NULL;
  GError *error = NULL;

  if (!(store = cohort_store_open_sibling (source_object, &error)) ||
      !cohort_store_recalculate_group (store, data->group_id, cancellable,
                                       data->progress ? worker_progress : NULL, task,
                                       &data->added, &data->removed, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cohort_store_recalculate_group_async (CohortStore         *self,
                                      gint64               group_id,
                                      GCancellable        *cancellable,
                                      CohortProgressFunc   progress,
                                      gpointer             progress_data,
                                      GDestroyNotify       progress_data_free,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RecalcData *data;

  g_return_if_fail (COHORT_IS_STORE (self));

  data = g_new0 (RecalcData, 1);
  data->group_id = group_id;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cohort_store_recalculate_group_async);
  g_task_set_task_data (task, data, recalc_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  /* Our own error says that nothing changed; keep it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, recalc_thread);
}

gboolean
cohort_store_recalculate_group_finish (CohortStore   *self,
                                       GAsyncResult  *result,
                                       gint64        *out_added,
                                       gint64        *out_removed,
                                       GError       **error)
{
  RecalcData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cohort_store_recalculate_group_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_added)
    *out_added = data->added;
  if (out_removed)
    *out_removed = data->removed;
  return TRUE;
}

