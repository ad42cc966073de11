/* test-condition.c — the field catalog and the condition tree (SPEC §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "cohort-catalog.h"
#include "cohort-condition.h"
#include "cohort-error.h"

/* JSON and messages are written with ' for " so that they stay readable. */
static char *
q (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "'", '"');
  return copy;
}

static char *
wrap_rule (const char *rule)
{
  g_autofree char *json = q (rule);

  return g_strdup_printf ("{\"combinator\": \"and\", \"rules\": [%s]}", json);
}

static CohortCondition *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  CohortCondition *condition = cohort_condition_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (condition);
  return condition;
}

static void
assert_parse_error (const char *json,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortCondition) condition = cohort_condition_parse (json, -1, &error);
  g_autofree char *expected = q (message);

  g_assert_null (condition);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_rule_error (const char *rule,
                   const char *message)
{
  g_autofree char *json = wrap_rule (rule);

  assert_parse_error (json, message);
}

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conditions", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Parses @json, writes it, parses that again: both trees must write the same. */
static char *
assert_round_trip (const char *json)
{
  g_autoptr(CohortCondition) first = parse_ok (json);
  g_autofree char *written = cohort_condition_to_json (first, FALSE);
  g_autoptr(CohortCondition) second = parse_ok (written);
  g_autofree char *rewritten = cohort_condition_to_json (second, FALSE);

  g_assert_cmpstr (written, ==, rewritten);
  return g_steal_pointer (&written);
}

static void
test_catalog_lookup (void)
{
  const CohortField *field;
  const CohortField *fields;
  guint n_fields;

  field = cohort_catalog_lookup ("email");
  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, COHORT_FIELD_TEXT);
  g_assert_cmpint (field->category, ==, COHORT_CATEGORY_CONTACT);

  field = cohort_catalog_lookup ("custom.source");
  g_assert_nonnull (field);
  g_assert_cmpint (field->category, ==, COHORT_CATEGORY_CUSTOM);
  g_assert_cmpint (field->type, ==, COHORT_FIELD_TEXT);
  g_assert_null (cohort_catalog_lookup ("custom."));
  g_assert_null (cohort_catalog_lookup ("emial"));
  g_assert_null (cohort_catalog_lookup (""));

  g_assert_cmpint (cohort_catalog_lookup ("last_activity_at")->category, ==, COHORT_CATEGORY_ACTIVITY);
  g_assert_cmpint (cohort_catalog_lookup ("account.employees")->type, ==, COHORT_FIELD_INTEGER);
  g_assert_cmpint (cohort_catalog_lookup ("status")->type, ==, COHORT_FIELD_ENUM);

  fields = cohort_catalog_get_fields (&n_fields);
  g_assert_cmpuint (n_fields, ==, 19);
  g_assert_cmpstr (fields[0].name, ==, "email");
  g_assert_cmpstrv (cohort_catalog_get_status_values (),
                    ((const char *[]) { "active", "inactive", "unsubscribed", "bounced", NULL }));
}

