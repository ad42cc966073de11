/* cohort-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-catalog.h"

#define CUSTOM_PREFIX "custom."

static const CohortField fields[] = {
  { "email", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("Email") },
  { "first_name", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("First name") },
  { "last_name", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("Last name") },
  { "phone", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("Phone") },
  { "job_title", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("Job title") },
  { "city", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("City") },
  { "country", COHORT_FIELD_TEXT, COHORT_CATEGORY_CONTACT, N_("Country") },
  { "status", COHORT_FIELD_ENUM, COHORT_CATEGORY_CONTACT, N_("Status") },
  { "score", COHORT_FIELD_INTEGER, COHORT_CATEGORY_CONTACT, N_("Score") },
  { "created_at", COHORT_FIELD_DATETIME, COHORT_CATEGORY_CONTACT, N_("Created") },
  { "updated_at", COHORT_FIELD_DATETIME, COHORT_CATEGORY_CONTACT, N_("Last updated") },
  { "last_activity_at", COHORT_FIELD_DATETIME, COHORT_CATEGORY_ACTIVITY, N_("Last activity") },
  { "account.name", COHORT_FIELD_TEXT, COHORT_CATEGORY_ACCOUNT, N_("Account name") },
  { "account.industry", COHORT_FIELD_TEXT, COHORT_CATEGORY_ACCOUNT, N_("Industry") },
  { "account.employees", COHORT_FIELD_INTEGER, COHORT_CATEGORY_ACCOUNT, N_("Employees") },
  { "tag", COHORT_FIELD_TAG, COHORT_CATEGORY_TAGS, N_("Tag") },
  { "group", COHORT_FIELD_GROUP, COHORT_CATEGORY_GROUPS, N_("Group") },
  { "activity", COHORT_FIELD_ACTIVITY, COHORT_CATEGORY_ACTIVITY, N_("Activity") },
  /* Must stay last: lookups match it by prefix. */
  { CUSTOM_PREFIX, COHORT_FIELD_TEXT, COHORT_CATEGORY_CUSTOM, N_("Custom field") },
};

static const CohortOperator text_operators[] = {
  COHORT_OP_EQ, COHORT_OP_NE,
  COHORT_OP_CONTAINS, COHORT_OP_DOES_NOT_CONTAIN,
  COHORT_OP_BEGINS_WITH, COHORT_OP_DOES_NOT_BEGIN_WITH,
  COHORT_OP_ENDS_WITH, COHORT_OP_DOES_NOT_END_WITH,
  COHORT_OP_IN, COHORT_OP_NOT_IN,
  COHORT_OP_NULL, COHORT_OP_NOT_NULL,
};

static const CohortOperator enum_operators[] = {
  COHORT_OP_EQ, COHORT_OP_NE, COHORT_OP_IN, COHORT_OP_NOT_IN,
};

static const CohortOperator integer_operators[] = {
  COHORT_OP_EQ, COHORT_OP_NE,
  COHORT_OP_LT, COHORT_OP_LE, COHORT_OP_GT, COHORT_OP_GE,
  COHORT_OP_BETWEEN, COHORT_OP_NOT_BETWEEN,
  COHORT_OP_NULL, COHORT_OP_NOT_NULL,
};

static const CohortOperator datetime_operators[] = {
  COHORT_OP_LT, COHORT_OP_LE, COHORT_OP_GT, COHORT_OP_GE,
  COHORT_OP_BETWEEN, COHORT_OP_NOT_BETWEEN,
  COHORT_OP_WITHIN_LAST_DAYS, COHORT_OP_NOT_WITHIN_LAST_DAYS,
  COHORT_OP_NULL, COHORT_OP_NOT_NULL,
};

static const CohortOperator tag_operators[] = {
  COHORT_OP_EQ, COHORT_OP_NE, COHORT_OP_IN, COHORT_OP_NOT_IN,
};

static const CohortOperator group_operators[] = {
  COHORT_OP_IN, COHORT_OP_NOT_IN,
};

static const CohortOperator activity_operators[] = {
  COHORT_OP_AT_LEAST, COHORT_OP_NONE,
};

