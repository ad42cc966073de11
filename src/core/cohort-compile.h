/* cohort-compile.h — a condition tree compiled to one SQLite expression
 *
 * The expression is evaluated for a row `c` of contacts and is never NULL
 * (every positive test is wrapped so a missing value reads as false), so
 * NOT of it is the exact complement SPEC §2 asks for. Every value from the
 * condition is a bound parameter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cohort-condition.h"

G_BEGIN_DECLS

typedef enum
{
  /* For evaluating many contacts: sets (tags, group members, activities)
   * are looked up once per statement as IN (subquery). */
  COHORT_COMPILE_SCAN,
  /* For a few contacts: sets are probed per contact with EXISTS. */
  COHORT_COMPILE_ROW,
} CohortCompileMode;

/* Looks a group code name up; FALSE when there is no such group. */
typedef gboolean (*CohortGroupResolver) (const char *code,
                                         gint64     *out_group_id,
                                         gpointer    user_data);

typedef struct _CohortCompiled CohortCompiled;

CohortCompiled *cohort_compile              (CohortCondition      *condition,
                                             CohortCompileMode     mode,
                                             GTimeZone            *tz,
                                             CohortGroupResolver   resolve_group,
                                             gpointer              resolve_data,
                                             GError              **error);
const char     *cohort_compiled_get_sql     (CohortCompiled       *self);
guint           cohort_compiled_get_n_params (CohortCompiled      *self);
/* Binds the parameters to @stmt from index @first on; @now is the instant
 * "in the last N days" counts back from. */
void            cohort_compiled_bind        (CohortCompiled       *self,
                                             sqlite3_stmt         *stmt,
                                             int                   first,
                                             gint64                now);
void            cohort_compiled_free        (CohortCompiled       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortCompiled, cohort_compiled_free)

G_END_DECLS
