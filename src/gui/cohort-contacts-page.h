/* cohort-contacts-page.h — every contact, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONTACTS_PAGE (cohort_contacts_page_get_type ())
G_DECLARE_FINAL_TYPE (CohortContactsPage, cohort_contacts_page, COHORT, CONTACTS_PAGE, AdwBin)

void cohort_contacts_page_set_store (CohortContactsPage *self,
                                     CohortStore        *store);
void cohort_contacts_page_set_count (CohortContactsPage *self,
                                     gint64              n_contacts);
/* Reads the contacts again after the database changed. */
void cohort_contacts_page_reload    (CohortContactsPage *self);

/* signal: "contact-activated" (gint64 contact_id) */

G_END_DECLS
