/* cohort-condition-value.c — one rule checked against the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-private.h"
#include "cohort-error.h"
#include "cohort-group.h"
#include "cohort-text.h"

/* Keeps N × 86400 s far from overflowing when the compiler turns days into
 * seconds; 1,000,000 days is longer than any contact history. */
#define MAX_DAYS 1000000

JsonObject *
cohort_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, cohort_json_deep_copy (member));
  return copy;
}

JsonNode *
cohort_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, cohort_json_object_deep_copy (json_node_get_object (node)));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (array_copy, cohort_json_deep_copy (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array_copy);
    }
  else
    copy = json_node_copy (node);
  return copy;
}

const char *
cohort_json_get_string (JsonObject *object,
                        const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

char *
cohort_path_key (const char *path,
                 const char *key)
{
  return *path != '\0' ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* Every message starts with the JSON path of what is wrong, so that a
 * marketer, a script or the editor can point at it. */
void
cohort_path_error (GError    **error,
                   const char *path,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (*path == '\0')
    g_set_error_literal (error, COHORT_ERROR, COHORT_ERROR_INVALID, message);
  else
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s: %s", path, message);
}

/* How a wrong value reads in a message: the text itself, or what it is. */
static char *
describe_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return g_strdup (_("nothing"));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("a list"));
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");

  text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 39);
      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&text);
}

/* A string or a number as text; NULL for anything else. */
static char *
scalar_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    default:
      return NULL;
    }
}

static gboolean
node_to_int64 (JsonNode *node,
               gint64   *out_value)
{
  double d;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out_value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      d = json_node_get_double (node);
      if (!(d >= -9.0e18 && d <= 9.0e18) || (double) (gint64) d != d)
        return FALSE;
      *out_value = (gint64) d;
      return TRUE;
    case G_TYPE_STRING:
      return cohort_parse_int64 (json_node_get_string (node), out_value);
    default:
      return FALSE;
    }
}

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static char *
join_field_names (void)
{
  GString *names = g_string_new (NULL);
  const CohortField *fields;
  guint n_fields;

  fields = cohort_catalog_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, fields[i].name);
      if (fields[i].category == COHORT_CATEGORY_CUSTOM)
        g_string_append (names, "<key>");
    }
  return g_string_free (names, FALSE);
}

