/* cohort-value-suggestions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-editor-template.h"
#include "cohort-value-suggestions.h"

/* Enough to show what the data looks like, few enough to read at a glance
 * and to need no scrolling. */
#define MAX_SHOWN 8
/* Focus leaves the entry on the way to a click on a suggestion: the
 * popover waits that long before it goes. */
#define LEAVE_DELAY_MS 250

struct _CohortValueSuggestions
{
  GtkPopover              parent_instance;

  CohortConditionContext *context;
  char                   *field;
  GtkWidget              *entry;
  GtkEventController     *key_controller;
  GtkEventController     *focus_controller;
  gulong                  changed_id;
  GCancellable           *cancellable;
  guint                   leave_source;
  gboolean                focused;

  GtkSingleSelection     *selection;
  GtkStringList          *strings;
};

G_DEFINE_FINAL_TYPE (CohortValueSuggestions, cohort_value_suggestions, GTK_TYPE_POPOVER)

enum { PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The values that contain what is typed, those that begin with it first,
 * each part in the database's order (most frequent first). */
static GStrv
matching (const char * const *values,
          const char         *typed)
{
  g_autofree char *needle = g_utf8_casefold (typed, -1);
  g_autoptr(GPtrArray) starts = g_ptr_array_new ();
  g_autoptr(GPtrArray) contains = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values[i] != NULL && starts->len < MAX_SHOWN; i++)
    {
      g_autofree char *folded = g_utf8_casefold (values[i], -1);

      if (g_str_has_prefix (folded, needle))
        g_ptr_array_add (starts, (gpointer) values[i]);
      else if (strstr (folded, needle) != NULL)
        g_ptr_array_add (contains, (gpointer) values[i]);
    }
  for (guint i = 0; i < starts->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (starts, i));
  for (guint i = 0; i < contains->len && starts->len + i < MAX_SHOWN; i++)
    g_strv_builder_add (builder, g_ptr_array_index (contains, i));
  return g_strv_builder_end (builder);
}

static void update (CohortValueSuggestions *self);

static void
values_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CohortValueSuggestions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cohort_condition_context_load_values_finish (COHORT_CONDITION_CONTEXT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No suggestions: %s", error->message);
      return;
    }
  update (self);
}

static void
update (CohortValueSuggestions *self)
{
  const char * const *values;
  g_auto(GStrv) shown = NULL;
  const char *typed;
  guint n;

  if (self->entry == NULL || self->field == NULL || !self->focused)
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }

  values = cohort_condition_context_peek_values (self->context, self->field);
  if (values == NULL)
    {
      cohort_condition_context_load_values (self->context, self->field, self->cancellable,
                                            values_loaded_cb, g_object_ref (self));
      return;
    }

  typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  shown = matching (values, typed);
  n = g_strv_length (shown);
  /* Nothing to offer, or only what is typed already. */
  if (n == 0 || (n == 1 && g_utf8_collate (shown[0], typed) == 0))
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }
  gtk_string_list_splice (self->strings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->strings)),
                          (const char * const *) shown);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_queue_allocate (gtk_widget_get_parent (GTK_WIDGET (self)));
  gtk_popover_popup (GTK_POPOVER (self));
}

static void
pick (CohortValueSuggestions *self,
      guint                   position)
{
  g_autofree char *value = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->strings)))
    return;
  value = g_strdup (gtk_string_list_get_string (self->strings, position));
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PICKED], 0, value);
}

static void
activate_cb (CohortValueSuggestions *self,
             guint                   position)
{
  pick (self, position);
}