static void
test_catalog_operators (void)
{
  const struct { CohortFieldType type; const char *names; } expected[] = {
    { COHORT_FIELD_TEXT, "= != contains doesNotContain beginsWith doesNotBeginWith endsWith doesNotEndWith in notIn null notNull" },
    { COHORT_FIELD_ENUM, "= != in notIn" },
    { COHORT_FIELD_INTEGER, "= != < <= > >= between notBetween null notNull" },
    { COHORT_FIELD_DATETIME, "< <= > >= between notBetween withinLastDays notWithinLastDays null notNull" },
    { COHORT_FIELD_TAG, "= != in notIn" },
    { COHORT_FIELD_GROUP, "in notIn" },
    { COHORT_FIELD_ACTIVITY, "atLeast none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      const CohortOperator *ops;
      guint n_ops;

      ops = cohort_field_type_get_operators (expected[i].type, &n_ops);
      for (guint j = 0; j < n_ops; j++)
        {
          g_string_append_printf (names, "%s%s", j > 0 ? " " : "", cohort_operator_to_string (ops[j]));
          g_assert_true (cohort_field_type_has_operator (expected[i].type, ops[j]));
        }
      g_assert_cmpstr (names->str, ==, expected[i].names);
    }
  g_assert_false (cohort_field_type_has_operator (COHORT_FIELD_DATETIME, COHORT_OP_EQ));
  g_assert_false (cohort_field_type_has_operator (COHORT_FIELD_ENUM, COHORT_OP_CONTAINS));

  for (guint op = 0; op < COHORT_N_OPERATORS; op++)
    {
      CohortOperator parsed;

      g_assert_true (cohort_operator_from_string (cohort_operator_to_string (op), &parsed));
      g_assert_cmpint (parsed, ==, op);
      g_assert_nonnull (cohort_operator_get_title (op, COHORT_FIELD_TEXT));
    }
  g_assert_false (cohort_operator_from_string ("startsWith", NULL));

  g_assert_true (cohort_operator_is_negative (COHORT_OP_NOT_IN));
  g_assert_true (cohort_operator_is_negative (COHORT_OP_NONE));
  g_assert_true (cohort_operator_is_negative (COHORT_OP_DOES_NOT_END_WITH));
  g_assert_false (cohort_operator_is_negative (COHORT_OP_AT_LEAST));
  g_assert_false (cohort_operator_is_negative (COHORT_OP_GE));
  g_assert_cmpint (cohort_operator_get_positive (COHORT_OP_NOT_WITHIN_LAST_DAYS), ==, COHORT_OP_WITHIN_LAST_DAYS);
  g_assert_cmpint (cohort_operator_get_positive (COHORT_OP_NONE), ==, COHORT_OP_AT_LEAST);
  g_assert_cmpint (cohort_operator_get_positive (COHORT_OP_LT), ==, COHORT_OP_LT);

  g_assert_cmpstr (cohort_operator_get_title (COHORT_OP_LT, COHORT_FIELD_DATETIME), ==, "is before");
  g_assert_cmpstr (cohort_operator_get_title (COHORT_OP_LT, COHORT_FIELD_INTEGER), ==, "is less than");
  g_assert_cmpstr (cohort_operator_get_title (COHORT_OP_IN, COHORT_FIELD_TAG), ==, "has any of the tags");
  g_assert_cmpstr (cohort_operator_get_title (COHORT_OP_NOT_IN, COHORT_FIELD_GROUP), ==, "is a member of none of");

  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_BETWEEN, COHORT_FIELD_DATETIME), ==, COHORT_VALUE_DATETIME_RANGE);
  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_BETWEEN, COHORT_FIELD_INTEGER), ==, COHORT_VALUE_INTEGER_RANGE);
  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_IN, COHORT_FIELD_GROUP), ==, COHORT_VALUE_GROUP_LIST);
  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_IN, COHORT_FIELD_TAG), ==, COHORT_VALUE_TEXT_LIST);
  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_GE, COHORT_FIELD_DATETIME), ==, COHORT_VALUE_DATETIME);
  g_assert_cmpint (cohort_operator_get_value_shape (COHORT_OP_NONE, COHORT_FIELD_ACTIVITY), ==, COHORT_VALUE_ACTIVITY_NONE);
}

static void
test_catalog_json (void)
{
  g_autoptr(JsonNode) node = cohort_catalog_to_json ();
  JsonObject *root = json_node_get_object (node);
  JsonArray *fields = json_object_get_array_member (root, "fields");
  JsonObject *email = json_array_get_object_element (fields, 0);
  JsonObject *custom = json_array_get_object_element (fields, json_array_get_length (fields) - 1);
  JsonArray *ops = json_object_get_array_member (email, "operators");
  JsonObject *first_op = json_array_get_object_element (ops, 0);
  JsonArray *statuses = json_object_get_array_member (root, "statuses");

  g_assert_cmpuint (json_array_get_length (fields), ==, 19);
  g_assert_cmpstr (json_object_get_string_member (email, "name"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (email, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (email, "category"), ==, "contact");
  g_assert_cmpstr (json_object_get_string_member (email, "title"), ==, "Email");
  g_assert_cmpuint (json_array_get_length (ops), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (first_op, "name"), ==, "=");
  g_assert_cmpstr (json_object_get_string_member (first_op, "title"), ==, "is");
  g_assert_cmpstr (json_object_get_string_member (first_op, "value"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (custom, "name"), ==, "custom.<key>");
  g_assert_cmpstr (json_object_get_string_member (custom, "category"), ==, "custom");
  g_assert_cmpuint (json_array_get_length (statuses), ==, 4);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      if (g_str_equal (json_object_get_string_member (field, "name"), "activity"))
        {
          JsonArray *activity_ops = json_object_get_array_member (field, "operators");

          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (activity_ops, 0), "value"),
                           ==, "activityCount");
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (activity_ops, 1), "value"),
                           ==, "activityNone");
        }
    }
}

