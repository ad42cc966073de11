/* cohort-window-manage.c — duplicating, freezing, merging, archiving and
 * restoring groups (SPEC §10), from the group menu and the Archived Groups
 * window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-utils.h"
#include "cohort-window-private.h"

typedef enum
{
  MANAGE_DUPLICATE,
  MANAGE_FREEZE,
  MANAGE_ARCHIVE,
  MANAGE_RESTORE,
} ManageKind;

typedef struct
{
  ManageKind  kind;
  gint64      group_id;
  char       *group_name;
  char       *code;        /* the group's code name, for a new one's */
  gint64      new_id;
  gint64      n_members;
} Manage;

static void
manage_free (gpointer data)
{
  Manage *manage = data;

  g_free (manage->group_name);
  g_free (manage->code);
  g_free (manage);
}

/* "vip-copy", "vip-copy-2", …: the first code name no group has, archived
 * ones included. */
static char *
free_code (CohortStore *store,
           const char  *code,
           const char  *suffix)
{
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *candidate = i == 1 ? g_strdup_printf ("%s-%s", code, suffix)
                                          : g_strdup_printf ("%s-%s-%u", code, suffix, i);
      g_autoptr(CohortGroup) taken = cohort_store_find_group (store, candidate, NULL);

      if (taken == NULL)
        return g_steal_pointer (&candidate);
    }
  return g_strdup_printf ("%s-%s-%" G_GINT64_FORMAT, code, suffix, g_get_real_time ());
}

static gboolean
manage_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Manage *manage = data;
  g_autofree char *code = NULL;
  g_autoptr(CohortGroup) group = NULL;

  switch (manage->kind)
    {
    case MANAGE_DUPLICATE:
      code = free_code (store, manage->code, "copy");
      if (!cohort_store_copy_group (store, manage->group_id, code, NULL, &manage->new_id, error))
        return FALSE;
      break;
    case MANAGE_FREEZE:
      code = free_code (store, manage->code, "frozen");
      if (!cohort_store_freeze_group (store, manage->group_id, code, NULL, &manage->new_id, error))
        return FALSE;
      break;
    case MANAGE_ARCHIVE:
    case MANAGE_RESTORE:
    default:
      if (!cohort_store_set_group_archived (store, manage->group_id, manage->kind == MANAGE_ARCHIVE, error))
        return FALSE;
      manage->new_id = manage->group_id;
      break;
    }

  group = cohort_store_get_group (store, manage->new_id, error);
  if (group == NULL)
    return FALSE;
  manage->n_members = cohort_group_get_member_count (group);
  return TRUE;
}

static void run_manage (CohortWindow *self,
                        ManageKind    kind,
                        CohortGroup  *group);

typedef struct
{
  CohortWindow *window;   /* weak */
  CohortGroup  *group;
} RestoreUndo;

static void
restore_undo_free (gpointer data)
{
  RestoreUndo *undo = data;

  g_clear_weak_pointer (&undo->window);
  g_clear_object (&undo->group);
  g_free (undo);
}

static void
undo_archive_cb (gpointer data)
{
  RestoreUndo *undo = data;

  if (undo->window != NULL)
    run_manage (undo->window, MANAGE_RESTORE, undo->group);
}

static void
manage_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CohortWindow) self = user_data;
  Manage *manage = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = cohort_quote (manage->group_name);
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Group"), error);
      cohort_window_reload (self);
      return;
    }

  cohort_window_reload (self);
  count = cohort_format_contacts (manage->n_members);
  switch (manage->kind)
    {
    case MANAGE_DUPLICATE:
      /* Translators: "Duplicated “VIP” with 1,234 contacts" */
      title = g_strdup_printf (_("Duplicated %s with %s"), quoted, count);
      break;
    case MANAGE_FREEZE:
      /* Translators: "Froze “VIP” into a static group of 1,234 contacts" */
      title = g_strdup_printf (_("Froze %s into a static group of %s"), quoted, count);
      break;
    case MANAGE_ARCHIVE:
      title = g_strdup_printf (_("Archived %s"), quoted);
      break;
    case MANAGE_RESTORE:
    default:
      title = g_strdup_printf (_("Restored %s"), quoted);
      break;
    }

  if (manage->kind == MANAGE_ARCHIVE)
    {
      RestoreUndo *undo = g_new0 (RestoreUndo, 1);
      g_autoptr(GError) lookup_error = NULL;

      g_set_weak_pointer (&undo->window, self);
      undo->group = cohort_store_get_group (self->store, manage->group_id, &lookup_error);
      if (undo->group == NULL)
        {
          restore_undo_free (undo);
          toast = adw_toast_new (title);
        }
      else
        toast = cohort_toast_new_with_undo (title, G_CALLBACK (undo_archive_cb), undo, restore_undo_free);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contacts", NULL);
    }
  else
    {
      toast = adw_toast_new (title);
      cohort_window_show_group (self, manage->new_id);
    }
  cohort_window_add_toast (self, toast);
}

