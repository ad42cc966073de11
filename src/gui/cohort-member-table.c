/* cohort-member-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cohort-account-picker.h"
#include "cohort-contact-picker.h"
#include "cohort-job.h"
#include "cohort-member-table.h"
#include "cohort-utils.h"

struct _CohortMemberTable
{
  AdwBin               parent_instance;

  CohortStore         *store;
  CohortGroup         *group;
  CohortContactList   *list;
  GtkMultiSelection   *selection;
  GtkColumnViewColumn *columns[6];   /* indexed by CohortContactSort */
  int                  probed_sort;
  gboolean             syncing_sort;

  GtkSearchEntry      *filter_entry;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
  GtkWidget           *edit_buttons;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *account_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *added_column;
};

enum {
  CONTACT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortMemberTable, cohort_member_table, ADW_TYPE_BIN)

static const char * const sort_names[] = { "name", "email", "account", "status", "source", "added" };

/* What one change of membership did, kept for its Undo. */
typedef struct
{
  gint64     group_id;
  char      *group_name;
  GArray    *ids;         /* contacts added or removed */
  gint64     account_id;  /* or the account added */
  char      *account_name;
  gboolean   all;         /* remove every member; ids are filled in */
  gboolean   add;
  gboolean   offer_undo;
} MembershipChange;

static void
membership_change_free (gpointer data)
{
  MembershipChange *change = data;

  g_clear_pointer (&change->ids, g_array_unref);
  g_free (change->group_name);
  g_free (change->account_name);
  g_free (change);
}

static MembershipChange *
membership_change_new (CohortGroup *group,
                       gboolean     add)
{
  MembershipChange *change = g_new0 (MembershipChange, 1);

  change->group_id = cohort_group_get_id (group);
  change->group_name = g_strdup (cohort_group_get_name (group));
  change->add = add;

  return change;
}

static gboolean
is_static_group (CohortMemberTable *self)
{
  return self->group != NULL && cohort_group_get_kind (self->group) == COHORT_GROUP_STATIC;
}

static guint
count_selected (CohortMemberTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return 0;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) gtk_bitset_get_size (selected);
}

