/* cohort-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-import-dialog.h"
#include "cohort-import.h"
#include "cohort-job.h"
#include "cohort-utils.h"

struct _CohortImportDialog
{
  AdwWindow             parent_instance;

  CohortStore          *store;
  GFile                *file;
  GArray               *group_ids;     /* gint64 per row of groups_list */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkWidget            *done_button;
  GtkStack             *stack;
  AdwActionRow         *file_row;
  AdwPreferencesGroup  *groups_group;
  GtkListBox           *groups_list;
  GtkSwitch            *update_switch;
  AdwStatusPage        *running_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *report_title;
  GtkLabel             *created_value;
  GtkLabel             *updated_value;
  GtkLabel             *skipped_value;
  GtkLabel             *rejected_value;
  AdwPreferencesGroup  *counts_group;
  AdwPreferencesGroup  *messages_group;
  GtkListView          *messages_view;
};

G_DEFINE_FINAL_TYPE (CohortImportDialog, cohort_import_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char               *path;
  GArray             *group_ids;
  gboolean            update;
  CohortImportReport *report;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_clear_pointer (&import->group_ids, g_array_unref);
  g_clear_pointer (&import->report, cohort_import_report_free);
  g_free (import);
}

static gboolean
import_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportData *import = data;

  return cohort_import_contacts (store, import->path,
                                 (const gint64 *) import->group_ids->data, import->group_ids->len,
                                 import->update, cancellable, cohort_job_progress, job,
                                 import->report, error);
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = cohort_format_count (n);

  gtk_label_set_label (label, text);
}

static void
show_report (CohortImportDialog *self,
             CohortImportReport *report,
             const GError       *error)
{
  g_autoptr(GtkStringList) messages = gtk_string_list_new (NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_stack_set_visible_child_name (self->stack, "report");

  if (error != NULL)
    {
      gtk_label_set_label (self->report_title, _("Nothing Was Imported"));
      gtk_string_list_append (messages, error->message);
    }
  else
    {
      g_autofree char *title = NULL;

      if (report->rejected + report->skipped == 0)
        title = g_strdup (_("All Rows Imported"));
      else
        title = g_strdup (_("Import Finished With Problems"));
      gtk_label_set_label (self->report_title, title);
    }

  set_count (self->created_value, report->created);
  set_count (self->updated_value, report->updated);
  set_count (self->skipped_value, report->skipped);
  set_count (self->rejected_value, report->rejected);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_group), error == NULL);

  for (guint i = 0; report->messages != NULL && i < report->messages->len; i++)
    gtk_string_list_append (messages, g_ptr_array_index (report->messages, i));
  gtk_widget_set_visible (GTK_WIDGET (self->messages_group),
                          g_list_model_get_n_items (G_LIST_MODEL (messages)) > 0);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&messages))));
  gtk_list_view_set_model (self->messages_view, selection);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CohortImportDialog) self = user_data;
  ImportData *import = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  cohort_widget_check_store (GTK_WIDGET (self));

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    show_report (self, import->report, error);
  else
    show_report (self, import->report, NULL);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CohortImportDialog *self = COHORT_IMPORT_DIALOG (widget);
  g_autoptr(CohortJob) job = NULL;
  g_autofree char *name = NULL;
  ImportData *import;

  if (self->file == NULL || self->cancellable != NULL)
    return;

  import = g_new0 (ImportData, 1);
  import->path = g_file_get_path (self->file);
  import->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  import->update = gtk_switch_get_active (self->update_switch);
  import->report = cohort_import_report_new ();

  for (guint i = 0; i < self->group_ids->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->groups_list, (int) i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (gtk_check_button_get_active (check))
        g_array_append_val (import->group_ids, g_array_index (self->group_ids, gint64, i));
    }

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "import.run", FALSE);
  name = g_file_get_basename (self->file);
  adw_status_page_set_description (self->running_page, name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "running");

  job = cohort_job_new (import_job, import, import_data_free);
  g_object_bind_property (job, "fraction", self->progress_bar, "fraction", G_BINDING_DEFAULT);
  cohort_job_run_async (job, self->store, self->cancellable, import_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortImportDialog *self = COHORT_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     CohortImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      cohort_import_dialog_set_file (self, file);
    }
  else if (self->file == NULL)
    gtk_window_close (GTK_WINDOW (self));

  g_clear_object (&self->chooser);
}

void
cohort_import_dialog_choose (CohortImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (COHORT_IS_IMPORT_DIALOG (self));

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Import Contacts"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cohort_import_dialog_choose (COHORT_IMPORT_DIALOG (widget));
}

static void
list_groups (CohortImportDialog *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;

  groups = cohort_store_list_groups (self->store, &error);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      GtkWidget *row;
      GtkWidget *check;
      gint64 id;

      if (cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
        continue;

      id = cohort_group_get_id (group);
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cohort_group_get_name (group));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cohort_group_get_name (group), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      gtk_list_box_append (self->groups_list, row);
      g_array_append_val (self->group_ids, id);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->groups_group), self->group_ids->len > 0);
}

static void
cohort_import_dialog_dispose (GObject *object)
{
  CohortImportDialog *self = COHORT_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_clear_pointer (&self->group_ids, g_array_unref);

  G_OBJECT_CLASS (cohort_import_dialog_parent_class)->dispose (object);
}

static void
cohort_import_dialog_class_init (CohortImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, groups_group);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, update_switch);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, running_page);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, created_value);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, updated_value);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, skipped_value);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, rejected_value);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, messages_group);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, messages_view);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
cohort_import_dialog_init (CohortImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
}

CohortImportDialog *
cohort_import_dialog_new (CohortStore *store,
                          GFile       *file)
{
  CohortImportDialog *self;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (COHORT_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  list_groups (self);
  if (file != NULL)
    cohort_import_dialog_set_file (self, file);

  return self;
}

void
cohort_import_dialog_set_file (CohortImportDialog *self,
                               GFile              *file)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (COHORT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  folder = parent != NULL ? g_file_get_parse_name (parent) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  adw_action_row_set_subtitle (self->file_row, folder != NULL ? folder : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", self->cancellable == NULL);
}
