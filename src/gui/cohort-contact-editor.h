/* cohort-contact-editor.h — add or edit a contact, every field of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_CONTACT_EDITOR (cohort_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (CohortContactEditor, cohort_contact_editor, COHORT, CONTACT_EDITOR, AdwWindow)

/* @contact NULL adds a new contact. Saving tells in a toast which groups
 * the contact joined and left. */
CohortContactEditor *cohort_contact_editor_new (CohortStore   *store,
                                                CohortContact *contact);

/* signal: "saved" (gint64 contact_id) — before the editor closes */

G_END_DECLS