static const char *
good_value (CohortValueShape shape,
            CohortFieldType  type)
{
  switch (shape)
    {
    case COHORT_VALUE_NONE: return NULL;
    case COHORT_VALUE_TEXT: return type == COHORT_FIELD_ENUM ? "'active'" : "'x'";
    case COHORT_VALUE_TEXT_LIST: return type == COHORT_FIELD_ENUM ? "['active', 'bounced']" : "['a', 'b']";
    case COHORT_VALUE_INTEGER: return "5";
    case COHORT_VALUE_INTEGER_RANGE: return "[1, 5]";
    case COHORT_VALUE_DATETIME: return "'2024-05-01'";
    case COHORT_VALUE_DATETIME_RANGE: return "['2024-01-01', '2024-12-31T23:59:59Z']";
    case COHORT_VALUE_DAYS: return "30";
    case COHORT_VALUE_ACTIVITY_COUNT: return "{'type': 'purchase', 'count': 2, 'days': 30}";
    case COHORT_VALUE_ACTIVITY_NONE: return "{'type': '*', 'days': 365}";
    case COHORT_VALUE_GROUP_LIST: return "['newsletter', 'vip-2']";
    default: g_assert_not_reached ();
    }
}

static void
test_every_field_and_operator (void)
{
  const CohortField *fields;
  guint n_fields;
  guint n_checked = 0;

  fields = cohort_catalog_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].category == COHORT_CATEGORY_CUSTOM ? "custom.source" : fields[i].name;
      const CohortOperator *ops;
      guint n_ops;

      ops = cohort_field_type_get_operators (fields[i].type, &n_ops);
      for (guint j = 0; j < n_ops; j++)
        {
          const char *value = good_value (cohort_operator_get_value_shape (ops[j], fields[i].type), fields[i].type);
          g_autofree char *rule = value != NULL
            ? g_strdup_printf ("{'field': '%s', 'operator': '%s', 'value': %s}", name, cohort_operator_to_string (ops[j]), value)
            : g_strdup_printf ("{'field': '%s', 'operator': '%s'}", name, cohort_operator_to_string (ops[j]));
          g_autofree char *json = wrap_rule (rule);
          g_autofree char *written = assert_round_trip (json);
          g_autoptr(CohortCondition) condition = parse_ok (written);
          CohortCondition *parsed = cohort_condition_get_child (condition, 0);

          g_assert_cmpstr (cohort_condition_get_field (parsed), ==, name);
          g_assert_cmpint (cohort_condition_get_operator (parsed), ==, ops[j]);
          g_assert_true (cohort_condition_validate (condition, NULL, NULL));
          n_checked++;
        }
    }
  /* 9 text fields and custom × 12, status 4, 2 integers × 10, 3 dates × 10, tag 4, group 2, activity 2 */
  g_assert_cmpuint (n_checked, ==, 10 * 12 + 4 + 2 * 10 + 3 * 10 + 4 + 2 + 2);
}

