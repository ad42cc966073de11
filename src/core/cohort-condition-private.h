/* cohort-condition-private.h — what the condition sources share
 *
 * cohort-condition.c holds the tree, cohort-condition-value.c checks one
 * rule against the catalog, cohort-condition-describe.c reads a tree through
 * the public API. Nothing outside these three includes this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-condition.h"

G_BEGIN_DECLS

/* json_node_copy() shares arrays and objects; a tree owns its values so that
 * editing one copy never changes another. */
JsonNode   *cohort_json_deep_copy        (JsonNode        *node);
JsonObject *cohort_json_object_deep_copy (JsonObject      *object);
/* The member's text; NULL when it is missing or not a string. */
const char *cohort_json_get_string       (JsonObject      *object,
                                          const char      *name);

/* "rules[0]" + "value" → "rules[0].value"; "" + "rules" → "rules". */
char       *cohort_path_key              (const char      *path,
                                          const char      *key);
/* COHORT_ERROR_INVALID "PATH: message", or the message alone for "". */
void        cohort_path_error            (GError         **error,
                                          const char      *path,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (3, 4);
/* "PATH: expected EXPECTED, not GOT"; returns FALSE. */
gboolean    cohort_path_expected         (GError         **error,
                                          const char      *path,
                                          const char      *expected,
                                          JsonNode        *got);

/* Checks a rule's field, operator, value and extra keys; @path is the
 * rule's. @out_value is the value in the one form the compiler reads: lists
 * as arrays, numbers as integers, statuses in lowercase. */
gboolean    cohort_condition_check_rule  (const char      *path,
                                          const char      *field,
                                          const char      *op_name,
                                          JsonNode        *value,
                                          JsonObject      *extra,
                                          CohortOperator  *out_op,
                                          JsonNode       **out_value,
                                          GError         **error);

/* Parses JSON text, refusing nesting deep enough to exhaust the stack. */
JsonNode   *cohort_condition_load_json   (const char      *json,
                                          gssize           length,
                                          GError         **error);

G_END_DECLS
