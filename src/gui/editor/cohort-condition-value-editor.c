/* cohort-condition-value-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-condition-chips.h"
#include "cohort-condition-date-entry.h"
#include "cohort-condition-value-editor.h"
#include "cohort-editor-template.h"
#include "cohort-editor-value.h"
#include "cohort-text.h"
#include "cohort-value-suggestions.h"

struct _CohortConditionValueEditor
{
  GtkWidget                 parent_instance;

  CohortConditionContext   *context;
  char                     *field;
  CohortValueSuggestions   *suggestions;
  CohortFieldType           type;
  CohortValueShape          shape;
  char                     *choice;
  char                     *activity_type;
  /* Set while the widgets are filled from a value, so that filling them
   * does not read as an edit. */
  gboolean                  loading;

  GtkStack                 *stack;
  GtkEntry                 *text_entry;
  GtkMenuButton            *choice_button;
  CohortConditionChips     *list_chips;
  GtkSpinButton            *integer_spin;
  GtkSpinButton            *low_spin;
  GtkSpinButton            *high_spin;
  CohortConditionDateEntry *date_entry;
  CohortConditionDateEntry *from_date_entry;
  CohortConditionDateEntry *to_date_entry;
  GtkSpinButton            *days_spin;
  GtkSpinButton            *count_spin;
  GtkMenuButton            *activity_type_button;
  GtkCheckButton           *period_check;
  GtkSpinButton            *activity_days_spin;
  GtkLabel                 *activity_days_label;
};

G_DEFINE_FINAL_TYPE (CohortConditionValueEditor, cohort_condition_value_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CHOICE, PROP_ACTIVITY_TYPE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_changed (CohortConditionValueEditor *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
changed_cb (CohortConditionValueEditor *self)
{
  emit_changed (self);
}

static void
period_toggled_cb (GtkCheckButton             *check,
                   CohortConditionValueEditor *self)
{
  gboolean active = gtk_check_button_get_active (check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->activity_days_spin), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->activity_days_label), active);
  emit_changed (self);
}

/* What is typed counts before the spin button commits it on Enter or when
 * focus leaves, so that the live count follows the typing. */
static gint64
spin_get (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  gint64 typed;

  if (cohort_parse_int64 (gtk_editable_get_text (GTK_EDITABLE (spin)), &typed))
    return CLAMP (typed, (gint64) gtk_adjustment_get_lower (adjustment),
                  (gint64) gtk_adjustment_get_upper (adjustment));
  return (gint64) gtk_spin_button_get_value (spin);
}

static void
spin_set (GtkSpinButton *spin,
          JsonNode      *node,
          gint64         fallback)
{
  gtk_spin_button_set_value (spin, (double) cohort_editor_value_get_int (node, fallback));
}

static void
date_set (CohortConditionDateEntry *entry,
          JsonNode                 *node)
{
  g_autofree char *text = cohort_editor_value_dup_text (node);

  cohort_condition_date_entry_set_text (entry, text);
}

static const char *
group_title_cb (const char *code,
                gpointer    user_data)
{
  CohortConditionValueEditor *self = user_data;

  return self->context != NULL ? cohort_condition_context_get_group_title (self->context, code) : NULL;
}

