/* cohort-account-picker.h — choose an account to add to a static group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_ACCOUNT_PICKER (cohort_account_picker_get_type ())
G_DECLARE_FINAL_TYPE (CohortAccountPicker, cohort_account_picker, COHORT, ACCOUNT_PICKER, AdwWindow)

/* Lists the accounts that are not in @group yet. */
CohortAccountPicker *cohort_account_picker_new (CohortStore *store,
                                                CohortGroup *group);

/* signal: "account-chosen" (CohortAccount *account) — the picker closes
 * itself afterwards. */

G_END_DECLS
