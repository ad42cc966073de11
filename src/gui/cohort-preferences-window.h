/* cohort-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COHORT_TYPE_PREFERENCES_WINDOW (cohort_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CohortPreferencesWindow, cohort_preferences_window, COHORT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

CohortPreferencesWindow *cohort_preferences_window_new (void);

G_END_DECLS
