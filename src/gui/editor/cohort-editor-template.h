/* cohort-editor-template.h — the editor widgets' templates, from the
 * resource bundle compiled into the editor library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COHORT_EDITOR_RESOURCE_PATH "/io/github/cohortapp/Cohort/editor/"

/* Sets @widget_class's template to @name (such as "cohort-condition-row.ui")
 * from the bundle. */
void cohort_editor_class_set_template (GtkWidgetClass *widget_class,
                                       const char     *name);

G_END_DECLS
