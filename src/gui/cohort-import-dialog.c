/* cohort-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cohort-encoding.h"
#include "cohort-error.h"
#include "cohort-import-dialog.h"
#include "cohort-import.h"
#include "cohort-text.h"
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
  CohortImportPreview  *preview;
  GCancellable         *preview_cancellable;
  gboolean              applying_preset;

  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkWidget            *done_button;
  GtkStack             *stack;
  AdwActionRow         *file_row;
  AdwPreferencesGroup  *groups_group;
  GtkListBox           *groups_list;
  AdwEntryRow          *new_group_row;
  AdwPreferencesGroup  *columns_group;
  AdwComboRow          *encoding_row;
  AdwComboRow          *preset_row;
  GtkStringList        *preset_names;
  AdwEntryRow          *preset_name_row;
  AdwPreferencesGroup  *mapping_group;
  GtkListBox           *columns_list;
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
  char                *path;
  GArray              *group_ids;
  gboolean             update;
  char                *encoding;   /* NULL: detected */
  CohortImportMapping *mapping;
  char                *new_group;  /* a static group to create, or NULL */
  CohortImportReport  *report;
} ImportData;

/* Where a column can go, in the order the column rows offer it. */
static const struct {
  const char *target;
  const char *label;
} targets[] = {
  { "skip", N_("Do not import") },
  { "email", N_("Email") },
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "full_name", N_("Full name") },
  { "phone", N_("Phone") },
  { "job_title", N_("Job title") },
  { "company", N_("Company") },
  { "city", N_("City") },
  { "country", N_("Country") },
  { "status", N_("Status") },
  { "score", N_("Score") },
  { "tags", N_("Tags") },
  { "created_at", N_("Created") },
  { "custom", N_("Custom field") },
};
#define TARGET_SKIP   0
#define TARGET_CUSTOM (G_N_ELEMENTS (targets) - 1)

/* The encodings of encoding_row, after "Automatic". */
static const char * const encodings[] = { NULL, "UTF-8", "WINDOWS-1252", "ISO-8859-1", "UTF-16" };

#define PREVIEW_ROWS 3

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_free (import->encoding);
  g_free (import->new_group);
  g_clear_pointer (&import->mapping, cohort_import_mapping_unref);
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
  CohortImportOptions options = { import->encoding, import->mapping };
  g_autoptr(CohortGroup) created = NULL;
  gboolean ok;

  if (import->new_group != NULL)
    {
      g_autofree char *code = cohort_group_code_from_name (import->new_group);
      g_autoptr(CohortGroup) existing = cohort_store_find_group (store, code, NULL);
      gint64 id;

      if (existing != NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("A group with the code name “%s” exists already: tick it in the list instead."),
                       code);
          return FALSE;
        }
      created = cohort_group_new (code, import->new_group, COHORT_GROUP_STATIC);
      if (!cohort_store_create_group (store, created, error))
        return FALSE;
      id = cohort_group_get_id (created);
      g_array_append_val (import->group_ids, id);
    }

  ok = cohort_import_contacts_full (store, import->path, &options,
                                    (const gint64 *) import->group_ids->data, import->group_ids->len,
                                    import->update, cancellable, cohort_job_progress, job,
                                    import->report, error);
  /* A group made for an import that stored nothing is not left behind. */
  if (!ok && created != NULL)
    cohort_store_delete_group (store, cohort_group_get_id (created), NULL);
  return ok;
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

/* ---- mapping ------------------------------------------------------------ */

static guint
target_index (const char *target)
{
  if (g_str_has_prefix (target, "custom."))
    return TARGET_CUSTOM;
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (strcmp (targets[i].target, target) == 0)
      return i;
  return TARGET_SKIP;
}

/* The mapping the column rows show: every column named, so the import does
 * what the dialog says whatever the layout would have done. */
