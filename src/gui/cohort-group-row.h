/* cohort-group-row.h — a group in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-group.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_ROW (cohort_group_row_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupRow, cohort_group_row, COHORT, GROUP_ROW, GtkListBoxRow)

GtkWidget   *cohort_group_row_new       (CohortGroup    *group);
CohortGroup *cohort_group_row_get_group (CohortGroupRow *self);
/* Shows @group, which has the same id, as it is now. */
void         cohort_group_row_set_group (CohortGroupRow *self,
                                         CohortGroup    *group);
/* "+12 in 30 days": @change, the members now less those 30 days ago;
 * nothing for 0. */
void         cohort_group_row_set_trend (CohortGroupRow *self,
                                         gint64          change);

G_END_DECLS
