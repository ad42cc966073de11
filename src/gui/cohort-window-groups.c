/* cohort-window-groups.c — the window's group actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-export-flow.h"
#include "cohort-group-editor.h"
#include "cohort-utils.h"
#include "cohort-window-private.h"

static void
group_saved_cb (CohortGroupEditor *editor,
                gint64             group_id,
                CohortWindow      *self)
{
  cohort_window_check_store (self);
  cohort_window_show_group (self, group_id);
}

static void
open_group_editor (CohortWindow *self,
                   CohortGroup  *group)
{
  CohortGroupEditor *editor = cohort_group_editor_new (self->store, group);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int default_width, default_height;

  /* No wider than a narrow window (a phone, a tiled half screen). */
  gtk_window_get_default_size (GTK_WINDOW (editor), &default_width, &default_height);
  if (width > 0 && width < default_width)
    gtk_window_set_default_size (GTK_WINDOW (editor), width, default_height);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (group_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_group_editor (COHORT_WINDOW (widget), NULL);
}

static void
edit_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  if (cohort_window_get_selected_group (self) != NULL)
    open_group_editor (self, cohort_window_get_selected_group (self));
}

static void
recalculate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  if (cohort_window_get_selected_group (self) != NULL)
    cohort_group_page_recalculate (self->group_page);
}

static void
export_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  CohortGroup *group = cohort_window_get_selected_group (self);
  g_autoptr(CohortSelection) selection = cohort_selection_new ();
  g_autofree char *quoted = NULL;
  g_autofree char *title = NULL;

  if (group == NULL)
    return;
  quoted = cohort_quote (cohort_group_get_name (group));
  /* Translators: the file chooser's title: "Export “VIP”" */
  title = g_strdup_printf (_("Export %s"), quoted);
  cohort_selection_set_group (selection, cohort_group_get_id (group));
  cohort_export_interactive (widget, self->store, selection, cohort_group_get_member_count (group),
                             title, cohort_group_get_code (group));
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  g_autoptr(CohortSelection) selection = cohort_selection_new ();

  if (self->store != NULL)
    /* Translators: the suggested file name of an export of every contact,
     * without its extension */
    cohort_export_interactive (widget, self->store, selection, self->n_contacts,
                               _("Export All Contacts"), _("contacts"));
}

static gboolean
delete_group_job (CohortJob     *job,
                  CohortStore   *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return cohort_store_delete_group (store, cohort_group_get_id (data), error);
}

static void
delete_group_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CohortWindow) self = user_data;
  CohortGroup *group = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;

  g_hash_table_remove (self->pending_delete, &(gint64) { cohort_group_get_id (group) });
  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Group"), error);

  cohort_window_reload (self);
}

/* The toast is gone without Undo: now the group is deleted for real. */
static void
delete_toast_dismissed_cb (AdwToast     *toast,
                           CohortWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "group-id"));
  g_autoptr(CohortJob) job = NULL;
  CohortGroup *group;

  /* A window being destroyed dismisses its toasts; it has committed what
   * was pending when it was closed. */
  if (self->pending_delete == NULL)
    return;

  group = g_hash_table_lookup (self->pending_delete, &id);
  if (group == NULL)
    return;

  job = cohort_job_new (delete_group_job, g_object_ref (group), g_object_unref);
  cohort_job_run_async (job, self->store, NULL, delete_group_done_cb, g_object_ref (self));
}

typedef struct
{
  CohortWindow *window;   /* weak */
  gint64        group_id;
} DeleteUndo;

static void
delete_undo_free (gpointer data)
{
  DeleteUndo *undo = data;

  g_clear_weak_pointer (&undo->window);
  g_free (undo);
}

static void
undo_delete_cb (gpointer data)
{
  DeleteUndo *undo = data;

  if (undo->window == NULL)
    return;

  g_hash_table_remove (undo->window->pending_delete, &undo->group_id);
  cohort_window_reload (undo->window);
  cohort_window_show_group (undo->window, undo->group_id);
}

