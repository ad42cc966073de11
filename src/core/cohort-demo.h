/* cohort-demo.h — deterministic, realistic sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-recalc.h"

G_BEGIN_DECLS

/* Adds @n_contacts contacts (names from many languages, accounts with
 * industries and sizes, tags, statuses, custom fields, about five activities
 * each over the two years before the store's "now") and a few example static
 * and dynamic groups. The same @seed and "now" give the same data. */
gboolean cohort_demo_generate (CohortStore        *store,
                               guint               n_contacts,
                               guint32             seed,
                               CohortProgressFunc  progress,
                               gpointer            progress_data,
                               GError            **error);

G_END_DECLS
