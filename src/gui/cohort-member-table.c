/* cohort-member-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cohort-account-picker.h"
#include "cohort-contact-picker.h"
#include "cohort-explain-window.h"
#include "cohort-job.h"
#include "cohort-member-table.h"
#include "cohort-membership-change.h"
#include "cohort-row-selection.h"
#include "cohort-selection-bar.h"
#include "cohort-utils.h"

/* What the context menu of a row offers. */
typedef enum
{
  ROW_CONTACT,   /* a list of all contacts */
  ROW_DYNAMIC,   /* Why? */
  ROW_MANUAL,    /* Remove */
  ROW_ACCOUNT,   /* remove the account instead */
  N_ROW_KINDS
} RowKind;

static const char * const menu_ids[N_ROW_KINDS] = { "contact_menu", "dynamic_menu", "manual_menu", "account_menu" };

struct _CohortMemberTable
{
  AdwBin               parent_instance;

  CohortStore         *store;
  CohortGroup         *group;
  CohortContactList   *list;
  CohortRowSelection  *selection;
  GtkColumnViewColumn *columns[6];   /* indexed by CohortContactSort, each held */
  int                  probed_sort;
  gboolean             syncing_sort;
  gboolean             narrow;
  gboolean             to_top;         /* until the new order or filter is in */
  guint                columns_idle;

  /* The row the context menu is about, and a menu for each kind of row. */
  GtkWidget           *popovers[N_ROW_KINDS];
  guint                menu_position;
  CohortMemberRow     *menu_row;
  CohortRemovalPlan   *menu_plan;

  GtkSearchEntry      *filter_entry;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
  GtkWidget           *edit_buttons;
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GMenuModel          *menus[N_ROW_KINDS];
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *account_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *added_column;
  CohortSelectionBar  *selection_bar;
};

enum {
  CONTACT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortMemberTable, cohort_member_table, ADW_TYPE_BIN)

static const char * const sort_names[] = { "name", "email", "account", "status", "source", "added" };

/* What each column shows, by CohortContactSort: a CohortMemberRow property,
 * and how wide the expanding columns start. */
static const struct {
  const char *property;
  int         width_chars;
} cells[] = {
  { "name", 14 },
  { "email", 18 },
  { "account", -1 },
  { "status-label", -1 },
  { "source", -1 },
  { "added-label", -1 },
};

/* Below this width only the name and email columns stay: a phone-sized
 * window shows who, not the details. */
#define NARROW_WIDTH 560

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

static GArray *selected_ids (CohortMemberTable *self);

/* The selection as a rule for the bar: every row in view is "the group's
 * members matching the filter", not a list of a million ids. */
