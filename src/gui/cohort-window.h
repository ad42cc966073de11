/* cohort-window.h — the main window: groups on the left, a page on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-application.h"
#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_WINDOW (cohort_window_get_type ())
G_DECLARE_FINAL_TYPE (CohortWindow, cohort_window, COHORT, WINDOW, AdwApplicationWindow)

CohortWindow *cohort_window_new          (CohortApplication *application,
                                          CohortStore       *store);
/* Takes @toast. */
void          cohort_window_add_toast    (CohortWindow      *self,
                                          AdwToast          *toast);
/* Refreshes the window now if another connection changed the database. */
void          cohort_window_check_store  (CohortWindow      *self);
void          cohort_window_import_file  (CohortWindow      *self,
                                          GFile             *file);
void          cohort_window_show_group   (CohortWindow      *self,
                                          gint64             group_id);

G_END_DECLS