static void
test_bad_values (void)
{
  const struct { const char *rule; const char *message; } cases[] = {
    /* text */
    { "{'field': 'email', 'operator': '=', 'value': ['a']}",
      "rules[0].value: expected a text, not a list" },
    { "{'field': 'email', 'operator': 'contains', 'value': '  '}",
      "rules[0].value: 'contains' needs some text" },
    { "{'field': 'city', 'operator': 'doesNotEndWith', 'value': ''}",
      "rules[0].value: 'doesNotEndWith' needs some text" },
    { "{'field': 'email', 'operator': '='}",
      "rules[0].value: missing (expected a text)" },
    { "{'field': 'tag', 'operator': '=', 'value': ''}",
      "rules[0].value: '=' needs some text" },
    /* status */
    { "{'field': 'status', 'operator': '=', 'value': 'actvie'}",
      "rules[0].value: 'actvie' is not a status (expected one of: active, inactive, unsubscribed, bounced)" },
    { "{'field': 'status', 'operator': 'in', 'value': ['active', 'gone']}",
      "rules[0].value[1]: 'gone' is not a status (expected one of: active, inactive, unsubscribed, bounced)" },
    /* text lists */
    { "{'field': 'country', 'operator': 'in', 'value': {'a': 1}}",
      "rules[0].value: expected a list of texts such as ['DE', 'AT'], not an object" },
    { "{'field': 'country', 'operator': 'notIn', 'value': []}",
      "rules[0].value: needs at least one value" },
    { "{'field': 'tag', 'operator': 'in', 'value': ['vip', {}]}",
      "rules[0].value[1]: expected a text, not an object" },
    /* integers */
    { "{'field': 'score', 'operator': '>', 'value': 'abc'}",
      "rules[0].value: expected a whole number, not 'abc'" },
    { "{'field': 'account.employees', 'operator': '=', 'value': 1.5}",
      "rules[0].value: expected a whole number, not 1.5" },
    { "{'field': 'score', 'operator': 'between', 'value': [1]}",
      "rules[0].value: expected two whole numbers such as [1, 5], not a list" },
    { "{'field': 'score', 'operator': 'between', 'value': [1, true]}",
      "rules[0].value[1]: expected a whole number, not true" },
    /* date-times */
    { "{'field': 'created_at', 'operator': '<', 'value': 'yesterday'}",
      "rules[0].value: 'yesterday' is not a date (expected a date such as 2024-05-31 or 2024-05-31T14:30:00+02:00)" },
    { "{'field': 'updated_at', 'operator': '>=', 'value': 20240101}",
      "rules[0].value: expected a date such as 2024-05-31 or 2024-05-31T14:30:00+02:00, not 20240101" },
    { "{'field': 'created_at', 'operator': 'between', 'value': ['2024-01-01', '2024-02-30']}",
      "rules[0].value[1]: '2024-02-30' is not a date (expected a date such as 2024-05-31 or 2024-05-31T14:30:00+02:00)" },
    /* days */
    { "{'field': 'last_activity_at', 'operator': 'withinLastDays', 'value': -1}",
      "rules[0].value: expected a number of days, 0 or more, not -1" },
    { "{'field': 'last_activity_at', 'operator': 'notWithinLastDays', 'value': 99999999}",
      "rules[0].value: 99999999 days is too long (at most 1000000)" },
    /* activity */
    { "{'field': 'activity', 'operator': 'atLeast', 'value': {'type': 'purchase'}}",
      "rules[0].value.count: expected a whole number, 1 or more, not nothing" },
    { "{'field': 'activity', 'operator': 'atLeast', 'value': {'type': 'purchase', 'count': 0}}",
      "rules[0].value.count: expected a whole number, 1 or more, not 0" },
    { "{'field': 'activity', 'operator': 'atLeast', 'value': {'type': 'page visit', 'count': 1}}",
      "rules[0].value.type: 'page visit' is not an activity type (use lowercase letters, digits and _, or '*' for any)" },
    { "{'field': 'activity', 'operator': 'none', 'value': {'type': 'purchase', 'dyas': 3}}",
      "rules[0].value.dyas: unknown key (expected {'type': 'purchase', 'days': 30})" },
    { "{'field': 'activity', 'operator': 'none', 'value': {'type': 'purchase', 'count': 3}}",
      "rules[0].value.count: 'none' takes no count (use 'atLeast' to count activities)" },
    { "{'field': 'activity', 'operator': 'none', 'value': {'days': 3}}",
      "rules[0].value.type: expected an activity type such as 'purchase', or '*' for any, not nothing" },
    { "{'field': 'activity', 'operator': 'none', 'value': 'purchase'}",
      "rules[0].value: expected {'type': 'purchase', 'days': 30}, not 'purchase'" },
    /* groups */
    { "{'field': 'group', 'operator': 'in', 'value': ['VIP list']}",
      "rules[0].value[0]: 'VIP list' is not a group code name (code names use only a-z, 0-9, - and _)" },
    { "{'field': 'group', 'operator': 'notIn', 'value': []}",
      "rules[0].value: needs at least one value" },
    /* fields and operators */
    { "{'field': 'emial', 'operator': '=', 'value': 'a'}",
      "rules[0].field: 'emial' is not a field (expected one of: email, first_name, last_name, phone, "
      "job_title, city, country, status, score, created_at, updated_at, last_activity_at, account.name, "
      "account.industry, account.employees, tag, group, activity, custom.<key>)" },
    { "{'field': 'custom.', 'operator': '=', 'value': 'a'}",
      "rules[0].field: 'custom.' is not a field (expected one of: email, first_name, last_name, phone, "
      "job_title, city, country, status, score, created_at, updated_at, last_activity_at, account.name, "
      "account.industry, account.employees, tag, group, activity, custom.<key>)" },
    { "{'field': 42, 'operator': '=', 'value': 'a'}",
      "rules[0].field: expected a field name, not 42" },
    { "{'field': 'created_at', 'operator': '=', 'value': '2024-01-01'}",
      "rules[0].operator: '=' is not an operator of field 'created_at' (expected one of: <, <=, >, >=, "
      "between, notBetween, withinLastDays, notWithinLastDays, null, notNull)" },
    { "{'field': 'group', 'operator': 'in'}",
      "rules[0].value: missing (expected a list of group code names such as ['newsletter'])" },
    { "{'field': 'score', 'operator': '=', 'value': 1, 'valueSource': 'field'}",
      "rules[0].valueSource: only 'value' is supported, not 'field'" },
    { "{'field': 'score', 'operator': '=', 'value': 1, 'not': true}",
      "rules[0].not: only groups can be negated (use a negative operator such as '!=')" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_rule_error (cases[i].rule, cases[i].message);
}

static void
test_spec_error_example (void)
{
  g_autofree char *json = q ("{'combinator': 'and', 'rules': ["
                             "  {'field': 'country', 'operator': 'in', 'value': ['DE', 'AT']},"
                             "  {'combinator': 'or', 'rules': ["
                             "    {'field': 'email', 'operator': 'startsWith', 'value': 'info@'}]}]}");

  assert_parse_error (json,
                      "rules[1].rules[0].operator: 'startsWith' is not an operator of field 'email' "
                      "(expected one of: =, !=, contains, doesNotContain, beginsWith, doesNotBeginWith, "
                      "endsWith, doesNotEndWith, in, notIn, null, notNull)");
}

static void
test_structure_errors (void)
{
  g_autoptr(CohortCondition) any = NULL;
  g_autoptr(CohortCondition) all = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortCondition) broken = NULL;

  assert_parse_error ("[]", "the condition must be a JSON object");
  assert_parse_error ("{\"field\": \"email\", \"operator\": \"null\"}",
                      "the condition must be a group: {'combinator': 'and', 'rules': […]}");
  assert_parse_error ("{\"rules\": []}", "rules: a group needs at least one condition");
  assert_parse_error ("{\"rules\": {}}", "rules: expected a list of conditions, not an object");
  assert_parse_error ("{\"combinator\": \"xor\", \"rules\": [{\"field\": \"email\", \"operator\": \"null\"}]}",
                      "combinator: expected 'and' or 'or', not 'xor'");
  assert_parse_error ("{\"not\": \"yes\", \"rules\": [{\"field\": \"email\", \"operator\": \"null\"}]}",
                      "not: expected true or false, not 'yes'");
  assert_parse_error ("{\"rules\": [{\"field\": \"email\", \"operator\": \"null\"}, {\"rules\": []}]}",
                      "rules[1].rules: a group needs at least one condition");
  assert_parse_error ("{\"rules\": [7]}", "rules[0]: expected a condition or a group (a JSON object), not 7");
  assert_parse_error ("{\"rules\": [{\"operator\": \"=\"}]}",
                      "rules[0]: expected 'field' (a condition) or 'rules' (a group)");

  broken = cohort_condition_parse ("{\"rules\": [", -1, &error);
  g_assert_null (broken);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "the condition is not valid JSON: "));

  any = parse_ok ("{\"combinator\": \"OR\", \"rules\": [{\"field\": \"email\", \"operator\": \"null\"}]}");
  g_assert_true (cohort_condition_get_any (any));
  all = parse_ok ("{\"rules\": [{\"field\": \"email\", \"operator\": \"null\", \"value\": \"ignored\"}]}");
  g_assert_false (cohort_condition_get_any (all));
  json = cohort_condition_to_json (all, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"combinator\":\"and\",\"rules\":[{\"field\":\"email\",\"operator\":\"null\",\"value\":\"ignored\"}]}");
}

