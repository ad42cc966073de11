/* cohort-condition-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-condition-row.h"
#include "cohort-condition-value-editor.h"
#include "cohort-editor-template.h"
#include "cohort-editor-value.h"
#include "cohort-field-picker.h"

struct _CohortConditionRow
{
  GtkWidget                   parent_instance;

  CohortConditionContext     *context;
  CohortCondition            *rule;
  gulong                      changed_id;
  guint                       popup_source;

  GtkMenuButton              *field_button;
  GtkLabel                   *field_label;
  GtkMenuButton              *operator_button;
  GtkLabel                   *operator_label;
  CohortConditionValueEditor *value_editor;
  GtkButton                  *remove_button;
  GtkLabel                   *error_label;
};

G_DEFINE_FINAL_TYPE (CohortConditionRow, cohort_condition_row, GTK_TYPE_WIDGET)

/* ---- the line of a condition ------------------------------------------- */

/* Field, comparison, value and the remove button on one line when the value
 * has room there; in a narrow window the value goes on a line of its own
 * under the others. The field and comparison keep their width either way,
 * so rows line up and adding one moves no other. */
#define LINE_SPACING 6
/* A value narrower than this goes on its own line. */
#define MIN_VALUE_WIDTH 160
#define ERROR_SPACING 4

#define COHORT_TYPE_CONDITION_LINE_LAYOUT (cohort_condition_line_layout_get_type ())
G_DECLARE_FINAL_TYPE (CohortConditionLineLayout, cohort_condition_line_layout, COHORT, CONDITION_LINE_LAYOUT,
                      GtkLayoutManager)

struct _CohortConditionLineLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (CohortConditionLineLayout, cohort_condition_line_layout, GTK_TYPE_LAYOUT_MANAGER)

typedef struct
{
  GtkWidget *field, *op, *value, *remove, *error;
} Parts;

static gboolean
get_parts (GtkWidget *widget,
           Parts     *parts)
{
  parts->field = gtk_widget_get_first_child (widget);
  parts->op = parts->field != NULL ? gtk_widget_get_next_sibling (parts->field) : NULL;
  parts->value = parts->op != NULL ? gtk_widget_get_next_sibling (parts->op) : NULL;
  parts->remove = parts->value != NULL ? gtk_widget_get_next_sibling (parts->value) : NULL;
  parts->error = parts->remove != NULL ? gtk_widget_get_next_sibling (parts->remove) : NULL;
  if (parts->error != NULL && !gtk_widget_should_layout (parts->error))
    parts->error = NULL;
  return parts->remove != NULL;
}

static int
nat_width (GtkWidget *widget)
{
  int nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

static int
min_width (GtkWidget *widget)
{
  int min;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static int
nat_height (GtkWidget *widget,
            int        for_width)
{
  int nat;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, for_width, NULL, &nat, NULL, NULL);
  return nat;
}

/* The width of the part before the value (with the remove button). */
static int
fixed_width (Parts *parts)
{
  return nat_width (parts->field) + nat_width (parts->op) + nat_width (parts->remove) + 3 * LINE_SPACING;
}

static gboolean
one_line (Parts *parts,
          int    width)
{
  return width < 0 || width - fixed_width (parts) >= MAX (min_width (parts->value), MIN_VALUE_WIDTH);
}

/* The first line's height, and the second's with its spacing if the value
 * goes there. */
static int
first_line_height (Parts *parts)
{
  return MAX (MAX (nat_height (parts->field, -1), nat_height (parts->op, -1)), nat_height (parts->remove, -1));
}

static int
lines_height (Parts *parts,
              int    width)
{
  if (one_line (parts, width))
    return MAX (first_line_height (parts),
                nat_height (parts->value, width < 0 ? -1 : width - fixed_width (parts)));
  return first_line_height (parts) + LINE_SPACING + nat_height (parts->value, width);
}

static void
line_measure (GtkLayoutManager *manager,
              GtkWidget        *widget,
              GtkOrientation    orientation,
              int               for_size,
              int              *minimum,
              int              *natural,
              int              *minimum_baseline,
              int              *natural_baseline)
{
  Parts parts;

  *minimum = *natural = 0;
  if (!get_parts (widget, &parts))
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (fixed_width (&parts) - LINE_SPACING, min_width (parts.value));
      *natural = fixed_width (&parts) + MAX (nat_width (parts.value), MIN_VALUE_WIDTH);
      /* The error wraps: it asks for no width of its own. */
      return;
    }

  *minimum = *natural = lines_height (&parts, for_size)
                        + (parts.error != NULL ? ERROR_SPACING + nat_height (parts.error, for_size) : 0);
}

