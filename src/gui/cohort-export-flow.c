/* cohort-export-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-export-dialog.h"
#include "cohort-export-flow.h"
#include "cohort-job.h"
#include "cohort-utils.h"

static const struct {
  const char         *extension;
  CohortExportFormat  format;
  const char         *filter_name;   /* translated at use */
  const char         *mime_type;
} file_types[] = {
  { ".csv", COHORT_EXPORT_CSV, N_("CSV (spreadsheets, other CRMs)"), "text/csv" },
  { ".json", COHORT_EXPORT_JSON, N_("JSON"), "application/json" },
  { ".vcf", COHORT_EXPORT_VCARD, N_("vCard 4.0 (GNOME Contacts, Thunderbird, phones)"), "text/vcard" },
  { ".vcf", COHORT_EXPORT_VCARD3, N_("vCard 3.0 (Outlook)"), "text/vcard" },
};

gboolean
cohort_export_format_for_name (const char         *name,
                               CohortExportFormat *out_format)
{
  g_autofree char *folded = g_utf8_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    if (g_str_has_suffix (folded, file_types[i].extension))
      {
        *out_format = file_types[i].format;
        return TRUE;
      }

  return FALSE;
}

typedef struct
{
  GtkWidget          *widget;      /* weak */
  CohortStore        *store;
  CohortSelection    *selection;
  GStrv               columns;     /* NULL for all */
  char               *title;       /* the file chooser's */
  char               *file_stem;
  GFile              *file;
  CohortExportFormat  format;
  /* Kept until the export is done: destroying it inside its own response
   * while the error dialog opens tripped GTK 4.8's accessibility code. */
  GtkFileChooserNative *chooser;
  GCancellable       *cancellable;
  CohortProgressToast *progress;   /* shown once the export takes a while */
  gint64              n_contacts;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_weak_pointer (&export->widget);
  g_clear_object (&export->store);
  cohort_selection_free (export->selection);
  g_strfreev (export->columns);
  g_free (export->title);
  g_free (export->file_stem);
  g_clear_object (&export->file);
  g_clear_object (&export->chooser);
  g_clear_object (&export->cancellable);
  g_clear_pointer (&export->progress, cohort_progress_toast_done);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

/* Worker: the file is written beside its final name and only replaces it
 * once complete, so a failed or cancelled export leaves what was there. */
static gboolean
export_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Export *export = data;
  g_autoptr(GFileOutputStream) file_out = NULL;
  g_autoptr(GOutputStream) out = NULL;
  gboolean ok;

  if ((export->n_contacts = cohort_selection_count (export->selection, store, error)) < 0)
    return FALSE;

  file_out = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                             cancellable, error);
  if (file_out == NULL)
    return FALSE;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_out), 256 * 1024);

  ok = cohort_export_selection (store, export->selection, export->format,
                                (const char * const *) export->columns, out, cancellable, error);
  if (!ok)
    {
      /* Closing a cancelled replacement drops the temporary file. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (out, abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  gboolean ok = cohort_job_run_finish (COHORT_JOB (object), result, &error);

  g_clear_pointer (&export->progress, cohort_progress_toast_done);
  if (export->widget == NULL)
    return;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cohort_widget_show_error (export->widget, _("Could Not Export the Contacts"), error);
      else
        cohort_widget_add_toast (export->widget, adw_toast_new (_("Export cancelled: no file was written")));
      return;
    }

  name = g_file_get_basename (export->file);
  count = cohort_format_count (export->n_contacts);
  /* Translators: "Exported 1,234 contacts to vip.csv" */
  title = g_strdup_printf (g_dngettext (NULL, "Exported %s contact to %s", "Exported %s contacts to %s",
                                        (gulong) export->n_contacts),
                           count, name);
  cohort_widget_add_toast (export->widget, adw_toast_new (title));
}

static void
start_export (Export *export)
{
  g_autoptr(CohortJob) job = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *title = g_strdup_printf (_("Exporting to %s…"), name);

  export->cancellable = g_cancellable_new ();
  export->progress = cohort_progress_toast_new (export->widget, title, export->cancellable);

  job = cohort_job_new (export_job, export, NULL);
  cohort_job_run_async (job, export->store, export->cancellable, export_done_cb, export);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(Export) export = user_data;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  GtkFileFilter *filter;
  int chosen = -1;

  if (response != GTK_RESPONSE_ACCEPT || export->widget == NULL)
    return;

  export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  name = g_file_get_basename (export->file);
  folded = g_utf8_strdown (name, -1);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; filter != NULL && i < G_N_ELEMENTS (file_types); i++)
    if (g_strcmp0 (gtk_file_filter_get_name (filter), _(file_types[i].filter_name)) == 0)
      chosen = (int) i;

  /* The type chosen, if the name's extension agrees (two vCard versions
   * share one); else the name's extension; else the type chosen (CSV
   * first), whose extension the name then gets. */
  if (chosen >= 0 && g_str_has_suffix (folded, file_types[chosen].extension))
    export->format = file_types[chosen].format;
  else if (!cohort_export_format_for_name (name, &export->format))
    {
      g_autoptr(GFile) parent = g_file_get_parent (export->file);
      g_autofree char *full = NULL;

      if (chosen < 0)
        chosen = 0;
      export->format = file_types[chosen].format;
      full = g_strconcat (name, file_types[chosen].extension, NULL);
      g_set_object (&export->file, g_file_get_child (parent, full));
    }
  start_export (g_steal_pointer (&export));
}

static void
dialog_export_cb (CohortExportDialog *dialog,
                  gpointer            user_data)
{
  Export *export = g_object_steal_data (G_OBJECT (dialog), "export");
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;

  if (export->widget == NULL)
    {
      export_free (export);
      return;
    }

  export->format = cohort_export_dialog_get_format (dialog);
  export->columns = cohort_export_dialog_dup_columns (dialog);

  root = gtk_widget_get_root (export->widget);
  chooser = gtk_file_chooser_native_new (export->title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(file_types[i].filter_name));
      gtk_file_filter_add_mime_type (filter, file_types[i].mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      if (file_types[i].format == export->format)
        {
          gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
          suggested = g_strconcat (export->file_stem, file_types[i].extension, NULL);
        }
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  export->chooser = chooser;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
cohort_export_interactive (GtkWidget             *widget,
                           CohortStore           *store,
                           const CohortSelection *selection,
                           gint64                 n_contacts,
                           const char            *title,
                           const char            *file_stem)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  CohortExportDialog *dialog;
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (selection != NULL);
  g_return_if_fail (file_stem != NULL);

  if (!(columns = cohort_export_list_columns (store, &error)))
    {
      cohort_widget_show_error (widget, _("Could Not Export the Contacts"), error);
      return;
    }

  dialog = cohort_export_dialog_new (n_contacts, (const char * const *) columns);
  export = g_new0 (Export, 1);
  g_set_weak_pointer (&export->widget, widget);
  export->store = g_object_ref (store);
  export->selection = cohort_selection_copy (selection);
  export->title = g_strdup (title != NULL ? title : gtk_window_get_title (GTK_WINDOW (dialog)));
  export->file_stem = g_strdup (file_stem);
  g_object_set_data_full (G_OBJECT (dialog), "export", export, export_free);
  g_signal_connect (dialog, "export", G_CALLBACK (dialog_export_cb), NULL);

  if (GTK_IS_WINDOW (root))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (root));
      int default_width, height;

      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      /* On a narrow window (a phone), no wider than the window. */
      gtk_window_get_default_size (GTK_WINDOW (dialog), &default_width, &height);
      if (width > 0 && width < default_width)
        gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}
