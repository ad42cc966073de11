/* cohort-group-page.h — one group: Overview, Contacts, Accounts, Conditions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_PAGE (cohort_group_page_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupPage, cohort_group_page, COHORT, GROUP_PAGE, AdwBin)

/* A group with the same id as the one shown refreshes the page in place:
 * the member table keeps its sort, filter and scroll position. */
void         cohort_group_page_set_group           (CohortGroupPage *self,
                                                    CohortStore     *store,
                                                    CohortGroup     *group);
CohortGroup *cohort_group_page_get_group           (CohortGroupPage *self);
gboolean     cohort_group_page_recalculate         (CohortGroupPage *self);
/* "overview", "contacts", "accounts" or "conditions" */
void         cohort_group_page_show_view           (CohortGroupPage *self,
                                                    const char      *name);
/* Where the condition editor goes. */
GtkBox      *cohort_group_page_get_conditions_page (CohortGroupPage *self);

/* Whether the condition of the group shown has edits not saved yet. */
gboolean     cohort_group_page_has_unsaved_condition (CohortGroupPage *self);
/* Saves them (the group then needs recalculation), or drops them. */
gboolean     cohort_group_page_save_condition      (CohortGroupPage *self,
                                                    GError         **error);
void         cohort_group_page_discard_condition   (CohortGroupPage *self);

/* signal: "contact-activated" (gint64 contact_id)
 * signal: "group-changed" (void) — the page stored a change to the group
 *   (its condition, its members) on the window's own connection, which the
 *   store monitor does not see */

G_END_DECLS
