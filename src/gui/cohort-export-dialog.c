/* cohort-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-catalog.h"
#include "cohort-export-dialog.h"
#include "cohort-utils.h"

/* The format row's items, in their order, with their GSettings nick. */
static const struct {
  CohortExportFormat  format;
  const char         *nick;
} formats[] = {
  { COHORT_EXPORT_CSV, "csv" },
  { COHORT_EXPORT_JSON, "json" },
  { COHORT_EXPORT_VCARD, "vcard" },
  { COHORT_EXPORT_VCARD3, "vcard3" },
};

struct _CohortExportDialog
{
  AdwWindow            parent_instance;

  GSettings           *settings;
  GPtrArray           *checks;        /* GtkCheckButton, one a column */
  GStrv                columns;

  AdwWindowTitle      *window_title;
  AdwComboRow         *format_row;
  AdwPreferencesGroup *columns_group;
  GtkListBox          *columns_list;
};

G_DEFINE_FINAL_TYPE (CohortExportDialog, cohort_export_dialog, ADW_TYPE_WINDOW)

enum { EXPORT, N_SIGNALS };
static guint signals[N_SIGNALS];

CohortExportFormat
cohort_export_dialog_get_format (CohortExportDialog *self)
{
  guint i;

  g_return_val_if_fail (COHORT_IS_EXPORT_DIALOG (self), COHORT_EXPORT_CSV);

  i = adw_combo_row_get_selected (self->format_row);
  return formats[i < G_N_ELEMENTS (formats) ? i : 0].format;
}

static gboolean
columns_apply (CohortExportDialog *self)
{
  CohortExportFormat format = cohort_export_dialog_get_format (self);

  return format == COHORT_EXPORT_CSV || format == COHORT_EXPORT_JSON;
}

GStrv
cohort_export_dialog_dup_columns (CohortExportDialog *self)
{
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  gboolean all = TRUE;

  g_return_val_if_fail (COHORT_IS_EXPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        g_strv_builder_add (chosen, self->columns[i]);
      else
        all = FALSE;
    }
  return all ? NULL : g_strv_builder_end (chosen);
}

static void
update_sensitivity (CohortExportDialog *self)
{
  gboolean apply = columns_apply (self);
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_list), apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.all-columns", apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.no-columns", apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !apply || any);
  adw_preferences_group_set_description (self->columns_group,
                                         apply
                                         ? _("The columns to write, in this order.")
                                         : _("A vCard holds what an address book needs: name, email, phone, "
                                             "job title, company, city, country and tags. Columns do not apply."));
}

/* The format chosen or a column checked. */
static void
choice_changed_cb (CohortExportDialog *self)
{
  update_sensitivity (self);
}

static void
set_all_checks (CohortExportDialog *self,
                gboolean            active)
{
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
}

static void
all_columns_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_all_checks (COHORT_EXPORT_DIALOG (widget), TRUE);
}

static void
no_columns_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_all_checks (COHORT_EXPORT_DIALOG (widget), FALSE);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CohortExportDialog *self = COHORT_EXPORT_DIALOG (widget);
  g_auto(GStrv) chosen = cohort_export_dialog_dup_columns (self);
  guint i = adw_combo_row_get_selected (self->format_row);

  g_settings_set_string (self->settings, "export-format", formats[i < G_N_ELEMENTS (formats) ? i : 0].nick);
  /* Empty for all: a custom field that comes later is then exported too. */
  g_settings_set_strv (self->settings, "export-columns", chosen != NULL ? (const char * const *) chosen : NULL);

  g_object_ref (self);
  g_signal_emit (self, signals[EXPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* The field's title, as the condition editor says it; a custom field by
 * its key. */
static const char *
column_title (const char *name)
{
  const CohortField *field;

  /* The export's names for the account and the tags are not fields. */
  if (g_str_equal (name, "company"))
    return _("Company");
  if (g_str_equal (name, "tags"))
    return _("Tags");
  if (g_str_has_prefix (name, "custom."))
    return name + strlen ("custom.");
  field = cohort_catalog_lookup (name);
  return field != NULL ? _(field->title) : name;
}

static void
add_column_rows (CohortExportDialog *self)
{
  g_auto(GStrv) remembered = g_settings_get_strv (self->settings, "export-columns");
  gboolean all = remembered[0] == NULL;

  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      const char *title = column_title (self->columns[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->columns[i]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   all || g_strv_contains ((const char * const *) remembered, self->columns[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_object (check, "toggled", G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      /* Which also names the check button after the row's title. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->columns_list, row);
      g_ptr_array_add (self->checks, check);
    }
}

CohortExportDialog *
cohort_export_dialog_new (gint64              n_contacts,
                          const char * const *columns)
{
  CohortExportDialog *self = g_object_new (COHORT_TYPE_EXPORT_DIALOG, NULL);
  g_autofree char *nick = g_settings_get_string (self->settings, "export-format");
  g_autofree char *count = cohort_format_count (n_contacts);
  g_autofree char *title = NULL;

  g_return_val_if_fail (columns != NULL, self);

  /* Translators: the export dialog's title: "Export 1,234 Contacts" */
  title = g_strdup_printf (g_dngettext (NULL, "Export %s Contact", "Export %s Contacts", (gulong) n_contacts),
                           count);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->columns = g_strdupv ((char **) columns);
  add_column_rows (self);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (nick, formats[i].nick))
      adw_combo_row_set_selected (self->format_row, i);
  update_sensitivity (self);
  return self;
}

static void
cohort_export_dialog_dispose (GObject *object)
{
  CohortExportDialog *self = COHORT_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (cohort_export_dialog_parent_class)->dispose (object);
}

static void
cohort_export_dialog_class_init (CohortExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_export_dialog_dispose;

  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CohortExportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CohortExportDialog, columns_list);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.all-columns", NULL, all_columns_action);
  gtk_widget_class_install_action (widget_class, "export.no-columns", NULL, no_columns_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cohort_export_dialog_init (CohortExportDialog *self)
{
  self->settings = g_settings_new ("io.github.cohortapp.Cohort");
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
