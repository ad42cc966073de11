/* cohort-selection-private.h — the SQL of a selection, for the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cohort-selection.h"

G_BEGIN_DECLS

/* Prepares @prefix, the selection's subquery ("SELECT c.id FROM …", each
 * contact once) and @suffix (nullable), with the parameters bound; the caller finalizes the statement. The
 * subquery's parameters are named (:sel_*), so @prefix must not use
 * numbered ones. */
sqlite3_stmt *cohort_selection_prepare (const CohortSelection  *self,
                                        CohortStore            *store,
                                        const char             *prefix,
                                        const char             *suffix,
                                        GError                **error);

G_END_DECLS
