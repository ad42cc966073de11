/* cohort-condition-chips.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-chips.h"
#include "cohort-editor-template.h"

struct _CohortConditionChips
{
  GtkWidget            parent_instance;

  GPtrArray           *values;
  CohortChipLabelFunc  label_func;
  gpointer             label_data;

  GtkFlowBox          *flow_box;
  GtkEntry            *entry;
  GtkMenuButton       *add_button;
};

G_DEFINE_FINAL_TYPE (CohortConditionChips, cohort_condition_chips, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
chip_label (CohortConditionChips *self,
            const char           *value)
{
  const char *label = self->label_func != NULL ? self->label_func (value, self->label_data) : NULL;

  return label != NULL ? label : value;
}

static void
remove_clicked_cb (GtkButton            *button,
                   CohortConditionChips *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "cohort-chip-value");
  guint position;

  if (!g_ptr_array_find_with_equal_func (self->values, value, g_str_equal, &position))
    return;
  g_ptr_array_remove_index (self->values, position);
  g_object_ref (button);
  gtk_flow_box_remove (self->flow_box,
                       gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD));
  g_object_unref (button);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A chip is a label and a remove button; the flow box child around it is
 * not a focus stop of its own, so Tab goes from button to button. */
static void
insert_chip (CohortConditionChips *self,
             const char           *value,
             int                   position)
{
  g_autofree char *remove_label = NULL;
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (chip_label (self, value));
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "cohort-chip");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_tooltip_text (label, value);
  gtk_box_append (GTK_BOX (chip), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: the accessible name of the button that removes a value
   * such as “DE” from a list */
  remove_label = g_strdup_printf (_("Remove “%s”"), chip_label (self, value));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "cohort-chip-value", g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), button);

  gtk_flow_box_insert (self->flow_box, chip, position);
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
}

static void
clear_chips (CohortConditionChips *self)
{
  GtkFlowBoxChild *child;

  /* The entry and the add button come last and stay. */
  while ((child = gtk_flow_box_get_child_at_index (self->flow_box, 0)) != NULL &&
         gtk_flow_box_child_get_child (child) != GTK_WIDGET (self->entry))
    gtk_flow_box_remove (self->flow_box, GTK_WIDGET (child));
}

static gboolean
add_value (CohortConditionChips *self,
           const char           *value)
{
  g_autofree char *clean = g_strstrip (g_strdup (value));

  if (*clean == '\0' || g_ptr_array_find_with_equal_func (self->values, clean, g_str_equal, NULL))
    return FALSE;
  insert_chip (self, clean, self->values->len);
  g_ptr_array_add (self->values, g_steal_pointer (&clean));
  return TRUE;
}

static void entry_changed_cb (GtkEditable          *editable,
                              CohortConditionChips *self);

/* Enter or a comma turns what is typed into chips: "DE, AT" becomes two. */
static void
commit_entry (CohortConditionChips *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->entry)), ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    add_value (self, parts[i]);
  g_signal_handlers_block_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_handlers_unblock_by_func (self->entry, entry_changed_cb, self);
}

static void
entry_activate_cb (GtkEntry             *entry,
                   CohortConditionChips *self)
{
  commit_entry (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_changed_cb (GtkEditable          *editable,
                  CohortConditionChips *self)
{
  if (strchr (gtk_editable_get_text (editable), ',') != NULL)
    commit_entry (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cohort_condition_chips_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_CHIPS);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_chips_parent_class)->dispose (object);
}

static void
cohort_condition_chips_finalize (GObject *object)
{
  CohortConditionChips *self = COHORT_CONDITION_CHIPS (object);

  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (cohort_condition_chips_parent_class)->finalize (object);
}

static void
cohort_condition_chips_class_init (CohortConditionChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_chips_dispose;
  object_class->finalize = cohort_condition_chips_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  cohort_editor_class_set_template (widget_class, "cohort-condition-chips.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionChips, flow_box);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionChips, entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionChips, add_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
cohort_condition_chips_init (CohortConditionChips *self)
{
  self->values = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->entry)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->add_button)), FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->add_button)), FALSE);
}

GtkWidget *
cohort_condition_chips_new (void)
{
  return g_object_new (COHORT_TYPE_CONDITION_CHIPS, NULL);
}

void
cohort_condition_chips_set_values (CohortConditionChips *self,
                                   const char * const   *values)
{
  g_return_if_fail (COHORT_IS_CONDITION_CHIPS (self));

  clear_chips (self);
  g_ptr_array_set_size (self->values, 0);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    add_value (self, values[i]);
  g_signal_handlers_block_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_handlers_unblock_by_func (self->entry, entry_changed_cb, self);
}

GStrv
cohort_condition_chips_dup_values (CohortConditionChips *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *pending = NULL;

  g_return_val_if_fail (COHORT_IS_CONDITION_CHIPS (self), NULL);

  for (guint i = 0; i < self->values->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->values, i));
  pending = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (*pending != '\0' && !g_ptr_array_find_with_equal_func (self->values, pending, g_str_equal, NULL))
    g_strv_builder_add (builder, pending);
  return g_strv_builder_end (builder);
}

void
cohort_condition_chips_add_value (CohortConditionChips *self,
                                  const char           *value)
{
  g_return_if_fail (COHORT_IS_CONDITION_CHIPS (self));
  g_return_if_fail (value != NULL);

  if (add_value (self, value))
    g_signal_emit (self, signals[CHANGED], 0);
}

void
cohort_condition_chips_set_menu_model (CohortConditionChips *self,
                                       GMenuModel           *model)
{
  g_return_if_fail (COHORT_IS_CONDITION_CHIPS (self));

  gtk_menu_button_set_menu_model (self->add_button, model);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), model != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->add_button)), model != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->entry), model == NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->entry)), model == NULL);
}

void
cohort_condition_chips_set_label_func (CohortConditionChips *self,
                                       CohortChipLabelFunc   func,
                                       gpointer              user_data)
{
  g_return_if_fail (COHORT_IS_CONDITION_CHIPS (self));

  self->label_func = func;
  self->label_data = user_data;
}

void
cohort_condition_chips_set_placeholder (CohortConditionChips *self,
                                        const char           *text)
{
  g_return_if_fail (COHORT_IS_CONDITION_CHIPS (self));

  gtk_entry_set_placeholder_text (self->entry, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

GtkWidget *
cohort_condition_chips_get_entry (CohortConditionChips *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_CHIPS (self), NULL);

  return GTK_WIDGET (self->entry);
}
