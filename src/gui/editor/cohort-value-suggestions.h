/* cohort-value-suggestions.h — the values a field holds in the database,
 * offered under the entry where a condition's value is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-condition-context.h"

G_BEGIN_DECLS

#define COHORT_TYPE_VALUE_SUGGESTIONS (cohort_value_suggestions_get_type ())
G_DECLARE_FINAL_TYPE (CohortValueSuggestions, cohort_value_suggestions, COHORT, VALUE_SUGGESTIONS, GtkPopover)

GtkWidget *cohort_value_suggestions_new       (void);
/* Follows the typing in @entry (NULL: none) and offers the values of
 * @field (NULL: none) that contain what is typed, the most frequent
 * first. The popover's parent places it: see cohort_value_suggestions_present(). */
void       cohort_value_suggestions_set_entry (CohortValueSuggestions *self,
                                               CohortConditionContext *context,
                                               const char             *field,
                                               GtkWidget              *entry);
/* For the parent's size_allocate: positions the popover under the entry. */
void       cohort_value_suggestions_present   (CohortValueSuggestions *self);

/* signal: "picked" (const char *value) — the user chose a suggestion */

G_END_DECLS
