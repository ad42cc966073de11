/* test-member-table.c — what the membership table shows but AT-SPI cannot
 * read on GTK 4.8: the sort arrows of its column headers and its scroll
 * position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cohort-demo.h"
#include "cohort-member-table.h"
#include "ui-test-utils.h"

typedef struct
{
  char              *dir;
  CohortStore       *store;
  GtkWidget         *window;
  CohortMemberTable *table;
} Fixture;

static void
wait_loaded (CohortMemberTable *table)
{
  CohortContactList *list = cohort_member_table_get_list (table);

  for (guint i = 0; i < 200 && (cohort_contact_list_get_loading (list) || cohort_contact_list_get_partial (list)
                                 || g_list_model_get_n_items (G_LIST_MODEL (list)) == 0); i++)
    cohort_test_iterate (50);
  g_assert_false (cohort_contact_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  cohort_test_iterate (200);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cohort-member-table-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "cohort.db", NULL);
  fixture->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cohort_demo_generate (fixture->store, 1000, 5, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->table = g_object_new (COHORT_TYPE_MEMBER_TABLE, NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->table));
  cohort_member_table_set_source (fixture->table, fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_loaded (fixture->table);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cohort_test_iterate (50);
  g_clear_object (&fixture->store);
  cohort_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *type_name)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), type_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The headers whose sort indicator draws an arrow: GTK 4.8's theme draws
 * one for the classes "ascending" and "descending" of the indicator in a
 * GtkColumnViewTitle (a private type, found by name). */
static guint
count_arrows (GtkWidget *root)
{
  guint n = 0;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), "GtkColumnViewTitle") == 0)
    {
      GtkWidget *indicator = find_widget (root, "GtkBuiltinIcon");

      return indicator != NULL && gtk_widget_get_visible (indicator)
             && (gtk_widget_has_css_class (indicator, "ascending")
                 || gtk_widget_has_css_class (indicator, "descending"));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_arrows (child);

  return n;
}

static void
test_one_sort_arrow (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *orders[] = { "email-desc", "status", "name", "added-desc" };

  g_assert_cmpuint (count_arrows (GTK_WIDGET (fixture->table)), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->table), "table.sort-by", "s", orders[i]);
      wait_loaded (fixture->table);
      g_test_message ("sorted by %s", orders[i]);
      g_assert_cmpuint (count_arrows (GTK_WIDGET (fixture->table)), ==, 1);
    }

  /* What a click on a header does: the view's sorter changes. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->table), "GtkColumnView"));
    g_autoptr(GtkColumnViewColumn) email = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
    CohortContactList *list = cohort_member_table_get_list (fixture->table);

    gtk_column_view_sort_by_column (view, email, GTK_SORT_DESCENDING);
    wait_loaded (fixture->table);
    g_assert_cmpint (cohort_contact_list_get_sort (list), ==, COHORT_CONTACT_SORT_EMAIL);
    g_assert_true (cohort_contact_list_get_descending (list));
    g_assert_cmpuint (count_arrows (GTK_WIDGET (fixture->table)), ==, 1);
  }
}

static GtkAdjustment *
vadjustment (Fixture *fixture)
{
  GtkWidget *rows = find_widget (GTK_WIDGET (fixture->table), "GtkColumnView");
  GtkWidget *scroller = gtk_widget_get_ancestor (rows, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Scrolls half way down. On a busy machine the view may not have measured
 * its rows yet (the adjustment's upper is still small): it is given up to
 * ten seconds, after which the assertion fails as before. */
static void
scroll_down (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GtkAdjustment *adjustment = vadjustment (fixture);

      if (gtk_adjustment_get_upper (adjustment) > 4000.0)
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
          cohort_test_iterate (200);
          if (gtk_adjustment_get_value (vadjustment (fixture)) > 1000.0)
            break;
        }
      else
        cohort_test_iterate (50);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (fixture)), >, 1000.0);
}

static void
test_new_order_at_top (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkEditable *filter = GTK_EDITABLE (find_widget (GTK_WIDGET (fixture->table), "GtkSearchEntry"));

  scroll_down (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->table), "table.sort-by", "s", "email");
  wait_loaded (fixture->table);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (fixture)), ==, 0.0);

  scroll_down (fixture);
  gtk_editable_set_text (filter, "a");
  cohort_test_iterate (300);
  wait_loaded (fixture->table);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (fixture)), ==, 0.0);

  scroll_down (fixture);
  gtk_editable_set_text (filter, "");
  cohort_test_iterate (300);
  wait_loaded (fixture->table);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (fixture)), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/member-table/one-sort-arrow", Fixture, NULL, fixture_set_up, test_one_sort_arrow,
              fixture_tear_down);
  g_test_add ("/member-table/new-order-at-top", Fixture, NULL, fixture_set_up, test_new_order_at_top,
              fixture_tear_down);

  return g_test_run ();
}
