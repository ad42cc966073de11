/* cohort-application.h — the app: one instance, one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-scheduler.h"
#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_APPLICATION (cohort_application_get_type ())
G_DECLARE_FINAL_TYPE (CohortApplication, cohort_application, COHORT, APPLICATION, AdwApplication)

CohortApplication *cohort_application_new           (void);
/* NULL until the first window opened the database. */
CohortStore       *cohort_application_get_store     (CohortApplication *self);
CohortScheduler   *cohort_application_get_scheduler (CohortApplication *self);

/* Once per user, when a group is scheduled and the app would not run at
 * night: asks to run in the background and start at login. */
void               cohort_application_offer_background   (CohortApplication *self,
                                                          GtkWindow         *parent);

G_END_DECLS
