/* cohort-account.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define COHORT_TYPE_ACCOUNT (cohort_account_get_type ())
G_DECLARE_FINAL_TYPE (CohortAccount, cohort_account, COHORT, ACCOUNT, GObject)

CohortAccount *cohort_account_new               (const char    *name);
gint64         cohort_account_get_id            (CohortAccount *self);
void           cohort_account_set_id            (CohortAccount *self,
                                                 gint64         id);
const char    *cohort_account_get_name          (CohortAccount *self);
void           cohort_account_set_name          (CohortAccount *self,
                                                 const char    *name);
const char    *cohort_account_get_industry      (CohortAccount *self);
void           cohort_account_set_industry      (CohortAccount *self,
                                                 const char    *industry);
gboolean       cohort_account_get_employees     (CohortAccount *self,
                                                 gint64        *out_employees);
void           cohort_account_set_employees     (CohortAccount *self,
                                                 gboolean       has_employees,
                                                 gint64         employees);
/* How many contacts belong to it; filled by the store when listing. */
gint64         cohort_account_get_n_contacts    (CohortAccount *self);
void           cohort_account_set_n_contacts    (CohortAccount *self,
                                                 gint64         n);

/* "name", "industry", "employees"; an empty value clears. */
gboolean       cohort_account_set_field         (CohortAccount *self,
                                                 const char    *field,
                                                 const char    *value,
                                                 GError       **error);

G_END_DECLS