static void
update_state (CohortMemberTable *self)
{
  guint n_items = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  gboolean loading = self->list != NULL && cohort_contact_list_get_loading (self->list);
  gboolean filtered = self->list != NULL && cohort_contact_list_get_filter (self->list) != NULL;
  guint n_selected = count_selected (self);
  g_autofree char *count = cohort_format_contacts (n_items);
  g_autofree char *text = NULL;

  if (self->list != NULL && cohort_contact_list_get_partial (self->list))
    text = g_strdup (_("Listing contacts…"));
  else if (n_selected > 0)
    /* Translators: "3 of 1,234 contacts selected" */
    text = g_strdup_printf (_("%'u of %s selected"), n_selected, count);
  else if (filtered)
    /* Translators: %s is "12 contacts" */
    text = g_strdup_printf (_("%s match"), count);
  else
    text = g_steal_pointer (&count);
  gtk_label_set_label (self->count_label, text);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove-selected",
                                 is_static_group (self) && n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove-all",
                                 is_static_group (self) && n_items > 0 && !filtered);

  if (n_items > 0 || loading)
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
      return;
    }

  if (filtered)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Contacts"));
      adw_status_page_set_description (self->empty_page, _("Try a different name, email or account."));
    }
  else if (self->group == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Contacts"));
      adw_status_page_set_description (self->empty_page, _("Import a CSV file or add a contact."));
    }
  else if (is_static_group (self))
    {
      adw_status_page_set_title (self->empty_page, _("No Members Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add contacts one by one or every contact of an account."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Contact Matches the Condition"));
      adw_status_page_set_description (self->empty_page,
                                       _("Contacts join as soon as they match."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static GArray *
selected_ids (CohortMemberTable *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = cohort_contact_list_get_id (self->list, position);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* ---- changing members ---------------------------------------------------- */

static gboolean
change_members_job (CohortJob     *job,
                    CohortStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  MembershipChange *change = data;

  if (change->account_id > 0)
    return change->add
           ? cohort_store_add_group_account (store, change->group_id, change->account_id, error)
           : cohort_store_remove_group_account (store, change->group_id, change->account_id, error);

  if (change->all)
    {
      g_clear_pointer (&change->ids, g_array_unref);
      change->ids = cohort_store_list_member_ids (store, change->group_id, error);
      if (change->ids == NULL)
        return FALSE;
    }

  if (change->add)
    return cohort_store_add_members (store, change->group_id,
                                     (const gint64 *) change->ids->data, change->ids->len, error);
  return cohort_store_remove_members (store, change->group_id,
                                      (const gint64 *) change->ids->data, change->ids->len, error);
}

static void run_change (CohortMemberTable *self,
                        MembershipChange  *change);

/* The same change, or with @invert the one that undoes it. */
static MembershipChange *
membership_change_copy (MembershipChange *change,
                        gboolean          invert)
{
  MembershipChange *copy = g_new0 (MembershipChange, 1);

  copy->group_id = change->group_id;
  copy->group_name = g_strdup (change->group_name);
  copy->ids = change->ids != NULL ? g_array_ref (change->ids) : NULL;
  copy->account_id = change->account_id;
  copy->account_name = g_strdup (change->account_name);
  copy->add = invert ? !change->add : change->add;

  return copy;
}

typedef struct
{
  CohortMemberTable *table;   /* weak */
  MembershipChange  *change;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->table);
  membership_change_free (undo->change);
  g_free (undo);
}

static void
undo_cb (gpointer data)
{
  Undo *undo = data;

  if (undo->table != NULL)
    run_change (undo->table, membership_change_copy (undo->change, TRUE));
}

static char *
describe_change (MembershipChange *change)
{
  g_autofree char *group = cohort_quote (change->group_name);
  guint n = change->ids != NULL ? change->ids->len : 0;

  if (change->account_id > 0)
    return change->add
           /* Translators: "Added the contacts of Acme to “VIP”" */
           ? g_strdup_printf (_("Added the contacts of %s to %s"), change->account_name, group)
           : g_strdup_printf (_("Removed the account %s from %s"), change->account_name, group);

  return change->add
         ? g_strdup_printf (g_dngettext (NULL, "Added %'u contact to %s", "Added %'u contacts to %s", n),
                            n, group)
         : g_strdup_printf (g_dngettext (NULL, "Removed %'u contact from %s",
                                         "Removed %'u contacts from %s", n),
                            n, group);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CohortJob *job = COHORT_JOB (object);
  g_autoptr(CohortMemberTable) self = user_data;
  MembershipChange *change = cohort_job_get_data (job);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  cohort_widget_check_store (GTK_WIDGET (self));

  if (!cohort_job_run_finish (job, result, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Members"), error);
      return;
    }

  title = describe_change (change);
  if (change->offer_undo)
    {
      Undo *undo = g_new0 (Undo, 1);

      g_set_weak_pointer (&undo->table, self);
      undo->change = membership_change_copy (change, FALSE);
      toast = cohort_toast_new_with_undo (title, G_CALLBACK (undo_cb), undo, undo_free);
    }
  else
    toast = adw_toast_new (title);

  cohort_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Takes @change. */
static void
run_change (CohortMemberTable *self,
            MembershipChange  *change)
{
  g_autoptr(CohortJob) job = cohort_job_new (change_members_job, change, membership_change_free);

  cohort_job_run_async (job, self->store, NULL, change_done_cb, g_object_ref (self));
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  MembershipChange *change;

  if (!is_static_group (self) || count_selected (self) == 0)
    return;

  change = membership_change_new (self->group, FALSE);
  change->ids = selected_ids (self);
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
remove_all_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        CohortMemberTable *self)
{
  MembershipChange *change;

  if (g_strcmp0 (response, "remove") != 0 || !is_static_group (self))
    return;

  change = membership_change_new (self->group, FALSE);
  change->all = TRUE;
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
remove_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *group = NULL;
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!is_static_group (self))
    return;

  group = cohort_quote (cohort_group_get_name (self->group));
  count = cohort_format_contacts (g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  /* Translators: "Remove 1,234 contacts from “VIP”?" */
  heading = g_strdup_printf (_("Remove %s from %s?"), count, group);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The contacts stay in your database. Contacts that are "
                                     "members through an account stay in the group."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_all_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
contacts_chosen_cb (CohortContactPicker *picker,
                    GArray              *ids,
                    CohortMemberTable   *self)
{
  MembershipChange *change;

  if (!is_static_group (self) || ids->len == 0)
    return;

  change = membership_change_new (self->group, TRUE);
  change->ids = g_array_ref (ids);
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
add_contacts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  CohortContactPicker *picker;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!is_static_group (self))
    return;

  picker = cohort_contact_picker_new (self->store, self->group);
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (picker, "contacts-chosen", G_CALLBACK (contacts_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
account_chosen_cb (CohortAccountPicker *picker,
                   CohortAccount       *account,
                   CohortMemberTable   *self)
{
  MembershipChange *change;

  if (!is_static_group (self))
    return;

  change = membership_change_new (self->group, TRUE);
  change->account_id = cohort_account_get_id (account);
  change->account_name = g_strdup (cohort_account_get_name (account));
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  CohortAccountPicker *picker;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!is_static_group (self))
    return;

  picker = cohort_account_picker_new (self->store, self->group);
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (picker, "account-chosen", G_CALLBACK (account_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

/* ---- sorting ------------------------------------------------------------- */

typedef struct
{
  CohortMemberTable *table;
  CohortContactSort  sort;
} Probe;

/* The column view only tells which column's sorter comes first by calling
 * it: each column's sorter records its key, and the sign of the answer
 * gives the direction. No rows are ever sorted here; SQLite does that. */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Probe *probe = user_data;

  probe->table->probed_sort = probe->sort;
  return -1;
}

static void
sorter_changed_cb (GtkSorter         *sorter,
                   GtkSorterChange    change,
                   CohortMemberTable *self)
{
  GtkOrdering order;

  if (self->syncing_sort || self->list == NULL)
    return;

  self->probed_sort = -1;
  /* Two different items: a sorter answers "equal" for an item and itself
   * without asking the column sorters. */
  order = gtk_sorter_compare (sorter, self, self->column_view);
  if (self->probed_sort < 0 || order == GTK_ORDERING_EQUAL)
    cohort_contact_list_set_sort (self->list, COHORT_CONTACT_SORT_NAME, FALSE);
  else
    cohort_contact_list_set_sort (self->list, self->probed_sort, order == GTK_ORDERING_LARGER);
}

static void
show_sort (CohortMemberTable *self)
{
  CohortContactSort sort = cohort_contact_list_get_sort (self->list);
  gboolean descending = cohort_contact_list_get_descending (self->list);

  if (gtk_column_view_column_get_column_view (self->columns[sort]) == NULL)
    return;

  self->syncing_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->columns[sort],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;
}

/* "table.sort-by" with "email" or "email-desc": keyboard and tests sort
 * without clicking a header. */
static void
sort_by_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  gboolean descending = g_str_has_suffix (text, "-desc");

  if (self->list == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (strncmp (text, sort_names[i], strlen (sort_names[i])) == 0)
      {
        cohort_contact_list_set_sort (self->list, i, descending);
        show_sort (self);
        return;
      }
}

/* ---- the list ------------------------------------------------------------ */

static void
filter_changed_cb (CohortMemberTable *self)
{
  if (self->list != NULL)
    cohort_contact_list_set_filter (self->list,
                                    gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  update_state (self);
}

static void
activate_cb (CohortMemberTable *self,
             guint              position)
{
  gint64 id = cohort_contact_list_get_id (self->list, position);

  if (id > 0)
    g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, id);
}

static void
set_list (CohortMemberTable *self,
          CohortContactList *list)
{
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  g_set_object (&self->list, list);
  g_clear_object (&self->selection);

  if (list != NULL)
    {
      self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (list)));
      g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "notify::partial", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_state), self);
    }

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  if (list != NULL)
    show_sort (self);
}

/* GTK 4.8 keeps room for a hidden column, so the Source column, which a
 * list of all contacts does not have, is taken out of the view instead. */
static void
show_source_column (CohortMemberTable *self,
                    gboolean           show)
{
  gboolean shown = gtk_column_view_column_get_column_view (self->source_column) != NULL;

  if (show == shown)
    return;

  if (show)
    gtk_column_view_insert_column (self->column_view, COHORT_CONTACT_SORT_SOURCE, self->source_column);
  else
    gtk_column_view_remove_column (self->column_view, self->source_column);
}

static void
cohort_member_table_dispose (GObject *object)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (object);

  set_list (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_MEMBER_TABLE);
  g_clear_object (&self->source_column);
  g_clear_object (&self->group);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_member_table_parent_class)->dispose (object);
}

static void
cohort_member_table_class_init (CohortMemberTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_member_table_dispose;

  signals[CONTACT_ACTIVATED] =
    g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (COHORT_TYPE_MEMBER_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-member-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, spinner);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, edit_buttons);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, name_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, email_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, account_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, status_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, source_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, added_column);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "table.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "table.remove-all", NULL, remove_all_action);
  gtk_widget_class_install_action (widget_class, "table.add-contacts", NULL, add_contacts_action);
  gtk_widget_class_install_action (widget_class, "table.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "table.sort-by", "s", sort_by_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "table.remove-selected", NULL);
}

static void
cohort_member_table_init (CohortMemberTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns[COHORT_CONTACT_SORT_NAME] = self->name_column;
  self->columns[COHORT_CONTACT_SORT_EMAIL] = self->email_column;
  self->columns[COHORT_CONTACT_SORT_ACCOUNT] = self->account_column;
  self->columns[COHORT_CONTACT_SORT_STATUS] = self->status_column;
  self->columns[COHORT_CONTACT_SORT_SOURCE] = self->source_column;
  /* Kept while it is out of the view. */
  g_object_ref (self->source_column);
  self->columns[COHORT_CONTACT_SORT_ADDED] = self->added_column;

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    {
      Probe *probe = g_new0 (Probe, 1);
      g_autoptr(GtkSorter) sorter = NULL;

      probe->table = self;
      probe->sort = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, probe, g_free));
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, 0);

  gtk_search_entry_set_key_capture_widget (self->filter_entry, GTK_WIDGET (self->column_view));
  update_state (self);
}

void
cohort_member_table_set_source (CohortMemberTable *self,
                                CohortStore       *store,
                                CohortGroup       *group)
{
  gint64 old_id;
  gint64 new_id;
  gboolean is_static;

  g_return_if_fail (COHORT_IS_MEMBER_TABLE (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (group == NULL || COHORT_IS_GROUP (group));

  old_id = self->group != NULL ? cohort_group_get_id (self->group) : 0;
  new_id = group != NULL ? cohort_group_get_id (group) : 0;
  g_set_object (&self->group, group);

  if (self->list == NULL || self->store != store || old_id != new_id)
    {
      g_autoptr(CohortContactList) list = NULL;

      g_set_object (&self->store, store);
      list = cohort_contact_list_new (store, new_id);
      cohort_contact_list_set_filter (list, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
      set_list (self, list);
    }

  is_static = is_static_group (self);
  gtk_widget_set_visible (self->edit_buttons, is_static);
  show_source_column (self, group != NULL);
  gtk_column_view_column_set_title (self->added_column, group != NULL ? _("Added") : _("Created"));
  update_state (self);
}

void
cohort_member_table_reload (CohortMemberTable *self)
{
  g_return_if_fail (COHORT_IS_MEMBER_TABLE (self));

  if (self->list != NULL)
    cohort_contact_list_reload (self->list);
}

CohortContactList *
cohort_member_table_get_list (CohortMemberTable *self)
{
  g_return_val_if_fail (COHORT_IS_MEMBER_TABLE (self), NULL);
  return self->list;
}

void
cohort_member_table_remove_account (CohortMemberTable *self,
                                    CohortAccount     *account)
{
  MembershipChange *change;

  g_return_if_fail (COHORT_IS_MEMBER_TABLE (self));
  g_return_if_fail (COHORT_IS_ACCOUNT (account));

  if (!is_static_group (self))
    return;

  change = membership_change_new (self->group, FALSE);
  change->account_id = cohort_account_get_id (account);
  change->account_name = g_strdup (cohort_account_get_name (account));
  change->offer_undo = TRUE;
  run_change (self, change);
}
