/* cohort-condition-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cohort-condition-context.h"
#include "cohort-error.h"

struct _CohortConditionContext
{
  GObject          parent_instance;

  CohortStore     *store;
  CohortGroup     *group;
  GStrv            custom_keys;
  GStrv            activity_types;
  GPtrArray       *all_groups;
  GPtrArray       *allowed_groups;
  GHashTable      *titles;        /* code → name */
  GHashTable      *allowed;       /* codes a rule may name: allowed_groups and archived groups */
  GHashTable      *values;        /* field → GStrv, most frequent first */
  CohortCondition *focus_rule;    /* weak */
};

G_DEFINE_FINAL_TYPE (CohortConditionContext, cohort_condition_context, G_TYPE_OBJECT)

static void
cohort_condition_context_finalize (GObject *object)
{
  CohortConditionContext *self = COHORT_CONDITION_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->group);
  g_clear_pointer (&self->custom_keys, g_strfreev);
  g_clear_pointer (&self->activity_types, g_strfreev);
  g_clear_pointer (&self->all_groups, g_ptr_array_unref);
  g_clear_pointer (&self->allowed_groups, g_ptr_array_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->allowed, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (cohort_condition_context_parent_class)->finalize (object);
}

static void
cohort_condition_context_class_init (CohortConditionContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cohort_condition_context_finalize;
}

static void
cohort_condition_context_init (CohortConditionContext *self)
{
  self->titles = g_hash_table_new (g_str_hash, g_str_equal);
  self->allowed = g_hash_table_new (g_str_hash, g_str_equal);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/* The code names each group's condition refers to. A condition that no
 * longer parses refers to nothing: it cannot close a cycle until it is
 * fixed, and the store refuses a cycle on save anyway. */
static GHashTable *
collect_references (GPtrArray *groups)
{
  GHashTable *refs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);

  for (guint i = 0; i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      const char *json = cohort_group_get_condition_json (group);
      g_autoptr(CohortCondition) condition = NULL;

      if (json != NULL && (condition = cohort_condition_parse (json, -1, NULL)) != NULL)
        g_hash_table_insert (refs, (gpointer) cohort_group_get_code (group),
                             cohort_condition_collect_groups (condition));
    }
  return refs;
}

/* The edited group and every group that reaches it through references:
 * referencing any of them from the edited group would close a cycle. */
static GHashTable *
collect_forbidden (GPtrArray  *groups,
                   const char *code)
{
  g_autoptr(GHashTable) refs = collect_references (groups);
  GHashTable *forbidden = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean grew = TRUE;

  g_hash_table_add (forbidden, (gpointer) code);
  while (grew)
    {
      GHashTableIter iter;
      gpointer key, value;

      grew = FALSE;
      g_hash_table_iter_init (&iter, refs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char * const *targets = value;

          if (g_hash_table_contains (forbidden, key))
            continue;
          for (guint i = 0; targets[i] != NULL; i++)
            if (g_hash_table_contains (forbidden, targets[i]))
              {
                g_hash_table_add (forbidden, key);
                grew = TRUE;
                break;
              }
        }
    }
  return forbidden;
}

CohortConditionContext *
cohort_condition_context_new (CohortStore  *store,
                              CohortGroup  *group,
                              GError      **error)
{
  g_autoptr(CohortConditionContext) self = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (COHORT_IS_GROUP (group), NULL);

  self = g_object_new (COHORT_TYPE_CONDITION_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->group = g_object_ref (group);
  if (!(self->custom_keys = cohort_store_list_custom_keys (store, error)) ||
      !(self->activity_types = cohort_store_list_activity_types (store, error)) ||
      !(self->all_groups = cohort_store_list_groups (store, error)))
    return NULL;

  cohort_condition_context_set_group (self, group);
  return g_steal_pointer (&self);
}

CohortStore *
cohort_condition_context_get_store (CohortConditionContext *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);

  return self->store;
}

CohortGroup *
cohort_condition_context_get_group (CohortConditionContext *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);

  return self->group;
}

/* The same group reloaded after a save or a recalculation: the lists of
 * groups stay, only what the group itself says is refreshed. */
void
cohort_condition_context_set_group (CohortConditionContext *self,
                                    CohortGroup            *group)
{
  g_autoptr(GHashTable) forbidden = NULL;

  g_return_if_fail (COHORT_IS_CONDITION_CONTEXT (self));
  g_return_if_fail (COHORT_IS_GROUP (group));

  g_set_object (&self->group, group);

  g_hash_table_remove_all (self->titles);
  g_hash_table_remove_all (self->allowed);
  g_clear_pointer (&self->allowed_groups, g_ptr_array_unref);
  self->allowed_groups = g_ptr_array_new_with_free_func (g_object_unref);
  forbidden = collect_forbidden (self->all_groups, cohort_group_get_code (group));
  for (guint i = 0; i < self->all_groups->len; i++)
    {
      CohortGroup *other = g_ptr_array_index (self->all_groups, i);

      g_hash_table_insert (self->titles, (gpointer) cohort_group_get_code (other),
                           (gpointer) cohort_group_get_name (other));
      if (g_hash_table_contains (forbidden, cohort_group_get_code (other)))
        continue;
      /* A condition may keep naming an archived group, but the picker
       * does not offer it for new rules. */
      g_hash_table_add (self->allowed, (gpointer) cohort_group_get_code (other));
      if (cohort_group_get_archived_at (other) == 0)
        g_ptr_array_add (self->allowed_groups, g_object_ref (other));
    }
}

const char * const *
cohort_condition_context_get_custom_keys (CohortConditionContext *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);

  return (const char * const *) self->custom_keys;
}

