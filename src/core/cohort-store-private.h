/* cohort-store-private.h — what the core's own files share about the store
 *
 * Not for src/gui or src/cli: they use cohort-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cohort-compile.h"
#include "cohort-delta.h"
#include "cohort-store.h"

G_BEGIN_DECLS

sqlite3      *cohort_store_get_db              (CohortStore   *self);

/* The group @group_id, which exists (else COHORT_ERROR_NOT_FOUND) and with
 * @must_be_static is static (else COHORT_ERROR_INVALID, saying why). */
gboolean      cohort_store_require_group       (CohortStore   *self,
                                                gint64         group_id,
                                                gboolean       must_be_static,
                                                GError       **error);

/* SQL: contact c may be sent a message on @channel (an SQL expression
 * giving 'email' or 'sms'): not merged, active, and with an email address
 * or a phone number (SPEC §8 "eligible"). */
#define COHORT_SQL_ELIGIBLE(channel) \
  "c.merged_into IS NULL AND c.status = 'active' AND CASE " channel " " \
  "  WHEN 'email' THEN c.email LIKE '%_@_%' ELSE coalesce (c.phone, '') <> '' END"

/* cohort-delta.c: the membership delta's state, triggers and publishing. */
typedef struct _CohortDeltaState CohortDeltaState;

CohortDeltaState *cohort_store_get_delta_state (CohortStore   *self);
CohortDeltaState *cohort_delta_state_new      (void);
void          cohort_delta_state_free          (CohortDeltaState *state);
gboolean      cohort_delta_setup               (CohortStore   *self,
                                                GError       **error);
void          cohort_delta_begin               (CohortStore   *self);
/* Between these, inside a transaction, memberships changes are not logged
 * by the triggers: the writer logs them into temp.delta_log itself
 * (group_id, contact_id, joined 1|0, reason: cohort_reason ()). */
gboolean      cohort_delta_suspend             (CohortStore   *self,
                                                GError       **error);
gboolean      cohort_delta_resume              (CohortStore   *self,
                                                GError       **error);
/* A sibling (a worker's connection) publishes to @parent's consumers. */
void          cohort_delta_inherit_consumers   (CohortStore   *sibling,
                                                CohortStore   *parent);
gboolean      cohort_delta_publish             (CohortStore   *self,
                                                GError       **error);

/* A prepared statement cached by the address of @sql — which must be a
 * string literal — reset and with bindings cleared, ready to bind. Owned by
 * the store. */
sqlite3_stmt *cohort_store_prepare             (CohortStore   *self,
                                                const char    *sql,
                                                GError       **error);
gboolean      cohort_store_exec                (CohortStore   *self,
                                                const char    *sql,
                                                GError       **error);
/* The int64 first column of every row of @sql (a literal with one int64
 * parameter), in order. */
GArray       *cohort_store_query_ids           (CohortStore   *self,
                                                const char    *sql,
                                                gint64         param,
                                                GError       **error);

/* Runs the literal @sql, binding ?1 = @a and ?2 = @b as far as it has
 * parameters; @out_changes (nullable) receives the rows it changed. */
gboolean      cohort_store_run                 (CohortStore   *self,
                                                const char    *sql,
                                                gint64         a,
                                                gint64         b,
                                                gint64        *out_changes,
                                                GError       **error);

/* The first column of the first row of @sql, or -1 with @error set. */
gint64        cohort_store_query_int64         (CohortStore   *self,
                                                const char    *sql,
                                                GError       **error);
/* The first column of every row of @sql (?1 = @param if it has a
 * parameter), or NULL with @error set. */
GStrv         cohort_store_query_strings       (CohortStore   *self,
                                                const char    *sql,
                                                gint64         param,
                                                GError       **error);
/* Binds @value, or NULL when @has_value is false. */
void          cohort_store_bind_int64_or_null  (sqlite3_stmt  *stmt,
                                                int            index,
                                                gboolean       has_value,
                                                gint64         value);
gboolean      cohort_store_step_done           (CohortStore   *self,
                                                sqlite3_stmt  *stmt,
                                                GError       **error);

/* One user action is one transaction: BEGIN IMMEDIATE … COMMIT. Nested
 * calls join the outer transaction. */
gboolean      cohort_store_begin               (CohortStore   *self,
                                                GError       **error);
gboolean      cohort_store_commit              (CohortStore   *self,
                                                GError       **error);
void          cohort_store_rollback            (CohortStore   *self);

/* Fills @error from the connection's last error; always returns FALSE. */
gboolean      cohort_store_set_error           (CohortStore   *self,
                                                GError       **error);

/* A connection of its own for one long read of committed data (an
 * export): its sorts spill to temp files, so memory stays bounded. It has
 * no temp tables and cannot write. */
