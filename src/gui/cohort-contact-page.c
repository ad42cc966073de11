/* cohort-contact-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-color-dot.h"
#include "cohort-contact-editor.h"
#include "cohort-contact-page.h"
#include "cohort-explain-window.h"
#include "cohort-history.h"
#include "cohort-job.h"
#include "cohort-member-row.h"
#include "cohort-membership-change.h"
#include "cohort-utils.h"

#define HISTORY_LIMIT 100

struct _CohortContactPage
{
  AdwBin               parent_instance;

  CohortStore         *store;
  CohortContact       *contact;
  gboolean             folded;

  AdwWindowTitle      *window_title;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *status_badge;
  AdwActionRow        *email_row;
  AdwActionRow        *phone_row;
  AdwActionRow        *job_title_row;
  AdwActionRow        *city_row;
  AdwActionRow        *country_row;
  AdwActionRow        *account_row;
  AdwActionRow        *score_row;
  AdwActionRow        *created_row;
  AdwActionRow        *updated_row;
  AdwActionRow        *last_activity_row;
  AdwPreferencesGroup *tags_group;
  GtkFlowBox          *tags_box;
  AdwPreferencesGroup *custom_group;
  GtkListBox          *custom_list;
  AdwPreferencesGroup *groups_group;
  AdwPreferencesGroup *history_group;
  GtkListBox          *history_list;
  GtkMenuButton       *add_group_button;
  GtkListBox          *groups_list;
  AdwPreferencesGroup *other_group;
  GtkListBox          *other_list;
};

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  CONTACT_DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortContactPage, cohort_contact_page, ADW_TYPE_BIN)

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
show_value (AdwActionRow *row,
            const char   *value)
{
  gboolean has_value = value != NULL && *value != '\0';

  gtk_widget_set_visible (GTK_WIDGET (row), has_value);
  adw_action_row_set_subtitle (row, has_value ? value : "");
}

static void
show_time (AdwActionRow *row,
           gint64        unix_time)
{
  g_autofree char *text = cohort_format_datetime (unix_time, NULL);

  show_value (row, text);
}

static void
why_clicked_cb (GtkButton         *button,
                CohortContactPage *self)
{
  CohortGroup *group = g_object_get_data (G_OBJECT (button), "group");
  CohortExplainWindow *window;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  window = cohort_explain_window_new (self->store, group, self->contact);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* "Manual · joined 3 Dec 2026" */
static char *
describe_membership (CohortGroup      *group,
                     CohortMembership *membership)
{
  g_autofree char *source = cohort_member_source_label (cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC,
                                                        membership->manual, membership->account);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (membership->added_at);
  /* Translators: the date a contact joined a group, see g_date_time_format() */
  g_autofree char *date = when != NULL ? g_date_time_format (when, _("%-d %b %Y")) : NULL;

  if (date == NULL)
    return g_steal_pointer (&source);
  /* Translators: how and when a contact joined a group: "Manual · joined 3 Dec 2026" */
  return g_strdup_printf (_("%s · joined %s"), source, date);
}

