/* cohort-row-selection.h — a multiple selection that is a set of positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COHORT_TYPE_ROW_SELECTION (cohort_row_selection_get_type ())
G_DECLARE_FINAL_TYPE (CohortRowSelection, cohort_row_selection, COHORT, ROW_SELECTION, GObject)

CohortRowSelection *cohort_row_selection_new (GListModel *model);

G_END_DECLS
