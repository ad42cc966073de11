/* cohort-condition-chips.h — a list of values shown as removable chips,
 * added by typing (texts, tags) or from a menu (statuses, groups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The words a chip shows for @value; the value itself when NULL. */
typedef const char *(*CohortChipLabelFunc) (const char *value,
                                            gpointer    user_data);

#define COHORT_TYPE_CONDITION_CHIPS (cohort_condition_chips_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionChips, cohort_condition_chips, COHORT, CONDITION_CHIPS, GtkWidget)

GtkWidget *cohort_condition_chips_new            (void);

/* Replaces the values without emitting "changed". */
void       cohort_condition_chips_set_values     (CohortConditionChips *self,
                                                  const char * const   *values);
/* The chips, then what is typed but not yet added. */
GStrv      cohort_condition_chips_dup_values     (CohortConditionChips *self);
/* Adds @value unless it is there already; emits "changed". */
void       cohort_condition_chips_add_value      (CohortConditionChips *self,
                                                  const char           *value);

/* With a menu the values come from its items and there is nothing to type. */
void       cohort_condition_chips_set_menu_model (CohortConditionChips *self,
                                                  GMenuModel           *model);
/* Applies to the chips added from then on. */
void       cohort_condition_chips_set_label_func (CohortConditionChips *self,
                                                  CohortChipLabelFunc   func,
                                                  gpointer              user_data);
/* What the entry or the add button is for: "Add a tag", "Add a group". */
void       cohort_condition_chips_set_placeholder (CohortConditionChips *self,
                                                   const char           *text);

/* Where values are typed. */
GtkWidget *cohort_condition_chips_get_entry      (CohortConditionChips *self);

/* signal: "changed" (void) */

G_END_DECLS
