/* cohort-group-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-group-accounts.h"
#include "cohort-utils.h"

struct _CohortGroupAccounts
{
  AdwBin      parent_instance;

  GtkListBox *list_box;
};

enum {
  ADD_REQUESTED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortGroupAccounts, cohort_group_accounts, ADW_TYPE_BIN)

static void
add_clicked_cb (CohortGroupAccounts *self)
{
  g_signal_emit (self, signals[ADD_REQUESTED], 0);
}

static void
remove_clicked_cb (GtkButton           *button,
                   CohortGroupAccounts *self)
{
  CohortAccount *account = g_object_get_data (G_OBJECT (button), "account");

  g_signal_emit (self, signals[REMOVE_REQUESTED], 0, account);
}

static GtkWidget *
create_row (CohortGroupAccounts *self,
            CohortAccount       *account)
{
  g_autofree char *count = cohort_format_contacts (cohort_account_get_n_contacts (account));
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  const char *industry = cohort_account_get_industry (account);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (industry != NULL && *industry != '\0')
    subtitle = g_strdup_printf ("%s · %s", count, industry);
  else
    subtitle = g_steal_pointer (&count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort_account_get_name (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: %s is an account name */
  remove_label = g_strdup_printf (_("Remove %s from the group"), cohort_account_get_name (account));
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
cohort_group_accounts_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_GROUP_ACCOUNTS);

  G_OBJECT_CLASS (cohort_group_accounts_parent_class)->dispose (object);
}

static void
cohort_group_accounts_class_init (CohortGroupAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_accounts_dispose;

  signals[ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COHORT_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-accounts.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupAccounts, list_box);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
cohort_group_accounts_init (CohortGroupAccounts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cohort_group_accounts_set_group (CohortGroupAccounts *self,
                                 CohortStore         *store,
                                 CohortGroup         *group)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  g_return_if_fail (COHORT_IS_GROUP_ACCOUNTS (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (COHORT_IS_GROUP (group));

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  if (cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
    return;

  accounts = cohort_store_list_group_accounts (store, cohort_group_get_id (group), &error);
  if (accounts == NULL)
    {
      g_debug ("Could not list the accounts of the group: %s", error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (accounts, i)));
}