static const struct
{
  const CohortOperator *operators;
  guint                 n_operators;
} operators_by_type[] = {
  [COHORT_FIELD_TEXT] = { text_operators, G_N_ELEMENTS (text_operators) },
  [COHORT_FIELD_ENUM] = { enum_operators, G_N_ELEMENTS (enum_operators) },
  [COHORT_FIELD_INTEGER] = { integer_operators, G_N_ELEMENTS (integer_operators) },
  [COHORT_FIELD_DATETIME] = { datetime_operators, G_N_ELEMENTS (datetime_operators) },
  [COHORT_FIELD_TAG] = { tag_operators, G_N_ELEMENTS (tag_operators) },
  [COHORT_FIELD_GROUP] = { group_operators, G_N_ELEMENTS (group_operators) },
  [COHORT_FIELD_ACTIVITY] = { activity_operators, G_N_ELEMENTS (activity_operators) },
};

static const char * const operator_names[COHORT_N_OPERATORS] = {
  [COHORT_OP_EQ] = "=",
  [COHORT_OP_NE] = "!=",
  [COHORT_OP_CONTAINS] = "contains",
  [COHORT_OP_DOES_NOT_CONTAIN] = "doesNotContain",
  [COHORT_OP_BEGINS_WITH] = "beginsWith",
  [COHORT_OP_DOES_NOT_BEGIN_WITH] = "doesNotBeginWith",
  [COHORT_OP_ENDS_WITH] = "endsWith",
  [COHORT_OP_DOES_NOT_END_WITH] = "doesNotEndWith",
  [COHORT_OP_IN] = "in",
  [COHORT_OP_NOT_IN] = "notIn",
  [COHORT_OP_NULL] = "null",
  [COHORT_OP_NOT_NULL] = "notNull",
  [COHORT_OP_BETWEEN] = "between",
  [COHORT_OP_NOT_BETWEEN] = "notBetween",
  [COHORT_OP_WITHIN_LAST_DAYS] = "withinLastDays",
  [COHORT_OP_NOT_WITHIN_LAST_DAYS] = "notWithinLastDays",
  [COHORT_OP_AT_LEAST] = "atLeast",
  [COHORT_OP_NONE] = "none",
  [COHORT_OP_LT] = "<",
  [COHORT_OP_LE] = "<=",
  [COHORT_OP_GT] = ">",
  [COHORT_OP_GE] = ">=",
};

static const char * const operator_titles[COHORT_N_OPERATORS] = {
  [COHORT_OP_EQ] = N_("is"),
  [COHORT_OP_NE] = N_("is not"),
  [COHORT_OP_CONTAINS] = N_("contains"),
  [COHORT_OP_DOES_NOT_CONTAIN] = N_("does not contain"),
  [COHORT_OP_BEGINS_WITH] = N_("begins with"),
  [COHORT_OP_DOES_NOT_BEGIN_WITH] = N_("does not begin with"),
  [COHORT_OP_ENDS_WITH] = N_("ends with"),
  [COHORT_OP_DOES_NOT_END_WITH] = N_("does not end with"),
  [COHORT_OP_IN] = N_("is one of"),
  [COHORT_OP_NOT_IN] = N_("is none of"),
  [COHORT_OP_NULL] = N_("is empty"),
  [COHORT_OP_NOT_NULL] = N_("is not empty"),
  [COHORT_OP_BETWEEN] = N_("is between"),
  [COHORT_OP_NOT_BETWEEN] = N_("is not between"),
  [COHORT_OP_WITHIN_LAST_DAYS] = N_("in the last … days"),
  [COHORT_OP_NOT_WITHIN_LAST_DAYS] = N_("not in the last … days"),
  [COHORT_OP_AT_LEAST] = N_("at least … activities"),
  [COHORT_OP_NONE] = N_("no activity"),
  [COHORT_OP_LT] = N_("is less than"),
  [COHORT_OP_LE] = N_("is at most"),
  [COHORT_OP_GT] = N_("is greater than"),
  [COHORT_OP_GE] = N_("is at least"),
};

static const char * const status_values[] = {
  "active", "inactive", "unsubscribed", "bounced", NULL
};

const CohortField *
cohort_catalog_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_has_prefix (name, CUSTOM_PREFIX))
    return name[strlen (CUSTOM_PREFIX)] != '\0' ? &fields[G_N_ELEMENTS (fields) - 1] : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields) - 1; i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

const CohortField *
cohort_catalog_get_fields (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const CohortOperator *
cohort_field_type_get_operators (CohortFieldType  type,
                                 guint           *n_operators)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (operators_by_type), NULL);
  g_return_val_if_fail (n_operators != NULL, NULL);

  *n_operators = operators_by_type[type].n_operators;
  return operators_by_type[type].operators;
}