/* The statuses or groups not in the list yet, as items of the add menu. */
static void
update_add_menu (CohortConditionValueEditor *self)
{
  g_autoptr(GMenu) menu = NULL;
  g_auto(GStrv) chosen = NULL;

  if (self->shape == COHORT_VALUE_GROUP_LIST || self->type == COHORT_FIELD_ENUM)
    {
      menu = g_menu_new ();
      chosen = cohort_condition_chips_dup_values (self->list_chips);
    }

  if (menu != NULL && self->shape == COHORT_VALUE_GROUP_LIST && self->context != NULL)
    {
      GPtrArray *groups = cohort_condition_context_get_groups (self->context);

      for (guint i = 0; i < groups->len; i++)
        {
          CohortGroup *group = g_ptr_array_index (groups, i);
          const char *code = cohort_group_get_code (group);
          g_autoptr(GMenuItem) item = NULL;

          if (g_strv_contains ((const char * const *) chosen, code))
            continue;
          item = g_menu_item_new (cohort_group_get_name (group), NULL);
          g_menu_item_set_action_and_target (item, "value.add-item", "s", code);
          g_menu_append_item (menu, item);
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
        g_menu_append (menu, _("No other group can be added"), NULL);
    }
  else if (menu != NULL)
    {
      const char * const *statuses = cohort_catalog_get_status_values ();

      for (guint i = 0; statuses[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) chosen, statuses[i]))
          {
            g_autoptr(GMenuItem) item = g_menu_item_new (statuses[i], NULL);

            g_menu_item_set_action_and_target (item, "value.add-item", "s", statuses[i]);
            g_menu_append_item (menu, item);
          }
    }
  cohort_condition_chips_set_menu_model (self->list_chips, G_MENU_MODEL (menu));
}

static void
chips_changed_cb (CohortConditionChips       *chips,
                  CohortConditionValueEditor *self)
{
  update_add_menu (self);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (widget);

  cohort_condition_chips_add_value (self->list_chips, g_variant_get_string (parameter, NULL));
}

static void
update_choice_label (CohortConditionValueEditor *self)
{
  gtk_menu_button_set_label (self->choice_button, *self->choice != '\0' ? self->choice : _("Choose a status"));
}

static void
update_activity_type_label (CohortConditionValueEditor *self)
{
  gtk_menu_button_set_label (self->activity_type_button,
                             g_str_equal (self->activity_type, COHORT_ANY_ACTIVITY) ? _("any") : self->activity_type);
}

/* Any type, the types in the database, and the one loaded if it is none of
 * those (a condition may name a type no activity has yet). */
static void
update_activity_menu (CohortConditionValueEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char * const *types = self->context != NULL
                              ? cohort_condition_context_get_activity_types (self->context) : NULL;
  gboolean listed = g_str_equal (self->activity_type, COHORT_ANY_ACTIVITY);
  g_autoptr(GMenuItem) any = g_menu_item_new (_("Any activity"), NULL);

  g_menu_item_set_action_and_target (any, "value.activity-type", "s", COHORT_ANY_ACTIVITY);
  g_menu_append_item (menu, any);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (types[i], NULL);

      g_menu_item_set_action_and_target (item, "value.activity-type", "s", types[i]);
      g_menu_append_item (menu, item);
      listed = listed || g_str_equal (types[i], self->activity_type);
    }
  if (!listed)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (self->activity_type, NULL);

      g_menu_item_set_action_and_target (item, "value.activity-type", "s", self->activity_type);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->activity_type_button, G_MENU_MODEL (menu));
}

/* Never NULL: the property actions of the menus turn the value into a
 * GVariant state, and there is no NULL string variant. */
static void
set_string (char       **field,
            const char  *value)
{
  char *copy = g_strdup (value != NULL ? value : "");

  g_free (*field);
  *field = copy;
}

static const char *
page_for_shape (CohortValueShape shape,
                CohortFieldType  type)
{
  switch (shape)
    {
    case COHORT_VALUE_TEXT:
      return type == COHORT_FIELD_ENUM ? "choice" : "text";
    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
      return "list";
    case COHORT_VALUE_INTEGER:
      return "integer";
    case COHORT_VALUE_INTEGER_RANGE:
      return "integer-range";
    case COHORT_VALUE_DATETIME:
      return "datetime";
    case COHORT_VALUE_DATETIME_RANGE:
      return "datetime-range";
    case COHORT_VALUE_DAYS:
      return "days";
    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      return "activity";
    case COHORT_VALUE_NONE:
    default:
      return "none";
    }
}

/* Only the page shown is visible: assistive tools list every visible
 * widget, and the other pages are not there for the user. */
