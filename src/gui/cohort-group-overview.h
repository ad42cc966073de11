/* cohort-group-overview.h — what a group is, at a glance
 *
 * Description, kind, member counts by status, and for a dynamic group the
 * condition as a sentence, its recalculation (with progress and Cancel)
 * and its daily schedule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-contact-list.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_OVERVIEW (cohort_group_overview_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupOverview, cohort_group_overview, COHORT, GROUP_OVERVIEW, AdwBin)

/* @members is the group's unfiltered list of members, for the counts. */
void     cohort_group_overview_set_group   (CohortGroupOverview *self,
                                            CohortStore         *store,
                                            CohortGroup         *group,
                                            CohortContactList   *members);
/* Starts recalculating a dynamic group; FALSE when it is static or one is
 * already running. */
gboolean cohort_group_overview_recalculate (CohortGroupOverview *self);

G_END_DECLS
