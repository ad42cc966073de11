/* cohort-condition-group-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "cohort-condition-group-card.h"
#include "cohort-condition-row.h"
#include "cohort-editor-template.h"

struct _CohortConditionGroupCard
{
  GtkWidget               parent_instance;

  CohortConditionContext *context;
  CohortCondition        *group;
  guint                   depth;   /* the root is 1 */

  GtkLabel               *lead_label;
  GtkToggleButton        *all_button;
  GtkToggleButton        *any_button;
  GtkMenuButton          *menu_button;
  GtkListBox             *rules_list;
  GtkLabel               *error_label;
};

G_DEFINE_FINAL_TYPE (CohortConditionGroupCard, cohort_condition_group_card, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_NEGATED, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- the list of children ---------------------------------------------- */

static GtkWidget *
create_child_cb (gpointer item,
                 gpointer user_data)
{
  CohortConditionContext *context = user_data;
  CohortCondition *node = item;
  GtkWidget *row = gtk_list_box_row_new ();

  /* The row is only a place in the list: its buttons and entries take the
   * clicks and the focus. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                              cohort_condition_is_group (node) ? cohort_condition_group_card_new (context, node)
                                                               : cohort_condition_row_new (context, node));
  return row;
}

/* "and" or "or" between two children says how they combine. */
static void
header_cb (GtkListBoxRow *row,
           GtkListBoxRow *before,
           gpointer       user_data)
{
  CohortCondition *group = user_data;
  const char *word;
  GtkWidget *header;

  if (before == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Translators: shown between two conditions that must both be met */
  word = cohort_condition_get_any (group) ? C_("combinator", "or") : C_("combinator", "and");
  header = gtk_list_box_row_get_header (row);
  if (GTK_IS_LABEL (header))
    {
      gtk_label_set_label (GTK_LABEL (header), word);
      return;
    }
  header = gtk_label_new (word);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "cohort-combinator");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_list_box_row_set_header (row, header);
}

void
cohort_condition_group_card_bind_list (GtkListBox             *list,
                                       CohortConditionContext *context,
                                       CohortCondition        *group)
{
  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (COHORT_IS_CONDITION_CONTEXT (context));
  g_return_if_fail (COHORT_IS_CONDITION (group) && cohort_condition_is_group (group));

  gtk_list_box_set_header_func (list, header_cb, g_object_ref (group), g_object_unref);
  gtk_list_box_bind_model (list, cohort_condition_get_children (group), create_child_cb,
                           g_object_ref (context), g_object_unref);
}

/* ---- the card ---------------------------------------------------------- */

static void
update_negated (CohortConditionGroupCard *self)
{
  gboolean negated = cohort_condition_get_negated (self->group);

  gtk_label_set_label (self->lead_label, negated ? _("Contacts do not match") : _("Contacts match"));
  if (negated)
    gtk_widget_add_css_class (GTK_WIDGET (self), "negated");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "negated");
}

/* Only what is wrong with the group itself (it is empty, or nested too
 * deep); a wrong condition inside it says so on its own row. */
static void
validate (CohortConditionGroupCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CohortCondition *offender = NULL;

  if (!cohort_condition_validate (self->group, &offender, &error) && offender == self->group)
    message = cohort_condition_context_dup_message (self->group, error->message, NULL);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "invalid");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "invalid");
}

static void
children_changed_cb (GListModel               *model,
                     guint                     position,
                     guint                     removed,
                     guint                     added,
                     CohortConditionGroupCard *self)
{
  validate (self);
}

static void
any_toggled_cb (GtkToggleButton          *button,
                CohortConditionGroupCard *self)
{
  cohort_condition_set_any (self->group, gtk_toggle_button_get_active (button));
  gtk_list_box_invalidate_headers (self->rules_list);
}

static void
add_condition_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (widget);
  g_autoptr(CohortCondition) rule = cohort_condition_context_new_rule ();

  cohort_condition_context_request_focus (self->context, rule);
  cohort_condition_append (self->group, rule);
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (widget);
  g_autoptr(CohortCondition) group = cohort_condition_new_group (FALSE);
  g_autoptr(CohortCondition) rule = cohort_condition_context_new_rule ();

  cohort_condition_append (group, rule);
  cohort_condition_context_request_focus (self->context, rule);
  cohort_condition_append (self->group, group);
}