static void
show_page (GtkStack   *stack,
           const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, g_str_equal (gtk_stack_page_get_name (gtk_stack_get_page (stack, child)), name));
  gtk_stack_set_visible_child_name (stack, name);
}

static void
load_list (CohortConditionValueEditor *self,
           JsonNode                   *value)
{
  g_auto(GStrv) items = cohort_editor_value_dup_strv (value);
  const char *placeholder;

  if (self->shape == COHORT_VALUE_GROUP_LIST)
    placeholder = _("Add a group");
  else if (self->type == COHORT_FIELD_ENUM)
    placeholder = _("Add a status");
  else if (self->type == COHORT_FIELD_TAG)
    placeholder = _("Add a tag");
  else
    placeholder = _("Add a value");
  cohort_condition_chips_set_placeholder (self->list_chips, placeholder);
  cohort_condition_chips_set_label_func (self->list_chips,
                                         self->shape == COHORT_VALUE_GROUP_LIST ? group_title_cb : NULL, self);
  cohort_condition_chips_set_values (self->list_chips, (const char * const *) items);
  update_add_menu (self);
}

static void
load_activity (CohortConditionValueEditor *self,
               JsonNode                   *value)
{
  g_autofree char *type = cohort_editor_value_dup_text (cohort_editor_value_get_member (value, "type"));
  JsonNode *days = cohort_editor_value_get_member (value, "days");
  gboolean counted = self->shape == COHORT_VALUE_ACTIVITY_COUNT;

  g_object_set (self, "activity-type", type != NULL ? type : COHORT_ANY_ACTIVITY, NULL);
  update_activity_menu (self);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spin), counted);
  spin_set (self->count_spin, cohort_editor_value_get_member (value, "count"), 1);
  gtk_check_button_set_active (self->period_check, days != NULL && !JSON_NODE_HOLDS_NULL (days));
  spin_set (self->activity_days_spin, days, COHORT_DEFAULT_DAYS);
}

/* Values typed by hand in a text or tag field are offered from the data:
 * "Germany" matches nothing when the contacts say "DE". */
static void
update_suggestions (CohortConditionValueEditor *self)
{
  GtkWidget *entry = NULL;
  gboolean texts = self->type == COHORT_FIELD_TEXT || self->type == COHORT_FIELD_TAG;

  if (texts && self->shape == COHORT_VALUE_TEXT)
    entry = GTK_WIDGET (self->text_entry);
  else if (texts && self->shape == COHORT_VALUE_TEXT_LIST)
    entry = cohort_condition_chips_get_entry (self->list_chips);
  cohort_value_suggestions_set_entry (self->suggestions, self->context, self->field, entry);
}

static void
suggestion_picked_cb (CohortValueSuggestions     *suggestions,
                      const char                 *value,
                      CohortConditionValueEditor *self)
{
  if (self->shape == COHORT_VALUE_TEXT_LIST)
    {
      gtk_editable_set_text (GTK_EDITABLE (cohort_condition_chips_get_entry (self->list_chips)), "");
      cohort_condition_chips_add_value (self->list_chips, value);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->text_entry), value);
      gtk_editable_set_position (GTK_EDITABLE (self->text_entry), -1);
    }
}

void
cohort_condition_value_editor_set_field (CohortConditionValueEditor *self,
                                         const char                 *field)
{
  g_return_if_fail (COHORT_IS_CONDITION_VALUE_EDITOR (self));

  g_free (self->field);
  self->field = g_strdup (field);
}