CohortStore  *cohort_store_open_reader         (CohortStore   *self,
                                                GError       **error);

/* Incremental recalculation (SPEC §3). Mutations add the contacts they
 * change to temp.touched, then call cohort_store_refresh_touched() before
 * committing: every dynamic group is re-evaluated for exactly those contacts,
 * in dependency order. */
gboolean      cohort_store_touch               (CohortStore   *self,
                                                gint64         contact_id,
                                                GError       **error);
/* @sql: a literal "INSERT OR IGNORE INTO temp.touched (id) SELECT …" with
 * at most one parameter. */
gboolean      cohort_store_touch_sql           (CohortStore   *self,
                                                const char    *sql,
                                                gint64         param,
                                                GError       **error);
gboolean      cohort_store_refresh_touched     (CohortStore   *self,
                                                GError       **error);
/* The same after a change of only some fields of the touched contacts
 * (updated_at included whenever their rows were updated) and, with
 * @changed_group > 0, of that group's members: only the dynamic groups
 * whose condition reads one of them, a time-relative condition or a group
 * whose members change are re-evaluated. */
gboolean      cohort_store_refresh_touched_for (CohortStore   *self,
                                                CohortReads    changed,
                                                gint64         changed_group,
                                                GError       **error);

/* After a mutation that touched contacts: account memberships, member
 * counts and every dynamic group are brought in line for temp.touched. */
gboolean      cohort_store_settle_touched      (CohortStore   *self,
                                                GError       **error);

/* Static group membership by account: after contacts change account, brings
 * memberships with source "account" in line for the touched contacts. */
gboolean      cohort_store_sync_account_members (CohortStore  *self,
                                                 GError      **error);

/* Contacts: the row writer shared by cohort_store_save_contact() and the
 * importer. Inserts when the contact's id is 0 (and sets it), updates
 * otherwise; tags, custom fields and the account (by name, created when
 * missing) included. The caller adds it to temp.touched. */
gboolean      cohort_store_write_contact       (CohortStore   *self,
                                                CohortContact *contact,
                                                GError       **error);
/* Deletes the contacts in temp.touched, their merged children and all
 * that hangs on them, inside the caller's transaction; empties
 * temp.touched. */
gboolean      cohort_store_delete_touched      (CohortStore   *self,
                                                GError       **error);
/* Lists @key among the custom-field keys in use (custom_keys). */
gboolean      cohort_store_add_custom_key      (CohortStore   *self,
                                                const char    *key,
                                                GError       **error);
gboolean      cohort_store_ensure_account      (CohortStore   *self,
                                                const char    *name,
                                                gint64        *out_id,
                                                GError       **error);

/* Member counts: groups whose members changed other than through
 * cohort_store_refresh_touched() are queued in temp.recount and counted
 * again by cohort_store_recount_groups(). */
gboolean      cohort_store_queue_recount_touched (CohortStore *self,
                                                  GError     **error);
gboolean      cohort_store_recount_groups      (CohortStore   *self,
                                                GError       **error);

/* Bumps the groups counter: every connection recompiles its conditions. */
gboolean      cohort_store_groups_changed      (CohortStore   *self,
                                                GError       **error);

/* Full recalculation of one dynamic group inside the caller's transaction
 * (cohort-recalc.c). */
gboolean      cohort_store_recalculate_locked  (CohortStore        *self,
                                                gint64              group_id,
                                                GCancellable       *cancellable,
                                                void              (*progress) (double, gpointer),
                                                gpointer            progress_data,
                                                gint64             *out_added,
                                                gint64             *out_removed,
                                                GError            **error);

/* Records the groups @condition (and @applied, if any) reference, after
 * refusing a loop; bumps the groups counter. */
gboolean      cohort_store_set_group_refs      (CohortStore     *self,
                                                gint64           group_id,
                                                CohortCondition *condition,
                                                CohortCondition *applied,
                                                GError         **error);

/* The code names of the other groups whose conditions reference
 * @group_id, sorted and separated by ", "; "" when there are none. */
char         *cohort_store_dup_referencing_codes (CohortStore *self,
                                                  gint64       group_id,
                                                  GError     **error);

/* Compiles @condition with group code names resolved through the store. */
struct _CohortCompiled;
struct _CohortCompiled *cohort_store_compile   (CohortStore     *self,
                                                CohortCondition *condition,
                                                int              mode,
                                                GError         **error);

/* The compiled conditions of every dynamic group in dependency order, owned
 * by cohort-recalc.c and kept on the store; invalidate drops them. */
gpointer      cohort_store_get_plan            (CohortStore   *self);
void          cohort_store_set_plan            (CohortStore   *self,
                                                gpointer       plan,
                                                GDestroyNotify plan_free);
void          cohort_store_invalidate_compiled (CohortStore   *self);

G_END_DECLS
