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

/* What a condition reads of a contact, so that a change of some fields
 * re-evaluates only the groups that can depend on them. */
typedef enum
{
  COHORT_READS_TAGS       = 1 << 0,  /* contact_tags */
  COHORT_READS_STATUS     = 1 << 1,
  COHORT_READS_UPDATED_AT = 1 << 2,
  COHORT_READS_GROUPS     = 1 << 3,  /* memberships of other groups */
  COHORT_READS_ACTIVITIES = 1 << 4,  /* activities, last_activity_at */
  COHORT_READS_OTHER      = 1 << 5,  /* any other column, custom field or account */
  COHORT_READS_NOW        = 1 << 6,  /* time-relative: depends on the clock */
  COHORT_READS_ALL        = (1 << 7) - 1,
} CohortReads;

typedef struct _CohortCompiled CohortCompiled;

CohortCompiled *cohort_compile              (CohortCondition      *condition,
                                             CohortCompileMode     mode,
                                             GTimeZone            *tz,
                                             CohortGroupResolver   resolve_group,
                                             gpointer              resolve_data,
                                             GError              **error);
const char     *cohort_compiled_get_sql     (CohortCompiled       *self);
guint           cohort_compiled_get_n_params (CohortCompiled      *self);
CohortReads     cohort_compiled_get_reads   (CohortCompiled       *self);
/* The ids of the groups a `group` condition names, each once. */
GArray         *cohort_compiled_get_groups  (CohortCompiled       *self);
/* Binds the parameters to @stmt from index @first on; @now is the instant
 * "in the last N days" counts back from. */
void            cohort_compiled_bind        (CohortCompiled       *self,
                                             sqlite3_stmt         *stmt,
                                             int                   first,
                                             gint64                now);
void            cohort_compiled_free        (CohortCompiled       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortCompiled, cohort_compiled_free)

G_END_DECLS