static GtkWidget *
create_group_row (CohortContactPage *self,
                  CohortGroup       *group,
                  CohortMembership  *membership)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dot = g_object_new (COHORT_TYPE_COLOR_DOT, "color", cohort_group_get_color (group), NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  g_autofree char *quoted = cohort_quote (cohort_group_get_name (group));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort_group_get_name (group));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
  cohort_badge_set_kind (GTK_LABEL (badge), cohort_group_get_kind (group));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  if (membership != NULL)
    {
      g_autofree char *subtitle = describe_membership (group, membership);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  if (cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC)
    {
      GtkWidget *why = gtk_button_new_with_label (_("Why?"));
      g_autofree char *name = cohort_contact_dup_display_name (self->contact);
      g_autofree char *label = membership != NULL
        /* Translators: "Why is Anna Schmidt in “VIP”?" */
        ? g_strdup_printf (_("Why is %s in %s?"), name, quoted)
        : g_strdup_printf (_("Why is %s not in %s?"), name, quoted);

      gtk_widget_set_valign (why, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (why, "flat");
      gtk_widget_set_tooltip_text (why, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (why), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (why), "group", g_object_ref (group), g_object_unref);
      g_signal_connect_object (why, "clicked", G_CALLBACK (why_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), why);
    }
  else if (membership != NULL && membership->manual)
    {
      /* A member through an account only leaves with the account, which
       * the group's Accounts tab removes. */
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: a button on a contact's page: "Remove from “VIP”" */
      g_autofree char *label = g_strdup_printf (_("Remove from %s"), quoted);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "contact.remove-from-group");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_int64 (cohort_group_get_id (group)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  /* An archived group is not in the sidebar, so there is no page to go to. */
  if (cohort_group_get_archived_at (group) > 0)
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      /* Translators: the subtitle of an archived group on a contact's page:
       * "Archived · Manual · joined 3 Dec 2026" */
      g_autofree char *archived = subtitle != NULL && *subtitle != '\0'
        ? g_strdup_printf (_("Archived · %s"), subtitle)
        : g_strdup (_("Archived"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), archived);
      return row;
    }

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-group");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (cohort_group_get_id (group)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static CohortMembership *
find_membership (GPtrArray *memberships,
                 gint64     group_id)
{
  for (guint i = 0; i < memberships->len; i++)
    {
      CohortMembership *membership = g_ptr_array_index (memberships, i);

      if (membership->group_id == group_id)
        return membership;
    }

  return NULL;
}

static void
show_groups (CohortContactPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GMenu) add_menu = g_menu_new ();
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  guint n_other = 0;

  clear_list (self->groups_list);
  clear_list (self->other_list);

  memberships = cohort_store_list_contact_memberships (self->store, cohort_contact_get_id (self->contact), &error);
  groups = memberships != NULL ? cohort_store_list_groups (self->store, &error) : NULL;
  if (groups == NULL)
    {
      g_debug ("Could not list the groups of the contact: %s", error->message);
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      CohortMembership *membership = find_membership (memberships, cohort_group_get_id (group));
      gboolean is_static = cohort_group_get_kind (group) == COHORT_GROUP_STATIC;

      gboolean archived = cohort_group_get_archived_at (group) > 0;

      if (membership != NULL)
        gtk_list_box_append (self->groups_list, create_group_row (self, group, membership));
      else if (!is_static && !archived)
        {
          gtk_list_box_append (self->other_list, create_group_row (self, group, NULL));
          n_other++;
        }

      /* Someone in a group through an account can be added by hand too,
       * and then stays when the account leaves. */
      if (is_static && !archived && (membership == NULL || !membership->manual))
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (cohort_group_get_name (group), NULL);

          g_menu_item_set_action_and_target_value (item, "contact.add-to-group",
                                                   g_variant_new_int64 (cohort_group_get_id (group)));
          g_menu_append_item (add_menu, item);
        }
    }

  gtk_menu_button_set_menu_model (self->add_group_button, G_MENU_MODEL (add_menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_group_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (add_menu)) > 0);

  count = cohort_format_count (memberships->len);
  description = g_strdup_printf (g_dngettext (NULL, "Member of %s group", "Member of %s groups",
                                              memberships->len),
                                 count);
  adw_preferences_group_set_description (self->groups_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), n_other > 0);
}

static void
change_membership (CohortContactPage *self,
                   gint64             group_id,
                   gboolean           add)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = NULL;
  CohortMembershipChange *change;
  gint64 contact_id;

  if (self->contact == NULL)
    return;

  group = cohort_store_get_group (self->store, group_id, &error);
  if (group == NULL)
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Members"), error);
      return;
    }

  contact_id = cohort_contact_get_id (self->contact);
  change = cohort_membership_change_new (group, add);
  change->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (change->ids, contact_id);
  change->offer_undo = TRUE;
  cohort_membership_change_run (change, GTK_WIDGET (self), self->store);
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_membership (COHORT_CONTACT_PAGE (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
remove_from_group_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  change_membership (COHORT_CONTACT_PAGE (widget), g_variant_get_int64 (parameter), FALSE);
}

static int
compare_keys (const void *a,
              const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
show_tags_and_fields (CohortContactPage *self)
{
  const char * const *tags = cohort_contact_get_tags (self->contact);
  GHashTable *custom = cohort_contact_get_custom (self->contact);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (chip, "chip");
      gtk_widget_add_css_class (chip, "read-only");
      gtk_flow_box_append (self->tags_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_group), tags != NULL && tags[0] != NULL);

  clear_list (self->custom_list);
  if (custom != NULL)
    keys = g_hash_table_get_keys_as_array (custom, &n_keys);
  if (keys != NULL)
    qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), keys[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_hash_table_lookup (custom, keys[i]));
      gtk_list_box_append (self->custom_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), n_keys > 0);
}

/* A contact's events are few (a row per join or leave, kept 400 days):
 * read here, the latest first. */
static void
show_history (CohortContactPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *description = NULL;

  clear_list (self->history_list);
  events = cohort_history_list_recent_events (self->store, 0, cohort_contact_get_id (self->contact), -1,
                                              0, 0, HISTORY_LIMIT, &error);
  if (events == NULL)
    {
      g_warning ("Could not read the history of a contact: %s", error->message);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      CohortHistoryEvent *event = g_ptr_array_index (events, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = cohort_format_datetime (event->at, NULL);
      g_autofree char *subtitle = NULL;
      g_autofree char *sentence = NULL;

      /* Translators: "Joined · By hand · 1 Dec 2026, 14:05" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), event->joined ? _("Joined") : _("Left"),
                                  cohort_reason_get_label (event->reason), when);
      /* Translators: a change read aloud, "Newsletter: Joined · By hand · 1 Dec 2026, 14:05" */
      sentence = g_strdup_printf (_("%s: %s"), event->group_name, subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->group_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
      gtk_list_box_append (self->history_list, row);
    }

  if (events->len == HISTORY_LIMIT)
    /* Translators: %u is a number of joins and leaves shown */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The latest %u change", "The latest %u changes",
                                                HISTORY_LIMIT), HISTORY_LIMIT);
  adw_preferences_group_set_description (self->history_group, description);
}

