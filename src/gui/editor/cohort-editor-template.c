/* cohort-editor-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-editor-resources.h"
#include "cohort-editor-template.h"

void
cohort_editor_class_set_template (GtkWidgetClass *widget_class,
                                  const char     *name)
{
  g_autofree char *path = g_strconcat (COHORT_EDITOR_RESOURCE_PATH, name, NULL);

  /* Referring to the bundle makes the linker keep it, with the constructor
   * that registers it, in every program that uses an editor widget: the
   * library is linked as an ordinary static library. */
  g_return_if_fail (cohort_editor_get_resource () != NULL);

  gtk_widget_class_set_template_from_resource (widget_class, path);
}
