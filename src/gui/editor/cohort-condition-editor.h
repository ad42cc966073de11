/* cohort-condition-editor.h — the Conditions tab of a dynamic group: a
 * visual editor of its condition with a live count, saving, and the
 * recalculation that follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_EDITOR (cohort_condition_editor_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionEditor, cohort_condition_editor, COHORT, CONDITION_EDITOR, GtkWidget)

GtkWidget       *cohort_condition_editor_new           (void);

/* Loads @group's condition (a dynamic group) and what the editor offers
 * from @store. Given the group shown again (after a change anywhere in the
 * database), it refreshes the count, the banner and the group picker and
 * keeps unsaved edits; another group's unsaved edits are dropped. */
gboolean         cohort_condition_editor_set_group     (CohortConditionEditor *self,
                                                        CohortStore           *store,
                                                        CohortGroup           *group,
                                                        GError               **error);
/* An empty condition for a dynamic group not created yet: the editor
 * counts it but does not store it; whoever creates the group reads it
 * with cohort_condition_editor_get_condition() once "valid" is TRUE. */
gboolean         cohort_condition_editor_set_new_group (CohortConditionEditor *self,
                                                        CohortStore           *store,
                                                        GError               **error);
/* The group as last loaded, saved or recalculated. */
CohortGroup     *cohort_condition_editor_get_group     (CohortConditionEditor *self);
/* The tree being edited; the editor keeps it. */
CohortCondition *cohort_condition_editor_get_condition (CohortConditionEditor *self);

/* Stores the condition (marking the group as needing recalculation) and, if
 * the recalculate-after-save preference is on, recalculates it. */
gboolean         cohort_condition_editor_save          (CohortConditionEditor *self,
                                                        GError               **error);

/* Stores the condition and recalculates the group in the background,
 * whatever the preference says. */
gboolean         cohort_condition_editor_save_and_recalculate (CohortConditionEditor *self,
                                                               GError               **error);

/* property: "modified" (boolean) — the condition differs from the stored one
 * property: "valid" (boolean) — the condition may be saved
 * signal: "saved" (void) — the condition is stored
 * signal: "recalculated" (gint64 added, gint64 removed) — the new members
 *   are stored
 * signal: "count-updated" (void) — the live count shows the latest edit */

G_END_DECLS
