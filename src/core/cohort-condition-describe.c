/* cohort-condition-describe.c — a condition tree read for people and other
 * tools: the sentence a marketer reads, the groups it references, and the
 * import of jQuery QueryBuilder JSON. Only the public tree API is used here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-private.h"
#include "cohort-text.h"

/* Any JSON value as plain text: lists joined with ", ". Tolerant, because
 * the editor asks for a sentence before the tree is valid. */
static char *
value_to_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = value_to_text (json_array_get_element (array, i));
          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", item);
        }
      return g_string_free (text, FALSE);
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup ("");
    }
}

static int
value_to_int (JsonNode *node)
{
  g_autofree char *text = value_to_text (node);
  gint64 number = 0;

  cohort_parse_int64 (text, &number);
  return (int) CLAMP (number, 0, G_MAXINT);
}

static char *
quote (const char *text)
{
  /* TRANSLATORS: quotes around a text in a condition, e.g. ends with “@acme.com” */
  return g_strdup_printf (_("“%s”"), text);
}

static char *
in_the_last_days (JsonNode *days,
                  gboolean  negated)
{
  int n = value_to_int (days);

  if (negated)
    return g_strdup_printf (ngettext ("not in the last %d day", "not in the last %d days", n), n);
  return g_strdup_printf (ngettext ("in the last %d day", "in the last %d days", n), n);
}

static char *
describe_activity (CohortOperator  op,
                   JsonNode       *value)
{
  JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
  const char *type = object != NULL ? cohort_json_get_string (object, "type") : NULL;
  JsonNode *days = object != NULL ? json_object_get_member (object, "days") : NULL;
  g_autofree char *quoted = type != NULL && strcmp (type, "*") != 0 ? quote (type) : NULL;
  g_autofree char *what = NULL;

  if (op == COHORT_OP_AT_LEAST)
    {
      int count = value_to_int (object != NULL ? json_object_get_member (object, "count") : NULL);

      if (quoted != NULL)
        /* TRANSLATORS: "at least 2 “purchase” activities" */
        what = g_strdup_printf (ngettext ("at least %d %s activity", "at least %d %s activities", count),
                                count, quoted);
      else
        what = g_strdup_printf (ngettext ("at least %d activity", "at least %d activities", count), count);
    }
  else if (quoted != NULL)
    /* TRANSLATORS: "no “purchase” activity" */
    what = g_strdup_printf (_("no %s activity"), quoted);
  else
    what = g_strdup (_("no activity"));

  if (days != NULL && !JSON_NODE_HOLDS_NULL (days))
    {
      g_autofree char *when = in_the_last_days (days, FALSE);
      return g_strconcat (what, " ", when, NULL);
    }
  return g_steal_pointer (&what);
}

static char *
describe_rule (CohortCondition *rule)
{
  const char *name = cohort_condition_get_field (rule);
  const CohortField *field = cohort_catalog_lookup (name);
  CohortFieldType type = field != NULL ? field->type : COHORT_FIELD_TEXT;
  CohortOperator op = cohort_condition_get_operator (rule);
  JsonNode *value = cohort_condition_get_value (rule);
  const char *title = _(cohort_operator_get_title (op, type));
  g_autofree char *text = value_to_text (value);
  g_autofree char *clean = cohort_text_clean (text);
  g_autofree char *predicate = NULL;

  switch (cohort_operator_get_value_shape (op, type))
    {
    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      return describe_activity (op, value);

    case COHORT_VALUE_NONE:
      predicate = g_strdup (title);
      break;

    case COHORT_VALUE_TEXT:
      if (type == COHORT_FIELD_ENUM)
        predicate = g_strjoin (" ", title, text, NULL);
      else if (clean == NULL && (op == COHORT_OP_EQ || op == COHORT_OP_NE))
        /* An empty "=" operand is how react-querybuilder says "is empty". */
        predicate = g_strdup (_(cohort_operator_get_title (op == COHORT_OP_EQ ? COHORT_OP_NULL
                                                                               : COHORT_OP_NOT_NULL, type)));
      else
        {
          g_autofree char *quoted = quote (text);
          predicate = g_strjoin (" ", title, quoted, NULL);
        }
      break;

    case COHORT_VALUE_INTEGER_RANGE:
    case COHORT_VALUE_DATETIME_RANGE:
      if (value != NULL && JSON_NODE_HOLDS_ARRAY (value) &&
          json_array_get_length (json_node_get_array (value)) == 2)
        {
          g_autofree char *low = value_to_text (json_array_get_element (json_node_get_array (value), 0));
          g_autofree char *high = value_to_text (json_array_get_element (json_node_get_array (value), 1));
          g_autofree char *range = g_strdup_printf (_("%s and %s"), low, high);

          predicate = g_strjoin (" ", title, range, NULL);
        }
      else
        predicate = g_strjoin (" ", title, text, NULL);
      break;

    case COHORT_VALUE_DAYS:
      predicate = in_the_last_days (value, op == COHORT_OP_NOT_WITHIN_LAST_DAYS);
      break;

    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
    case COHORT_VALUE_INTEGER:
    case COHORT_VALUE_DATETIME:
    default:
      predicate = g_strjoin (" ", title, text, NULL);
      break;
    }

  /* Tag and group titles already say what they are about: "has tag “vip”". */
  if (type == COHORT_FIELD_TAG || type == COHORT_FIELD_GROUP)
    return g_steal_pointer (&predicate);
  return g_strjoin (" ", name, predicate, NULL);
}

