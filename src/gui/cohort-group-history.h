/* cohort-group-history.h — a group's members over time and its latest
 * joins and leaves, on the group's Overview (SPEC §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_HISTORY (cohort_group_history_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupHistory, cohort_group_history, COHORT, GROUP_HISTORY, GtkBox)

/* Reads the history again, on a worker: the days of the last year and the
 * first page of changes. */
void cohort_group_history_set_group (CohortGroupHistory *self,
                                     CohortStore        *store,
                                     CohortGroup        *group);

G_END_DECLS
