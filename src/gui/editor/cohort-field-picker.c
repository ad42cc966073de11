/* cohort-field-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-editor-template.h"
#include "cohort-field-picker.h"

#define CUSTOM_PREFIX "custom."

typedef struct
{
  char                *name;
  char                *title;
  CohortFieldCategory  category;
  char                *folded;   /* title, category and name, for the search */
} Entry;

struct _CohortFieldPicker
{
  GtkPopover       parent_instance;

  GArray          *entries;      /* Entry, in the order of the rows */
  char            *query;        /* folded search text, NULL for none */

  GtkSearchEntry  *search_entry;
  GtkListBox      *list;
  GtkButton       *custom_button;
  GtkLabel        *empty_label;
};

G_DEFINE_FINAL_TYPE (CohortFieldPicker, cohort_field_picker, GTK_TYPE_POPOVER)

enum { FIELD_PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_free (entry->title);
  g_free (entry->folded);
}

char *
cohort_field_picker_dup_title (const char *field)
{
  const CohortField *entry;

  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_has_prefix (field, CUSTOM_PREFIX) && field[strlen (CUSTOM_PREFIX)] != '\0')
    return g_strdup (field + strlen (CUSTOM_PREFIX));
  entry = cohort_catalog_lookup (field);
  return g_strdup (entry != NULL ? _(entry->title) : field);
}

static void
add_entry (CohortFieldPicker   *self,
           const char          *name,
           CohortFieldCategory  category)
{
  Entry entry;
  g_autofree char *text = NULL;

  entry.name = g_strdup (name);
  entry.title = cohort_field_picker_dup_title (name);
  entry.category = category;
  text = g_strjoin ("\n", entry.title, _(cohort_field_category_get_title (category)), name, NULL);
  entry.folded = g_utf8_casefold (text, -1);
  g_array_append_val (self->entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *entry_a = a;
  const Entry *entry_b = b;

  return (int) entry_a->category - (int) entry_b->category;
}

/* Rows are buttons so that a click, Enter, Space and an assistive tool's
 * "click" all pick a field the same way. */
static GtkWidget *
create_row (const Entry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new_with_label (entry->title);

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0.0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "picker.pick");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", entry->name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static const Entry *
row_entry (CohortFieldPicker *self,
           GtkListBoxRow     *row)
{
  return &g_array_index (self->entries, Entry, gtk_list_box_row_get_index (row));
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  CohortFieldPicker *self = user_data;

  return self->query == NULL || strstr (row_entry (self, row)->folded, self->query) != NULL;
}

/* A category's title above its first row still shown. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  CohortFieldPicker *self = user_data;
  CohortFieldCategory category = row_entry (self, row)->category;
  GtkWidget *header;

  if (before != NULL && row_entry (self, before)->category == category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (_(cohort_field_category_get_title (category)));
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "cohort-picker-heading");
  gtk_list_box_row_set_header (row, header);
}

static const Entry *
first_shown (CohortFieldPicker *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (self->query == NULL || strstr (entry->folded, self->query) != NULL)
        return entry;
    }
  return NULL;
}

static void
pick (CohortFieldPicker *self,
      const char        *field)
{
  g_autofree char *name = g_strdup (field);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[FIELD_PICKED], 0, name);
}

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pick (COHORT_FIELD_PICKER (widget), g_variant_get_string (parameter, NULL));
}

static char *
typed_key (CohortFieldPicker *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

/* A key typed that no custom field has yet: the condition can still name it,
 * for data that is about to be imported. */
static void
update_custom_button (CohortFieldPicker *self)
{
  g_autofree char *key = typed_key (self);
  g_autofree char *field = g_strconcat (CUSTOM_PREFIX, key, NULL);
  g_autofree char *label = NULL;
  gboolean known = FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (g_array_index (self->entries, Entry, i).name, field))
      known = TRUE;

  /* Translators: a button that makes a condition on a custom field that no
   * contact has yet; %s is what the user typed */
  label = g_strdup_printf (_("Custom field “%s”"), key);
  gtk_button_set_label (self->custom_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_button), *key != '\0' && !known);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), first_shown (self) == NULL);
}

static void
search_changed_cb (GtkSearchEntry    *entry,
                   CohortFieldPicker *self)
{
  g_autofree char *text = typed_key (self);

  g_clear_pointer (&self->query, g_free);
  if (*text != '\0')
    self->query = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
  update_custom_button (self);
}

static void
search_activate_cb (GtkSearchEntry    *entry,
                    CohortFieldPicker *self)
{
  const Entry *first = first_shown (self);

  if (first != NULL)
    pick (self, first->name);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->custom_button)))
    gtk_widget_activate (GTK_WIDGET (self->custom_button));
}

static void
stop_search_cb (GtkSearchEntry    *entry,
                CohortFieldPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
custom_clicked_cb (GtkButton         *button,
                   CohortFieldPicker *self)
{
  g_autofree char *key = typed_key (self);
  g_autofree char *field = g_strconcat (CUSTOM_PREFIX, key, NULL);

  pick (self, field);
}

static void
show_cb (GtkPopover        *popover,
         CohortFieldPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
cohort_field_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_FIELD_PICKER);

  G_OBJECT_CLASS (cohort_field_picker_parent_class)->dispose (object);
}

static void
cohort_field_picker_finalize (GObject *object)
{
  CohortFieldPicker *self = COHORT_FIELD_PICKER (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (cohort_field_picker_parent_class)->finalize (object);
}

static void
cohort_field_picker_class_init (CohortFieldPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_field_picker_dispose;
  object_class->finalize = cohort_field_picker_finalize;

  signals[FIELD_PICKED] = g_signal_new ("field-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "picker.pick", "s", pick_action);

  cohort_editor_class_set_template (widget_class, "cohort-field-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortFieldPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortFieldPicker, list);
  gtk_widget_class_bind_template_child (widget_class, CohortFieldPicker, custom_button);
  gtk_widget_class_bind_template_child (widget_class, CohortFieldPicker, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
}

static void
cohort_field_picker_init (CohortFieldPicker *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cohort_field_picker_new (CohortConditionContext *context)
{
  CohortFieldPicker *self;
  const char * const *keys;
  const CohortField *fields;
  guint n_fields;

  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (context), NULL);

  self = g_object_new (COHORT_TYPE_FIELD_PICKER, NULL);

  fields = cohort_catalog_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].category != COHORT_CATEGORY_CUSTOM)
      add_entry (self, fields[i].name, fields[i].category);
  keys = cohort_condition_context_get_custom_keys (context);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (CUSTOM_PREFIX, keys[i], NULL);
      add_entry (self, name, COHORT_CATEGORY_CUSTOM);
    }
  g_array_sort (self->entries, compare_entries);

  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, create_row (&g_array_index (self->entries, Entry, i)));
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  update_custom_button (self);

  return GTK_WIDGET (self);
}
