/* cohort-condition.c — the condition tree and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-private.h"
#include "cohort-error.h"
/* JSON nesting allowed before json-glib parses it: far above what eight
 * levels of groups need, low enough that a hostile file cannot exhaust the
 * stack of the recursive parser. */
#define MAX_JSON_NESTING 64

struct _CohortCondition
{
  GObject          parent_instance;

  CohortCondition *parent;    /* weak: a parent owns its children */
  JsonObject      *extra;     /* keys Cohort does not know, written back as read */
  gboolean         is_group;

  GListStore      *children;
  gboolean         any;
  gboolean         negated;
  gboolean         has_not;   /* "not" was in the input: write it back even when false */

  char            *field;
  CohortOperator   op;
  JsonNode        *value;
};

G_DEFINE_FINAL_TYPE (CohortCondition, cohort_condition, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
cohort_condition_dispose (GObject *object)
{
  CohortCondition *self = COHORT_CONDITION (object);

  /* A child somebody else still holds must not point at a dead parent. */
  if (self->children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CohortCondition) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          child->parent = NULL;
        }
    }
  g_clear_object (&self->children);

  G_OBJECT_CLASS (cohort_condition_parent_class)->dispose (object);
}

static void
cohort_condition_finalize (GObject *object)
{
  CohortCondition *self = COHORT_CONDITION (object);

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->value, json_node_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (cohort_condition_parent_class)->finalize (object);
}

static void
cohort_condition_class_init (CohortConditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cohort_condition_dispose;
  object_class->finalize = cohort_condition_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cohort_condition_init (CohortCondition *self)
{
  self->extra = json_object_new ();
}
static void
emit_changed (CohortCondition *self)
{
  g_autoptr(CohortCondition) node = g_object_ref (self);

  while (node != NULL)
    {
      g_signal_emit (node, signals[CHANGED], 0);
      g_set_object (&node, node->parent);
    }
}

CohortCondition *
cohort_condition_new_group (gboolean any)
{
  CohortCondition *self = g_object_new (COHORT_TYPE_CONDITION, NULL);

  self->is_group = TRUE;
  self->any = !!any;
  self->children = g_list_store_new (COHORT_TYPE_CONDITION);
  return self;
}

CohortCondition *
cohort_condition_new_rule (const char     *field,
                           CohortOperator  op,
                           JsonNode       *value)
{
  CohortCondition *self;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (op < COHORT_N_OPERATORS, NULL);

  self = g_object_new (COHORT_TYPE_CONDITION, NULL);
  self->field = g_strdup (field);
  self->op = op;
  self->value = value != NULL ? cohort_json_deep_copy (value) : NULL;
  return self;
}

CohortCondition *
cohort_condition_copy (CohortCondition *self)
{
  CohortCondition *copy;

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  if (self->is_group)
    {
      copy = cohort_condition_new_group (self->any);
      copy->negated = self->negated;
      copy->has_not = self->has_not;
      for (guint i = 0; i < cohort_condition_get_n_children (self); i++)
        {
          g_autoptr(CohortCondition) child = cohort_condition_copy (cohort_condition_get_child (self, i));
          cohort_condition_append (copy, child);
        }
    }
  else
    copy = cohort_condition_new_rule (self->field, self->op, self->value);

  json_object_unref (copy->extra);
  copy->extra = cohort_json_object_deep_copy (self->extra);
  return copy;
}

gboolean
cohort_condition_is_group (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), FALSE);

  return self->is_group;
}

CohortCondition *
cohort_condition_get_parent (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  return self->parent;
}

gboolean
cohort_condition_get_any (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), FALSE);

  return self->any;
}

void
cohort_condition_set_any (CohortCondition *self,
                          gboolean         any)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (self->is_group);

  if (self->any == !!any)
    return;
  self->any = !!any;
  emit_changed (self);
}

gboolean
cohort_condition_get_negated (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), FALSE);

  return self->negated;
}

void
cohort_condition_set_negated (CohortCondition *self,
                              gboolean         negated)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (self->is_group);

  if (self->negated == !!negated)
    return;
  self->negated = !!negated;
  emit_changed (self);
}

GListModel *
cohort_condition_get_children (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);
  g_return_val_if_fail (self->is_group, NULL);

  return G_LIST_MODEL (self->children);
}

guint
cohort_condition_get_n_children (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), 0);

  return self->is_group ? g_list_model_get_n_items (G_LIST_MODEL (self->children)) : 0;
}