static char *
join_operator_names (CohortFieldType type)
{
  GString *names = g_string_new (NULL);
  const CohortOperator *ops;
  guint n_ops;

  ops = cohort_field_type_get_operators (type, &n_ops);
  for (guint i = 0; i < n_ops; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", cohort_operator_to_string (ops[i]));
  return g_string_free (names, FALSE);
}

static const char *
shape_expectation (CohortValueShape shape,
                   CohortFieldType  type)
{
  switch (shape)
    {
    case COHORT_VALUE_TEXT:
      return type == COHORT_FIELD_ENUM
        ? _("a status: active, inactive, unsubscribed or bounced")
        : _("a text");
    case COHORT_VALUE_TEXT_LIST:
      return _("a list of texts such as [\"DE\", \"AT\"]");
    case COHORT_VALUE_INTEGER:
      return _("a whole number");
    case COHORT_VALUE_INTEGER_RANGE:
      return _("two whole numbers such as [1, 5]");
    case COHORT_VALUE_DATETIME:
      return _("a date such as 2024-05-31 or 2024-05-31T14:30:00+02:00");
    case COHORT_VALUE_DATETIME_RANGE:
      return _("two dates such as [\"2024-01-01\", \"2024-12-31\"]");
    case COHORT_VALUE_DAYS:
      return _("a number of days, 0 or more");
    case COHORT_VALUE_ACTIVITY_COUNT:
      return _("{\"type\": \"purchase\", \"count\": 2, \"days\": 30}");
    case COHORT_VALUE_ACTIVITY_NONE:
      return _("{\"type\": \"purchase\", \"days\": 30}");
    case COHORT_VALUE_GROUP_LIST:
      return _("a list of group code names such as [\"newsletter\"]");
    case COHORT_VALUE_NONE:
    default:
      return _("no value");
    }
}

gboolean
cohort_path_expected (GError     **error,
                      const char  *path,
                      const char  *expected,
                      JsonNode    *got)
{
  g_autofree char *text = describe_json (got);

  cohort_path_error (error, path, _("expected %s, not %s"), expected, text);
  return FALSE;
}

static const char *
status_lookup (const char *text)
{
  g_autofree char *clean = cohort_text_clean (text);
  const char * const *statuses = cohort_catalog_get_status_values ();

  for (guint i = 0; clean != NULL && statuses[i] != NULL; i++)
    if (g_ascii_strcasecmp (clean, statuses[i]) == 0)
      return statuses[i];
  return NULL;
}

static gboolean
check_text (const CohortField  *field,
            CohortOperator      op,
            JsonNode           *value,
            const char         *path,
            JsonNode          **out_value,
            GError            **error)
{
  g_autofree char *text = scalar_text (value);
  g_autofree char *clean = NULL;

  if (text == NULL)
    return cohort_path_expected (error, path, shape_expectation (COHORT_VALUE_TEXT, field->type), value);

  if (field->type == COHORT_FIELD_ENUM)
    {
      const char *status = status_lookup (text);

      if (status == NULL)
        {
          cohort_path_error (error, path,
                             _("\"%s\" is not a status (expected one of: active, inactive, unsubscribed, bounced)"),
                             text);
          return FALSE;
        }
      *out_value = string_node (status);
      return TRUE;
    }

  /* An empty "=" operand means "is missing"; searching for nothing or a
   * blank tag has no meaning. */
  clean = cohort_text_clean (text);
  if (clean == NULL && (field->type == COHORT_FIELD_TAG ||
                        (op >= COHORT_OP_CONTAINS && op <= COHORT_OP_DOES_NOT_END_WITH)))
    {
      cohort_path_error (error, path, _("\"%s\" needs some text"), cohort_operator_to_string (op));
      return FALSE;
    }
  *out_value = string_node (text);
  return TRUE;
}

/* Text and group lists: a JSON array, or "DE, AT" as react-querybuilder
 * writes a list typed into a text box. */
static gboolean
check_list (const CohortField  *field,
            CohortValueShape    shape,
            JsonNode           *value,
            const char         *path,
            JsonNode          **out_value,
            GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) array = NULL;
  gboolean from_text = JSON_NODE_HOLDS_VALUE (value) &&
                       json_node_get_value_type (value) == G_TYPE_STRING;

  if (from_text)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (value), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *clean = cohort_text_clean (parts[i]);
          if (clean != NULL)
            g_ptr_array_add (items, clean);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *elements = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (elements); i++)
        {
          JsonNode *element = json_array_get_element (elements, i);
          char *text = scalar_text (element);

          if (text == NULL)
            {
              g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
              return cohort_path_expected (error, element_path, _("a text"), element);
            }
          g_ptr_array_add (items, text);
        }
    }
  else
    return cohort_path_expected (error, path, shape_expectation (shape, field->type), value);

  if (items->len == 0)
    {
      cohort_path_error (error, path, _("needs at least one value"));
      return FALSE;
    }

  array = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      g_autofree char *item_path = from_text ? g_strdup (path) : g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *clean = cohort_text_clean (item);

      if (field->type == COHORT_FIELD_ENUM)
        {
          const char *status = status_lookup (item);

          if (status == NULL)
            {
              cohort_path_error (error, item_path,
                                 _("\"%s\" is not a status (expected one of: active, inactive, unsubscribed, bounced)"),
                                 item);
              return FALSE;
            }
          json_array_add_string_element (array, status);
        }
      else if (shape == COHORT_VALUE_GROUP_LIST)
        {
          if (clean == NULL || !cohort_group_code_is_valid (clean))
            {
              cohort_path_error (error, item_path,
                                 _("\"%s\" is not a group code name (code names use only a-z, 0-9, - and _)"),
                                 item);
              return FALSE;
            }
          json_array_add_string_element (array, clean);
        }
      else
        json_array_add_string_element (array, item);
    }

  *out_value = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

static gboolean
check_integer (JsonNode    *value,
               const char  *path,
               gint64      *out_value,
               GError     **error)
{
  if (!node_to_int64 (value, out_value))
    return cohort_path_expected (error, path, _("a whole number"), value);
  return TRUE;
}

static gboolean
check_days (JsonNode    *value,
            const char  *path,
            gint64      *out_days,
            GError     **error)
{
  if (!node_to_int64 (value, out_days) || *out_days < 0)
    return cohort_path_expected (error, path, _("a number of days, 0 or more"), value);
  if (*out_days > MAX_DAYS)
    {
      g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT, *out_days);

      cohort_path_error (error, path, _("%s days is too long (at most %d)"), days, MAX_DAYS);
      return FALSE;
    }
  return TRUE;
}

