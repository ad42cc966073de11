/* cohort-condition.h — a condition tree (SPEC §2)
 *
 * A node is either a group (combinator + optional "not" + child nodes) or a
 * rule (field, operator, value). The JSON is react-querybuilder's
 * RuleGroupType; keys Cohort does not know (such as "id") are kept and written
 * back unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cohort-catalog.h"

G_BEGIN_DECLS

#define COHORT_CONDITION_MAX_DEPTH 8
#define COHORT_CONDITION_MAX_RULES 1000

#define COHORT_TYPE_CONDITION (cohort_condition_get_type ())
G_DECLARE_FINAL_TYPE (CohortCondition, cohort_condition, COHORT, CONDITION, GObject)

CohortCondition *cohort_condition_new_group       (gboolean          any);
CohortCondition *cohort_condition_new_rule        (const char       *field,
                                                   CohortOperator    op,
                                                   JsonNode         *value);
CohortCondition *cohort_condition_copy            (CohortCondition  *self);

gboolean         cohort_condition_is_group        (CohortCondition  *self);
CohortCondition *cohort_condition_get_parent      (CohortCondition  *self);

/* Groups. "any" is combinator "or" (Any), otherwise "and" (All). */
gboolean         cohort_condition_get_any         (CohortCondition  *self);
void             cohort_condition_set_any         (CohortCondition  *self,
                                                   gboolean          any);
gboolean         cohort_condition_get_negated     (CohortCondition  *self);
void             cohort_condition_set_negated     (CohortCondition  *self,
                                                   gboolean          negated);
/* A GListModel of CohortCondition. */
GListModel      *cohort_condition_get_children    (CohortCondition  *self);
guint            cohort_condition_get_n_children  (CohortCondition  *self);
CohortCondition *cohort_condition_get_child       (CohortCondition  *self,
                                                   guint             position);
void             cohort_condition_append          (CohortCondition  *self,
                                                   CohortCondition  *child);
void             cohort_condition_insert          (CohortCondition  *self,
                                                   guint             position,
                                                   CohortCondition  *child);
void             cohort_condition_remove          (CohortCondition  *self,
                                                   CohortCondition  *child);

/* Rules. */
const char      *cohort_condition_get_field       (CohortCondition  *self);
void             cohort_condition_set_field       (CohortCondition  *self,
                                                   const char       *field);
CohortOperator   cohort_condition_get_operator    (CohortCondition  *self);
void             cohort_condition_set_operator    (CohortCondition  *self,
                                                   CohortOperator    op);
/* Borrowed; NULL when there is none. */
JsonNode        *cohort_condition_get_value       (CohortCondition  *self);
void             cohort_condition_set_value       (CohortCondition  *self,
                                                   JsonNode         *value);

/* "rules[1].rules[0]", "" for the root. */
char            *cohort_condition_dup_path        (CohortCondition  *self);

/* Parses SPEC JSON and validates it (structure, fields, operators, value
 * shapes, depth and size). Does not check that referenced groups exist: the
 * store does that when the condition is saved. Errors are COHORT_ERROR_INVALID
 * with the JSON path first: `rules[1].rules[0].operator: "startsWith" is not
 * an operator of field "email" (expected one of: =, !=, contains, …)`. */
CohortCondition *cohort_condition_parse           (const char       *json,
                                                   gssize            length,
                                                   GError          **error);
CohortCondition *cohort_condition_new_from_node   (JsonNode         *node,
                                                   GError          **error);
/* jQuery QueryBuilder JSON: {"condition": "AND", "rules": [...], "not": …}
 * with rules {"id"/"field", "operator": "equal", "value"}. */
CohortCondition *cohort_condition_parse_querybuilder (const char    *json,
                                                      gssize         length,
                                                      GError       **error);

/* Validates the tree as it is now (the editor calls this after edits). On
 * failure @out_node (optional) is the first offending node. */
gboolean         cohort_condition_validate        (CohortCondition  *self,
                                                   CohortCondition **out_node,
                                                   GError          **error);

JsonNode        *cohort_condition_to_node         (CohortCondition  *self);
char            *cohort_condition_to_json         (CohortCondition  *self,
                                                   gboolean          pretty);

/* Code names of every group the tree references, sorted, no duplicates. */
GStrv            cohort_condition_collect_groups  (CohortCondition  *self);

/* One readable, translated sentence:
 * "(country is one of DE, AT or email ends with “@acme.com”) and (…)". */
char            *cohort_condition_describe        (CohortCondition  *self);

/* Emitted on the node whose content changed and on every ancestor, so a
 * listener on the root hears every edit. */
/* signal: "changed" (void) */

G_END_DECLS