/* Borrowed, like the rest of the tree's getters: the store keeps a reference. */
CohortCondition *
cohort_condition_get_child (CohortCondition *self,
                            guint            position)
{
  CohortCondition *child;

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);
  g_return_val_if_fail (self->is_group, NULL);

  child = g_list_model_get_item (G_LIST_MODEL (self->children), position);
  if (child != NULL)
    g_object_unref (child);
  return child;
}

void
cohort_condition_append (CohortCondition *self,
                         CohortCondition *child)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));

  cohort_condition_insert (self, cohort_condition_get_n_children (self), child);
}

void
cohort_condition_insert (CohortCondition *self,
                         guint            position,
                         CohortCondition *child)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (self->is_group);
  g_return_if_fail (COHORT_IS_CONDITION (child));
  g_return_if_fail (child->parent == NULL);
  g_return_if_fail (position <= cohort_condition_get_n_children (self));

  child->parent = self;
  g_list_store_insert (self->children, position, child);
  emit_changed (self);
}

void
cohort_condition_remove (CohortCondition *self,
                         CohortCondition *child)
{
  g_autoptr(CohortCondition) keep = NULL;
  guint position;

  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (self->is_group);
  g_return_if_fail (COHORT_IS_CONDITION (child));
  g_return_if_fail (child->parent == self);

  if (!g_list_store_find (self->children, child, &position))
    g_return_if_reached ();
  keep = g_object_ref (child);
  child->parent = NULL;
  g_list_store_remove (self->children, position);
  emit_changed (self);
}

const char *
cohort_condition_get_field (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  return self->field;
}

void
cohort_condition_set_field (CohortCondition *self,
                            const char      *field)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (!self->is_group);
  g_return_if_fail (field != NULL);

  if (g_strcmp0 (self->field, field) == 0)
    return;
  g_free (self->field);
  self->field = g_strdup (field);
  emit_changed (self);
}

CohortOperator
cohort_condition_get_operator (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), COHORT_OP_EQ);

  return self->op;
}

void
cohort_condition_set_operator (CohortCondition *self,
                               CohortOperator   op)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (!self->is_group);
  g_return_if_fail (op < COHORT_N_OPERATORS);

  if (self->op == op)
    return;
  self->op = op;
  emit_changed (self);
}

JsonNode *
cohort_condition_get_value (CohortCondition *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  return self->value;
}

void
cohort_condition_set_value (CohortCondition *self,
                            JsonNode        *value)
{
  g_return_if_fail (COHORT_IS_CONDITION (self));
  g_return_if_fail (!self->is_group);

  if (self->value == value ||
      (self->value != NULL && value != NULL && json_node_equal (self->value, value)))
    return;
  g_clear_pointer (&self->value, json_node_unref);
  self->value = value != NULL ? cohort_json_deep_copy (value) : NULL;
  emit_changed (self);
}

static char *
path_index (const char *path,
            const char *key,
            guint       index)
{
  return g_strdup_printf ("%s%s%s[%u]", path, *path != '\0' ? "." : "", key, index);
}

char *
cohort_condition_dup_path (CohortCondition *self)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  GString *path = g_string_new (NULL);

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  for (CohortCondition *node = self; node->parent != NULL; node = node->parent)
    {
      guint position = 0;

      g_list_store_find (node->parent->children, node, &position);
      g_ptr_array_add (steps, g_strdup_printf ("rules[%u]", position));
    }
  for (guint i = steps->len; i > 0; i--)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, g_ptr_array_index (steps, i - 1));
    }
  return g_string_free (path, FALSE);
}

