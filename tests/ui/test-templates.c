/* test-templates.c — every widget template loads without a warning
 *
 * gtk4-builder-tool cannot validate templates whose parent is a libadwaita
 * class, so each widget is built here, shown and destroyed under
 * G_DEBUG=fatal-warnings: a misspelt property, signal handler, child id or
 * CSS class of a template fails the test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cohort-account-picker.h"
#include "cohort-contact-editor.h"
#include "cohort-contact-page.h"
#include "cohort-contact-picker.h"
#include "cohort-contacts-page.h"
#include "cohort-demo.h"
#include "cohort-explain-window.h"
#include "cohort-export-dialog.h"
#include "cohort-group-accounts.h"
#include "cohort-group-editor.h"
#include "cohort-group-history.h"
#include "cohort-group-overview.h"
#include "cohort-history-chart.h"
#include "cohort-group-page.h"
#include "cohort-group-row.h"
#include "cohort-import-dialog.h"
#include "cohort-member-table.h"
#include "cohort-preferences-window.h"
#include "cohort-sidebar.h"
#include "cohort-window.h"
#include "ui-test-utils.h"

typedef struct
{
  char        *dir;
  CohortStore *store;
  CohortGroup *static_group;
  CohortGroup *dynamic_group;
  CohortContact *contact;
} Fixture;

static CohortGroup *
find_group (CohortStore    *store,
            CohortGroupKind kind)
{
  g_autoptr(GPtrArray) groups = cohort_store_list_groups (store, NULL);

  g_assert_nonnull (groups);
  for (guint i = 0; i < groups->len; i++)
    if (cohort_group_get_kind (g_ptr_array_index (groups, i)) == kind)
      return g_object_ref (g_ptr_array_index (groups, i));

  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) members = NULL;

  fixture->dir = g_dir_make_tmp ("cohort-templates-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cohort.db", NULL);
  fixture->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cohort_demo_generate (fixture->store, 50, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->static_group = find_group (fixture->store, COHORT_GROUP_STATIC);
  fixture->dynamic_group = find_group (fixture->store, COHORT_GROUP_DYNAMIC);
  members = cohort_store_list_member_ids (fixture->store, cohort_group_get_id (fixture->static_group), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, >, 0);
  fixture->contact = cohort_store_get_contact (fixture->store, g_array_index (members, gint64, 0), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->static_group);
  g_clear_object (&fixture->dynamic_group);
  g_clear_object (&fixture->store);
  cohort_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
show_widget (GtkWidget *widget)
{
  if (GTK_IS_WINDOW (widget))
    {
      gtk_window_present (GTK_WINDOW (widget));
      cohort_test_iterate (300);
      gtk_window_destroy (GTK_WINDOW (widget));
    }
  else
    {
      GtkWidget *window = gtk_window_new ();

      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      cohort_test_iterate (300);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  cohort_test_iterate (50);
}

static void
test_plain_widgets (Fixture       *fixture,
                    gconstpointer  data)
{
  const GType types[] = {
    COHORT_TYPE_SIDEBAR,
    COHORT_TYPE_MEMBER_TABLE,
    COHORT_TYPE_GROUP_OVERVIEW,
    COHORT_TYPE_GROUP_HISTORY,
    COHORT_TYPE_HISTORY_CHART,
    COHORT_TYPE_GROUP_ACCOUNTS,
    COHORT_TYPE_GROUP_PAGE,
    COHORT_TYPE_CONTACTS_PAGE,
    COHORT_TYPE_CONTACT_PAGE,
    COHORT_TYPE_PREFERENCES_WINDOW,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_test_message ("%s", g_type_name (types[i]));
      show_widget (g_object_new (types[i], NULL));
    }
}

static void
test_widgets_with_data (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *widget;

  widget = gtk_list_box_new ();
  gtk_list_box_append (GTK_LIST_BOX (widget), cohort_group_row_new (fixture->static_group));
  gtk_list_box_append (GTK_LIST_BOX (widget), cohort_group_row_new (fixture->dynamic_group));
  show_widget (widget);

  widget = g_object_new (COHORT_TYPE_GROUP_PAGE, NULL);
  cohort_group_page_set_group (COHORT_GROUP_PAGE (widget), fixture->store, fixture->dynamic_group);
  show_widget (widget);

  widget = g_object_new (COHORT_TYPE_GROUP_PAGE, NULL);
  cohort_group_page_set_group (COHORT_GROUP_PAGE (widget), fixture->store, fixture->static_group);
  show_widget (widget);

  widget = g_object_new (COHORT_TYPE_CONTACT_PAGE, NULL);
  g_assert_true (cohort_contact_page_set_contact (COHORT_CONTACT_PAGE (widget), fixture->store,
                                                  cohort_contact_get_id (fixture->contact)));
  show_widget (widget);

  show_widget (GTK_WIDGET (cohort_contact_editor_new (fixture->store, NULL)));
  show_widget (GTK_WIDGET (cohort_contact_editor_new (fixture->store, fixture->contact)));
  show_widget (GTK_WIDGET (cohort_group_editor_new (fixture->store, NULL)));
  show_widget (GTK_WIDGET (cohort_group_editor_new (fixture->store, fixture->dynamic_group)));
  show_widget (GTK_WIDGET (cohort_contact_picker_new (fixture->store, fixture->static_group)));
  show_widget (GTK_WIDGET (cohort_account_picker_new (fixture->store, fixture->static_group)));
  show_widget (GTK_WIDGET (cohort_import_dialog_new (fixture->store, NULL)));
  {
    g_auto(GStrv) columns = cohort_export_list_columns (fixture->store, NULL);

    show_widget (GTK_WIDGET (cohort_export_dialog_new (1234, (const char * const *) columns)));
  }
  show_widget (GTK_WIDGET (cohort_explain_window_new (fixture->store, fixture->dynamic_group,
                                                      fixture->contact)));
  show_widget (GTK_WIDGET (cohort_window_new (NULL, fixture->store)));
}

/* The windows that are plain builder files rather than templates. */
typedef struct
{
  const char *resource;
  const char *id;
} BuilderWindow;

static const BuilderWindow builder_windows[] = {
  { "/io/github/cohortapp/Cohort/gtk/help-overlay.ui", "help_overlay" },
  { "/io/github/cohortapp/Cohort/ui/cohort-opening-window.ui", "window" },
};

static void
test_builder_window (Fixture       *fixture,
                     gconstpointer  data)
{
  const BuilderWindow *file = data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (file->resource);
  GObject *window = gtk_builder_get_object (builder, file->id);

  g_assert_true (GTK_IS_WINDOW (window));
  show_widget (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/templates/plain", Fixture, NULL, fixture_set_up, test_plain_widgets, fixture_tear_down);
  g_test_add ("/templates/with-data", Fixture, NULL, fixture_set_up, test_widgets_with_data,
              fixture_tear_down);
  g_test_add ("/templates/help-overlay", Fixture, &builder_windows[0], fixture_set_up, test_builder_window,
              fixture_tear_down);
  g_test_add ("/templates/opening-window", Fixture, &builder_windows[1], fixture_set_up, test_builder_window,
              fixture_tear_down);

  return g_test_run ();
}
