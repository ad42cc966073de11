/* cohort-catalog.h — the one table of condition fields and operators
 *
 * The editor, the validator, `cohort-cli schema` and the SQL compiler all
 * read this catalog; nothing about a field is listed anywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  COHORT_FIELD_TEXT,
  COHORT_FIELD_ENUM,
  COHORT_FIELD_INTEGER,
  COHORT_FIELD_DATETIME,
  COHORT_FIELD_TAG,
  COHORT_FIELD_GROUP,
  COHORT_FIELD_ACTIVITY,
} CohortFieldType;

typedef enum
{
  COHORT_CATEGORY_CONTACT,
  COHORT_CATEGORY_ACCOUNT,
  COHORT_CATEGORY_TAGS,
  COHORT_CATEGORY_ACTIVITY,
  COHORT_CATEGORY_GROUPS,
  COHORT_CATEGORY_CUSTOM,
} CohortFieldCategory;

/* Order matters: each negative operator directly follows its positive twin. */
typedef enum
{
  COHORT_OP_EQ,
  COHORT_OP_NE,
  COHORT_OP_CONTAINS,
  COHORT_OP_DOES_NOT_CONTAIN,
  COHORT_OP_BEGINS_WITH,
  COHORT_OP_DOES_NOT_BEGIN_WITH,
  COHORT_OP_ENDS_WITH,
  COHORT_OP_DOES_NOT_END_WITH,
  COHORT_OP_IN,
  COHORT_OP_NOT_IN,
  COHORT_OP_NULL,
  COHORT_OP_NOT_NULL,
  COHORT_OP_BETWEEN,
  COHORT_OP_NOT_BETWEEN,
  COHORT_OP_WITHIN_LAST_DAYS,
  COHORT_OP_NOT_WITHIN_LAST_DAYS,
  COHORT_OP_AT_LEAST,
  COHORT_OP_NONE,
  /* no negative twins */
  COHORT_OP_LT,
  COHORT_OP_LE,
  COHORT_OP_GT,
  COHORT_OP_GE,
  COHORT_N_OPERATORS
} CohortOperator;

/* The shape of the "value" an operator takes on a field. */
typedef enum
{
  COHORT_VALUE_NONE,          /* null / notNull */
  COHORT_VALUE_TEXT,          /* a string */
  COHORT_VALUE_TEXT_LIST,     /* an array of strings */
  COHORT_VALUE_INTEGER,       /* a number */
  COHORT_VALUE_INTEGER_RANGE, /* [low, high] */
  COHORT_VALUE_DATETIME,      /* an ISO 8601 string */
  COHORT_VALUE_DATETIME_RANGE,/* [from, to] */
  COHORT_VALUE_DAYS,          /* a whole number of days ≥ 0 */
  COHORT_VALUE_ACTIVITY_COUNT,/* {"type", "count", "days"?} */
  COHORT_VALUE_ACTIVITY_NONE, /* {"type", "days"?} */
  COHORT_VALUE_GROUP_LIST,    /* an array of group code names */
} CohortValueShape;

typedef struct
{
  const char          *name;      /* "email", "account.name"; "custom." is a prefix */
  CohortFieldType      type;
  CohortFieldCategory  category;
  const char          *title;     /* untranslated; pass through _() */
} CohortField;

/* NULL when @name is not a field. "custom.<key>" (any non-empty key) resolves
 * to the custom-field entry. */
const CohortField    *cohort_catalog_lookup              (const char          *name);
const CohortField    *cohort_catalog_get_fields          (guint               *n_fields);

const CohortOperator *cohort_field_type_get_operators    (CohortFieldType      type,
                                                          guint               *n_operators);
gboolean              cohort_field_type_has_operator     (CohortFieldType      type,
                                                          CohortOperator       op);
CohortValueShape      cohort_operator_get_value_shape    (CohortOperator       op,
                                                          CohortFieldType      type);

/* "=", "beginsWith", "withinLastDays" … as in the JSON. */
const char           *cohort_operator_to_string          (CohortOperator       op);
gboolean              cohort_operator_from_string        (const char          *text,
                                                          CohortOperator      *out_op);
/* Words a marketer reads for @op on a field of @type: "ends with",
 * "is none of", "no activity". Untranslated; pass through _(). */
const char           *cohort_operator_get_title          (CohortOperator       op,
                                                          CohortFieldType      type);
/* TRUE for != notIn doesNot… notNull notBetween notWithinLastDays none. */
gboolean              cohort_operator_is_negative        (CohortOperator       op);
/* The positive twin of a negative operator; @op itself otherwise. */
CohortOperator        cohort_operator_get_positive       (CohortOperator       op);

const char           *cohort_field_type_to_string        (CohortFieldType      type);
const char           *cohort_field_category_get_title    (CohortFieldCategory  category);

/* The status values, NULL-terminated. */
const char * const   *cohort_catalog_get_status_values   (void);

/* The whole catalog as JSON, for `cohort-cli schema`. */
JsonNode             *cohort_catalog_to_json             (void);

G_END_DECLS