static void
run_manage (CohortWindow *self,
            ManageKind    kind,
            CohortGroup  *group)
{
  g_autoptr(CohortJob) job = NULL;
  Manage *manage = g_new0 (Manage, 1);

  manage->kind = kind;
  manage->group_id = cohort_group_get_id (group);
  manage->group_name = g_strdup (cohort_group_get_name (group));
  manage->code = g_strdup (cohort_group_get_code (group));
  job = cohort_job_new (manage_job, manage, manage_free);
  cohort_job_run_async (job, self->store, NULL, manage_done_cb, g_object_ref (self));
}

static void
manage_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  CohortGroup *group = cohort_window_get_selected_group (self);
  ManageKind kind;

  if (group == NULL)
    return;

  if (g_str_equal (action_name, "win.duplicate-group"))
    kind = MANAGE_DUPLICATE;
  else if (g_str_equal (action_name, "win.freeze-group"))
    kind = MANAGE_FREEZE;
  else
    kind = MANAGE_ARCHIVE;
  run_manage (self, kind, group);
}

/* ---- merging a static group into another -------------------------------- */

typedef struct
{
  gint64  from_id;
  char   *from_name;
  gint64  into_id;
  char   *into_name;
  gint64  joined;
} Merge;

static void
merge_free (gpointer data)
{
  Merge *merge = data;

  g_free (merge->from_name);
  g_free (merge->into_name);
  g_free (merge);
}

static gboolean
merge_job (CohortJob     *job,
           CohortStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Merge *merge = data;

  return cohort_store_merge_groups (store, merge->into_id, merge->from_id, &merge->joined, error);
}

/* Toast titles are markup. */
static char *
quote_markup (const char *name)
{
  g_autofree char *quoted = cohort_quote (name);

  return g_markup_escape_text (quoted, -1);
}

static void
merge_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CohortWindow) self = user_data;
  Merge *merge = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;
  g_autofree char *from = quote_markup (merge->from_name);
  g_autofree char *into = quote_markup (merge->into_name);
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Merge the Groups"), error);
      cohort_window_reload (self);
      return;
    }

  cohort_window_reload (self);
  count = cohort_format_count (merge->joined);
  /* Translators: "Merged “Expo 2026” into “Customers”: 1,234 contacts joined" */
  title = g_strdup_printf (g_dngettext (NULL,
                                        "Merged %s into %s: %s contact joined",
                                        "Merged %s into %s: %s contacts joined",
                                        (gulong) merge->joined),
                           from, into, count);
  cohort_window_show_group (self, merge->into_id);
  cohort_window_add_toast (self, adw_toast_new (title));
}

GPtrArray *
cohort_window_list_merge_targets (CohortWindow *self,
                                  CohortGroup  *group)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_object_unref);

  if (group == NULL || cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
    return targets;
  /* Archived groups and groups waiting for Undo are not in the sidebar's list. */
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CohortGroup *other = g_ptr_array_index (self->groups, i);

      if (cohort_group_get_kind (other) == COHORT_GROUP_STATIC &&
          cohort_group_get_id (other) != cohort_group_get_id (group))
        g_ptr_array_add (targets, g_object_ref (other));
    }
  return targets;
}

/* With one group to choose from, the check button has no radio group and
 * can be unchecked again. */
static void
merge_target_toggled_cb (GtkCheckButton   *check,
                         AdwMessageDialog *dialog)
{
  CohortGroup *target = g_object_get_data (G_OBJECT (check), "group");

  if (gtk_check_button_get_active (check))
    g_object_set_data_full (G_OBJECT (dialog), "into", g_object_ref (target), g_object_unref);
  else if (g_object_get_data (G_OBJECT (dialog), "into") == target)
    g_object_set_data (G_OBJECT (dialog), "into", NULL);
  adw_message_dialog_set_response_enabled (dialog, "merge",
                                           g_object_get_data (G_OBJECT (dialog), "into") != NULL);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CohortWindow     *self)
{
  CohortGroup *from = g_object_get_data (G_OBJECT (dialog), "from");
  CohortGroup *into = g_object_get_data (G_OBJECT (dialog), "into");
  g_autoptr(CohortJob) job = NULL;
  Merge *merge;

  if (!g_str_equal (response, "merge") || into == NULL)
    return;

  merge = g_new0 (Merge, 1);
  merge->from_id = cohort_group_get_id (from);
  merge->from_name = g_strdup (cohort_group_get_name (from));
  merge->into_id = cohort_group_get_id (into);
  merge->into_name = g_strdup (cohort_group_get_name (into));
  /* A group of a million members takes seconds to merge. */
  job = cohort_job_new (merge_job, merge, merge_free);
  cohort_job_run_async (job, self->store, NULL, merge_done_cb, g_object_ref (self));
}

