/* editor-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cohort-demo.h"
#include "editor-test-utils.h"

CohortGroup *
create_group (CohortStore *store,
              const char  *code,
              const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = cohort_group_new (code, code, json != NULL ? COHORT_GROUP_DYNAMIC
                                                                            : COHORT_GROUP_STATIC);

  cohort_group_set_condition_json (group, json);
  g_assert_true (cohort_store_create_group (store, group, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&group);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cohort-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cohort.db", NULL);
  fixture->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cohort_demo_generate (fixture->store, GPOINTER_TO_UINT (data), 7, NULL, NULL, &error));
  g_assert_no_error (error);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

CohortCondition *
parse_condition (const char *json)
{
  g_autoptr(GError) error = NULL;
  CohortCondition *condition = cohort_condition_parse (json, -1, &error);

  g_assert_no_error (error);
  return condition;
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autofree char *text = node != NULL ? json_to_string (node, FALSE) : NULL;

  g_assert_cmpstr (text, ==, expected);
}

GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first label under @widget that ends with @suffix. */
const char *
find_label_ending (GtkWidget  *widget,
                   const char *suffix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), suffix))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_ending (child, suffix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first label under @widget that starts with @prefix. */
const char *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}