void
cohort_condition_value_editor_load (CohortConditionValueEditor *self,
                                    CohortFieldType             type,
                                    CohortOperator              op,
                                    JsonNode                   *value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (COHORT_IS_CONDITION_VALUE_EDITOR (self));

  self->loading = TRUE;
  self->type = type;
  self->shape = cohort_operator_get_value_shape (op, type);
  text = cohort_editor_value_dup_text (value);

  switch (self->shape)
    {
    case COHORT_VALUE_TEXT:
      if (type == COHORT_FIELD_ENUM)
        {
          g_autoptr(GMenu) menu = g_menu_new ();
          const char * const *statuses = cohort_catalog_get_status_values ();

          for (guint i = 0; statuses[i] != NULL; i++)
            {
              g_autoptr(GMenuItem) item = g_menu_item_new (statuses[i], NULL);

              g_menu_item_set_action_and_target (item, "value.choice", "s", statuses[i]);
              g_menu_append_item (menu, item);
            }
          gtk_menu_button_set_menu_model (self->choice_button, G_MENU_MODEL (menu));
          g_object_set (self, "choice", text, NULL);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text != NULL ? text : "");
      break;
    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
      load_list (self, value);
      break;
    case COHORT_VALUE_INTEGER:
      spin_set (self->integer_spin, value, 0);
      break;
    case COHORT_VALUE_INTEGER_RANGE:
      spin_set (self->low_spin, cohort_editor_value_get_element (value, 0), 0);
      spin_set (self->high_spin, cohort_editor_value_get_element (value, 1), 0);
      break;
    case COHORT_VALUE_DATETIME:
      date_set (self->date_entry, value);
      break;
    case COHORT_VALUE_DATETIME_RANGE:
      date_set (self->from_date_entry, cohort_editor_value_get_element (value, 0));
      date_set (self->to_date_entry, cohort_editor_value_get_element (value, 1));
      break;
    case COHORT_VALUE_DAYS:
      spin_set (self->days_spin, value, COHORT_DEFAULT_DAYS);
      break;
    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      load_activity (self, value);
      break;
    case COHORT_VALUE_NONE:
    default:
      break;
    }

  show_page (self->stack, page_for_shape (self->shape, type));
  update_suggestions (self);
  self->loading = FALSE;
}

static JsonNode *
list_node (CohortConditionValueEditor *self)
{
  g_auto(GStrv) items = cohort_condition_chips_dup_values (self->list_chips);
  JsonArray *array = json_array_new ();

  for (guint i = 0; items[i] != NULL; i++)
    json_array_add_string_element (array, items[i]);
  return cohort_editor_value_take_array (array);
}

static JsonNode *
spin_node (GtkSpinButton *spin)
{
  return cohort_editor_value_new_int (spin_get (spin));
}

static JsonNode *
date_node (CohortConditionDateEntry *entry)
{
  return cohort_editor_value_new_text (cohort_condition_date_entry_get_text (entry));
}

JsonNode *
cohort_condition_value_editor_dup_value (CohortConditionValueEditor *self)
{
  g_autoptr(JsonNode) days = NULL;
  gint64 count;

  g_return_val_if_fail (COHORT_IS_CONDITION_VALUE_EDITOR (self), NULL);

  switch (self->shape)
    {
    case COHORT_VALUE_TEXT:
      if (self->type == COHORT_FIELD_ENUM)
        return cohort_editor_value_new_text (self->choice);
      return cohort_editor_value_new_text (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));
    case COHORT_VALUE_TEXT_LIST:
    case COHORT_VALUE_GROUP_LIST:
      return list_node (self);
    case COHORT_VALUE_INTEGER:
      return spin_node (self->integer_spin);
    case COHORT_VALUE_INTEGER_RANGE:
      return cohort_editor_value_new_pair (spin_node (self->low_spin), spin_node (self->high_spin));
    case COHORT_VALUE_DATETIME:
      return date_node (self->date_entry);
    case COHORT_VALUE_DATETIME_RANGE:
      return cohort_editor_value_new_pair (date_node (self->from_date_entry), date_node (self->to_date_entry));
    case COHORT_VALUE_DAYS:
      return spin_node (self->days_spin);
    case COHORT_VALUE_ACTIVITY_COUNT:
    case COHORT_VALUE_ACTIVITY_NONE:
      if (gtk_check_button_get_active (self->period_check))
        days = spin_node (self->activity_days_spin);
      count = self->shape == COHORT_VALUE_ACTIVITY_COUNT ? spin_get (self->count_spin) : 0;
      return cohort_editor_value_new_activity (self->activity_type, count, days);
    case COHORT_VALUE_NONE:
    default:
      return NULL;
    }
}