static char *
nested_groups (guint depth)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (json, "{\"combinator\": \"and\", \"rules\": [");
  g_string_append (json, "{\"field\": \"score\", \"operator\": \">\", \"value\": 1}");
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *eight = nested_groups (8);
  g_autofree char *nine = nested_groups (9);
  g_autofree char *hostile = nested_groups (100000);
  g_autoptr(CohortCondition) ok = parse_ok (eight);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortCondition) refused = NULL;

  g_assert_nonnull (ok);
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (path, "%srules[0]", i > 0 ? "." : "");
  g_string_append (path, ": groups are nested too deep (at most 8 levels)");
  assert_parse_error (nine, path->str);

  refused = cohort_condition_parse (hostile, -1, &error);
  g_assert_null (refused);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
}

static char *
many_rules (guint n)
{
  GString *json = g_string_new ("{\"combinator\": \"or\", \"rules\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"field\": \"score\", \"operator\": \"=\", \"value\": %u}",
                            i > 0 ? ", " : "", i);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_size (void)
{
  g_autofree char *thousand = many_rules (1000);
  g_autofree char *too_many = many_rules (1001);
  g_autoptr(CohortCondition) ok = parse_ok (thousand);

  g_assert_cmpuint (cohort_condition_get_n_children (ok), ==, 1000);
  assert_parse_error (too_many, "rules[1000]: too many conditions (at most 1000)");
}

static void
test_unknown_keys_kept (void)
{
  g_autofree char *json = q ("{'id': 'root', 'combinator': 'and', 'rules': ["
                             "  {'id': 'r-1', 'field': 'email', 'operator': '=', 'value': 'a@b.c', 'valueSource': 'value'},"
                             "  {'id': 'g-1', 'combinator': 'or', 'not': false, 'rules': ["
                             "    {'id': 'r-2', 'field': 'tag', 'operator': '!=', 'value': 'vip', 'meta': {'by': ['ann']}}]}]}");
  g_autofree char *written = assert_round_trip (json);
  g_autofree char *expected = q ("{'combinator':'and','rules':["
                                 "{'field':'email','operator':'=','value':'a@b.c','id':'r-1','valueSource':'value'},"
                                 "{'combinator':'or','not':false,'rules':["
                                 "{'field':'tag','operator':'!=','value':'vip','id':'r-2','meta':{'by':['ann']}}],"
                                 "'id':'g-1'}],'id':'root'}");

  g_assert_cmpstr (written, ==, expected);
}

static void
test_normalised_values (void)
{
  g_autofree char *json = q ("{'combinator': 'and', 'rules': ["
                             "  {'field': 'country', 'operator': 'in', 'value': 'DE, AT,, '},"
                             "  {'field': 'score', 'operator': 'between', 'value': '1, 5'},"
                             "  {'field': 'score', 'operator': '>=', 'value': ' 42 '},"
                             "  {'field': 'phone', 'operator': '=', 'value': 12345},"
                             "  {'field': 'status', 'operator': 'in', 'value': 'Active, BOUNCED'},"
                             "  {'field': 'group', 'operator': 'in', 'value': ' newsletter '},"
                             "  {'field': 'activity', 'operator': 'atLeast', 'value': {'type': 'Purchase', 'count': '2', 'days': null}},"
                             "  {'field': 'created_at', 'operator': 'between', 'value': '2024-01-01,2024-12-31'}]}");
  g_autofree char *written = assert_round_trip (json);
  g_autofree char *expected = q ("{'combinator':'and','rules':["
                                 "{'field':'country','operator':'in','value':['DE','AT']},"
                                 "{'field':'score','operator':'between','value':[1,5]},"
                                 "{'field':'score','operator':'>=','value':42},"
                                 "{'field':'phone','operator':'=','value':'12345'},"
                                 "{'field':'status','operator':'in','value':['active','bounced']},"
                                 "{'field':'group','operator':'in','value':['newsletter']},"
                                 "{'field':'activity','operator':'atLeast','value':{'type':'purchase','count':2}},"
                                 "{'field':'created_at','operator':'between','value':['2024-01-01','2024-12-31']}]}");

  g_assert_cmpstr (written, ==, expected);
}

static void
test_querybuilder (void)
{
  g_autofree char *json = load_fixture ("querybuilder.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortCondition) condition = cohort_condition_parse_querybuilder (json, -1, &error);
  g_autoptr(CohortCondition) bad = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = q ("{'combinator':'and','rules':["
                                 "{'field':'country','operator':'in','value':['DE','AT','CH']},"
                                 "{'field':'score','operator':'between','value':[10,50]},"
                                 "{'combinator':'or','not':true,'rules':["
                                 "{'field':'email','operator':'endsWith','value':'@competitor.com'},"
                                 "{'field':'phone','operator':'null'}]},"
                                 "{'field':'created_at','operator':'>=','value':'2024-01-01','data':{'source':'crm'}},"
                                 "{'field':'status','operator':'!=','value':'unsubscribed'}]}");
  g_autofree char *bad_json = q ("{'condition': 'AND', 'rules': [{'id': 'email', 'operator': 'equal', 'value': 'a'},"
                                 "{'id': 'email', 'operator': 'is_emptyish', 'value': null}]}");
  g_autofree char *bad_field = q ("{'condition': 'OR', 'rules': [{'id': 'price', 'operator': 'less', 'value': 10}]}");

  g_assert_no_error (error);
  written = cohort_condition_to_json (condition, FALSE);
  g_assert_cmpstr (written, ==, expected);

  bad = cohort_condition_parse_querybuilder (bad_json, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message,
                                   "rules[1].operator: \"is_emptyish\" is not a jQuery QueryBuilder operator (expected one of: equal, "));
  g_clear_error (&error);

  bad = cohort_condition_parse_querybuilder (bad_field, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "rules[0].field: \"price\" is not a field"));
}

