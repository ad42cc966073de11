/* cohort-group-accounts.h — the accounts of a static group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_ACCOUNTS (cohort_group_accounts_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupAccounts, cohort_group_accounts, COHORT, GROUP_ACCOUNTS, AdwBin)

void cohort_group_accounts_set_group (CohortGroupAccounts *self,
                                      CohortStore         *store,
                                      CohortGroup         *group);

/* signal: "add-requested" (void)
 * signal: "remove-requested" (CohortAccount *account) */

G_END_DECLS
