/* cohort-condition-date-entry.h — an ISO 8601 date typed or picked from a
 * calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_DATE_ENTRY (cohort_condition_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionDateEntry, cohort_condition_date_entry, COHORT, CONDITION_DATE_ENTRY, GtkWidget)

/* Sets the text without emitting "changed". */
void        cohort_condition_date_entry_set_text (CohortConditionDateEntry *self,
                                                  const char               *text);
const char *cohort_condition_date_entry_get_text (CohortConditionDateEntry *self);

/* property: "title" (string) — what the date is, for screen readers: "From" */
/* signal: "changed" (void) */

G_END_DECLS