static void
update_selection_bar (CohortMemberTable *self,
                      guint              n_selected,
                      guint              n_items)
{
  CohortSelection *selection = NULL;
  gboolean all = n_selected > 0 && n_selected == n_items;

  if (n_selected > 0 && self->list != NULL && !cohort_contact_list_get_partial (self->list))
    {
      selection = cohort_selection_new ();
      if (self->group != NULL)
        cohort_selection_set_group (selection, cohort_group_get_id (self->group));
      cohort_selection_set_filter (selection, cohort_contact_list_get_filter (self->list));
      if (!all)
        {
          g_autoptr(GArray) ids = selected_ids (self);

          cohort_selection_add_ids (selection, (const gint64 *) ids->data, ids->len);
        }
    }
  cohort_selection_bar_set_selection (self->selection_bar, self->store, selection, n_selected, all);
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
    {
      g_autofree char *selected = cohort_format_count (n_selected);

      /* Translators: "3 of 1,234 contacts selected" */
      text = g_strdup_printf (_("%s of %s selected"), selected, count);
    }
  else if (filtered)
    {
      g_autofree char *matching = cohort_format_count (n_items);

      /* Translators: "1,234 contacts match" */
      text = g_strdup_printf (g_dngettext (NULL, "%s contact matches", "%s contacts match", n_items),
                              matching);
    }
  else
    text = g_steal_pointer (&count);
  gtk_label_set_label (self->count_label, text);
  update_selection_bar (self, n_selected, n_items);

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

static void
run_change (CohortMemberTable      *self,
            CohortMembershipChange *change)
{
  cohort_membership_change_run (change, GTK_WIDGET (self), self->store);
}

static void
remove_leaving (CohortMemberTable *self,
                CohortRemovalPlan *plan)
{
  CohortMembershipChange *change = cohort_membership_change_new (self->group, FALSE);

  change->ids = g_array_ref (plan->leaving);
  change->n_staying = plan->staying->len;
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
remove_account (CohortMemberTable *self,
                CohortAccount     *account)
{
  CohortMembershipChange *change = cohort_membership_change_new (self->group, FALSE);

  change->account_id = cohort_account_get_id (account);
  change->account_name = g_strdup (cohort_account_get_name (account));
  change->offer_undo = TRUE;
  run_change (self, change);
}

static void
removal_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     CohortMemberTable *self)
{
  CohortRemovalPlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");

  if (!is_static_group (self))
    return;

  if (g_strcmp0 (response, "remove") == 0)
    remove_leaving (self, plan);
  else if (g_strcmp0 (response, "account") == 0)
    remove_account (self, g_ptr_array_index (plan->accounts, 0));
}

/* Some of the contacts are members through an account: removing them
 * would change nothing, so say why and offer what works. Takes @plan. */
static void
explain_removal (CohortMemberTable *self,
                 CohortRemovalPlan *plan)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *group = cohort_quote (cohort_group_get_name (self->group));
  g_autofree char *heading = NULL;
  g_autofree char *staying = cohort_format_contacts (plan->staying->len);
  g_autofree char *leaving = cohort_format_count (plan->leaving->len);
  g_autofree char *why = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_assert (plan->staying->len > 0);

  if (plan->accounts->len != 1)
    /* Translators: "12 contacts are members through accounts; …" */
    why = g_strdup_printf (_("%s are members through accounts; remove the accounts from the group "
                             "on its Accounts page instead."), staying);
  else if (plan->staying->len == 1)
    /* Translators: "Anna Schmidt is a member through the account Acme; …" */
    why = g_strdup_printf (_("%s is a member through the account %s; remove the account from the "
                             "group instead."),
                           plan->staying_name, cohort_account_get_name (g_ptr_array_index (plan->accounts, 0)));
  else
    why = g_strdup_printf (_("%s are members through the account %s; remove the account from the "
                             "group instead."),
                           staying, cohort_account_get_name (g_ptr_array_index (plan->accounts, 0)));

  if (plan->leaving->len > 0)
    {
      g_autofree char *others = g_strdup_printf (g_dngettext (NULL, "The other %s contact can be removed.",
                                                              "The other %s contacts can be removed.",
                                                              plan->leaving->len),
                                                 leaving);

      body = g_strdup_printf ("%s\n\n%s", why, others);
    }
  else
    body = g_steal_pointer (&why);

  /* Translators: %s is a group name */
  heading = g_strdup_printf (_("Remove From %s?"), group);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (plan->accounts->len == 1)
    {
      adw_message_dialog_add_response (dialog, "account", _("Remove the _Account"));
      adw_message_dialog_set_response_appearance (dialog, "account", ADW_RESPONSE_DESTRUCTIVE);
    }
  if (plan->leaving->len > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (NULL, "_Remove %s Contact", "_Remove %s Contacts",
                                                             plan->leaving->len),
                                                leaving);

      adw_message_dialog_add_response (dialog, "remove", label);
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "plan", plan, (GDestroyNotify) cohort_removal_plan_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (removal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Takes @plan. */
static void
remove_planned (CohortMemberTable *self,
                CohortRemovalPlan *plan)
{
  if (plan->staying->len > 0)
    explain_removal (self, plan);
  else
    {
      remove_leaving (self, plan);
      cohort_removal_plan_free (plan);
    }
}

typedef struct
{
  gint64             group_id;
  GArray            *ids;
  CohortRemovalPlan *plan;
} PlanData;

static void
plan_data_free (gpointer data)
{
  PlanData *plan_data = data;

  g_clear_pointer (&plan_data->ids, g_array_unref);
  g_clear_pointer (&plan_data->plan, cohort_removal_plan_free);
  g_free (plan_data);
}

static gboolean
plan_job (CohortJob     *job,
          CohortStore   *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  PlanData *plan_data = data;

  plan_data->plan = cohort_store_plan_removal (store, plan_data->group_id,
                                               (const gint64 *) plan_data->ids->data, plan_data->ids->len,
                                               error);
  return plan_data->plan != NULL;
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CohortMemberTable) self = user_data;
  PlanData *plan_data = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Members"), error);
      return;
    }
  if (!is_static_group (self) || cohort_group_get_id (self->group) != plan_data->group_id)
    return;

  remove_planned (self, g_steal_pointer (&plan_data->plan));
}

