/* cohort-account-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cohort-account-picker.h"
#include "cohort-text.h"
#include "cohort-utils.h"

struct _CohortAccountPicker
{
  AdwWindow           parent_instance;

  GListStore         *accounts;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *search_fold;

  AdwWindowTitle     *window_title;
  GtkButton          *add_button;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
};

enum {
  ACCOUNT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortAccountPicker, cohort_account_picker, ADW_TYPE_WINDOW)

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  CohortAccountPicker *self = user_data;
  g_autofree char *name = NULL;

  if (self->search_fold == NULL)
    return TRUE;

  name = cohort_text_fold (cohort_account_get_name (item));
  return name != NULL && strstr (name, self->search_fold) != NULL;
}

static void
update_state (CohortAccountPicker *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
search_changed_cb (CohortAccountPicker *self)
{
  g_free (self->search_fold);
  self->search_fold = cohort_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
choose (CohortAccountPicker *self,
        CohortAccount       *account)
{
  if (account == NULL)
    return;

  g_signal_emit (self, signals[ACCOUNT_CHOSEN], 0, account);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_clicked_cb (CohortAccountPicker *self)
{
  choose (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
activate_cb (CohortAccountPicker *self,
             guint                position)
{
  g_autoptr(CohortAccount) account = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  choose (self, account);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  CohortAccount *account = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  g_autofree char *count = cohort_format_contacts (cohort_account_get_n_contacts (account));
  const char *industry = cohort_account_get_industry (account);
  g_autofree char *text = NULL;

  if (industry != NULL && *industry != '\0')
    text = g_strdup_printf ("%s · %s", count, industry);
  else
    text = g_steal_pointer (&count);

  gtk_label_set_label (GTK_LABEL (name), cohort_account_get_name (account));
  gtk_label_set_label (GTK_LABEL (details), text);
}

static void
cohort_account_picker_dispose (GObject *object)
{
  CohortAccountPicker *self = COHORT_ACCOUNT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_ACCOUNT_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->search_fold, g_free);

  G_OBJECT_CLASS (cohort_account_picker_parent_class)->dispose (object);
}

static void
cohort_account_picker_class_init (CohortAccountPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_account_picker_dispose;

  signals[ACCOUNT_CHOSEN] =
    g_signal_new ("account-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COHORT_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-account-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortAccountPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortAccountPicker, add_button);
  gtk_widget_class_bind_template_child (widget_class, CohortAccountPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortAccountPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortAccountPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cohort_account_picker_init (CohortAccountPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->accounts = g_list_store_new (COHORT_TYPE_ACCOUNT);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->accounts)),
                                        GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  update_state (self);
}

static gboolean
contains_account (GPtrArray *accounts,
                  gint64     id)
{
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    if (cohort_account_get_id (g_ptr_array_index (accounts, i)) == id)
      return TRUE;

  return FALSE;
}

CohortAccountPicker *
cohort_account_picker_new (CohortStore *store,
                           CohortGroup *group)
{
  CohortAccountPicker *self;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) in_group = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (COHORT_IS_GROUP (group), NULL);

  self = g_object_new (COHORT_TYPE_ACCOUNT_PICKER, NULL);
  adw_window_title_set_subtitle (self->window_title, cohort_group_get_name (group));

  accounts = cohort_store_list_accounts (store, &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list the accounts: %s", error->message);
      return self;
    }
  in_group = cohort_store_list_group_accounts (store, cohort_group_get_id (group), NULL);

  for (guint i = 0; i < accounts->len; i++)
    {
      CohortAccount *account = g_ptr_array_index (accounts, i);

      if (!contains_account (in_group, cohort_account_get_id (account)))
        g_list_store_append (self->accounts, account);
    }
  update_state (self);

  return self;
}