static CohortImportMapping *
read_mapping (CohortImportDialog *self)
{
  CohortImportMapping *mapping = cohort_import_mapping_new ();
  guint encoding = adw_combo_row_get_selected (self->encoding_row);

  if (encoding != GTK_INVALID_LIST_POSITION && encodings[encoding] != NULL)
    cohort_import_mapping_set_encoding (mapping, encodings[encoding], NULL);
  if (self->preview == NULL || g_strcmp0 (self->preview->layout, "vcard") == 0)
    return mapping;

  for (guint i = 0; self->preview->header[i] != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->columns_list, (int) i);
      guint chosen = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
      const char *header = self->preview->header[i];
      const char *target;
      g_autofree char *custom = NULL;

      if (chosen == TARGET_CUSTOM)
        {
          /* The key the layout would have given it, else the header. */
          const char *fallback = self->preview->targets[i];

          custom = g_str_has_prefix (fallback, "custom.")
                     ? g_strdup (fallback)
                     : g_strconcat ("custom.", header, NULL);
          target = custom;
        }
      else
        target = targets[chosen < G_N_ELEMENTS (targets) ? chosen : TARGET_SKIP].target;

      if (!cohort_import_mapping_set (mapping, header, target, NULL))
        cohort_import_mapping_set (mapping, header, "skip", NULL);
    }
  return mapping;
}

static char *
column_samples (CohortImportDialog *self,
                guint               column)
{
  g_autoptr(GString) samples = g_string_new (NULL);

  for (guint r = 0; r < self->preview->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->preview->rows, r);
      g_autofree char *cell = NULL;

      if (column >= g_strv_length (cells) || (cell = cohort_text_clean (cells[column])) == NULL)
        continue;
      if (samples->len > 0)
        g_string_append (samples, " · ");
      g_string_append (samples, cell);
    }
  if (samples->len == 0)
    return g_strdup (_("Empty in the first rows"));
  return g_string_free (g_steal_pointer (&samples), FALSE);
}

static void
show_columns (CohortImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *child;
  g_autoptr(GString) described = g_string_new (NULL);
  gboolean vcard;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
    gtk_list_box_remove (self->columns_list, child);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    gtk_string_list_append (names, _(targets[i].label));

  vcard = g_strcmp0 (self->preview->layout, "vcard") == 0;
  for (guint i = 0; !vcard && self->preview->header[i] != NULL; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *samples = column_samples (self, i);
      const char *header = self->preview->header[i];

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *header != '\0' ? header : _("(no name)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), target_index (self->preview->targets[i]));
      gtk_list_box_append (self->columns_list, row);
    }

  /* Say what was recognised, and how the file was read. */
  for (guint i = 0; i < self->preview->notes->len; i++)
    {
      if (described->len > 0)
        g_string_append_c (described, '\n');
      g_string_append (described, g_ptr_array_index (self->preview->notes, i));
    }
  adw_preferences_group_set_description (self->columns_group, described->len > 0 ? described->str : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), !vcard);
}

static void apply_selected_preset (CohortImportDialog *self);

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **args = task_data;  /* path, encoding */
  GError *error = NULL;
  CohortImportPreview *preview = cohort_import_preview (args[0], args[1], PREVIEW_ROWS, &error);

  if (preview != NULL)
    g_task_return_pointer (task, preview, (GDestroyNotify) cohort_import_preview_free);
  else
    g_task_return_error (task, error);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CohortImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CohortImportPreview *preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->preview_cancellable);
          /* The import would fail the same way: say so before it is tried. */
          adw_action_row_set_subtitle (self->file_row, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
        }
      return;
    }

  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview, cohort_import_preview_free);
  self->preview = preview;
  show_columns (self);
  apply_selected_preset (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", self->cancellable == NULL);
}

static void
read_preview (CohortImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  char **args;
  guint encoding = adw_combo_row_get_selected (self->encoding_row);

  if (self->file == NULL)
    return;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  args = g_new0 (char *, 3);
  args[0] = g_file_get_path (self->file);
  args[1] = g_strdup (encoding != GTK_INVALID_LIST_POSITION ? encodings[encoding] : NULL);
  /* Detecting the encoding reads the whole file: never on this thread. */
  task = g_task_new (NULL, self->preview_cancellable, preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, read_preview);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, preview_thread);
}

static void
encoding_selected_cb (CohortImportDialog *self)
{
  read_preview (self);
}

/* ---- presets ------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static char *
presets_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "cohort", "mappings", NULL);
}

static void
list_presets (CohortImportDialog *self,
              const char         *select)
{
  g_autofree char *dir_path = presets_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->preset_names));
  guint selected = 0;
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".json")));
  g_ptr_array_sort (names, compare_names);

  self->applying_preset = TRUE;
  gtk_string_list_splice (self->preset_names, 0, n, NULL);
  gtk_string_list_append (self->preset_names, _("As recognised"));
  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (self->preset_names, g_ptr_array_index (names, i));
      if (g_strcmp0 (select, g_ptr_array_index (names, i)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_selected (self->preset_row, selected);
  self->applying_preset = FALSE;
}

/* The mapping of the preset chosen, NULL for "As recognised" (or one that
 * cannot be read: then the row says why). */