static void
allocate (GtkWidget *child,
          int        x,
          int        y,
          int        width,
          int        height)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
line_allocate (GtkLayoutManager *manager,
               GtkWidget        *widget,
               int               width,
               int               height,
               int               baseline)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int field_width, op_width, remove_width, x = 0;
  int first_height, lines;
  Parts parts;

  if (!get_parts (widget, &parts))
    return;

  field_width = nat_width (parts.field);
  op_width = nat_width (parts.op);
  remove_width = nat_width (parts.remove);
  lines = lines_height (&parts, width);
  first_height = one_line (&parts, width) ? lines : first_line_height (&parts);
  if (parts.error != NULL)
    allocate (parts.error, 0, lines + ERROR_SPACING, width, MAX (height - lines - ERROR_SPACING, 0));
  height = lines;

#define PLACE(child, w, y, h) \
  allocate (child, rtl ? width - x - (w) : x, y, w, h)

  PLACE (parts.field, field_width, 0, first_height);
  x += field_width + LINE_SPACING;
  PLACE (parts.op, op_width, 0, first_height);
  x += op_width + LINE_SPACING;
  if (first_height == height)
    {
      PLACE (parts.value, MAX (width - x - remove_width - LINE_SPACING, 0), 0, height);
      x = width - remove_width;
      PLACE (parts.remove, remove_width, 0, height);
    }
  else
    {
      x = width - remove_width;
      PLACE (parts.remove, remove_width, 0, first_height);
      x = 0;
      PLACE (parts.value, width, first_height + LINE_SPACING, height - first_height - LINE_SPACING);
    }
#undef PLACE
}

