/* cohort-group-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-condition-editor.h"
#include "cohort-group-accounts.h"
#include "cohort-group-overview.h"
#include "cohort-group-page.h"
#include "cohort-member-table.h"
#include "cohort-utils.h"

struct _CohortGroupPage
{
  AdwBin                parent_instance;

  CohortStore          *store;
  CohortGroup          *group;
  gboolean              folded;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  CohortGroupOverview  *overview;
  CohortMemberTable    *members;
  CohortGroupAccounts  *accounts;
  AdwViewStackPage     *accounts_page;
  AdwViewStackPage     *conditions_stack_page;
  GtkBox               *conditions_page;
  CohortConditionEditor *condition_editor;
};

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  CONTACT_ACTIVATED,
  GROUP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortGroupPage, cohort_group_page, ADW_TYPE_BIN)

static void
contact_activated_cb (CohortGroupPage *self,
                      gint64           contact_id)
{
  g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, contact_id);
}

static void
condition_stored_cb (CohortGroupPage *self)
{
  g_signal_emit (self, signals[GROUP_CHANGED], 0);
}

static void
add_account_requested_cb (CohortGroupPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->members), "table.add-account", NULL);
}

static void
remove_account_requested_cb (CohortGroupPage *self,
                             CohortAccount   *account)
{
  cohort_member_table_remove_account (self->members, account);
}

static void
add_contacts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  gtk_widget_activate_action (GTK_WIDGET (self->members), "table.add-contacts", NULL);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  gtk_widget_activate_action (GTK_WIDGET (self->members), "table.add-account", NULL);
}

static void
edit_conditions_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "conditions");
}

static void
cohort_group_page_dispose (GObject *object)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_GROUP_PAGE);
  g_clear_object (&self->group);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_group_page_parent_class)->dispose (object);
}

static void
cohort_group_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_group_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CohortGroupPage *self = COHORT_GROUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_group_page_class_init (CohortGroupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_page_dispose;
  object_class->get_property = cohort_group_page_get_property;
  object_class->set_property = cohort_group_page_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONTACT_ACTIVATED] =
    g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[GROUP_CHANGED] =
    g_signal_new ("group-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (COHORT_TYPE_GROUP_OVERVIEW);
  g_type_ensure (COHORT_TYPE_MEMBER_TABLE);
  g_type_ensure (COHORT_TYPE_GROUP_ACCOUNTS);
  g_type_ensure (COHORT_TYPE_CONDITION_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, overview);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, members);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, accounts);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, conditions_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, conditions_page);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupPage, condition_editor);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, condition_stored_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_account_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_account_requested_cb);

  /* The empty overview's buttons. */
  gtk_widget_class_install_action (widget_class, "page.add-contacts", NULL, add_contacts_action);
  gtk_widget_class_install_action (widget_class, "page.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "page.edit-conditions", NULL, edit_conditions_action);
}

static void
cohort_group_page_init (CohortGroupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cohort_group_page_set_group (CohortGroupPage *self,
                             CohortStore     *store,
                             CohortGroup     *group)
{
  gboolean same_group;
  gboolean dynamic;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (COHORT_IS_GROUP_PAGE (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (COHORT_IS_GROUP (group));

  same_group = self->group != NULL && self->store == store
               && cohort_group_get_id (self->group) == cohort_group_get_id (group);
  g_set_object (&self->store, store);
  g_set_object (&self->group, group);
  dynamic = cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC;

  cohort_member_table_set_source (self->members, store, group);
  if (same_group)
    cohort_member_table_reload (self->members);
  cohort_group_overview_set_group (self->overview, store, group,
                                   cohort_member_table_get_list (self->members));
  cohort_group_accounts_set_group (self->accounts, store, group);

  count = cohort_format_contacts (cohort_group_get_member_count (group));
  /* Translators: "Dynamic group · 1,234 contacts" */
  subtitle = g_strdup_printf (dynamic ? _("Dynamic group · %s") : _("Static group · %s"), count);
  adw_view_switcher_title_set_title (self->switcher_title, cohort_group_get_name (group));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);

  adw_view_stack_page_set_visible (self->accounts_page, !dynamic);
  adw_view_stack_page_set_visible (self->conditions_stack_page, dynamic);
  if (dynamic)
    {
      g_autoptr(GError) error = NULL;

      /* The editor keeps unsaved edits when it is given the same group. */
      if (!cohort_condition_editor_set_group (self->condition_editor, store, group, &error))
        g_warning ("Could not show the condition of “%s”: %s", cohort_group_get_code (group), error->message);
    }
}

CohortGroup *
cohort_group_page_get_group (CohortGroupPage *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP_PAGE (self), NULL);
  return self->group;
}

gboolean
cohort_group_page_recalculate (CohortGroupPage *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP_PAGE (self), FALSE);

  if (!cohort_group_overview_recalculate (self->overview))
    return FALSE;

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  return TRUE;
}

void
cohort_group_page_show_view (CohortGroupPage *self,
                             const char      *name)
{
  g_return_if_fail (COHORT_IS_GROUP_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkBox *
cohort_group_page_get_conditions_page (CohortGroupPage *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP_PAGE (self), NULL);
  return self->conditions_page;
}

gboolean
cohort_group_page_has_unsaved_condition (CohortGroupPage *self)
{
  gboolean modified = FALSE;

  g_return_val_if_fail (COHORT_IS_GROUP_PAGE (self), FALSE);

  if (self->group == NULL || cohort_group_get_kind (self->group) != COHORT_GROUP_DYNAMIC)
    return FALSE;
  g_object_get (self->condition_editor, "modified", &modified, NULL);
  return modified;
}

gboolean
cohort_group_page_save_condition (CohortGroupPage  *self,
                                  GError          **error)
{
  g_return_val_if_fail (COHORT_IS_GROUP_PAGE (self), FALSE);

  return cohort_condition_editor_save (self->condition_editor, error);
}

void
cohort_group_page_discard_condition (CohortGroupPage *self)
{
  g_return_if_fail (COHORT_IS_GROUP_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self->condition_editor), "editor.revert", NULL);
}
