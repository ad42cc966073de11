/* cohort-recalc.h — full recalculation, live counts and explanations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-store.h"

G_BEGIN_DECLS

/* Called with 0.0 … 1.0 as the work proceeds. */
typedef void (*CohortProgressFunc) (double   fraction,
                                    gpointer user_data);

/* Computes the group's member set from its condition and applies only the
 * difference in one transaction. Cancelling (from another thread) leaves the
 * membership unchanged and fails with COHORT_ERROR_CANCELLED. Groups that
 * reference this one are re-evaluated for the contacts that joined or left.
 * Clears needs-recalculation and sets last-recalculated-at. */
gboolean  cohort_store_recalculate_group        (CohortStore         *self,
                                                 gint64               group_id,
                                                 GCancellable        *cancellable,
                                                 CohortProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 gint64              *out_added,
                                                 gint64              *out_removed,
                                                 GError             **error);

/* The same on a worker thread with its own connection. @progress is called
 * on the thread-default main context of the caller. */
void      cohort_store_recalculate_group_async  (CohortStore         *self,
                                                 gint64               group_id,
                                                 GCancellable        *cancellable,
                                                 CohortProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_data_free,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean  cohort_store_recalculate_group_finish (CohortStore         *self,
                                                 GAsyncResult        *result,
                                                 gint64              *out_added,
                                                 gint64              *out_removed,
                                                 GError             **error);

/* What a condition would match now, without storing anything: the number of
 * matching contacts, how many of them are not members of @group_id (joining)
 * and how many members would not match (leaving; both 0 when @group_id is 0),
 * and up to @n_samples matching contact ids. Cancellable at any point. */
gboolean  cohort_store_count_matches            (CohortStore         *self,
                                                 CohortCondition     *condition,
                                                 gint64               group_id,
                                                 guint                n_samples,
                                                 GCancellable        *cancellable,
                                                 gint64              *out_matches,
                                                 gint64              *out_joining,
                                                 gint64              *out_leaving,
                                                 GArray             **out_sample_ids,
                                                 GError             **error);

typedef struct
{
  char     *path;         /* "rules[0].rules[1]", "" for the root */
  guint     depth;
  gboolean  result;
  char     *description;  /* translated, as in cohort_condition_describe() */
} CohortExplainLine;

void      cohort_explain_line_free              (CohortExplainLine   *line);

/* For one contact, the truth value of every node of the group's condition in
 * tree order. The root's result is FALSE for a merged contact. */
GPtrArray *cohort_store_explain                 (CohortStore         *self,
                                                 gint64               group_id,
                                                 gint64               contact_id,
                                                 GError             **error);

G_END_DECLS
