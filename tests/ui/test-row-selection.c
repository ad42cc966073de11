/* test-row-selection.c — the member table's selection: selecting all of a
 * million rows reads none of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-row-selection.h"

/* A list of anonymous objects that counts how many were asked for. */
#define TEST_TYPE_COUNTING_LIST (test_counting_list_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingList, test_counting_list, TEST, COUNTING_LIST, GObject)

struct _TestCountingList
{
  GObject parent_instance;
  guint   n_items;
  guint   n_fetched;
};

static GType
counting_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
counting_get_n_items (GListModel *model)
{
  return TEST_COUNTING_LIST (model)->n_items;
}

static gpointer
counting_get_item (GListModel *model,
                   guint       position)
{
  TestCountingList *self = TEST_COUNTING_LIST (model);

  if (position >= self->n_items)
    return NULL;
  self->n_fetched++;
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
counting_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = counting_get_item_type;
  iface->get_n_items = counting_get_n_items;
  iface->get_item = counting_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingList, test_counting_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, counting_iface_init))

static void
test_counting_list_class_init (TestCountingListClass *klass)
{
}

static void
test_counting_list_init (TestCountingList *self)
{
}

static TestCountingList *
counting_list_new (guint n_items)
{
  TestCountingList *self = g_object_new (TEST_TYPE_COUNTING_LIST, NULL);

  self->n_items = n_items;
  return self;
}

static void
counting_list_splice (TestCountingList *self,
                      guint             position,
                      guint             removed,
                      guint             added)
{
  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

typedef struct
{
  guint n_signals;
  guint position;
  guint n_items;
} Changed;

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Changed           *changed)
{
  changed->n_signals++;
  changed->position = position;
  changed->n_items = n_items;
}

static guint64
n_selected (CohortRowSelection *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));

  return gtk_bitset_get_size (selected);
}

static void
test_select_all (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (1000000);
  g_autoptr(CohortRowSelection) selection = cohort_row_selection_new (G_LIST_MODEL (list));
  Changed changed = { 0 };

  g_signal_connect (selection, "selection-changed", G_CALLBACK (selection_changed_cb), &changed);
  g_assert_true (gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection)));
  g_assert_cmpuint (n_selected (selection), ==, 1000000);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 999999));
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.n_items, ==, 1000000);
  g_assert_cmpuint (list->n_fetched, ==, 0);

  /* Selecting what is selected already changes nothing. */
  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (selection), 10, 5, FALSE));
  g_assert_cmpuint (changed.n_signals, ==, 1);

  g_assert_true (gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (selection), 7));
  g_assert_cmpuint (n_selected (selection), ==, 999999);
  g_assert_cmpuint (changed.position, ==, 7);
  g_assert_cmpuint (changed.n_items, ==, 1);

  g_assert_true (gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (selection)));
  g_assert_cmpuint (n_selected (selection), ==, 0);
  g_assert_cmpuint (list->n_fetched, ==, 0);
}

static void
test_exclusive (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (100);
  g_autoptr(CohortRowSelection) selection = cohort_row_selection_new (G_LIST_MODEL (list));

  gtk_selection_model_select_range (GTK_SELECTION_MODEL (selection), 10, 10, FALSE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 50, TRUE);
  g_assert_cmpuint (n_selected (selection), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 50));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 51, FALSE);
  g_assert_cmpuint (n_selected (selection), ==, 2);
}

/* Rows move with their positions; rows in the changed range leave. */
static void
test_items_changed (void)
{
  g_autoptr(TestCountingList) list = counting_list_new (100);
  g_autoptr(CohortRowSelection) selection = cohort_row_selection_new (G_LIST_MODEL (list));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);

  gtk_selection_model_select_range (model, 10, 10, FALSE);   /* 10–19 */
  counting_list_splice (list, 0, 0, 5);                      /* 15–24 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 105);
  g_assert_false (gtk_selection_model_is_selected (model, 14));
  g_assert_true (gtk_selection_model_is_selected (model, 15));
  g_assert_true (gtk_selection_model_is_selected (model, 24));

  counting_list_splice (list, 20, 2, 1);                     /* 15–19, 21–23 */
  g_assert_cmpuint (n_selected (selection), ==, 8);
  g_assert_false (gtk_selection_model_is_selected (model, 20));
  g_assert_true (gtk_selection_model_is_selected (model, 21));
  g_assert_true (gtk_selection_model_is_selected (model, 23));
  g_assert_false (gtk_selection_model_is_selected (model, 24));
  g_assert_cmpuint (list->n_fetched, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/row-selection/select-all", test_select_all);
  g_test_add_func ("/row-selection/exclusive", test_exclusive);
  g_test_add_func ("/row-selection/items-changed", test_items_changed);

  return g_test_run ();
}