static gboolean
check_group_limits (guint        depth,
                    guint        n_children,
                    const char  *path,
                    GError     **error)
{
  if (depth > COHORT_CONDITION_MAX_DEPTH)
    {
      cohort_path_error (error, path, _("groups are nested too deep (at most %d levels)"),
                         COHORT_CONDITION_MAX_DEPTH);
      return FALSE;
    }
  if (n_children == 0)
    {
      g_autofree char *rules_path = cohort_path_key (path, "rules");

      cohort_path_error (error, rules_path, _("a group needs at least one condition"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_rule (guint       *n_rules,
            const char  *path,
            GError     **error)
{
  if (++*n_rules > COHORT_CONDITION_MAX_RULES)
    {
      cohort_path_error (error, path, _("too many conditions (at most %d)"), COHORT_CONDITION_MAX_RULES);
      return FALSE;
    }
  return TRUE;
}

static CohortCondition *parse_node (JsonNode    *node,
                                    const char  *path,
                                    guint        depth,
                                    guint       *n_rules,
                                    GError     **error);

static CohortCondition *
parse_group (JsonObject  *object,
             const char  *path,
             guint        depth,
             guint       *n_rules,
             GError     **error)
{
  g_autoptr(CohortCondition) group = cohort_condition_new_group (FALSE);
  g_autofree char *combinator_path = cohort_path_key (path, "combinator");
  g_autofree char *not_path = cohort_path_key (path, "not");
  g_autofree char *rules_path = cohort_path_key (path, "rules");
  JsonNode *member;
  JsonArray *rules;
  JsonObjectIter iter;
  const char *name;

  member = json_object_get_member (object, "combinator");
  if (member != NULL)
    {
      const char *text = cohort_json_get_string (object, "combinator");

      if (text == NULL || (g_ascii_strcasecmp (text, "and") != 0 &&
                           g_ascii_strcasecmp (text, "or") != 0))
        {
          cohort_path_expected (error, combinator_path, "\"and\" or \"or\"", member);
          return NULL;
        }
      group->any = g_ascii_strcasecmp (text, "or") == 0;
    }

  member = json_object_get_member (object, "not");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          cohort_path_expected (error, not_path, "true or false", member);
          return NULL;
        }
      group->negated = json_node_get_boolean (member);
      group->has_not = TRUE;
    }

  member = json_object_get_member (object, "rules");
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      cohort_path_expected (error, rules_path, _("a list of conditions"), member);
      return NULL;
    }
  rules = json_node_get_array (member);
  if (!check_group_limits (depth, json_array_get_length (rules), path, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      g_autofree char *child_path = path_index (path, "rules", i);
      g_autoptr(CohortCondition) child = parse_node (json_array_get_element (rules, i),
                                                     child_path, depth + 1, n_rules, error);
      if (child == NULL)
        return NULL;
      cohort_condition_append (group, child);
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (strcmp (name, "combinator") != 0 && strcmp (name, "not") != 0 && strcmp (name, "rules") != 0)
      json_object_set_member (group->extra, name, cohort_json_deep_copy (member));

  return g_steal_pointer (&group);
}

static CohortCondition *
parse_rule (JsonObject  *object,
            const char  *path,
            guint       *n_rules,
            GError     **error)
{
  g_autoptr(CohortCondition) rule = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonNode) value = NULL;
  const char *field = cohort_json_get_string (object, "field");
  const char *op_name = cohort_json_get_string (object, "operator");
  CohortOperator op;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!count_rule (n_rules, path, error))
    return NULL;
  if (field == NULL)
    {
      g_autofree char *field_path = cohort_path_key (path, "field");

      cohort_path_expected (error, field_path, _("a field name"),
                            json_object_get_member (object, "field"));
      return NULL;
    }
  if (op_name == NULL && json_object_has_member (object, "operator"))
    {
      g_autofree char *op_path = cohort_path_key (path, "operator");

      cohort_path_expected (error, op_path, _("an operator name"),
                            json_object_get_member (object, "operator"));
      return NULL;
    }
  if (json_object_has_member (object, "not"))
    {
      g_autofree char *not_path = cohort_path_key (path, "not");

      cohort_path_error (error, not_path,
                         _("only groups can be negated (use a negative operator such as \"!=\")"));
      return NULL;
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (strcmp (name, "field") != 0 && strcmp (name, "operator") != 0 && strcmp (name, "value") != 0)
      json_object_set_member (extra, name, cohort_json_deep_copy (member));

  if (!cohort_condition_check_rule (path, field, op_name, json_object_get_member (object, "value"), extra,
                                    &op, &value, error))
    return NULL;

  rule = cohort_condition_new_rule (field, op, NULL);
  rule->value = g_steal_pointer (&value);
  g_clear_pointer (&rule->extra, json_object_unref);
  rule->extra = g_steal_pointer (&extra);
  return g_steal_pointer (&rule);
}

static CohortCondition *
parse_node (JsonNode    *node,
            const char  *path,
            guint        depth,
            guint       *n_rules,
            GError     **error)
{
  JsonObject *object;
  gboolean is_group, is_rule;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      if (*path == '\0')
        cohort_path_error (error, path, _("the condition must be a JSON object"));
      else
        cohort_path_expected (error, path, _("a condition or a group (a JSON object)"), node);
      return NULL;
    }

  object = json_node_get_object (node);
  is_group = json_object_has_member (object, "rules");
  is_rule = json_object_has_member (object, "field");
  if (*path == '\0' && !is_group)
    cohort_path_error (error, path,
                       _("the condition must be a group: {\"combinator\": \"and\", \"rules\": […]}"));
  else if (is_group && is_rule)
    cohort_path_error (error, path,
                       _("has both \"field\" and \"rules\": a condition has a field, a group has rules"));
  else if (is_group)
    return parse_group (object, path, depth, n_rules, error);
  else if (is_rule)
    return parse_rule (object, path, n_rules, error);
  else
    cohort_path_error (error, path, _("expected \"field\" (a condition) or \"rules\" (a group)"));
  return NULL;
}

CohortCondition *
cohort_condition_new_from_node (JsonNode  *node,
                                GError   **error)
{
  guint n_rules = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_node (node, "", 1, &n_rules, error);
}

/* json-glib parses recursively with no depth limit of its own. */
static gboolean
json_nesting_is_bounded (const char *json,
                         gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          if (json[i] == '\\')
            i++;
          else if (json[i] == '"')
            in_string = FALSE;
        }
      else if (json[i] == '"')
        in_string = TRUE;
      else if ((json[i] == '[' || json[i] == '{') && ++depth > MAX_JSON_NESTING)
        return FALSE;
      else if ((json[i] == ']' || json[i] == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
cohort_condition_load_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length < 0)
    length = strlen (json);
  if (!json_nesting_is_bounded (json, length))
    {
      cohort_path_error (error, "", _("the condition is nested too deep (at most %d levels of groups)"),
                         COHORT_CONDITION_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      cohort_path_error (error, "", _("the condition is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      cohort_path_error (error, "", _("the condition is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

CohortCondition *
cohort_condition_parse (const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = cohort_condition_load_json (json, length, error);
  return root != NULL ? cohort_condition_new_from_node (root, error) : NULL;
}

static gboolean
validate_node (CohortCondition   *node,
               const char        *path,
               guint              depth,
               guint             *n_rules,
               CohortCondition  **out_node,
               GError           **error)
{
  if (node->is_group)
    {
      guint n_children = cohort_condition_get_n_children (node);

      if (!check_group_limits (depth, n_children, path, error))
        {
          *out_node = node;
          return FALSE;
        }
      for (guint i = 0; i < n_children; i++)
        {
          g_autofree char *child_path = path_index (path, "rules", i);

          if (!validate_node (cohort_condition_get_child (node, i), child_path,
                              depth + 1, n_rules, out_node, error))
            return FALSE;
        }
    }
  else
    {
      g_autoptr(JsonNode) value = NULL;
      CohortOperator op;

      if (!count_rule (n_rules, path, error) ||
          !cohort_condition_check_rule (path, node->field, cohort_operator_to_string (node->op), node->value,
                                        node->extra, &op, &value, error))
        {
          *out_node = node;
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cohort_condition_validate (CohortCondition  *self,
                           CohortCondition **out_node,
                           GError          **error)
{
  g_autofree char *path = NULL;
  CohortCondition *offender = NULL;
  guint depth = 1;
  guint n_rules = 0;

  g_return_val_if_fail (COHORT_IS_CONDITION (self), FALSE);

  if (self->parent == NULL && !self->is_group)
    {
      cohort_path_error (error, "",
                         _("the condition must be a group: {\"combinator\": \"and\", \"rules\": […]}"));
      offender = self;
    }
  else
    {
      for (CohortCondition *node = self->parent; node != NULL; node = node->parent)
        depth++;
      path = cohort_condition_dup_path (self);
      validate_node (self, path, depth, &n_rules, &offender, error);
    }

  if (out_node != NULL)
    *out_node = offender;
  return offender == NULL;
}

JsonNode *
cohort_condition_to_node (CohortCondition *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  if (self->is_group)
    {
      guint n_children = cohort_condition_get_n_children (self);
      JsonArray *rules = json_array_sized_new (n_children);

      json_object_set_string_member (object, "combinator", self->any ? "or" : "and");
      if (self->negated || self->has_not)
        json_object_set_boolean_member (object, "not", self->negated);
      for (guint i = 0; i < n_children; i++)
        json_array_add_element (rules, cohort_condition_to_node (cohort_condition_get_child (self, i)));
      json_object_set_array_member (object, "rules", rules);
    }
  else
    {
      json_object_set_string_member (object, "field", self->field);
      json_object_set_string_member (object, "operator", cohort_operator_to_string (self->op));
      if (self->value != NULL)
        json_object_set_member (object, "value", cohort_json_deep_copy (self->value));
    }

  json_object_iter_init_ordered (&iter, self->extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!json_object_has_member (object, name))
      json_object_set_member (object, name, cohort_json_deep_copy (member));

  return json_node_init_object (json_node_alloc (), object);
}

char *
cohort_condition_to_json (CohortCondition *self,
                          gboolean         pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (COHORT_IS_CONDITION (self), NULL);

  node = cohort_condition_to_node (self);
  return json_to_string (node, pretty);
}