/* Validated in UTC: the compiler reads it again in the user's zone. */
static gboolean
check_datetime (JsonNode    *value,
                const char  *path,
                gint64      *out_unix,
                char       **out_text,
                GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return cohort_path_expected (error, path, shape_expectation (COHORT_VALUE_DATETIME, 0), value);

  text = json_node_get_string (value);
  if (!cohort_datetime_parse (text, utc, out_unix, NULL))
    {
      cohort_path_error (error, path, _("\"%s\" is not a date (expected %s)"),
                         text, shape_expectation (COHORT_VALUE_DATETIME, 0));
      return FALSE;
    }
  *out_text = cohort_text_clean (text);
  return TRUE;
}

static gboolean
check_range_end (CohortValueShape   shape,
                 JsonNode          *end,
                 const char        *path,
                 guint              index,
                 gint64            *out_number,
                 char             **out_text,
                 GError           **error)
{
  g_autofree char *end_path = g_strdup_printf ("%s[%u]", path, index);

  if (shape == COHORT_VALUE_DATETIME_RANGE)
    return check_datetime (end, end_path, out_number, out_text, error);
  if (!check_integer (end, end_path, out_number, error))
    return FALSE;
  *out_text = g_strdup_printf ("%" G_GINT64_FORMAT, *out_number);
  return TRUE;
}

/* [low, high], or "1,5" as react-querybuilder writes a range. */
static gboolean
check_range (CohortValueShape    shape,
             JsonNode           *value,
             const char         *path,
             JsonNode          **out_value,
             GError            **error)
{
  g_autoptr(JsonNode) low = NULL;
  g_autoptr(JsonNode) high = NULL;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  JsonArray *array;
  gint64 low_number, high_number;

  if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) == 2)
    {
      low = json_node_ref (json_array_get_element (json_node_get_array (value), 0));
      high = json_node_ref (json_array_get_element (json_node_get_array (value), 1));
    }
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (value), ",", -1);

      if (g_strv_length (parts) == 2)
        {
          low = string_node (parts[0]);
          high = string_node (parts[1]);
        }
    }
  if (low == NULL)
    return cohort_path_expected (error, path, shape_expectation (shape, 0), value);

  if (!check_range_end (shape, low, path, 0, &low_number, &low_text, error) ||
      !check_range_end (shape, high, path, 1, &high_number, &high_text, error))
    return FALSE;
  /* A range that starts after it ends is valid and matches nothing (SQL
   * BETWEEN): for date-times without an offset only the user's time zone,
   * which the compiler knows, can tell which end comes first. */

  array = json_array_sized_new (2);
  if (shape == COHORT_VALUE_DATETIME_RANGE)
    {
      json_array_add_string_element (array, low_text);
      json_array_add_string_element (array, high_text);
    }
  else
    {
      json_array_add_int_element (array, low_number);
      json_array_add_int_element (array, high_number);
    }
  *out_value = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return TRUE;
}

static gboolean
check_activity (CohortOperator      op,
                JsonNode           *value,
                const char         *path,
                JsonNode          **out_value,
                GError            **error)
{
  CohortValueShape shape = cohort_operator_get_value_shape (op, COHORT_FIELD_ACTIVITY);
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *type_path = cohort_path_key (path, "type");
  g_autofree char *count_path = cohort_path_key (path, "count");
  g_autofree char *type = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    return cohort_path_expected (error, path, shape_expectation (shape, COHORT_FIELD_ACTIVITY), value);
  object = json_node_get_object (value);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *member_path = cohort_path_key (path, name);

      if (op == COHORT_OP_NONE && strcmp (name, "count") == 0)
        {
          cohort_path_error (error, member_path,
                             _("\"none\" takes no count (use \"atLeast\" to count activities)"));
          return FALSE;
        }
      if (strcmp (name, "type") != 0 && strcmp (name, "count") != 0 && strcmp (name, "days") != 0)
        {
          cohort_path_error (error, member_path, _("unknown key (expected %s)"),
                             shape_expectation (shape, COHORT_FIELD_ACTIVITY));
          return FALSE;
        }
    }

  member = json_object_get_member (object, "type");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING ||
      (type = cohort_text_clean (json_node_get_string (member))) == NULL)
    return cohort_path_expected (error, type_path,
                                 _("an activity type such as \"purchase\", or \"*\" for any"), member);
  if (strcmp (type, "*") != 0)
    {
      char *lower = g_ascii_strdown (type, -1);

      g_free (type);
      type = lower;
      if (strspn (type, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen (type))
        {
          cohort_path_error (error, type_path,
                             _("\"%s\" is not an activity type (use lowercase letters, digits and _, or \"*\" for any)"),
                             json_node_get_string (member));
          return FALSE;
        }
    }
  result = json_object_new ();
  json_object_set_string_member (result, "type", type);

  if (op == COHORT_OP_AT_LEAST)
    {
      member = json_object_get_member (object, "count");
      if (!node_to_int64 (member, &number) || number < 1)
        return cohort_path_expected (error, count_path, _("a whole number, 1 or more"), member);
      json_object_set_int_member (result, "count", number);
    }

  member = json_object_get_member (object, "days");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *days_path = cohort_path_key (path, "days");

      if (!check_days (member, days_path, &number, error))
        return FALSE;
      json_object_set_int_member (result, "days", number);
    }

  *out_value = json_node_init_object (json_node_alloc (), result);
  return TRUE;
}

