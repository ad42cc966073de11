/* cohort-contact-page.h — one contact: details, groups and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONTACT_PAGE (cohort_contact_page_get_type ())
G_DECLARE_FINAL_TYPE (CohortContactPage, cohort_contact_page, COHORT, CONTACT_PAGE, AdwBin)

/* Reads the contact (again); FALSE when it is not there any more. */
gboolean cohort_contact_page_set_contact    (CohortContactPage *self,
                                             CohortStore       *store,
                                             gint64             contact_id);
gint64   cohort_contact_page_get_contact_id (CohortContactPage *self);

/* signal: "contact-deleted" (void) */

G_END_DECLS