static void
show_contact (CohortContactPage *self)
{
  CohortContact *contact = self->contact;
  g_autofree char *name = cohort_contact_dup_display_name (contact);
  g_autofree char *score_text = NULL;
  gint64 score;

  adw_window_title_set_title (self->window_title, name);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  cohort_badge_set_status (self->status_badge, cohort_contact_get_status (contact));

  show_value (self->email_row, cohort_contact_get_email (contact));
  show_value (self->phone_row, cohort_contact_get_text (contact, COHORT_CONTACT_PHONE));
  show_value (self->job_title_row, cohort_contact_get_text (contact, COHORT_CONTACT_JOB_TITLE));
  show_value (self->city_row, cohort_contact_get_text (contact, COHORT_CONTACT_CITY));
  show_value (self->country_row, cohort_contact_get_text (contact, COHORT_CONTACT_COUNTRY));
  show_value (self->account_row, cohort_contact_get_account_name (contact));
  if (cohort_contact_get_score (contact, &score))
    score_text = g_strdup_printf ("%" G_GINT64_FORMAT, score);
  show_value (self->score_row, score_text);
  show_time (self->created_row, cohort_contact_get_created_at (contact));
  show_time (self->updated_row, cohort_contact_get_updated_at (contact));
  show_time (self->last_activity_row, cohort_contact_get_last_activity_at (contact));

  show_tags_and_fields (self);
  show_groups (self);
  show_history (self);
}

static void
contact_saved_cb (CohortContactEditor *editor,
                  gint64               contact_id,
                  CohortContactPage   *self)
{
  cohort_contact_page_set_contact (self, self->store, contact_id);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CohortContactPage *self = COHORT_CONTACT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CohortContactEditor *editor;

  if (self->contact == NULL)
    return;

  editor = cohort_contact_editor_new (self->store, self->contact);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (contact_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
delete_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 *id = data;

  return cohort_store_delete_contacts (store, id, 1, error);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CohortContactPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Contact"), error);
      return;
    }

  title = g_strdup_printf (_("Deleted %s"), gtk_label_get_label (self->name_label));
  cohort_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));
  g_signal_emit (self, signals[CONTACT_DELETED], 0);
  cohort_widget_check_store (GTK_WIDGET (self));
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    CohortContactPage *self)
{
  g_autoptr(CohortJob) job = NULL;
  gint64 *id;

  if (g_strcmp0 (response, "delete") != 0 || self->contact == NULL)
    return;

  id = g_new (gint64, 1);
  *id = cohort_contact_get_id (self->contact);
  job = cohort_job_new (delete_job, id, g_free);
  cohort_job_run_async (job, self->store, NULL, delete_done_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortContactPage *self = COHORT_CONTACT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->contact == NULL)
    return;

  name = cohort_contact_dup_display_name (self->contact);
  heading = g_strdup_printf (_("Delete %s?"), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The contact leaves every group and its activities are "
                                     "deleted. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cohort_contact_page_dispose (GObject *object)
{
  CohortContactPage *self = COHORT_CONTACT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_CONTACT_PAGE);
  g_clear_object (&self->contact);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_contact_page_parent_class)->dispose (object);
}

static void
cohort_contact_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CohortContactPage *self = COHORT_CONTACT_PAGE (object);

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
cohort_contact_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CohortContactPage *self = COHORT_CONTACT_PAGE (object);

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
cohort_contact_page_class_init (CohortContactPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_contact_page_dispose;
  object_class->get_property = cohort_contact_page_get_property;
  object_class->set_property = cohort_contact_page_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONTACT_DELETED] =
    g_signal_new ("contact-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-contact-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, city_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, score_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, created_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, updated_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, last_activity_row);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, tags_group);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, tags_box);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, custom_group);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, custom_list);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, groups_group);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, add_group_button);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, other_group);
  gtk_widget_class_bind_template_child (widget_class, CohortContactPage, other_list);

  gtk_widget_class_install_action (widget_class, "contact.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "contact.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contact.add-to-group", "x", add_to_group_action);
  gtk_widget_class_install_action (widget_class, "contact.remove-from-group", "x", remove_from_group_action);
}

static void
cohort_contact_page_init (CohortContactPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

gboolean
cohort_contact_page_set_contact (CohortContactPage *self,
                                 CohortStore       *store,
                                 gint64             contact_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortContact) contact = NULL;

  g_return_val_if_fail (COHORT_IS_CONTACT_PAGE (self), FALSE);
  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  contact = cohort_store_get_contact (store, contact_id, &error);
  if (contact == NULL || cohort_contact_get_merged_into (contact) > 0)
    return FALSE;

  g_set_object (&self->contact, contact);
  show_contact (self);

  return TRUE;
}

gint64
cohort_contact_page_get_contact_id (CohortContactPage *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_PAGE (self), 0);

  return self->contact != NULL ? cohort_contact_get_id (self->contact) : 0;
}