/* A selection may be "all of a million": who stays and who leaves is
 * worked out on a worker thread. */
static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  PlanData *plan_data;
  g_autoptr(CohortJob) job = NULL;

  if (!is_static_group (self) || count_selected (self) == 0)
    return;

  plan_data = g_new0 (PlanData, 1);
  plan_data->group_id = cohort_group_get_id (self->group);
  plan_data->ids = selected_ids (self);
  job = cohort_job_new (plan_job, plan_data, plan_data_free);
  cohort_job_run_async (job, self->store, NULL, plan_done_cb, g_object_ref (self));
}

static void
remove_all_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        CohortMemberTable *self)
{
  CohortMembershipChange *change;

  if (g_strcmp0 (response, "remove") != 0 || !is_static_group (self))
    return;

  change = cohort_membership_change_new (self->group, FALSE);
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
  CohortMembershipChange *change;

  if (!is_static_group (self) || ids->len == 0)
    return;

  change = cohort_membership_change_new (self->group, TRUE);
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
  CohortMembershipChange *change;

  if (!is_static_group (self))
    return;

  change = cohort_membership_change_new (self->group, TRUE);
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

/* A new order or filter starts at its first row, not somewhere in the
 * middle of the rows of the old one. */
static void
show_first_row (CohortMemberTable *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  if (self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  /* Setting the adjustment is not enough: GTK 4.8's list keeps an anchor
   * row of its own and puts the view back there at the next layout. Its
   * rows' own action moves the anchor (gtk_column_view_scroll_to() is 4.12). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0))
      break;
}

static void
scroll_to_top (CohortMemberTable *self)
{
  show_first_row (self);
  /* The rows come from a worker later, and the view would keep its place
   * among them: once more when they are in. */
  self->to_top = self->list != NULL && cohort_contact_list_get_loading (self->list);
}

static void
rows_changed_cb (CohortMemberTable *self)
{
  if (!self->to_top)
    return;

  show_first_row (self);
  self->to_top = cohort_contact_list_get_loading (self->list) || cohort_contact_list_get_partial (self->list);
}

static void
show_sort (CohortMemberTable *self)
{
  CohortContactSort sort = cohort_contact_list_get_sort (self->list);
  gboolean descending = cohort_contact_list_get_descending (self->list);

  self->syncing_sort = TRUE;
  /* GTK 4.8 keeps every column sorted before as a secondary key and does
   * not tell the former primary column's header, which keeps its arrow:
   * taking the sorter off and on drops the key and redraws the header. */
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    if (i != sort)
      {
        g_autoptr(GtkSorter) sorter = g_object_ref (gtk_column_view_column_get_sorter (self->columns[i]));

        gtk_column_view_column_set_sorter (self->columns[i], NULL);
        gtk_column_view_column_set_sorter (self->columns[i], sorter);
      }
  if (gtk_column_view_column_get_column_view (self->columns[sort]) != NULL)
    gtk_column_view_sort_by_column (self->column_view, self->columns[sort],
                                    descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;
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
  show_sort (self);
  scroll_to_top (self);
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
        scroll_to_top (self);
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
  scroll_to_top (self);
  update_state (self);
}

/* What selecting costs the main thread, for tests/ui/bench_open.py
 * (G_MESSAGES_DEBUG=Cohort): selecting all of a million rows must not
 * stall it. */
static void
selection_changed_cb (CohortMemberTable *self)
{
  gint64 start = g_get_monotonic_time ();

  update_state (self);
  g_debug ("The selection of %u contacts is in the bar after %.1f ms on the main thread",
           count_selected (self), (g_get_monotonic_time () - start) / 1000.0);
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
      /* Not GtkMultiSelection: selecting all would fetch every row. */
      self->selection = cohort_row_selection_new (G_LIST_MODEL (list));
      g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "notify::partial", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (list, "items-changed", G_CALLBACK (rows_changed_cb), self);
      g_signal_connect_swapped (list, "notify::loading", G_CALLBACK (rows_changed_cb), self);
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
    }

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  if (list != NULL)
    show_sort (self);
}

/* ---- columns ------------------------------------------------------------- */

/* GTK 4.8 keeps room for a hidden column, so columns not wanted — the
 * Source column of a list of all contacts, the details in a narrow
 * window — are taken out of the view instead. */
static gboolean
column_wanted (CohortMemberTable *self,
               CohortContactSort  column)
{
  if (column == COHORT_CONTACT_SORT_SOURCE && self->group == NULL)
    return FALSE;
  if (self->narrow)
    return column == COHORT_CONTACT_SORT_NAME || column == COHORT_CONTACT_SORT_EMAIL;
  return TRUE;
}

static void
sync_columns (CohortMemberTable *self)
{
  guint position = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    {
      gboolean shown = gtk_column_view_column_get_column_view (self->columns[i]) != NULL;

      if (column_wanted (self, i) && !shown)
        gtk_column_view_insert_column (self->column_view, position, self->columns[i]);
      else if (!column_wanted (self, i) && shown)
        gtk_column_view_remove_column (self->column_view, self->columns[i]);

      if (column_wanted (self, i))
        position++;
    }
}

static gboolean
sync_columns_idle_cb (gpointer data)
{
  CohortMemberTable *self = data;

  self->columns_idle = 0;
  sync_columns (self);
  if (self->list != NULL)
    show_sort (self);

  return G_SOURCE_REMOVE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *expression;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), cells[column].width_chars);
  expression = gtk_property_expression_new (COHORT_TYPE_MEMBER_ROW,
                                            gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                            cells[column].property);
  gtk_expression_bind (expression, label, "label", item);
  /* How a click on a cell finds its row: GTK 4.8 has no public way from a
   * widget in a column view to its position. */
  g_object_set_data (G_OBJECT (label), "cohort-list-item", item);
  gtk_list_item_set_child (item, label);
}

