/* cohort-editor-value.h — reading and making the JSON values of
 * conditions, as the value editor shows and edits them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-catalog.h"

G_BEGIN_DECLS

/* The activity type that stands for any type. */
#define COHORT_ANY_ACTIVITY "*"
/* How far back a new date or activity condition looks. */
#define COHORT_DEFAULT_DAYS 30

JsonNode *cohort_editor_value_new_text       (const char       *text);
JsonNode *cohort_editor_value_new_int        (gint64            number);
/* Takes both nodes. */
JsonNode *cohort_editor_value_new_pair       (JsonNode         *low,
                                              JsonNode         *high);
JsonNode *cohort_editor_value_take_array     (JsonArray        *array);
/* {"type", "count" (when > 0), "days" (when @days is a value)} */
JsonNode *cohort_editor_value_new_activity   (const char       *type,
                                              gint64            count,
                                              JsonNode         *days);

/* A string or a number as text; NULL for anything else. */
char     *cohort_editor_value_dup_text       (JsonNode         *node);
gint64    cohort_editor_value_get_int        (JsonNode         *node,
                                              gint64            fallback);
/* Borrowed; NULL when @node is no array or too short. */
JsonNode *cohort_editor_value_get_element    (JsonNode         *node,
                                              guint             index);
/* Borrowed; NULL when @node is no object or has no such member. */
JsonNode *cohort_editor_value_get_member     (JsonNode         *node,
                                              const char       *name);
/* The items of a list, or of "DE, AT" as react-querybuilder writes one. */
GStrv     cohort_editor_value_dup_strv       (JsonNode         *node);

/* A value of shape @to that keeps what it can of @value, of shape @from:
 * a text becomes a one-item list, a number a range from it to itself, an
 * activity count keeps its type and days. A default for @to otherwise;
 * NULL for COHORT_VALUE_NONE. */
JsonNode *cohort_editor_value_adapt          (JsonNode         *value,
                                              CohortValueShape  from,
                                              CohortValueShape  to);

G_END_DECLS
