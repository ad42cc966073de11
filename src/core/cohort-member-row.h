/* cohort-member-row.h — one row of a membership table
 *
 * What a table shows of a contact, as properties a view can bind to. The
 * paged CohortContactList creates them a page at a time and updates the ones
 * still in view in place when the database changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cohort-contact.h"

G_BEGIN_DECLS

#define COHORT_TYPE_MEMBER_ROW (cohort_member_row_get_type ())
G_DECLARE_FINAL_TYPE (CohortMemberRow, cohort_member_row, COHORT, MEMBER_ROW, GObject)

/* NULL texts are empty. @added_at is when the contact joined the group, or
 * was created in a list of all contacts. */
CohortMemberRow *cohort_member_row_new          (gint64           id,
                                                 const char      *name,
                                                 const char      *email,
                                                 const char      *account,
                                                 CohortStatus     status,
                                                 const char      *source,
                                                 gint64           added_at);
/* Copies @fresh into @self, notifying only the properties that changed. */
void             cohort_member_row_update       (CohortMemberRow *self,
                                                 CohortMemberRow *fresh);

gint64           cohort_member_row_get_id       (CohortMemberRow *self);
/* "First Last", or the email when both names are missing. */
const char      *cohort_member_row_get_name     (CohortMemberRow *self);
const char      *cohort_member_row_get_email    (CohortMemberRow *self);
const char      *cohort_member_row_get_account  (CohortMemberRow *self);
CohortStatus     cohort_member_row_get_status   (CohortMemberRow *self);
/* Translated: "Manual", "Account: Acme", "Condition"; empty for all contacts. */
const char      *cohort_member_row_get_source   (CohortMemberRow *self);
gint64           cohort_member_row_get_added_at (CohortMemberRow *self);

/* Translated: how a contact is in a group ("Condition", "Manual",
 * "Account: Acme" or "Manual, Account: Acme"); @account is NULL for none. */
char            *cohort_member_source_label     (gboolean         dynamic,
                                                 gboolean         manual,
                                                 const char      *account);

/* Properties: "id", "name", "email", "account", "status-label" (translated),
 * "source", "added-at", "added-label" (a short local date). */

G_END_DECLS