/* ---- the context menu ---------------------------------------------------- */

static GtkListItem *
list_item_of (GtkWidget *widget,
              GtkWidget *stop)
{
  for (; widget != NULL && widget != stop; widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "cohort-list-item");

      if (item != NULL)
        return item;
    }

  return NULL;
}

/* The first cell below @widget, a row of the column view. */
static GtkWidget *
first_cell_below (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_object_get_data (G_OBJECT (child), "cohort-list-item") != NULL)
        return child;
      if ((found = first_cell_below (child)) != NULL)
        return found;
    }

  return NULL;
}

static RowKind
menu_row_kind (CohortMemberTable *self)
{
  if (self->group == NULL)
    return ROW_CONTACT;
  if (!is_static_group (self))
    return ROW_DYNAMIC;
  if (self->menu_plan != NULL && self->menu_plan->accounts->len > 0)
    return ROW_ACCOUNT;
  if (self->menu_plan != NULL && self->menu_plan->leaving->len > 0)
    return ROW_MANUAL;
  return ROW_CONTACT;
}

static void
update_menu_actions (CohortMemberTable *self)
{
  gboolean has_row = self->menu_row != NULL;
  const char *email = has_row ? cohort_member_row_get_email (self->menu_row) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.open", has_row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.why", has_row && menu_row_kind (self) == ROW_DYNAMIC);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.copy-email", email != NULL && *email != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove-contact", menu_row_kind (self) == ROW_MANUAL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove-contact-account",
                                 menu_row_kind (self) == ROW_ACCOUNT);
}