static GtkSizeRequestMode
line_get_request_mode (GtkLayoutManager *manager,
                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cohort_condition_line_layout_class_init (CohortConditionLineLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->measure = line_measure;
  manager_class->allocate = line_allocate;
  manager_class->get_request_mode = line_get_request_mode;
}

static void
cohort_condition_line_layout_init (CohortConditionLineLayout *self)
{
}

enum { PROP_0, PROP_OPERATOR, N_PROPS };
static GParamSpec *properties[N_PROPS];

static CohortFieldType
rule_field_type (CohortConditionRow *self)
{
  const CohortField *field = cohort_catalog_lookup (cohort_condition_get_field (self->rule));

  return field != NULL ? field->type : COHORT_FIELD_TEXT;
}

static void
update_operator_menu (CohortConditionRow *self)
{
  CohortFieldType type = rule_field_type (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  const CohortOperator *ops;
  guint n_ops;

  ops = cohort_field_type_get_operators (type, &n_ops);
  for (guint i = 0; i < n_ops; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(cohort_operator_get_title (ops[i], type)), NULL);

      g_menu_item_set_action_and_target (item, "row.operator", "s", cohort_operator_to_string (ops[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->operator_button, G_MENU_MODEL (menu));
}

/* Shows the rule as it is now: after it was created, or after the field or
 * the operator changed the shape of its value. */
static void
sync_from_rule (CohortConditionRow *self)
{
  CohortFieldType type = rule_field_type (self);
  CohortOperator op = cohort_condition_get_operator (self->rule);
  g_autofree char *title = cohort_field_picker_dup_title (cohort_condition_get_field (self->rule));

  const char *op_title = _(cohort_operator_get_title (op, type));

  gtk_label_set_label (self->field_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->field_button), title);
  update_operator_menu (self);
  gtk_label_set_label (self->operator_label, op_title);
  cohort_condition_value_editor_set_field (self->value_editor, cohort_condition_get_field (self->rule));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->operator_button), op_title);
  cohort_condition_value_editor_load (self->value_editor, type, op, cohort_condition_get_value (self->rule));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

/* Moves the rule to @field and @op, keeping what it can of the value. */
static void
retarget (CohortConditionRow *self,
          const char         *field,
          CohortOperator      op)
{
  const CohortField *old_field = cohort_catalog_lookup (cohort_condition_get_field (self->rule));
  const CohortField *new_field = cohort_catalog_lookup (field);
  CohortFieldType old_type = old_field != NULL ? old_field->type : COHORT_FIELD_TEXT;
  CohortValueShape old_shape = cohort_operator_get_value_shape (cohort_condition_get_operator (self->rule), old_type);
  CohortValueShape new_shape;
  g_autoptr(JsonNode) value = NULL;

  g_return_if_fail (new_field != NULL);

  if (!cohort_field_type_has_operator (new_field->type, op))
    {
      guint n_ops;
      op = cohort_field_type_get_operators (new_field->type, &n_ops)[0];
    }
  new_shape = cohort_operator_get_value_shape (op, new_field->type);
  /* A list of groups is of group code names only: texts do not carry over. */
  if (old_field != NULL && old_field->type != new_field->type && new_shape == COHORT_VALUE_GROUP_LIST)
    old_shape = COHORT_VALUE_NONE;
  value = cohort_editor_value_adapt (cohort_condition_get_value (self->rule), old_shape, new_shape);

  cohort_condition_set_field (self->rule, field);
  cohort_condition_set_operator (self->rule, op);
  cohort_condition_set_value (self->rule, value);
  sync_from_rule (self);
}

static void
field_picked_cb (CohortFieldPicker  *picker,
                 const char         *field,
                 CohortConditionRow *self)
{
  retarget (self, field, cohort_condition_get_operator (self->rule));
}

static void
create_picker_cb (GtkMenuButton *button,
                  gpointer       user_data)
{
  CohortConditionRow *self = user_data;
  GtkWidget *picker;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  picker = cohort_field_picker_new (self->context);
  g_signal_connect_object (picker, "field-picked", G_CALLBACK (field_picked_cb), self, 0);
  gtk_menu_button_set_popover (button, picker);
}

static void
value_changed_cb (CohortConditionValueEditor *editor,
                  CohortConditionRow         *self)
{
  g_autoptr(JsonNode) value = cohort_condition_value_editor_dup_value (editor);

  cohort_condition_set_value (self->rule, value);
}

static void
show_error (CohortConditionRow *self,
            GtkWidget          *culprit,
            const char         *message)
{
  GtkWidget *parts[] = {
    GTK_WIDGET (self->field_button), GTK_WIDGET (self->operator_button), GTK_WIDGET (self->value_editor),
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] == culprit)
      gtk_widget_add_css_class (parts[i], "error");
    else
      gtk_widget_remove_css_class (parts[i], "error");

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
validate (CohortConditionRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = NULL;
  GtkWidget *culprit = GTK_WIDGET (self->value_editor);

  if (cohort_condition_validate (self->rule, NULL, &error) &&
      cohort_condition_context_check_references (self->context, self->rule, NULL, &error))
    {
      show_error (self, NULL, NULL);
      return;
    }
  message = cohort_condition_context_dup_message (self->rule, error->message, &key);
  if (g_strcmp0 (key, "field") == 0)
    culprit = GTK_WIDGET (self->field_button);
  else if (g_strcmp0 (key, "operator") == 0)
    culprit = GTK_WIDGET (self->operator_button);
  show_error (self, culprit, message);
}

static void
rule_changed_cb (CohortCondition    *rule,
                 CohortConditionRow *self)
{
  validate (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortConditionRow *self = COHORT_CONDITION_ROW (widget);
  CohortCondition *parent = cohort_condition_get_parent (self->rule);

  if (parent != NULL)
    cohort_condition_remove (parent, self->rule);
}

static gboolean
popup_picker_cb (gpointer user_data)
{
  CohortConditionRow *self = user_data;

  self->popup_source = 0;
  /* Focus first, so that the editor scrolls the new row into view. */
  gtk_widget_grab_focus (GTK_WIDGET (self->field_button));
  gtk_menu_button_popup (self->field_button);
  return G_SOURCE_REMOVE;
}

/* A popover left open on a window that goes away would keep the pointer
 * grabbed from the window below. */
static void
unmap_cb (GtkWidget          *widget,
          CohortConditionRow *self)
{
  gtk_menu_button_popdown (self->field_button);
  gtk_menu_button_popdown (self->operator_button);
}

/* A condition the user just added asks for its field straight away; the
 * popover can only open once the row has a place on screen. */
static void
map_cb (GtkWidget          *widget,
        CohortConditionRow *self)
{
  if (self->popup_source == 0 && cohort_condition_context_take_focus_request (self->context, self->rule))
    self->popup_source = g_idle_add (popup_picker_cb, self);
}

static void
cohort_condition_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CohortConditionRow *self = COHORT_CONDITION_ROW (object);

  switch (prop_id)
    {
    case PROP_OPERATOR:
      /* Never NULL: the operator menu's action state is made from it. */
      g_value_set_string (value, self->rule != NULL
                                 ? cohort_operator_to_string (cohort_condition_get_operator (self->rule)) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CohortConditionRow *self = COHORT_CONDITION_ROW (object);
  CohortOperator op;

  switch (prop_id)
    {
    case PROP_OPERATOR:
      if (self->rule != NULL && cohort_operator_from_string (g_value_get_string (value), &op) &&
          op != cohort_condition_get_operator (self->rule))
        retarget (self, cohort_condition_get_field (self->rule), op);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_row_dispose (GObject *object)
{
  CohortConditionRow *self = COHORT_CONDITION_ROW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->popup_source, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->rule);
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_ROW);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_row_parent_class)->dispose (object);
}

static void
cohort_condition_row_finalize (GObject *object)
{
  CohortConditionRow *self = COHORT_CONDITION_ROW (object);

  g_clear_object (&self->rule);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cohort_condition_row_parent_class)->finalize (object);
}

static void
cohort_condition_row_class_init (CohortConditionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_row_dispose;
  object_class->finalize = cohort_condition_row_finalize;
  object_class->get_property = cohort_condition_row_get_property;
  object_class->set_property = cohort_condition_row_set_property;

  /* The operator's JSON name; the operator menu's radio items set it. */
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "row.operator", "operator");
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_action);

  g_type_ensure (COHORT_TYPE_CONDITION_VALUE_EDITOR);
  g_type_ensure (COHORT_TYPE_CONDITION_LINE_LAYOUT);
  cohort_editor_class_set_template (widget_class, "cohort-condition-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, field_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, operator_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, field_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, operator_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, value_editor);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
}

static void
cohort_condition_row_init (CohortConditionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), self);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), self);
}

GtkWidget *
cohort_condition_row_new (CohortConditionContext *context,
                          CohortCondition        *rule)
{
  CohortConditionRow *self;

  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (context), NULL);
  g_return_val_if_fail (COHORT_IS_CONDITION (rule) && !cohort_condition_is_group (rule), NULL);

  self = g_object_new (COHORT_TYPE_CONDITION_ROW, NULL);
  self->context = g_object_ref (context);
  self->rule = g_object_ref (rule);
  cohort_condition_value_editor_set_context (self->value_editor, context);
  gtk_menu_button_set_create_popup_func (self->field_button, create_picker_cb, self, NULL);
  self->changed_id = g_signal_connect (rule, "changed", G_CALLBACK (rule_changed_cb), self);
  sync_from_rule (self);
  validate (self);

  return GTK_WIDGET (self);
}

CohortCondition *
cohort_condition_row_get_rule (CohortConditionRow *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_ROW (self), NULL);

  return self->rule;
}
