/* cohort-explain-window.h — why a contact is or is not in a dynamic group
 *
 * Shows the group's condition tree with each part marked true or false for
 * the contact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_EXPLAIN_WINDOW (cohort_explain_window_get_type ())
G_DECLARE_FINAL_TYPE (CohortExplainWindow, cohort_explain_window, COHORT, EXPLAIN_WINDOW, AdwWindow)

CohortExplainWindow *cohort_explain_window_new (CohortStore   *store,
                                                CohortGroup   *group,
                                                CohortContact *contact);

G_END_DECLS