/* Opens the menu of the row at @position, pointing at @rect (in the
 * table's coordinates). */
static void
popup_row_menu (CohortMemberTable     *self,
                guint                  position,
                const graphene_rect_t *rect)
{
  g_autoptr(GError) error = NULL;
  GdkRectangle pointing;
  GtkPopover *popover;
  gint64 id;

  if (self->list == NULL || (id = cohort_contact_list_get_id (self->list, position)) <= 0)
    return;

  /* The menu acts on the row it was opened on, which becomes the selection
   * unless it is part of it already. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  self->menu_position = position;
  g_clear_object (&self->menu_row);
  self->menu_row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  g_clear_pointer (&self->menu_plan, cohort_removal_plan_free);
  /* One row is a look-up by primary key: quick enough for the main thread. */
  if (is_static_group (self))
    {
      self->menu_plan = cohort_store_plan_removal (self->store, cohort_group_get_id (self->group), &id, 1, &error);
      if (self->menu_plan == NULL)
        g_debug ("Could not tell how %" G_GINT64_FORMAT " is a member: %s", id, error->message);
    }
  update_menu_actions (self);

  pointing.x = (int) rect->origin.x;
  pointing.y = (int) rect->origin.y;
  pointing.width = MAX (1, (int) rect->size.width);
  pointing.height = MAX (1, (int) rect->size.height);
  /* Made when first needed, as GtkLabel does: GTK 4.8's accessibility
   * code trips over a popover made before its parent was in a window. */
  if (self->popovers[menu_row_kind (self)] == NULL)
    {
      GtkWidget *menu = gtk_popover_menu_new_from_model (self->menus[menu_row_kind (self)]);

      gtk_popover_set_has_arrow (GTK_POPOVER (menu), FALSE);
      gtk_widget_set_halign (menu, GTK_ALIGN_START);
      gtk_widget_set_parent (menu, GTK_WIDGET (self));
      self->popovers[menu_row_kind (self)] = menu;
    }
  popover = GTK_POPOVER (self->popovers[menu_row_kind (self)]);
  gtk_popover_set_pointing_to (popover, &pointing);
  gtk_popover_popup (popover);
}

static void
popup_at_point (CohortMemberTable *self,
                double             x,
                double             y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = list_item_of (picked, GTK_WIDGET (self->column_view));
  graphene_point_t point;

  if (item == NULL || !gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  popup_row_menu (self, gtk_list_item_get_position (item), &GRAPHENE_RECT_INIT (point.x, point.y, 1, 1));
}

static void
secondary_click_cb (CohortMemberTable *self,
                    int                n_press,
                    double             x,
                    double             y,
                    GtkGestureClick   *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at_point (self, x, y);
}

static void
long_press_cb (CohortMemberTable   *self,
               double               x,
               double               y,
               GtkGestureLongPress *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at_point (self, x, y);
}

/* Menu or Shift+F10: the menu of the row with the focus, or else of the
 * first selected row. */
static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *cell = NULL;
  graphene_rect_t bounds;

  if (self->list == NULL)
    return;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    cell = list_item_of (focus, GTK_WIDGET (self->column_view)) != NULL ? focus : first_cell_below (focus);

  if (cell != NULL)
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (cell), "cohort-list-item");

      if (!gtk_widget_compute_bounds (cell, widget, &bounds))
        return;
      popup_row_menu (self, gtk_list_item_get_position (item), &bounds);
    }
  else if (count_selected (self) > 0)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      if (!gtk_widget_compute_bounds (GTK_WIDGET (self->column_view), widget, &bounds))
        return;
      bounds.size.height = 1;
      popup_row_menu (self, gtk_bitset_get_minimum (selected), &bounds);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);

  if (self->menu_row != NULL)
    g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, cohort_member_row_get_id (self->menu_row));
}

static void
why_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  CohortExplainWindow *window;

  if (self->menu_row == NULL || self->group == NULL)
    return;

  contact = cohort_store_get_contact (self->store, cohort_member_row_get_id (self->menu_row), &error);
  if (contact == NULL)
    {
      cohort_widget_show_error (widget, _("Could Not Explain the Membership"), error);
      return;
    }

  window = cohort_explain_window_new (self->store, self->group, contact);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