gboolean
cohort_field_type_has_operator (CohortFieldType type,
                                CohortOperator  op)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (operators_by_type), FALSE);

  for (guint i = 0; i < operators_by_type[type].n_operators; i++)
    if (operators_by_type[type].operators[i] == op)
      return TRUE;
  return FALSE;
}

/* Total over every pair, so that an editor switching field and operator one
 * after the other never gets an undefined shape in between. */
CohortValueShape
cohort_operator_get_value_shape (CohortOperator  op,
                                 CohortFieldType type)
{
  switch (op)
    {
    case COHORT_OP_NULL:
    case COHORT_OP_NOT_NULL:
      return COHORT_VALUE_NONE;

    case COHORT_OP_EQ:
    case COHORT_OP_NE:
    case COHORT_OP_LT:
    case COHORT_OP_LE:
    case COHORT_OP_GT:
    case COHORT_OP_GE:
      if (type == COHORT_FIELD_INTEGER)
        return COHORT_VALUE_INTEGER;
      if (type == COHORT_FIELD_DATETIME)
        return COHORT_VALUE_DATETIME;
      return COHORT_VALUE_TEXT;

    case COHORT_OP_CONTAINS:
    case COHORT_OP_DOES_NOT_CONTAIN:
    case COHORT_OP_BEGINS_WITH:
    case COHORT_OP_DOES_NOT_BEGIN_WITH:
    case COHORT_OP_ENDS_WITH:
    case COHORT_OP_DOES_NOT_END_WITH:
      return COHORT_VALUE_TEXT;

    case COHORT_OP_IN:
    case COHORT_OP_NOT_IN:
      return type == COHORT_FIELD_GROUP ? COHORT_VALUE_GROUP_LIST : COHORT_VALUE_TEXT_LIST;

    case COHORT_OP_BETWEEN:
    case COHORT_OP_NOT_BETWEEN:
      return type == COHORT_FIELD_DATETIME ? COHORT_VALUE_DATETIME_RANGE : COHORT_VALUE_INTEGER_RANGE;

    case COHORT_OP_WITHIN_LAST_DAYS:
    case COHORT_OP_NOT_WITHIN_LAST_DAYS:
      return COHORT_VALUE_DAYS;

    case COHORT_OP_AT_LEAST:
      return COHORT_VALUE_ACTIVITY_COUNT;

    case COHORT_OP_NONE:
      return COHORT_VALUE_ACTIVITY_NONE;

    case COHORT_N_OPERATORS:
    default:
      g_return_val_if_reached (COHORT_VALUE_NONE);
    }
}

const char *
cohort_operator_to_string (CohortOperator op)
{
  g_return_val_if_fail (op < COHORT_N_OPERATORS, NULL);

  return operator_names[op];
}

