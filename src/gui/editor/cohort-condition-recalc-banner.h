/* cohort-condition-recalc-banner.h — says that a group's members are out of
 * date after its condition changed, and recalculates them in the background
 * with progress and Cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_RECALC_BANNER (cohort_condition_recalc_banner_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionRecalcBanner, cohort_condition_recalc_banner, COHORT, CONDITION_RECALC_BANNER, GtkWidget)

/* Shows the banner while @group needs recalculation. */
void     cohort_condition_recalc_banner_set_group   (CohortConditionRecalcBanner *self,
                                                     CohortStore                 *store,
                                                     CohortGroup                 *group);
/* Starts recalculating the group unless it is already running. */
void     cohort_condition_recalc_banner_recalculate (CohortConditionRecalcBanner *self);
gboolean cohort_condition_recalc_banner_get_running (CohortConditionRecalcBanner *self);

/* signal: "recalculated" (gint64 added, gint64 removed) — the new members
 * are stored */

G_END_DECLS