copy_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);
  const char *email;
  g_autofree char *title = NULL;

  if (self->menu_row == NULL)
    return;

  email = cohort_member_row_get_email (self->menu_row);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), email);
  /* Translators: %s is an email address */
  title = g_strdup_printf (_("Copied %s"), email);
  cohort_widget_add_toast (widget, adw_toast_new (title));
}

static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);

  if (self->menu_plan != NULL && is_static_group (self))
    remove_leaving (self, self->menu_plan);
}

static void
remove_contact_account_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (widget);

  if (self->menu_plan != NULL && is_static_group (self))
    explain_removal (self, g_steal_pointer (&self->menu_plan));
}

/* ---- GObject ------------------------------------------------------------- */

/* The width of the table's viewport, which is allocated before any
 * column can be taken out or put back: that waits for an idle. */
static void
page_width_changed_cb (CohortMemberTable *self,
                       GParamSpec        *pspec,
                       GtkAdjustment     *adjustment)
{
  double width = gtk_adjustment_get_page_size (adjustment);
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  if (self->columns_idle == 0)
    self->columns_idle = g_idle_add (sync_columns_idle_cb, self);
}

static void
cohort_member_table_dispose (GObject *object)
{
  CohortMemberTable *self = COHORT_MEMBER_TABLE (object);

  set_list (self, NULL);
  g_clear_handle_id (&self->columns_idle, g_source_remove);
  for (guint i = 0; i < N_ROW_KINDS; i++)
    g_clear_pointer (&self->popovers[i], gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_MEMBER_TABLE);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->menu_row);
  g_clear_pointer (&self->menu_plan, cohort_removal_plan_free);
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
  g_type_ensure (COHORT_TYPE_SELECTION_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-member-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, spinner);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, edit_buttons);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, column_view);
  for (guint i = 0; i < N_ROW_KINDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, menu_ids[i], FALSE,
                                               G_STRUCT_OFFSET (CohortMemberTable, menus[i]));
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, name_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, email_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, account_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, status_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, source_column);
  gtk_widget_class_bind_template_child (widget_class, CohortMemberTable, added_column);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_press_cb);

  gtk_widget_class_install_action (widget_class, "table.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "table.remove-all", NULL, remove_all_action);
  gtk_widget_class_install_action (widget_class, "table.add-contacts", NULL, add_contacts_action);
  gtk_widget_class_install_action (widget_class, "table.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "table.sort-by", "s", sort_by_action);
  gtk_widget_class_install_action (widget_class, "table.show-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "table.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "table.why", NULL, why_action);
  gtk_widget_class_install_action (widget_class, "table.copy-email", NULL, copy_email_action);
  gtk_widget_class_install_action (widget_class, "table.remove-contact", NULL, remove_contact_action);
  gtk_widget_class_install_action (widget_class, "table.remove-contact-account", NULL,
                                   remove_contact_account_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "table.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "table.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "table.show-menu", NULL);
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
  self->columns[COHORT_CONTACT_SORT_ADDED] = self->added_column;

  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    {
      Probe *probe = g_new0 (Probe, 1);
      g_autoptr(GtkSorter) sorter = NULL;
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      /* Held while out of the view. */
      g_object_ref (self->columns[i]);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (self->columns[i], factory);

      probe->table = self;
      probe->sort = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_cb, probe, g_free));
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, 0);


  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (page_width_changed_cb), self, G_CONNECT_SWAPPED);

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
      /* A filter typed for one group means nothing for the next. */
      set_list (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
      list = cohort_contact_list_new (store, new_id);
      set_list (self, list);
      scroll_to_top (self);
    }

  is_static = is_static_group (self);
  gtk_widget_set_visible (self->edit_buttons, is_static);
  sync_columns (self);
  show_sort (self);
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
  g_return_if_fail (COHORT_IS_MEMBER_TABLE (self));
  g_return_if_fail (COHORT_IS_ACCOUNT (account));

  if (!is_static_group (self))
    return;

  remove_account (self, account);
}
