/* cohort-condition-live-count.h — how many contacts the condition being
 * edited would match, and how many would join and leave, counted on a
 * worker thread while the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_LIVE_COUNT (cohort_condition_live_count_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionLiveCount, cohort_condition_live_count, COHORT, CONDITION_LIVE_COUNT, GtkWidget)

/* Counts against @group's members from then on; opens the worker's own
 * connection to @store's database. */
gboolean cohort_condition_live_count_set_group (CohortConditionLiveCount *self,
                                                CohortStore              *store,
                                                CohortGroup              *group,
                                                GError                  **error);
/* Counts @condition (the tree being edited): at once after a pause, or
 * once edits in quick succession (typing) stop coming. Each call cancels
 * the count running, so typing is never held up and only the last edit of
 * a burst is counted. */
void     cohort_condition_live_count_queue     (CohortConditionLiveCount *self,
                                                CohortCondition          *condition);

/* "+12 would join, −3 would leave", leaving out a side that is zero;
 * @unchanged when both are. */
char    *cohort_condition_live_count_format_change (gint64      joining,
                                                    gint64      leaving,
                                                    const char *unchanged);

/* signal: "updated" (void) — a count for the latest edit is shown */

G_END_DECLS