gboolean
cohort_condition_check_rule (const char      *path,
                             const char      *field_name,
                             const char      *op_name,
                             JsonNode        *value,
                             JsonObject      *extra,
                             CohortOperator  *out_op,
                             JsonNode       **out_value,
                             GError         **error)
{
  g_autofree char *field_path = cohort_path_key (path, "field");
  g_autofree char *op_path = cohort_path_key (path, "operator");
  g_autofree char *value_path = cohort_path_key (path, "value");
  const CohortField *field = field_name != NULL ? cohort_catalog_lookup (field_name) : NULL;
  CohortValueShape shape;
  const char *source;

  if (field == NULL)
    {
      g_autofree char *names = join_field_names ();

      if (field_name == NULL)
        cohort_path_error (error, field_path, _("missing (expected one of: %s)"), names);
      else
        cohort_path_error (error, field_path, _("\"%s\" is not a field (expected one of: %s)"),
                           field_name, names);
      return FALSE;
    }

  if (op_name == NULL || !cohort_operator_from_string (op_name, out_op) ||
      !cohort_field_type_has_operator (field->type, *out_op))
    {
      g_autofree char *names = join_operator_names (field->type);

      if (op_name == NULL)
        cohort_path_error (error, op_path, _("missing (expected one of: %s)"), names);
      else
        cohort_path_error (error, op_path, _("\"%s\" is not an operator of field \"%s\" (expected one of: %s)"),
                           op_name, field_name, names);
      return FALSE;
    }

  /* react-querybuilder's "valueSource": "field" compares with another field,
   * which Cohort cannot do; silently comparing with the text would be wrong. */
  source = cohort_json_get_string (extra, "valueSource");
  if (source != NULL && strcmp (source, "value") != 0)
    {
      g_autofree char *source_path = cohort_path_key (path, "valueSource");

      cohort_path_error (error, source_path, _("only \"value\" is supported, not \"%s\""), source);
      return FALSE;
    }

  shape = cohort_operator_get_value_shape (*out_op, field->type);
  if (shape == COHORT_VALUE_NONE)
    {
      *out_value = value != NULL ? cohort_json_deep_copy (value) : NULL;
      return TRUE;
    }
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      cohort_path_error (error, value_path, _("missing (expected %s)"), shape_expectation (shape, field->type));
      return FALSE;
    }

  switch (shape)
    {
    case COHORT_VALUE_TEXT:
      return check_text (field, *out_op, value, value_path, out_value, error);

    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
      return check_list (field, shape, value, value_path, out_value, error);

    case COHORT_VALUE_INTEGER:
    case COHORT_VALUE_DAYS:
      {
        gint64 number;

        if (shape == COHORT_VALUE_INTEGER ? !check_integer (value, value_path, &number, error)
                                          : !check_days (value, value_path, &number, error))
          return FALSE;
        *out_value = int_node (number);
        return TRUE;
      }

    case COHORT_VALUE_DATETIME:
      {
        g_autofree char *text = NULL;
        gint64 unix_time;

        if (!check_datetime (value, value_path, &unix_time, &text, error))
          return FALSE;
        *out_value = string_node (text);
        return TRUE;
      }

    case COHORT_VALUE_INTEGER_RANGE:
    case COHORT_VALUE_DATETIME_RANGE:
      return check_range (shape, value, value_path, out_value, error);

    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      return check_activity (*out_op, value, value_path, out_value, error);

    case COHORT_VALUE_NONE:
    default:
      g_return_val_if_reached (FALSE);
    }
}
