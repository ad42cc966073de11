/* cohort-contact-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-contact-list.h"
#include "cohort-contact-picker.h"
#include "cohort-utils.h"

struct _CohortContactPicker
{
  AdwWindow          parent_instance;

  CohortContactList *list;
  GHashTable        *chosen;   /* gint64 id set */

  AdwWindowTitle    *window_title;
  GtkButton         *add_button;
  GtkSearchEntry    *search_entry;
  GtkListView       *list_view;
};

enum {
  CONTACTS_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortContactPicker, cohort_contact_picker, ADW_TYPE_WINDOW)

static void
update_add_button (CohortContactPicker *self)
{
  guint n = g_hash_table_size (self->chosen);
  g_autofree char *label = NULL;

  if (n > 0)
    {
      g_autofree char *count = cohort_format_count (n);

      /* Translators: a button that adds the chosen contacts to the group */
      label = g_strdup_printf (g_dngettext (NULL, "_Add %s Contact", "_Add %s Contacts", n), count);
    }
  gtk_button_set_label (self->add_button, label != NULL ? label : _("_Add"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n > 0);
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  CohortContactPicker *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "contact-id");

  if (id == NULL)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_memdup2 (id, sizeof *id));
  else
    g_hash_table_remove (self->chosen, id);
  update_add_button (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CohortContactPicker      *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "caption");
  gtk_widget_add_css_class (email, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), email);
  gtk_widget_set_margin_start (box, 6);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_top (check, 4);
  gtk_widget_set_margin_bottom (check, 4);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);

  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
  gtk_list_item_set_child (item, check);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CohortContactPicker      *self)
{
  CohortMemberRow *row = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *email = gtk_widget_get_next_sibling (name);
  gint64 id = cohort_member_row_get_id (row);
  g_autofree char *accessible = NULL;

  /* Unset first, so that showing the state does not count as a choice. */
  g_object_set_data (G_OBJECT (check), "contact-id", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->chosen, &id));
  g_object_set_data_full (G_OBJECT (check), "contact-id", g_memdup2 (&id, sizeof id), g_free);

  gtk_label_set_label (GTK_LABEL (name), cohort_member_row_get_name (row));
  gtk_label_set_label (GTK_LABEL (email), cohort_member_row_get_email (row));
  accessible = g_strdup_printf ("%s <%s>", cohort_member_row_get_name (row),
                                cohort_member_row_get_email (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
search_changed_cb (CohortContactPicker *self)
{
  if (self->list != NULL)
    cohort_contact_list_set_filter (self->list,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
add_clicked_cb (CohortContactPicker *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  g_signal_emit (self, signals[CONTACTS_CHOSEN], 0, ids);
  gtk_window_close (GTK_WINDOW (self));
}

static void
cohort_contact_picker_dispose (GObject *object)
{
  CohortContactPicker *self = COHORT_CONTACT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_CONTACT_PICKER);
  g_clear_object (&self->list);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (cohort_contact_picker_parent_class)->dispose (object);
}

static void
cohort_contact_picker_class_init (CohortContactPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_contact_picker_dispose;

  signals[CONTACTS_CHOSEN] =
    g_signal_new ("contacts-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-contact-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortContactPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPicker, add_button);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cohort_contact_picker_init (CohortContactPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

CohortContactPicker *
cohort_contact_picker_new (CohortStore *store,
                           CohortGroup *group)
{
  CohortContactPicker *self;
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (COHORT_IS_GROUP (group), NULL);

  self = g_object_new (COHORT_TYPE_CONTACT_PICKER, NULL);
  self->list = cohort_contact_list_new (store, 0);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->list))));
  gtk_list_view_set_model (self->list_view, selection);
  adw_window_title_set_subtitle (self->window_title, cohort_group_get_name (group));

  return self;
}