static void
delete_group_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          CohortWindow     *self)
{
  CohortGroup *group = g_object_get_data (G_OBJECT (dialog), "group");
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  DeleteUndo *undo;
  AdwToast *toast;
  gint64 id;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  id = cohort_group_get_id (group);
  g_hash_table_insert (self->pending_delete, g_memdup2 (&id, sizeof id), g_object_ref (group));
  cohort_window_reload (self);

  name = cohort_quote (cohort_group_get_name (group));
  title = g_strdup_printf (_("Deleted the group %s"), name);
  undo = g_new0 (DeleteUndo, 1);
  g_set_weak_pointer (&undo->window, self);
  undo->group_id = id;
  toast = cohort_toast_new_with_undo (title, G_CALLBACK (undo_delete_cb), undo, delete_undo_free);
  g_object_set_data (G_OBJECT (toast), "group-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self, 0);
  cohort_window_add_toast (self, toast);
}

static void
delete_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  CohortGroup *group = cohort_window_get_selected_group (self);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (group == NULL)
    return;

  name = cohort_quote (cohort_group_get_name (group));
  heading = g_strdup_printf (_("Delete %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The group goes away; its contacts stay in your database. "
                                     "You can undo this for a few seconds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "group", g_object_ref (group), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_group_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- unsaved conditions -------------------------------------------------- */

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CohortWindow     *self)
{
  gint64 next_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "next-id"));
  gboolean closing = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "closing"));
  CohortGroup *shown = cohort_group_page_get_group (self->group_page);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") == 0 && !cohort_group_page_save_condition (self->group_page, &error))
    {
      cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Condition"), error);
      response = "cancel";
    }
  else if (g_strcmp0 (response, "discard") == 0)
    cohort_group_page_discard_condition (self->group_page);

  if (g_strcmp0 (response, "save") != 0 && g_strcmp0 (response, "discard") != 0)
    {
      /* Back to the group whose condition is being edited. */
      if (!closing && shown != NULL)
        cohort_sidebar_select (self->sidebar, cohort_group_get_id (shown));
      return;
    }

  if (closing)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* The sidebar has moved on already: show what it selected. */
  cohort_window_reload (self);
  cohort_window_show_group (self, next_id);
}

gboolean
cohort_window_confirm_unsaved (CohortWindow *self,
                               gint64        next_id,
                               gboolean      closing)
{
  CohortGroup *shown = cohort_group_page_get_group (self->group_page);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (shown == NULL || !cohort_group_page_has_unsaved_condition (self->group_page))
    return FALSE;

  name = cohort_quote (cohort_group_get_name (shown));
  /* Translators: %s is the name of a group, in quotes */
  heading = g_strdup_printf (_("Save the Condition of %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The condition was changed and not saved. Saved, it waits for a "
                                     "recalculation to change the members; discarded, the changes are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "next-id", GSIZE_TO_POINTER ((gsize) next_id));
  g_object_set_data (G_OBJECT (dialog), "closing", GINT_TO_POINTER (closing));
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
cohort_window_commit_pending_deletions (CohortWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pending_delete);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(GError) error = NULL;

      if (!cohort_store_delete_group (self->store, cohort_group_get_id (value), &error))
        g_warning ("Could not delete the group %s: %s", cohort_group_get_name (value), error->message);
      g_hash_table_iter_remove (&iter);
    }
}

void
cohort_window_install_group_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-group", NULL, new_group_action);
  gtk_widget_class_install_action (widget_class, "win.edit-group", NULL, edit_group_action);
  gtk_widget_class_install_action (widget_class, "win.delete-group", NULL, delete_group_action);
  gtk_widget_class_install_action (widget_class, "win.recalculate", NULL, recalculate_action);
  gtk_widget_class_install_action (widget_class, "win.export-group", NULL, export_group_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_action);
}
