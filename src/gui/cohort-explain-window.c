/* cohort-explain-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-explain-window.h"
#include "cohort-recalc.h"
#include "cohort-utils.h"

/* How far each level of the tree is indented, in pixels. */
#define INDENT 24

struct _CohortExplainWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel       *verdict_label;
  GtkLabel       *stale_label;
  GtkListBox     *lines_list;
};

G_DEFINE_FINAL_TYPE (CohortExplainWindow, cohort_explain_window, ADW_TYPE_WINDOW)

static GtkWidget *
create_line_row (const CohortExplainLine *line)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (line->result ? "emblem-ok-symbolic"
                                                               : "window-close-symbolic");
  GtkWidget *verdict = gtk_label_new (line->result ? _("True") : _("False"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->description);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_margin_start (icon, (int) line->depth * INDENT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  line->result ? _("True") : _("False"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (verdict, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), verdict);
  gtk_widget_add_css_class (row, "explain-row");
  gtk_widget_add_css_class (row, line->result ? "true" : "false");

  return row;
}

static void
cohort_explain_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_EXPLAIN_WINDOW);

  G_OBJECT_CLASS (cohort_explain_window_parent_class)->dispose (object);
}

static void
cohort_explain_window_class_init (CohortExplainWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_explain_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-explain-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortExplainWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortExplainWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, CohortExplainWindow, stale_label);
  gtk_widget_class_bind_template_child (widget_class, CohortExplainWindow, lines_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cohort_explain_window_init (CohortExplainWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CohortExplainWindow *
cohort_explain_window_new (CohortStore   *store,
                           CohortGroup   *group,
                           CohortContact *contact)
{
  CohortExplainWindow *self;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *verdict = NULL;
  gboolean matches;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (COHORT_IS_GROUP (group), NULL);
  g_return_val_if_fail (COHORT_IS_CONTACT (contact), NULL);

  self = g_object_new (COHORT_TYPE_EXPLAIN_WINDOW, NULL);
  name = cohort_contact_dup_display_name (contact);
  group_name = cohort_quote (cohort_group_get_name (group));
  /* Translators: "Anna Schmidt and “VIP”" */
  subtitle = g_strdup_printf (_("%s and %s"), name, group_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), cohort_group_get_needs_recalculation (group));

  lines = cohort_store_explain (store, cohort_group_get_id (group), cohort_contact_get_id (contact), &error);
  if (lines == NULL)
    {
      gtk_label_set_label (self->verdict_label, error->message);
      return self;
    }

  matches = lines->len > 0 && ((CohortExplainLine *) g_ptr_array_index (lines, 0))->result;
  verdict = matches
    /* Translators: "Anna Schmidt matches the condition of “VIP”." */
    ? g_strdup_printf (_("%s matches the condition of %s."), name, group_name)
    : g_strdup_printf (_("%s does not match the condition of %s."), name, group_name);
  gtk_label_set_label (self->verdict_label, verdict);

  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->lines_list, create_line_row (g_ptr_array_index (lines, i)));

  return self;
}
