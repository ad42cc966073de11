/* cohort-contact-picker.h — choose contacts to add to a static group
 *
 * The picker lists every contact through the same paged model as the
 * tables, so it opens at once on a million contacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONTACT_PICKER (cohort_contact_picker_get_type ())
G_DECLARE_FINAL_TYPE (CohortContactPicker, cohort_contact_picker, COHORT, CONTACT_PICKER, AdwWindow)

CohortContactPicker *cohort_contact_picker_new (CohortStore *store,
                                                CohortGroup *group);

/* signal: "contacts-chosen" (GArray *ids) — gint64 contact ids; the picker
 * closes itself afterwards. */

G_END_DECLS
