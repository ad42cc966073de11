/* cohort-condition-value-editor.h — the widgets for the value of one
 * condition, fitting the value shape its field and operator take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-condition-context.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_VALUE_EDITOR (cohort_condition_value_editor_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionValueEditor, cohort_condition_value_editor, COHORT, CONDITION_VALUE_EDITOR, GtkWidget)

void      cohort_condition_value_editor_set_context (CohortConditionValueEditor *self,
                                                     CohortConditionContext     *context);
/* The field whose values are offered as the user types (text and tag
 * fields); set before cohort_condition_value_editor_load(). */
void      cohort_condition_value_editor_set_field   (CohortConditionValueEditor *self,
                                                     const char                 *field);
/* Shows the widgets for the value @op takes on a field of @type and fills
 * them from @value (which may be NULL or of another shape). Does not emit
 * "changed". */
void      cohort_condition_value_editor_load        (CohortConditionValueEditor *self,
                                                     CohortFieldType             type,
                                                     CohortOperator              op,
                                                     JsonNode                   *value);
/* The value as the widgets show it now; NULL when the operator takes none. */
JsonNode *cohort_condition_value_editor_dup_value   (CohortConditionValueEditor *self);

/* signal: "changed" (void) — the user edited the value */

G_END_DECLS
