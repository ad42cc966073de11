/* cohort-delta.h — who joined or left which group, and why (SPEC §7)
 *
 * Every change of group membership, whatever wrote it — a contact saved,
 * imported, merged or deleted, a static group's members or accounts
 * changed, a condition settled for touched contacts, a recalculation — is
 * recorded in the transaction that made it. Two TEMP triggers on
 * memberships log each row inserted or deleted, with the reason the writer
 * declared beforehand (cohort_store_set_reason()); so no write path can
 * forget, and rows that go with a deleted contact or group (ON DELETE
 * CASCADE) are logged too.
 *
 * When the outermost transaction commits (cohort_store_commit()), the log
 * is netted into the delta — one row per (group, contact) whose membership
 * differs from before the transaction, joined or left, with the reason of
 * its last change; a contact that left and came back within the
 * transaction is not in it — and the delta is published: each consumer
 * added with cohort_store_add_delta_consumer() runs, in that order, inside
 * the same transaction, and reads it with SQL from
 *
 *   temp.delta (group_id INTEGER, contact_id INTEGER,
 *               joined INTEGER,       -- 1 joined, 0 left
 *               reason TEXT,          -- cohort_reason_to_string()
 *               reason_code INTEGER)  -- the CohortReason
 *
 * A consumer calls cohort_store_prepare_delta() before it reads
 * temp.delta: the log is netted only once, and only if a consumer needs it
 * (a consumer with nothing to do — no running campaign — costs nothing).
 *
 * A consumer that fails rolls the whole transaction back, the change that
 * caused the delta included. A transaction that changes no membership
 * publishes nothing.
 *
 * A sibling connection (cohort_store_open_sibling(), which workers use)
 * publishes to the consumers its store had when it was opened; they then
 * run on the worker's thread, with the sibling as @store, so their data
 * must be safe to use from there. The store keeps the data until it is
 * finalized, after its siblings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CohortStore CohortStore;

/* Why a contact joined or left a group: SPEC §7's words. */
typedef enum
{
  COHORT_REASON_MANUAL,          /* by hand: a static group's members */
  COHORT_REASON_IMPORT,          /* an import into a static group */
  COHORT_REASON_KEYWORD,         /* a keyword opt-in */
  COHORT_REASON_ACCOUNT,         /* an account added to or removed from a static group */
  COHORT_REASON_CONDITION,       /* a dynamic group settled for touched contacts */
  COHORT_REASON_RECALCULATION,   /* a dynamic group recalculated (or first populated) */
  COHORT_REASON_MERGE,           /* contacts or groups merged */
  COHORT_REASON_DELETE,          /* the contact deleted */
} CohortReason;

const char  *cohort_reason_to_string (CohortReason reason);

/* The reason of the membership changes written from now on, until set
 * again; returns the one it replaces, for writers that nest (settling
 * inside an action) to put back. Each transaction starts with
 * COHORT_REASON_MANUAL. */
CohortReason cohort_store_set_reason (CohortStore  *store,
                                      CohortReason  reason);

/* Runs inside the committing transaction, with temp.delta filled; returns
 * FALSE with @error set to roll it back. */
typedef gboolean (*CohortDeltaConsumer) (CohortStore  *store,
                                         gpointer      user_data,
                                         GError      **error);

/* Fills temp.delta from the log, once per transaction. */
gboolean     cohort_store_prepare_delta         (CohortStore         *store,
                                                 GError             **error);

void         cohort_store_add_delta_consumer    (CohortStore         *store,
                                                 CohortDeltaConsumer  consumer,
                                                 gpointer             user_data,
                                                 GDestroyNotify       user_data_free);
void         cohort_store_remove_delta_consumer (CohortStore         *store,
                                                 CohortDeltaConsumer  consumer,
                                                 gpointer             user_data);

G_END_DECLS
