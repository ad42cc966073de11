/* cohort-selection-bar.h — what can be done with the selected contacts
 *
 * The bar under a membership table while rows are selected: how many, and
 * the bulk actions of SPEC §10 (tags, status, static groups, delete). It
 * holds the selection as a CohortSelection, a rule evaluated when an action
 * runs, so "all 980,000" is no list of loaded rows. Each action runs on a
 * worker and ends in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-selection.h"
#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_SELECTION_BAR (cohort_selection_bar_get_type ())
G_DECLARE_FINAL_TYPE (CohortSelectionBar, cohort_selection_bar, COHORT, SELECTION_BAR, AdwBin)

/* Takes @selection (NULL: nothing selected, the bar hides). @all: every
 * row in view is selected, said as "All 1,234 selected". */
void cohort_selection_bar_set_selection (CohortSelectionBar *self,
                                         CohortStore        *store,
                                         CohortSelection    *selection,
                                         gint64              n_selected,
                                         gboolean            all);

G_END_DECLS