static CohortImportMapping *
load_selected_preset (CohortImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->preset_row);
  g_autofree char *dir = presets_dir ();
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CohortImportMapping *mapping;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), NULL);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  file = g_strconcat (gtk_string_list_get_string (self->preset_names, selected), ".json", NULL);
  path = g_build_filename (dir, file, NULL);
  if ((mapping = cohort_import_mapping_load (path, &error)) == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), error->message);
  return mapping;
}

/* Sets the column rows the preset names; the others keep their choice. */
static void
apply_selected_preset (CohortImportDialog *self)
{
  g_autoptr(CohortImportMapping) mapping = load_selected_preset (self);

  for (guint i = 0; mapping != NULL && self->preview->header[i] != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->columns_list, (int) i);
      const char *target;

      if (row != NULL && cohort_import_mapping_lookup (mapping, self->preview->header[i], &target))
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), target_index (target != NULL ? target : "skip"));
    }
}

static void
preset_selected_cb (CohortImportDialog *self)
{
  g_autoptr(CohortImportMapping) mapping = NULL;
  const char *encoding;

  if (self->applying_preset || self->preview == NULL)
    return;

  /* A preset saved with an encoding reads the file again in it; the
   * preview that comes back applies the preset. */
  mapping = load_selected_preset (self);
  encoding = mapping != NULL ? cohort_import_mapping_get_encoding (mapping) : NULL;
  for (guint i = 1; encoding != NULL && i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (encodings[i], encoding) == 0 &&
        adw_combo_row_get_selected (self->encoding_row) != i)
      {
        adw_combo_row_set_selected (self->encoding_row, i);
        return;
      }

  show_columns (self);
  apply_selected_preset (self);
}

static void
save_preset_cb (CohortImportDialog *self)
{
  g_autofree char *name = cohort_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->preset_name_row)));
  g_autofree char *dir = presets_dir ();
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CohortImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;

  if (name == NULL || self->preview == NULL)
    return;

  /* The name is the file's: no folder separators in it. */
  g_strdelimit (name, G_DIR_SEPARATOR_S "\\", '-');
  file = g_strconcat (name, ".json", NULL);
  path = g_build_filename (dir, file, NULL);
  mapping = read_mapping (self);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !cohort_import_mapping_save (mapping, path, &error))
    {
      adw_preferences_group_set_description (self->columns_group,
                                             error != NULL ? error->message : g_strerror (errno));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->preset_name_row), "");
  list_presets (self, name);
}

static void
save_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  save_preset_cb (COHORT_IMPORT_DIALOG (widget));
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
  import->encoding = g_strdup (encodings[adw_combo_row_get_selected (self->encoding_row)]);
  import->mapping = read_mapping (self);
  import->new_group = cohort_text_clean (gtk_editable_get_text (GTK_EDITABLE (self->new_group_row)));

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

  gtk_file_filter_set_name (csv, _("Contact files (CSV, vCard)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/vcard");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_suffix (csv, "vcf");
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

  groups = cohort_store_list_groups_full (self->store, FALSE, &error);
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

  gtk_widget_set_visible (GTK_WIDGET (self->groups_list), self->group_ids->len > 0);
}

static void
cohort_import_dialog_dispose (GObject *object)
{
  CohortImportDialog *self = COHORT_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview, cohort_import_preview_free);
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
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, new_group_row);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, preset_names);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, preset_name_row);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, CohortImportDialog, columns_list);
  gtk_widget_class_bind_template_callback (widget_class, encoding_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_preset_cb);
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
  gtk_widget_class_install_action (widget_class, "import.save-preset", NULL, save_preset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
cohort_import_dialog_init (CohortImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  list_presets (self, NULL);
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
  /* Import becomes possible once the file could be read. The group that
   * will say how shows at once, so nothing below it moves later. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", FALSE);
  adw_preferences_group_set_description (self->columns_group, _("Reading the file…"));
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  read_preview (self);
}