static guint
position_in_parent (CohortCondition *node)
{
  CohortCondition *parent = cohort_condition_get_parent (node);
  guint n = cohort_condition_get_n_children (parent);

  for (guint i = 0; i < n; i++)
    if (cohort_condition_get_child (parent, i) == node)
      return i;
  g_return_val_if_reached (n);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (widget);
  CohortCondition *parent = cohort_condition_get_parent (self->group);
  g_autoptr(CohortCondition) copy = cohort_condition_copy (self->group);

  if (parent != NULL)
    cohort_condition_insert (parent, position_in_parent (self->group) + 1, copy);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (widget);
  CohortCondition *parent = cohort_condition_get_parent (self->group);

  if (parent != NULL)
    cohort_condition_remove (parent, self->group);
}

static void
cohort_condition_group_card_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (object);

  switch (prop_id)
    {
    case PROP_NEGATED:
      g_value_set_boolean (value, self->group != NULL && cohort_condition_get_negated (self->group));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_group_card_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (object);

  switch (prop_id)
    {
    case PROP_NEGATED:
      if (self->group == NULL || cohort_condition_get_negated (self->group) == g_value_get_boolean (value))
        return;
      cohort_condition_set_negated (self->group, g_value_get_boolean (value));
      update_negated (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_group_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_GROUP_CARD);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_group_card_parent_class)->dispose (object);
}

static void
cohort_condition_group_card_finalize (GObject *object)
{
  CohortConditionGroupCard *self = COHORT_CONDITION_GROUP_CARD (object);

  g_clear_object (&self->group);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cohort_condition_group_card_parent_class)->finalize (object);
}

static void
cohort_condition_group_card_class_init (CohortConditionGroupCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_group_card_dispose;
  object_class->finalize = cohort_condition_group_card_finalize;
  object_class->get_property = cohort_condition_group_card_get_property;
  object_class->set_property = cohort_condition_group_card_set_property;

  /* Whether the group is negated; the menu's "Negate Group" check sets it. */
  properties[PROP_NEGATED] =
    g_param_spec_boolean ("negated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "card.negate", "negated");
  gtk_widget_class_install_action (widget_class, "card.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "card.add-condition", NULL, add_condition_action);
  gtk_widget_class_install_action (widget_class, "card.add-group", NULL, add_group_action);
  gtk_widget_class_install_action (widget_class, "card.remove", NULL, remove_action);

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  cohort_editor_class_set_template (widget_class, "cohort-condition-group-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, lead_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, all_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, any_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, rules_list);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionGroupCard, error_label);
  gtk_widget_class_bind_template_callback (widget_class, any_toggled_cb);
}

static void
cohort_condition_group_card_init (CohortConditionGroupCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cohort_condition_group_card_new (CohortConditionContext *context,
                                 CohortCondition        *group)
{
  CohortConditionGroupCard *self;

  g_return_val_if_fail (COHORT_IS_CONDITION_CONTEXT (context), NULL);
  g_return_val_if_fail (COHORT_IS_CONDITION (group) && cohort_condition_is_group (group), NULL);

  self = g_object_new (COHORT_TYPE_CONDITION_GROUP_CARD, NULL);
  self->context = g_object_ref (context);
  self->group = g_object_ref (group);
  for (CohortCondition *node = group; node != NULL; node = cohort_condition_get_parent (node))
    self->depth++;

  g_signal_handlers_block_by_func (self->any_button, any_toggled_cb, self);
  gtk_toggle_button_set_active (cohort_condition_get_any (group) ? self->any_button : self->all_button, TRUE);
  g_signal_handlers_unblock_by_func (self->any_button, any_toggled_cb, self);
  update_negated (self);

  cohort_condition_group_card_bind_list (self->rules_list, context, group);
  g_signal_connect_object (cohort_condition_get_children (group), "items-changed",
                           G_CALLBACK (children_changed_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.add-group", self->depth < COHORT_CONDITION_MAX_DEPTH);
  validate (self);

  return GTK_WIDGET (self);
}

CohortCondition *
cohort_condition_group_card_get_group (CohortConditionGroupCard *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_GROUP_CARD (self), NULL);

  return self->group;
}
