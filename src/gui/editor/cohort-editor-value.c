/* cohort-editor-value.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-editor-value.h"
#include "cohort-text.h"

JsonNode *
cohort_editor_value_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonNode *
cohort_editor_value_new_text (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

JsonNode *
cohort_editor_value_new_int (gint64 number)
{
  return json_node_init_int (json_node_alloc (), number);
}

JsonNode *
cohort_editor_value_new_pair (JsonNode *low,
                              JsonNode *high)
{
  JsonArray *array = json_array_sized_new (2);

  json_array_add_element (array, low);
  json_array_add_element (array, high);
  return cohort_editor_value_take_array (array);
}

/* A string or a number as text, NULL for anything else. */
char *
cohort_editor_value_dup_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

gint64
cohort_editor_value_get_int (JsonNode *node,
                             gint64    fallback)
{
  g_autofree char *text = cohort_editor_value_dup_text (node);
  gint64 number;

  return text != NULL && cohort_parse_int64 (text, &number) ? number : fallback;
}

JsonNode *
cohort_editor_value_get_element (JsonNode *node,
                                 guint     index)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      index >= json_array_get_length (json_node_get_array (node)))
    return NULL;
  return json_array_get_element (json_node_get_array (node), index);
}

JsonNode *
cohort_editor_value_get_member (JsonNode   *node,
                                const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

/* The items of a list, or of "DE, AT" as react-querybuilder writes one. */
GStrv
cohort_editor_value_dup_strv (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = cohort_editor_value_dup_text (node);

  if (text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
    }
  for (guint i = 0; cohort_editor_value_get_element (node, i) != NULL; i++)
    {
      g_autofree char *item = cohort_editor_value_dup_text (cohort_editor_value_get_element (node, i));

      if (item != NULL)
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static char *
today_text (gint64 days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) date = g_date_time_add_days (now, (int) -days_ago);

  return g_date_time_format (date, "%Y-%m-%d");
}

JsonNode *
cohort_editor_value_new_activity (const char *type,
                                  gint64      count,
                                  JsonNode   *days)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  if (count > 0)
    json_object_set_int_member (object, "count", count);
  if (days != NULL && !JSON_NODE_HOLDS_NULL (days))
    json_object_set_member (object, "days", json_node_copy (days));
  return take_object (object);
}

static JsonNode *
default_value (CohortValueShape shape)
{
  g_autofree char *today = today_text (0);
  g_autofree char *month_ago = today_text (COHORT_DEFAULT_DAYS);
  g_autoptr(JsonNode) days = cohort_editor_value_new_int (COHORT_DEFAULT_DAYS);

  switch (shape)
    {
    case COHORT_VALUE_NONE:
      return NULL;
    case COHORT_VALUE_TEXT:
      return cohort_editor_value_new_text ("");
    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
      return cohort_editor_value_take_array (json_array_new ());
    case COHORT_VALUE_INTEGER:
      return cohort_editor_value_new_int (0);
    case COHORT_VALUE_INTEGER_RANGE:
      return cohort_editor_value_new_pair (cohort_editor_value_new_int (0),
                                           cohort_editor_value_new_int (10));
    case COHORT_VALUE_DATETIME:
      return cohort_editor_value_new_text (today);
    case COHORT_VALUE_DATETIME_RANGE:
      return cohort_editor_value_new_pair (cohort_editor_value_new_text (month_ago),
                                           cohort_editor_value_new_text (today));
    case COHORT_VALUE_DAYS:
      return cohort_editor_value_new_int (COHORT_DEFAULT_DAYS);
    case COHORT_VALUE_ACTIVITY_COUNT:
      return cohort_editor_value_new_activity (COHORT_ANY_ACTIVITY, 1, days);
    case COHORT_VALUE_ACTIVITY_NONE:
      return cohort_editor_value_new_activity (COHORT_ANY_ACTIVITY, 0, days);
    default:
      g_return_val_if_reached (NULL);
    }
}

JsonNode *
cohort_editor_value_adapt (JsonNode         *value,
                           CohortValueShape  from,
                           CohortValueShape  to)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) items = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return default_value (to);
  if (from == to)
    return json_node_copy (value);

  switch (to)
    {
    case COHORT_VALUE_TEXT:
      if (from == COHORT_VALUE_TEXT_LIST)
        {
          items = cohort_editor_value_dup_strv (value);
          return cohort_editor_value_new_text (items[0] != NULL ? items[0] : "");
        }
      break;

    case COHORT_VALUE_TEXT_LIST:
      if (from == COHORT_VALUE_TEXT && (text = cohort_editor_value_dup_text (value)) != NULL)
        {
          JsonArray *array = json_array_new ();

          if (*g_strstrip (text) != '\0')
            json_array_add_string_element (array, text);
          return cohort_editor_value_take_array (array);
        }
      break;

    case COHORT_VALUE_INTEGER:
      if (from == COHORT_VALUE_INTEGER_RANGE && cohort_editor_value_get_element (value, 0) != NULL)
        return json_node_copy (cohort_editor_value_get_element (value, 0));
      break;

    case COHORT_VALUE_DATETIME:
      if (from == COHORT_VALUE_DATETIME_RANGE && cohort_editor_value_get_element (value, 0) != NULL)
        return json_node_copy (cohort_editor_value_get_element (value, 0));
      break;

    case COHORT_VALUE_INTEGER_RANGE:
    case COHORT_VALUE_DATETIME_RANGE:
      if (from == (to == COHORT_VALUE_INTEGER_RANGE ? COHORT_VALUE_INTEGER : COHORT_VALUE_DATETIME))
        return cohort_editor_value_new_pair (json_node_copy (value), json_node_copy (value));
      break;

    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      if (from == COHORT_VALUE_ACTIVITY_COUNT || from == COHORT_VALUE_ACTIVITY_NONE)
        {
          g_autofree char *type = cohort_editor_value_dup_text (cohort_editor_value_get_member (value, "type"));

          return cohort_editor_value_new_activity (type != NULL ? type : COHORT_ANY_ACTIVITY,
                                                   to == COHORT_VALUE_ACTIVITY_COUNT ? 1 : 0,
                                                   cohort_editor_value_get_member (value, "days"));
        }
      break;

    case COHORT_VALUE_NONE:
    case COHORT_VALUE_DAYS:
    case COHORT_VALUE_GROUP_LIST:
    default:
      break;
    }
  return default_value (to);
}
