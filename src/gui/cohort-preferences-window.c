/* cohort-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-preferences-window.h"

struct _CohortPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *recalculate_switch;
  GtkSwitch            *background_switch;
};

G_DEFINE_FINAL_TYPE (CohortPreferencesWindow, cohort_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
cohort_preferences_window_dispose (GObject *object)
{
  CohortPreferencesWindow *self = COHORT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cohort_preferences_window_parent_class)->dispose (object);
}

static void
cohort_preferences_window_class_init (CohortPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortPreferencesWindow, recalculate_switch);
  gtk_widget_class_bind_template_child (widget_class, CohortPreferencesWindow, background_switch);
}

static void
cohort_preferences_window_init (CohortPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.cohortapp.Cohort");
  g_settings_bind (self->settings, "recalculate-after-save",
                   self->recalculate_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

CohortPreferencesWindow *
cohort_preferences_window_new (void)
{
  return g_object_new (COHORT_TYPE_PREFERENCES_WINDOW, NULL);
}
