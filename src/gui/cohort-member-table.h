/* cohort-member-table.h — the contacts of a group, or all contacts, as a table
 *
 * Sortable by every column, filtered as you type, with multiple selection
 * and a context menu on each row (Open, Why?, Copy Email, Remove). For a
 * static group it also adds contacts or an account and removes the
 * selection or everyone, each with Undo; a member through an account is
 * not removed by hand, and the table says so and offers the account. In a
 * narrow window only the name and email columns stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-contact-list.h"

G_BEGIN_DECLS

#define COHORT_TYPE_MEMBER_TABLE (cohort_member_table_get_type ())
G_DECLARE_FINAL_TYPE (CohortMemberTable, cohort_member_table, COHORT, MEMBER_TABLE, AdwBin)

/* @group NULL shows all contacts. A group with the same id as before keeps
 * the list, its sort, filter and selection; another group starts unfiltered. */
void               cohort_member_table_set_source (CohortMemberTable *self,
                                                   CohortStore       *store,
                                                   CohortGroup       *group);
/* Reads the contacts again after the database changed. */
void               cohort_member_table_reload     (CohortMemberTable *self);
CohortContactList *cohort_member_table_get_list   (CohortMemberTable *self);
/* Takes @account out of the static group, with Undo. */
void               cohort_member_table_remove_account (CohortMemberTable *self,
                                                       CohortAccount     *account);

/* signal: "contact-activated" (gint64 contact_id) */

G_END_DECLS
