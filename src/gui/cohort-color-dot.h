/* cohort-color-dot.h — the small coloured circle that marks a group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COHORT_TYPE_COLOR_DOT (cohort_color_dot_get_type ())
G_DECLARE_FINAL_TYPE (CohortColorDot, cohort_color_dot, COHORT, COLOR_DOT, GtkWidget)

/* "#3584e4"; NULL or an unreadable colour draws the accent colour. */
void        cohort_color_dot_set_color (CohortColorDot *self,
                                        const char     *color);
const char *cohort_color_dot_get_color (CohortColorDot *self);

G_END_DECLS
