/* cohort-condition-row.h — one condition: field, operator and value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-condition-context.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_ROW (cohort_condition_row_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionRow, cohort_condition_row, COHORT, CONDITION_ROW, GtkWidget)

/* @rule is a rule node of a tree; the row edits it in place. */
GtkWidget       *cohort_condition_row_new      (CohortConditionContext *context,
                                                CohortCondition        *rule);
CohortCondition *cohort_condition_row_get_rule (CohortConditionRow     *self);

G_END_DECLS
