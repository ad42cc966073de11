/* cohort-row-selection.c — a multiple selection that is a set of positions
 *
 * GtkMultiSelection (GTK 4.8) keeps every selected item alive in a hash
 * table, to follow it when the model changes: selecting all of a group of
 * a million members fetched and held a million rows on the main thread
 * (14 s of CPU, BENCHMARKS.md "Select all on 1,000,000 members"). Here the
 * selection is a GtkBitset and nothing else: selecting all is one range,
 * and when the model changes, the positions in the changed range leave the
 * selection while the others move with their rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-row-selection.h"

struct _CohortRowSelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CohortRowSelection, cohort_row_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (COHORT_ROW_SELECTION (model)->model);
}

static guint
list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (COHORT_ROW_SELECTION (model)->model);
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  return g_list_model_get_item (COHORT_ROW_SELECTION (model)->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static gboolean
selection_is_selected (GtkSelectionModel *model,
                       guint              position)
{
  return gtk_bitset_contains (COHORT_ROW_SELECTION (model)->selected, position);
}

/* Right for every position, not only for the range asked about. */
static GtkBitset *
selection_get_selection_in_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items)
{
  return gtk_bitset_ref (COHORT_ROW_SELECTION (model)->selected);
}

/* The other selecting functions of GtkSelectionModel come here through its
 * default implementations. */
static gboolean
selection_set_selection (GtkSelectionModel *model,
                         GtkBitset         *selected,
                         GtkBitset         *mask)
{
  CohortRowSelection *self = COHORT_ROW_SELECTION (model);
  g_autoptr(GtkBitset) changes = gtk_bitset_copy (self->selected);
  g_autoptr(GtkBitset) added = gtk_bitset_copy (selected);
  guint first, last;

  gtk_bitset_difference (changes, selected);
  gtk_bitset_intersect (changes, mask);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  gtk_bitset_intersect (added, mask);
  gtk_bitset_subtract (self->selected, mask);
  gtk_bitset_union (self->selected, added);

  first = gtk_bitset_get_minimum (changes);
  last = gtk_bitset_get_maximum (changes);
  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = selection_is_selected;
  iface->get_selection_in_range = selection_get_selection_in_range;
  iface->set_selection = selection_set_selection;
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  CohortRowSelection *self)
{
  gtk_bitset_splice (self->selected, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cohort_row_selection_dispose (GObject *object)
{
  CohortRowSelection *self = COHORT_ROW_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cohort_row_selection_parent_class)->dispose (object);
}

static void
cohort_row_selection_finalize (GObject *object)
{
  CohortRowSelection *self = COHORT_ROW_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (cohort_row_selection_parent_class)->finalize (object);
}

static void
cohort_row_selection_class_init (CohortRowSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cohort_row_selection_dispose;
  object_class->finalize = cohort_row_selection_finalize;
}

static void
cohort_row_selection_init (CohortRowSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

CohortRowSelection *
cohort_row_selection_new (GListModel *model)
{
  CohortRowSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (COHORT_TYPE_ROW_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}