const char * const *
cohort_condition_context_get_activity_types (CohortConditionContext *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);

  return (const char * const *) self->activity_types;
}

GPtrArray *
cohort_condition_context_get_groups (CohortConditionContext *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);

  return self->allowed_groups;
}

const char *
cohort_condition_context_get_group_title (CohortConditionContext *self,
                                          const char             *code)
{
  const char *title;

  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  title = g_hash_table_lookup (self->titles, code);
  return title != NULL ? title : code;
}

static void
load_values_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CohortStore *store = g_object_get_data (G_OBJECT (task), "store");
  g_autoptr(CohortStore) sibling = NULL;
  GError *error = NULL;
  GStrv values;

  /* The window's connection is the main thread's: this one is the
   * worker's own, for one query. */
  if (!(sibling = cohort_store_open_sibling (store, &error)) ||
      !(values = cohort_store_list_field_values (sibling, task_data, COHORT_CONDITION_CONTEXT_N_VALUES, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, values, (GDestroyNotify) g_strfreev);
}

void
cohort_condition_context_load_values (CohortConditionContext *self,
                                      const char             *field,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COHORT_IS_CONDITION_CONTEXT (self));
  g_return_if_fail (field != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cohort_condition_context_load_values);
  g_task_set_task_data (task, g_strdup (field), g_free);
  if (g_hash_table_contains (self->values, field))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_values_thread);
}

const char * const *
cohort_condition_context_load_values_finish (CohortConditionContext  *self,
                                             GAsyncResult            *result,
                                             GError                 **error)
{
  const char *field;
  GStrv values;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  field = g_task_get_task_data (G_TASK (result));
  values = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Two loads of one field may have crossed: the first one read is kept. */
  if (values != NULL && !g_hash_table_contains (self->values, field))
    g_hash_table_insert (self->values, g_strdup (field), values);
  else
    g_strfreev (values);
  return g_hash_table_lookup (self->values, field);
}

const char * const *
cohort_condition_context_peek_values (CohortConditionContext *self,
                                      const char             *field)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_hash_table_lookup (self->values, field);
}

void
cohort_condition_context_request_focus (CohortConditionContext *self,
                                        CohortCondition        *rule)
{
  g_return_if_fail (COHORT_IS_CONDITION_CONTEXT (self));

  self->focus_rule = rule;
}

gboolean
cohort_condition_context_take_focus_request (CohortConditionContext *self,
                                             CohortCondition        *rule)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), FALSE);

  if (rule == NULL || self->focus_rule != rule)
    return FALSE;
  self->focus_rule = NULL;
  return TRUE;
}

CohortCondition *
cohort_condition_context_new_rule (void)
{
  g_autoptr(JsonNode) empty = json_node_init_string (json_node_alloc (), "");

  return cohort_condition_new_rule ("email", COHORT_OP_CONTAINS, empty);
}

static gboolean
check_rule_references (CohortConditionContext  *self,
                       CohortCondition         *rule,
                       GError                 **error)
{
  g_auto(GStrv) codes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (cohort_condition_get_field (rule), "group"))
    return TRUE;

  codes = cohort_condition_collect_groups (rule);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (g_hash_table_contains (self->allowed, codes[i]))
        continue;
      /* The JSON path first, as in the core's messages. */
      path = cohort_condition_dup_path (rule);
      if (!g_hash_table_contains (self->titles, codes[i]))
        message = g_strdup_printf (_("there is no group “%s”"), codes[i]);
      else
        message = g_strdup_printf (_("“%s” depends on this group, so depending on it would make a loop"),
                                   cohort_condition_context_get_group_title (self, codes[i]));
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s.value: %s", path, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_references (CohortConditionContext  *self,
                  CohortCondition         *node,
                  CohortCondition        **out_node,
                  GError                 **error)
{
  if (!cohort_condition_is_group (node))
    {
      if (check_rule_references (self, node, error))
        return TRUE;
      *out_node = node;
      return FALSE;
    }
  for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
    if (!check_references (self, cohort_condition_get_child (node, i), out_node, error))
      return FALSE;
  return TRUE;
}

gboolean
cohort_condition_context_check_references (CohortConditionContext  *self,
                                           CohortCondition         *node,
                                           CohortCondition        **out_node,
                                           GError                 **error)
{
  CohortCondition *offender = NULL;

  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (self), FALSE);
  g_return_val_if_fail (COHORT_IS_CONDITION (node), FALSE);

  check_references (self, node, &offender, error);
  if (out_node != NULL)
    *out_node = offender;
  return offender == NULL;
}

static gboolean
split_key (const char  *text,
           char       **out_key,
           const char **out_rest)
{
  const char *colon = strstr (text, ": ");

  if (colon == NULL || colon == text || memchr (text, ' ', colon - text) != NULL)
    return FALSE;
  *out_key = g_strndup (text, colon - text);
  *out_rest = colon + 2;
  return TRUE;
}

char *
cohort_condition_context_dup_message (CohortCondition  *node,
                                      const char       *message,
                                      char            **out_key)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  const char *rest = message;
  char *text;

  g_return_val_if_fail (COHORT_IS_CONDITION (node), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  path = cohort_condition_dup_path (node);
  if (*path != '\0' && g_str_has_prefix (message, path))
    {
      rest = message + strlen (path);
      if (g_str_has_prefix (rest, ": "))
        rest += 2;
      else if (*rest == '.' && !split_key (rest + 1, &key, &rest))
        rest = message;
    }
  else
    split_key (message, &key, &rest);

  text = g_strdup (rest);
  if (g_ascii_islower (*text))
    *text = g_ascii_toupper (*text);
  if (out_key != NULL)
    *out_key = g_steal_pointer (&key);
  return text;
}
