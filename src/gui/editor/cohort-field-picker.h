/* cohort-field-picker.h — a searchable list of condition fields grouped by
 * category: the catalog's fields and the custom fields in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-condition-context.h"

G_BEGIN_DECLS

#define COHORT_TYPE_FIELD_PICKER (cohort_field_picker_get_type ())
G_DECLARE_FINAL_TYPE (CohortFieldPicker, cohort_field_picker, COHORT, FIELD_PICKER, GtkPopover)

GtkWidget *cohort_field_picker_new (CohortConditionContext *context);

/* The words a field is shown with: the catalog's title, translated, or the
 * key of a custom field. */
char      *cohort_field_picker_dup_title (const char *field);

/* signal: "field-picked" (const char *field) */

G_END_DECLS