static gboolean
key_pressed_cb (GtkEventControllerKey  *controller,
                guint                   keyval,
                guint                   keycode,
                GdkModifierType         state,
                CohortValueSuggestions *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->strings));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) || n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      gtk_single_selection_set_selected (self->selection, selected == GTK_INVALID_LIST_POSITION ? 0
                                                          : MIN (selected + 1, n - 1));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      gtk_single_selection_set_selected (self->selection, selected == GTK_INVALID_LIST_POSITION || selected == 0
                                                          ? GTK_INVALID_LIST_POSITION : selected - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (selected == GTK_INVALID_LIST_POSITION)
        return FALSE;
      pick (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
leave_cb (gpointer user_data)
{
  CohortValueSuggestions *self = user_data;

  self->leave_source = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
focus_enter_cb (CohortValueSuggestions *self)
{
  g_clear_handle_id (&self->leave_source, g_source_remove);
  self->focused = TRUE;
  update (self);
}

static void
focus_leave_cb (CohortValueSuggestions *self)
{
  self->focused = FALSE;
  g_clear_handle_id (&self->leave_source, g_source_remove);
  self->leave_source = g_timeout_add (LEAVE_DELAY_MS, leave_cb, self);
}

static void
detach (CohortValueSuggestions *self)
{
  if (self->entry == NULL)
    return;
  g_clear_signal_handler (&self->changed_id, self->entry);
  gtk_widget_remove_controller (self->entry, self->key_controller);
  gtk_widget_remove_controller (self->entry, self->focus_controller);
  self->key_controller = NULL;
  self->focus_controller = NULL;
  g_clear_weak_pointer (&self->entry);
}

void
cohort_value_suggestions_set_entry (CohortValueSuggestions *self,
                                    CohortConditionContext *context,
                                    const char             *field,
                                    GtkWidget              *entry)
{
  g_return_if_fail (COHORT_IS_VALUE_SUGGESTIONS (self));
  g_return_if_fail (context == NULL || COHORT_IS_CONDITION_CONTEXT (context));
  g_return_if_fail (entry == NULL || GTK_IS_EDITABLE (entry));

  g_set_object (&self->context, context);
  g_free (self->field);
  self->field = context != NULL && entry != NULL ? g_strdup (field) : NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (entry != self->entry)
    {
      detach (self);
      if (entry != NULL)
        {
          g_set_weak_pointer (&self->entry, entry);
          self->changed_id = g_signal_connect_swapped (entry, "changed", G_CALLBACK (update), self);
          self->key_controller = gtk_event_controller_key_new ();
          gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
          g_signal_connect (self->key_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
          gtk_widget_add_controller (entry, self->key_controller);
          self->focus_controller = gtk_event_controller_focus_new ();
          g_signal_connect_swapped (self->focus_controller, "enter", G_CALLBACK (focus_enter_cb), self);
          g_signal_connect_swapped (self->focus_controller, "leave", G_CALLBACK (focus_leave_cb), self);
          gtk_widget_add_controller (entry, self->focus_controller);
        }
      self->focused = entry != NULL && gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->focus_controller));
    }
  update (self);
}

void
cohort_value_suggestions_present (CohortValueSuggestions *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  graphene_rect_t bounds;

  g_return_if_fail (COHORT_IS_VALUE_SUGGESTIONS (self));

  if (self->entry != NULL && parent != NULL && gtk_widget_compute_bounds (self->entry, parent, &bounds))
    {
      GdkRectangle rect = {
        (int) bounds.origin.x, (int) bounds.origin.y, (int) bounds.size.width, (int) bounds.size.height
      };

      gtk_popover_set_pointing_to (GTK_POPOVER (self), &rect);
    }
  gtk_popover_present (GTK_POPOVER (self));
}

static void
cohort_value_suggestions_dispose (GObject *object)
{
  CohortValueSuggestions *self = COHORT_VALUE_SUGGESTIONS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->leave_source, g_source_remove);
  detach (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_VALUE_SUGGESTIONS);

  G_OBJECT_CLASS (cohort_value_suggestions_parent_class)->dispose (object);
}

static void
cohort_value_suggestions_finalize (GObject *object)
{
  CohortValueSuggestions *self = COHORT_VALUE_SUGGESTIONS (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->field, g_free);

  G_OBJECT_CLASS (cohort_value_suggestions_parent_class)->finalize (object);
}

static void
cohort_value_suggestions_class_init (CohortValueSuggestionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_value_suggestions_dispose;
  object_class->finalize = cohort_value_suggestions_finalize;

  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  cohort_editor_class_set_template (widget_class, "cohort-value-suggestions.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortValueSuggestions, selection);
  gtk_widget_class_bind_template_child (widget_class, CohortValueSuggestions, strings);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
cohort_value_suggestions_init (CohortValueSuggestions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
cohort_value_suggestions_new (void)
{
  return g_object_new (COHORT_TYPE_VALUE_SUGGESTIONS, NULL);
}