static void
count_cb (CohortCondition *condition,
          guint           *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autofree char *json = load_fixture ("spec-example.json");
  g_autoptr(CohortCondition) root = parse_ok (json);
  CohortCondition *inner = cohort_condition_get_child (root, 1);
  CohortCondition *tag = cohort_condition_get_child (inner, 0);
  g_autoptr(CohortCondition) removed = NULL;
  g_autoptr(JsonNode) value = json_from_string ("\"gold\"", NULL);
  guint root_count = 0, inner_count = 0, tag_count = 0, other_count = 0;

  g_signal_connect (root, "changed", G_CALLBACK (count_cb), &root_count);
  g_signal_connect (inner, "changed", G_CALLBACK (count_cb), &inner_count);
  g_signal_connect (tag, "changed", G_CALLBACK (count_cb), &tag_count);
  g_signal_connect (cohort_condition_get_child (root, 0), "changed", G_CALLBACK (count_cb), &other_count);

  cohort_condition_set_value (tag, value);
  g_assert_cmpuint (tag_count, ==, 1);
  g_assert_cmpuint (inner_count, ==, 1);
  g_assert_cmpuint (root_count, ==, 1);
  g_assert_cmpuint (other_count, ==, 0);

  /* Setting what is already there is not an edit. */
  cohort_condition_set_value (tag, value);
  cohort_condition_set_negated (root, FALSE);
  g_assert_cmpuint (root_count, ==, 1);

  cohort_condition_set_operator (tag, COHORT_OP_NE);
  cohort_condition_set_field (tag, "custom.segment");
  cohort_condition_set_any (inner, TRUE);
  cohort_condition_set_negated (inner, TRUE);
  g_assert_cmpuint (tag_count, ==, 3);
  g_assert_cmpuint (inner_count, ==, 5);
  g_assert_cmpuint (root_count, ==, 5);

  g_assert_true (cohort_condition_get_parent (tag) == inner);
  g_assert_true (cohort_condition_get_parent (inner) == root);
  removed = g_object_ref (tag);
  cohort_condition_remove (inner, tag);
  g_assert_cmpuint (root_count, ==, 6);
  g_assert_null (cohort_condition_get_parent (removed));
  g_assert_cmpuint (cohort_condition_get_n_children (inner), ==, 1);

  /* A rule outside the tree no longer reports to it. */
  cohort_condition_set_operator (removed, COHORT_OP_EQ);
  g_assert_cmpuint (root_count, ==, 6);

  cohort_condition_insert (inner, 0, removed);
  g_assert_cmpuint (root_count, ==, 7);
  g_assert_true (cohort_condition_get_child (inner, 0) == removed);
}

