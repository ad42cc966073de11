/* cohort-condition-group-card.h — a condition group: All or Any of its
 * conditions and sub-groups, optionally negated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-condition-context.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_GROUP_CARD (cohort_condition_group_card_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionGroupCard, cohort_condition_group_card, COHORT, CONDITION_GROUP_CARD, GtkWidget)

/* @group is a group node below the root; the card edits it in place. */
GtkWidget       *cohort_condition_group_card_new       (CohortConditionContext *context,
                                                        CohortCondition        *group);
CohortCondition *cohort_condition_group_card_get_group (CohortConditionGroupCard *self);

/* Shows the children of @group in @list: a row for each condition, a card
 * for each sub-group, "and" or "or" between them. Call
 * gtk_list_box_invalidate_headers() after changing the combinator. */
void             cohort_condition_group_card_bind_list (GtkListBox             *list,
                                                        CohortConditionContext *context,
                                                        CohortCondition        *group);

G_END_DECLS