static GtkWidget *
merge_target_row (CohortGroup      *target,
                  GtkCheckButton   *first,
                  AdwMessageDialog *dialog)
{
  g_autofree char *count = cohort_format_contacts (cohort_group_get_member_count (target));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort_group_get_name (target));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
  /* The row labels the check button with its title; the count is read as
   * its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count, -1);
  g_object_set_data_full (G_OBJECT (check), "group", g_object_ref (target), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (merge_target_toggled_cb), dialog, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  CohortGroup *group = cohort_window_get_selected_group (self);
  g_autoptr(GPtrArray) targets = cohort_window_list_merge_targets (self, group);
  g_autofree char *quoted = NULL;
  GtkWidget *scrolled, *list;
  GtkCheckButton *first = NULL;
  AdwMessageDialog *dialog;

  if (targets->len == 0)
    return;

  quoted = cohort_quote (cohort_group_get_name (group));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  /* Translators: the heading of a dialog that asks which group to merge
   * “Expo 2026” into */
  adw_message_dialog_format_heading (dialog, _("Merge %s Into…"), quoted);
  /* Translators: %s is the group being merged, “Expo 2026” */
  adw_message_dialog_format_body (dialog,
                                  _("Its members and accounts join the group you choose, then %s is deleted. "
                                    "This cannot be undone."),
                                  quoted);
  g_object_set_data_full (G_OBJECT (dialog), "from", g_object_ref (group), g_object_unref);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Static groups to merge into"), -1);
  for (guint i = 0; i < targets->len; i++)
    {
      GtkWidget *row = merge_target_row (g_ptr_array_index (targets, i), first, dialog);

      if (first == NULL)
        first = GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* A long list scrolls inside the dialog instead of growing it off screen. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  /* Nothing is chosen for the user: the merge cannot be undone. */
  adw_message_dialog_set_response_enabled (dialog, "merge", FALSE);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the Archived Groups window ------------------------------------------ */

static void fill_archived (AdwPreferencesGroup *list_group,
                           CohortWindow        *self);

static void
restore_clicked_cb (GtkButton    *button,
                    CohortWindow *self)
{
  CohortGroup *group = g_object_get_data (G_OBJECT (button), "group");
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));

  run_manage (self, MANAGE_RESTORE, group);
  gtk_window_close (GTK_WINDOW (window));
}

static void
fill_archived (AdwPreferencesGroup *list_group,
               CohortWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cohort_store_list_groups_full (self->store, TRUE, &error);
  guint n_archived = 0;

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *when = NULL;
      g_autofree char *count = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      g_autofree char *quoted = NULL;
      GtkWidget *row, *restore;

      if (cohort_group_get_archived_at (group) == 0)
        continue;
      n_archived++;

      when = cohort_format_datetime (cohort_group_get_archived_at (group), NULL);
      count = cohort_format_contacts (cohort_group_get_member_count (group));
      /* Translators: "Archived 3 Dec 2026, 14:05 · 1,234 contacts" */
      subtitle = g_strdup_printf (_("Archived %s · %s"), when, count);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort_group_get_name (group));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      quoted = cohort_quote (cohort_group_get_name (group));
      /* Translators: "Restore “VIP”" */
      label = g_strdup_printf (_("Restore %s"), quoted);
      restore = gtk_button_new_with_mnemonic (_("_Restore"));
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (restore, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (restore), "group", g_object_ref (group), g_object_unref);
      g_signal_connect_object (restore, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      adw_preferences_group_add (list_group, row);
    }

  if (n_archived == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No archived groups"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("An archived group leaves the sidebar and keeps its members up to date."));
      adw_preferences_group_add (list_group, row);
    }
}

static void
show_archived_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  GtkWidget *window, *toolbar, *header, *page, *list_group;

  if (self->store == NULL)
    return;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Archived Groups"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 420);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);
  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  list_group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (list_group),
                                         _("Their members stay up to date, and conditions that use them keep working."));
  fill_archived (ADW_PREFERENCES_GROUP (list_group), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (list_group));
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (window), toolbar);

  gtk_window_present (GTK_WINDOW (window));
}

void
cohort_window_install_manage_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.duplicate-group", NULL, manage_action);
  gtk_widget_class_install_action (widget_class, "win.freeze-group", NULL, manage_action);
  gtk_widget_class_install_action (widget_class, "win.merge-group", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "win.archive-group", NULL, manage_action);
  gtk_widget_class_install_action (widget_class, "win.show-archived", NULL, show_archived_action);
}