static void
test_weak_parent (void)
{
  g_autofree char *json = load_fixture ("spec-example.json");
  CohortCondition *root = parse_ok (json);
  g_autoptr(CohortCondition) inner = g_object_ref (cohort_condition_get_child (root, 0));
  g_autofree char *path = cohort_condition_dup_path (cohort_condition_get_child (inner, 1));

  g_assert_cmpstr (path, ==, "rules[0].rules[1]");
  g_object_unref (root);
  g_assert_null (cohort_condition_get_parent (inner));
  g_assert_cmpuint (cohort_condition_get_n_children (inner), ==, 2);
}

static void
test_validate_edited (void)
{
  g_autofree char *json = load_fixture ("spec-example.json");
  g_autoptr(CohortCondition) root = parse_ok (json);
  CohortCondition *inner = cohort_condition_get_child (root, 1);
  CohortCondition *tag = cohort_condition_get_child (inner, 0);
  CohortCondition *activity = cohort_condition_get_child (inner, 1);
  CohortCondition *offender = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cohort_condition_validate (root, &offender, &error));
  g_assert_no_error (error);
  g_assert_null (offender);

  cohort_condition_set_operator (tag, COHORT_OP_BETWEEN);
  g_assert_false (cohort_condition_validate (root, &offender, &error));
  g_assert_true (offender == tag);
  g_assert_error (error, COHORT_ERROR, COHORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "rules[1].rules[0].operator: \"between\" is not an operator of field \"tag\" "
                   "(expected one of: =, !=, in, notIn)");
  g_clear_error (&error);

  /* Validating a branch still reports paths from the root. */
  cohort_condition_set_operator (tag, COHORT_OP_EQ);
  cohort_condition_set_value (activity, NULL);
  g_assert_false (cohort_condition_validate (inner, &offender, &error));
  g_assert_true (offender == activity);
  g_assert_cmpstr (error->message, ==,
                   "rules[1].rules[1].value: missing (expected {\"type\": \"purchase\", \"days\": 30})");
  g_clear_error (&error);

  cohort_condition_remove (inner, activity);
  cohort_condition_remove (inner, tag);
  g_assert_false (cohort_condition_validate (root, &offender, &error));
  g_assert_true (offender == inner);
  g_assert_cmpstr (error->message, ==, "rules[1].rules: a group needs at least one condition");
}

