/* cohort-condition-context.h — what the condition editor's widgets need to
 * know about the database: the group being edited, the custom fields and
 * activity types in use, and which groups a condition may reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONDITION_CONTEXT (cohort_condition_context_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionContext, cohort_condition_context, COHORT, CONDITION_CONTEXT, GObject)

/* Reads the lists from @store (on the calling thread: they are small). */
CohortConditionContext *cohort_condition_context_new                 (CohortStore            *store,
                                                                      CohortGroup            *group,
                                                                      GError                **error);

CohortStore            *cohort_condition_context_get_store           (CohortConditionContext *self);
CohortGroup            *cohort_condition_context_get_group           (CohortConditionContext *self);
void                    cohort_condition_context_set_group           (CohortConditionContext *self,
                                                                      CohortGroup            *group);
const char * const     *cohort_condition_context_get_custom_keys     (CohortConditionContext *self);
const char * const     *cohort_condition_context_get_activity_types  (CohortConditionContext *self);

/* Every other group, ordered by name, except those that would close a cycle
 * (the edited group itself and every group whose condition refers to it,
 * directly or through other groups) and archived groups, which conditions
 * may keep naming but are not offered for new rules. CohortGroup objects. */
GPtrArray              *cohort_condition_context_get_groups          (CohortConditionContext *self);
/* The group's name for a code name; the code itself when there is none. */
const char             *cohort_condition_context_get_group_title     (CohortConditionContext *self,
                                                                      const char             *code);

/* How many values of a field are offered as suggestions. */
#define COHORT_CONDITION_CONTEXT_N_VALUES 200

/* The values of text or tag @field in the database, most frequent first:
 * read once per field, on a worker thread with a connection of its own. */
void                    cohort_condition_context_load_values         (CohortConditionContext *self,
                                                                      const char             *field,
                                                                      GCancellable           *cancellable,
                                                                      GAsyncReadyCallback     callback,
                                                                      gpointer                user_data);
/* Owned by the context. */
const char * const     *cohort_condition_context_load_values_finish  (CohortConditionContext *self,
                                                                      GAsyncResult           *result,
                                                                      GError                **error);
/* The values of @field if they have been read, else NULL. */
const char * const     *cohort_condition_context_peek_values         (CohortConditionContext *self,
                                                                      const char             *field);

/* A row created for @rule opens its field picker once it is shown: the
 * editor asks for it when the user adds a condition. */
void                    cohort_condition_context_request_focus       (CohortConditionContext *self,
                                                                      CohortCondition        *rule);
gboolean                cohort_condition_context_take_focus_request  (CohortConditionContext *self,
                                                                      CohortCondition        *rule);

/* A new condition as "Add condition" creates it: a text field and an
 * operator that needs a value, so the row asks for one. */
CohortCondition        *cohort_condition_context_new_rule            (void);

/* What cohort_condition_validate() cannot know: every group that @node (a
 * subtree) refers to exists and may be referred to from the edited group.
 * On failure @out_node is the first offending rule. */
gboolean                cohort_condition_context_check_references    (CohortConditionContext *self,
                                                                      CohortCondition        *node,
                                                                      CohortCondition       **out_node,
                                                                      GError                **error);

/* A validation message of @node as its row shows it, without the JSON path
 * that the editor already points at: "rules[1].rules[0].value: needs at
 * least one value" → "needs at least one value", @out_key "value". */
char                   *cohort_condition_context_dup_message         (CohortCondition        *node,
                                                                      const char             *message,
                                                                      char                  **out_key);

G_END_DECLS