gboolean
cohort_operator_from_string (const char     *text,
                             CohortOperator *out_op)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < COHORT_N_OPERATORS; i++)
    if (strcmp (operator_names[i], text) == 0)
      {
        if (out_op != NULL)
          *out_op = (CohortOperator) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cohort_operator_get_title (CohortOperator  op,
                           CohortFieldType type)
{
  g_return_val_if_fail (op < COHORT_N_OPERATORS, NULL);

  if (type == COHORT_FIELD_DATETIME)
    switch (op)
      {
      case COHORT_OP_LT: return N_("is before");
      case COHORT_OP_LE: return N_("is on or before");
      case COHORT_OP_GT: return N_("is after");
      case COHORT_OP_GE: return N_("is on or after");
      default: break;
      }
  else if (type == COHORT_FIELD_TAG)
    switch (op)
      {
      case COHORT_OP_EQ: return N_("has tag");
      case COHORT_OP_NE: return N_("does not have tag");
      case COHORT_OP_IN: return N_("has any of the tags");
      case COHORT_OP_NOT_IN: return N_("has none of the tags");
      default: break;
      }
  else if (type == COHORT_FIELD_GROUP)
    switch (op)
      {
      case COHORT_OP_IN: return N_("is a member of any of");
      case COHORT_OP_NOT_IN: return N_("is a member of none of");
      default: break;
      }

  return operator_titles[op];
}

/* The enum keeps each negative operator right after its positive twin, and
 * the twins end before COHORT_OP_LT. */
gboolean
cohort_operator_is_negative (CohortOperator op)
{
  return op < COHORT_OP_LT && (op % 2) == 1;
}

CohortOperator
cohort_operator_get_positive (CohortOperator op)
{
  return cohort_operator_is_negative (op) ? op - 1 : op;
}

const char *
cohort_field_type_to_string (CohortFieldType type)
{
  switch (type)
    {
    case COHORT_FIELD_TEXT: return "text";
    case COHORT_FIELD_ENUM: return "enum";
    case COHORT_FIELD_INTEGER: return "integer";
    case COHORT_FIELD_DATETIME: return "datetime";
    case COHORT_FIELD_TAG: return "tag";
    case COHORT_FIELD_GROUP: return "group";
    case COHORT_FIELD_ACTIVITY: return "activity";
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
field_category_to_string (CohortFieldCategory category)
{
  switch (category)
    {
    case COHORT_CATEGORY_CONTACT: return "contact";
    case COHORT_CATEGORY_ACCOUNT: return "account";
    case COHORT_CATEGORY_TAGS: return "tags";
    case COHORT_CATEGORY_ACTIVITY: return "activity";
    case COHORT_CATEGORY_GROUPS: return "groups";
    case COHORT_CATEGORY_CUSTOM: return "custom";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
cohort_field_category_get_title (CohortFieldCategory category)
{
  switch (category)
    {
    case COHORT_CATEGORY_CONTACT: return N_("Contact");
    case COHORT_CATEGORY_ACCOUNT: return N_("Account");
    case COHORT_CATEGORY_TAGS: return N_("Tags");
    case COHORT_CATEGORY_ACTIVITY: return N_("Activity");
    case COHORT_CATEGORY_GROUPS: return N_("Groups");
    case COHORT_CATEGORY_CUSTOM: return N_("Custom fields");
    default: g_return_val_if_reached (NULL);
    }
}

const char * const *
cohort_catalog_get_status_values (void)
{
  return status_values;
}

static const char *
value_shape_to_string (CohortValueShape shape)
{
  switch (shape)
    {
    case COHORT_VALUE_NONE: return "none";
    case COHORT_VALUE_TEXT: return "text";
    case COHORT_VALUE_TEXT_LIST: return "textList";
    case COHORT_VALUE_INTEGER: return "integer";
    case COHORT_VALUE_INTEGER_RANGE: return "integerRange";
    case COHORT_VALUE_DATETIME: return "datetime";
    case COHORT_VALUE_DATETIME_RANGE: return "datetimeRange";
    case COHORT_VALUE_DAYS: return "days";
    case COHORT_VALUE_ACTIVITY_COUNT: return "activityCount";
    case COHORT_VALUE_ACTIVITY_NONE: return "activityNone";
    case COHORT_VALUE_GROUP_LIST: return "groupList";
    default: g_return_val_if_reached (NULL);
    }
}

/* The shape scripts read from `cohort-cli schema`; names are stable, titles
 * are in the user's language:
 *
 *   {"fields": [{"name": "email", "type": "text", "category": "contact",
 *                "title": "Email",
 *                "operators": [{"name": "=", "title": "is", "value": "text"}, …]},
 *               …,
 *               {"name": "custom.<key>", "type": "text", "category": "custom", …}],
 *    "statuses": ["active", "inactive", "unsubscribed", "bounced"]}
 *
 * "type" is one of text, enum, integer, datetime, tag, group, activity;
 * "category" one of contact, account, tags, activity, groups, custom; an
 * operator's "value" one of none, text, textList, integer, integerRange,
 * datetime, datetimeRange, days, activityCount, activityNone, groupList.
 */
JsonNode *
cohort_catalog_to_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const CohortField *field = &fields[i];
      const CohortOperator *ops;
      guint n_ops = 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder,
                                     field->category == COHORT_CATEGORY_CUSTOM
                                     ? CUSTOM_PREFIX "<key>" : field->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, cohort_field_type_to_string (field->type));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, field_category_to_string (field->category));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, _(field->title));

      json_builder_set_member_name (builder, "operators");
      json_builder_begin_array (builder);
      ops = cohort_field_type_get_operators (field->type, &n_ops);
      for (guint j = 0; j < n_ops; j++)
        {
          CohortValueShape shape = cohort_operator_get_value_shape (ops[j], field->type);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, cohort_operator_to_string (ops[j]));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, _(cohort_operator_get_title (ops[j], field->type)));
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, value_shape_to_string (shape));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "statuses");
  json_builder_begin_array (builder);
  for (guint i = 0; status_values[i] != NULL; i++)
    json_builder_add_string_value (builder, status_values[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