void
cohort_condition_value_editor_set_context (CohortConditionValueEditor *self,
                                           CohortConditionContext     *context)
{
  g_return_if_fail (COHORT_IS_CONDITION_VALUE_EDITOR (self));

  g_set_object (&self->context, context);
}

static void
cohort_condition_value_editor_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CHOICE:
      g_value_set_string (value, self->choice);
      break;
    case PROP_ACTIVITY_TYPE:
      g_value_set_string (value, self->activity_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_value_editor_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_CHOICE:
      if (g_strcmp0 (self->choice, text != NULL ? text : "") == 0)
        return;
      set_string (&self->choice, text);
      update_choice_label (self);
      break;
    case PROP_ACTIVITY_TYPE:
      if (g_strcmp0 (self->activity_type, text != NULL ? text : "") == 0)
        return;
      set_string (&self->activity_type, text);
      update_activity_type_label (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
  emit_changed (self);
}

static void
cohort_condition_value_editor_size_allocate (GtkWidget *widget,
                                             int        width,
                                             int        height,
                                             int        baseline)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (widget);

  GTK_WIDGET_CLASS (cohort_condition_value_editor_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->suggestions != NULL)
    cohort_value_suggestions_present (self->suggestions);
}

static void
cohort_condition_value_editor_dispose (GObject *object)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (object);
  GtkWidget *child;

  if (self->suggestions != NULL)
    {
      cohort_value_suggestions_set_entry (self->suggestions, NULL, NULL, NULL);
      gtk_widget_unparent (GTK_WIDGET (self->suggestions));
      self->suggestions = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_VALUE_EDITOR);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_value_editor_parent_class)->dispose (object);
}

static void
cohort_condition_value_editor_finalize (GObject *object)
{
  CohortConditionValueEditor *self = COHORT_CONDITION_VALUE_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->choice, g_free);
  g_clear_pointer (&self->activity_type, g_free);

  G_OBJECT_CLASS (cohort_condition_value_editor_parent_class)->finalize (object);
}

static void
cohort_condition_value_editor_class_init (CohortConditionValueEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_value_editor_dispose;
  object_class->finalize = cohort_condition_value_editor_finalize;
  object_class->get_property = cohort_condition_value_editor_get_property;
  object_class->set_property = cohort_condition_value_editor_set_property;
  widget_class->size_allocate = cohort_condition_value_editor_size_allocate;

  properties[PROP_CHOICE] =
    g_param_spec_string ("choice", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVITY_TYPE] =
    g_param_spec_string ("activity-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_property_action (widget_class, "value.choice", "choice");
  gtk_widget_class_install_property_action (widget_class, "value.activity-type", "activity-type");
  gtk_widget_class_install_action (widget_class, "value.add-item", "s", add_item_action);

  g_type_ensure (COHORT_TYPE_CONDITION_CHIPS);
  g_type_ensure (COHORT_TYPE_CONDITION_DATE_ENTRY);
  cohort_editor_class_set_template (widget_class, "cohort-condition-value-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, text_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, choice_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, list_chips);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, integer_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, low_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, high_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, from_date_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, to_date_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, activity_type_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, period_check);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, activity_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionValueEditor, activity_days_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_toggled_cb);
}

static void
cohort_condition_value_editor_init (CohortConditionValueEditor *self)
{
  self->choice = g_strdup ("");
  self->activity_type = g_strdup (COHORT_ANY_ACTIVITY);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->list_chips, "changed", G_CALLBACK (chips_changed_cb), self);
  self->suggestions = COHORT_VALUE_SUGGESTIONS (cohort_value_suggestions_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->suggestions), GTK_WIDGET (self));
  g_signal_connect (self->suggestions, "picked", G_CALLBACK (suggestion_picked_cb), self);
  update_activity_type_label (self);
}