static void
describe_node (CohortCondition *node,
               gboolean         nested,
               GString         *out)
{
  gboolean negated, wrap;
  const char *joiner;

  if (!cohort_condition_is_group (node))
    {
      g_autofree char *rule = describe_rule (node);
      g_string_append (out, rule);
      return;
    }

  negated = cohort_condition_get_negated (node);
  wrap = nested || negated;
  /* TRANSLATORS: joins conditions: "country is DE and score is greater than 5" */
  joiner = cohort_condition_get_any (node) ? C_("condition", "or") : C_("condition", "and");

  if (negated)
    g_string_append_printf (out, "%s ", C_("condition", "not"));
  if (wrap)
    g_string_append_c (out, '(');
  for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
    {
      if (i > 0)
        g_string_append_printf (out, " %s ", joiner);
      describe_node (cohort_condition_get_child (node, i), TRUE, out);
    }
  if (wrap)
    g_string_append_c (out, ')');
}

char *
cohort_condition_describe (CohortCondition *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  describe_node (self, FALSE, out);
  return g_string_free (out, FALSE);
}

static void
collect_groups (CohortCondition *node,
                GPtrArray       *codes)
{
  JsonNode *value;

  if (cohort_condition_is_group (node))
    {
      for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
        collect_groups (cohort_condition_get_child (node, i), codes);
      return;
    }

  value = cohort_condition_get_value (node);
  if (g_strcmp0 (cohort_condition_get_field (node), "group") != 0 ||
      value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (value), i);
      char *code;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          (code = cohort_text_clean (json_node_get_string (element))) != NULL)
        g_ptr_array_add (codes, code);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cohort_condition_collect_groups (CohortCondition *self)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *unique = g_ptr_array_new ();

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  collect_groups (self, codes);
  g_ptr_array_sort (codes, compare_strings);
  for (guint i = 0; i < codes->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (codes, i), g_ptr_array_index (codes, i - 1)) != 0)
      g_ptr_array_add (unique, g_strdup (g_ptr_array_index (codes, i)));
  g_ptr_array_add (unique, NULL);
  return (GStrv) g_ptr_array_free (unique, FALSE);
}

static const struct
{
  const char *querybuilder;
  const char *cohort;
} querybuilder_operators[] = {
  { "equal", "=" },
  { "not_equal", "!=" },
  { "in", "in" },
  { "not_in", "notIn" },
  { "less", "<" },
  { "less_or_equal", "<=" },
  { "greater", ">" },
  { "greater_or_equal", ">=" },
  { "between", "between" },
  { "not_between", "notBetween" },
  { "begins_with", "beginsWith" },
  { "not_begins_with", "doesNotBeginWith" },
  { "contains", "contains" },
  { "not_contains", "doesNotContain" },
  { "ends_with", "endsWith" },
  { "not_ends_with", "doesNotEndWith" },
  /* An empty text is the same as a missing one (SPEC §2). */
  { "is_empty", "null" },
  { "is_not_empty", "notNull" },
  { "is_null", "null" },
  { "is_not_null", "notNull" },
};