static void
test_build_and_copy (void)
{
  g_autoptr(CohortCondition) root = cohort_condition_new_group (TRUE);
  g_autoptr(CohortCondition) group_rule = NULL;
  g_autoptr(CohortCondition) copy = NULL;
  g_autoptr(JsonNode) codes = json_from_string ("[\"vip\", \"newsletter\"]", NULL);
  g_autoptr(JsonNode) more = json_from_string ("[\"newsletter\", \"archive\"]", NULL);
  g_autoptr(CohortCondition) other = cohort_condition_new_rule ("group", COHORT_OP_NOT_IN, more);
  g_auto(GStrv) groups = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;

  group_rule = cohort_condition_new_rule ("group", COHORT_OP_IN, codes);
  cohort_condition_append (root, group_rule);
  cohort_condition_append (root, other);
  g_assert_true (cohort_condition_validate (root, NULL, NULL));

  groups = cohort_condition_collect_groups (root);
  g_assert_cmpstrv (groups, ((const char *[]) { "archive", "newsletter", "vip", NULL }));

  copy = cohort_condition_copy (root);
  before = cohort_condition_to_json (root, FALSE);
  copied = cohort_condition_to_json (copy, FALSE);
  g_assert_cmpstr (before, ==, copied);

  /* The copy owns its values: editing the source's array leaves it alone. */
  json_array_add_string_element (json_node_get_array (cohort_condition_get_value (group_rule)), "extra");
  after = cohort_condition_to_json (copy, FALSE);
  g_assert_cmpstr (after, ==, copied);
  g_assert_cmpstr (before, ==,
                   "{\"combinator\":\"or\",\"rules\":[{\"field\":\"group\",\"operator\":\"in\",\"value\":[\"vip\",\"newsletter\"]},"
                   "{\"field\":\"group\",\"operator\":\"notIn\",\"value\":[\"newsletter\",\"archive\"]}]}");
}

static void
test_describe (void)
{
  const struct { const char *condition; const char *sentence; } cases[] = {
    { "{'combinator': 'and', 'rules': [{'field': 'activity', 'operator': 'atLeast', 'value': {'type': 'purchase', 'count': 2, 'days': 30}}]}",
      "at least 2 “purchase” activities in the last 30 days" },
    { "{'combinator': 'and', 'rules': [{'field': 'activity', 'operator': 'atLeast', 'value': {'type': '*', 'count': 1}}]}",
      "at least 1 activity" },
    { "{'combinator': 'or', 'not': true, 'rules': [{'field': 'score', 'operator': 'between', 'value': [1, 5]},"
      " {'field': 'created_at', 'operator': 'notWithinLastDays', 'value': 1}]}",
      "not (score is between 1 and 5 or created_at not in the last 1 day)" },
    { "{'combinator': 'and', 'rules': [{'field': 'status', 'operator': 'in', 'value': ['active', 'bounced']},"
      " {'field': 'phone', 'operator': 'notNull'}, {'field': 'city', 'operator': '=', 'value': ''},"
      " {'field': 'created_at', 'operator': '<', 'value': '2024-01-01'}]}",
      "status is one of active, bounced and phone is not empty and city is empty and created_at is before 2024-01-01" },
    { "{'combinator': 'and', 'rules': [{'field': 'group', 'operator': 'in', 'value': ['vip', 'newsletter']},"
      " {'combinator': 'and', 'not': true, 'rules': [{'field': 'tag', 'operator': 'notIn', 'value': ['a', 'b']}]},"
      " {'field': 'activity', 'operator': 'none', 'value': {'type': 'email_open'}}]}",
      "is a member of any of vip, newsletter and not (has none of the tags a, b) and no “email_open” activity" },
  };
  g_autofree char *json = load_fixture ("spec-example.json");
  g_autoptr(CohortCondition) spec = parse_ok (json);
  g_autofree char *sentence = cohort_condition_describe (spec);

  g_assert_cmpstr (sentence, ==,
                   "(country is one of DE, AT or email ends with “@acme.com”) and "
                   "(has tag “vip” and no activity in the last 365 days)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *condition_json = q (cases[i].condition);
      g_autoptr(CohortCondition) condition = parse_ok (condition_json);
      g_autofree char *described = cohort_condition_describe (condition);

      g_assert_cmpstr (described, ==, cases[i].sentence);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The sentences and messages are checked in English. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/lookup", test_catalog_lookup);
  g_test_add_func ("/catalog/operators", test_catalog_operators);
  g_test_add_func ("/catalog/json", test_catalog_json);
  g_test_add_func ("/condition/every-field-and-operator", test_every_field_and_operator);
  g_test_add_func ("/condition/bad-values", test_bad_values);
  g_test_add_func ("/condition/spec-error-example", test_spec_error_example);
  g_test_add_func ("/condition/structure-errors", test_structure_errors);
  g_test_add_func ("/condition/depth", test_depth);
  g_test_add_func ("/condition/size", test_size);
  g_test_add_func ("/condition/unknown-keys-kept", test_unknown_keys_kept);
  g_test_add_func ("/condition/normalised-values", test_normalised_values);
  g_test_add_func ("/condition/querybuilder", test_querybuilder);
  g_test_add_func ("/condition/changed-signal", test_changed_signal);
  g_test_add_func ("/condition/weak-parent", test_weak_parent);
  g_test_add_func ("/condition/validate-edited", test_validate_edited);
  g_test_add_func ("/condition/build-and-copy", test_build_and_copy);
  g_test_add_func ("/condition/describe", test_describe);

  return g_test_run ();
}
