/* cohort-selection.h — a set of contacts for bulk actions (SPEC §10)
 *
 * A selection is a rule, not a list of loaded rows: "the members of a
 * group", "the contacts whose name, email or account contains a text" (the
 * contact list's filter), "these contacts" or "every contact", combined
 * with AND. It becomes one SQL subquery with bound parameters, evaluated
 * when an action runs, so "all 800,000 that match" costs no memory.
 * Merged contacts are never selected: they match nothing (SPEC §1).
 *
 * Each action is one transaction with one SQL statement per table it
 * changes, and leaves every dynamic group right for exactly the contacts it
 * changed (SPEC §3). Each reports how many contacts it changed. A selection
 * that is empty when the action runs is not an error: the action changes
 * nothing and reports 0 — a nightly script run on a segment that happens to
 * be empty today should not fail, and the count tells the marketer what
 * happened. An unknown group is an error (COHORT_ERROR_NOT_FOUND).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-contact.h"
#include "cohort-store.h"

G_BEGIN_DECLS

typedef struct _CohortSelection CohortSelection;

#define COHORT_TYPE_SELECTION (cohort_selection_get_type ())

GType            cohort_selection_get_type     (void) G_GNUC_CONST;

/* Every contact (that is not merged). */
CohortSelection *cohort_selection_new          (void);
CohortSelection *cohort_selection_copy         (const CohortSelection *self);
void             cohort_selection_free         (CohortSelection       *self);

/* Only the members of the group @group_id (0: no such restriction). */
void             cohort_selection_set_group    (CohortSelection       *self,
                                                gint64                 group_id);
gint64           cohort_selection_get_group    (const CohortSelection *self);
/* Only contacts whose name, email or account contains @text, as the
 * contact list filters (NULL or blank: no such restriction). */
void             cohort_selection_set_filter   (CohortSelection       *self,
                                                const char            *text);
/* Only these contacts; may be called more than once to add more. */
void             cohort_selection_add_ids      (CohortSelection       *self,
                                                const gint64          *ids,
                                                guint                  n_ids);

/* Only the contacts of the undo set @undo_set (see Undo below; 0: no such
 * restriction). */
void             cohort_selection_set_undo_set (CohortSelection       *self,
                                                gint64                 undo_set);

/* How many contacts the selection holds now, or -1 with @error set. */
gint64           cohort_selection_count        (const CohortSelection *self,
                                                CohortStore           *store,
                                                GError               **error);

/* Bulk actions. @out_changed (nullable) receives the number of contacts
 * that changed: those that gained or lost a tag, got a new status, joined
 * or left the group, or were deleted.
 *
 * Undo. Given @out_undo_set, an action also keeps the contacts it changed
 * (and, setting a status, the status each had) in the database as an undo
 * set, in the same transaction, and returns its id (0 if nothing changed).
 * The inverse action on a selection of that set
 * (cohort_selection_set_undo_set()) undoes it — removing the tag that was
 * added, adding back to the group those who left — and
 * cohort_store_restore_status() puts back the statuses. The set lives in
 * the file, not in the connection, so Undo may run on another connection
 * than the action (the app runs each on a worker of its own); a set is
 * dropped by cohort_store_forget_undo_set() once Undo is no longer
 * offered, or by a later action when it is a day old.
 *
 * Cancelling. With cohort_store_watch_cancellable(), an action whose
 * cancellable is cancelled stops within a moment with
 * COHORT_ERROR_CANCELLED and changes nothing. */

/* Adds the tags of @add and removes those of @remove (either may be NULL).
 * Tags are trimmed; an empty one, or one with ";" or "," (which separate
 * tags), is COHORT_ERROR_INVALID naming it, and nothing changes. */
gboolean         cohort_store_tag_selection    (CohortStore            *store,
                                                const CohortSelection  *selection,
                                                const char * const     *add,
                                                const char * const     *remove,
                                                gint64                 *out_changed,
                                                gint64                 *out_undo_set,
                                                GError                **error);
gboolean         cohort_store_set_selection_status (CohortStore            *store,
                                                    const CohortSelection  *selection,
                                                    CohortStatus            status,
                                                    gint64                 *out_changed,
                                                    gint64                 *out_undo_set,
                                                    GError                **error);
/* Into the static group @group_id by hand (source manual); a member by
 * account becomes a manual member too. */
gboolean         cohort_store_add_selection_to_group (CohortStore            *store,
                                                      const CohortSelection  *selection,
                                                      gint64                  group_id,
                                                      gint64                 *out_changed,
                                                      gint64                 *out_undo_set,
                                                      GError                **error);
/* Out of the static group @group_id, as cohort_store_remove_members() does:
 * a member by account stays one (only its manual mark goes) until the
 * account is removed from the group. */
gboolean         cohort_store_remove_selection_from_group (CohortStore            *store,
                                                           const CohortSelection  *selection,
                                                           gint64                  group_id,
                                                           gint64                 *out_changed,
                                                           gint64                 *out_undo_set,
                                                           GError                **error);
/* As cohort_store_delete_contacts(): memberships, tags, fields, activities
 * and merged children go with the contacts. */
gboolean         cohort_store_delete_selection (CohortStore            *store,
                                                const CohortSelection  *selection,
                                                gint64                 *out_changed,
                                                GError                **error);

/* Puts back the status each contact of @undo_set had before the action
 * that kept the set (contacts deleted since are passed over). */
gboolean         cohort_store_restore_status   (CohortStore            *store,
                                                gint64                  undo_set,
                                                gint64                 *out_changed,
                                                GError                **error);
void             cohort_store_forget_undo_set  (CohortStore            *store,
                                                gint64                  undo_set);
/* Until called again with NULL, every statement on @store's connection
 * stops once @cancellable is cancelled. */
void             cohort_store_watch_cancellable (CohortStore           *store,
                                                 GCancellable          *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortSelection, cohort_selection_free)

G_END_DECLS