/* Keys jQuery QueryBuilder writes that mean nothing once converted. */
static gboolean
is_querybuilder_key (const char *name)
{
  const char * const keys[] = {
    "condition", "rules", "not", "valid", "id", "field", "type", "input", "operator", "value",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (name, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Rewrites the QueryBuilder tree into SPEC JSON with the same positions, so
 * that the paths of later validation errors still point into the input. */
static JsonNode *
convert_querybuilder (JsonNode    *node,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return cohort_json_deep_copy (node);
  object = json_node_get_object (node);

  if (json_object_has_member (object, "rules") || json_object_has_member (object, "condition"))
    {
      const char *condition = cohort_json_get_string (object, "condition");
      JsonNode *rules = json_object_get_member (object, "rules");

      if (condition == NULL && !json_object_has_member (object, "condition"))
        condition = "AND";
      if (condition == NULL ||
          (g_ascii_strcasecmp (condition, "AND") != 0 && g_ascii_strcasecmp (condition, "OR") != 0))
        {
          g_autofree char *condition_path = cohort_path_key (path, "condition");

          cohort_path_expected (error, condition_path, "\"AND\" or \"OR\"",
                                json_object_get_member (object, "condition"));
          return NULL;
        }
      json_object_set_string_member (result, "combinator",
                                     g_ascii_strcasecmp (condition, "OR") == 0 ? "or" : "and");
      if (json_object_has_member (object, "not"))
        json_object_set_member (result, "not", cohort_json_deep_copy (json_object_get_member (object, "not")));

      if (rules != NULL && JSON_NODE_HOLDS_ARRAY (rules))
        {
          JsonArray *array = json_node_get_array (rules);
          JsonArray *converted = json_array_sized_new (json_array_get_length (array));

          json_object_set_array_member (result, "rules", converted);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *child_path = g_strdup_printf ("%s%srules[%u]", path,
                                                             *path != '\0' ? "." : "", i);
              JsonNode *child = convert_querybuilder (json_array_get_element (array, i), child_path, error);

              if (child == NULL)
                return NULL;
              json_array_add_element (converted, child);
            }
        }
      else if (rules != NULL)
        json_object_set_member (result, "rules", cohort_json_deep_copy (rules));
    }
  else
    {
      const char *field = cohort_json_get_string (object, "field");
      const char *op = cohort_json_get_string (object, "operator");
      const char *cohort_op = NULL;

      if (field == NULL)
        field = cohort_json_get_string (object, "id");
      if (field != NULL)
        json_object_set_string_member (result, "field", field);

      for (guint i = 0; op != NULL && i < G_N_ELEMENTS (querybuilder_operators); i++)
        if (strcmp (op, querybuilder_operators[i].querybuilder) == 0)
          cohort_op = querybuilder_operators[i].cohort;
      if (op != NULL && cohort_op == NULL)
        {
          g_autofree char *op_path = cohort_path_key (path, "operator");

          cohort_path_error (error, op_path,
                             _("\"%s\" is not a jQuery QueryBuilder operator (expected one of: "
                             "equal, not_equal, in, not_in, less, less_or_equal, greater, "
                             "greater_or_equal, between, not_between, begins_with, "
                             "not_begins_with, contains, not_contains, ends_with, "
                             "not_ends_with, is_empty, is_not_empty, is_null, is_not_null)"),
                             op);
          return NULL;
        }
      if (cohort_op != NULL)
        json_object_set_string_member (result, "operator", cohort_op);
      /* QueryBuilder sends null for the operators that take no value. */
      if (json_object_has_member (object, "value") &&
          (cohort_op == NULL || (strcmp (cohort_op, "null") != 0 && strcmp (cohort_op, "notNull") != 0)))
        json_object_set_member (result, "value", cohort_json_deep_copy (json_object_get_member (object, "value")));
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!is_querybuilder_key (name))
      json_object_set_member (result, name, cohort_json_deep_copy (member));

  return json_node_init_object (json_node_alloc (), result);
}

CohortCondition *
cohort_condition_parse_querybuilder (const char  *json,
                                     gssize       length,
                                     GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) converted = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = cohort_condition_load_json (json, length, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      cohort_path_error (error, "", _("the condition must be a JSON object"));
      return NULL;
    }
  converted = convert_querybuilder (root, "", error);
  return converted != NULL ? cohort_condition_new_from_node (converted, error) : NULL;
}
