/* cohort-group.h — a contact group, static or dynamic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  COHORT_GROUP_STATIC,
  COHORT_GROUP_DYNAMIC,
} CohortGroupKind;

#define COHORT_TYPE_GROUP (cohort_group_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroup, cohort_group, COHORT, GROUP, GObject)

CohortGroup    *cohort_group_new                      (const char      *code,
                                                       const char      *name,
                                                       CohortGroupKind  kind);

gint64          cohort_group_get_id                   (CohortGroup     *self);
void            cohort_group_set_id                   (CohortGroup     *self,
                                                       gint64           id);
const char     *cohort_group_get_code                 (CohortGroup     *self);
void            cohort_group_set_code                 (CohortGroup     *self,
                                                       const char      *code);
const char     *cohort_group_get_name                 (CohortGroup     *self);
void            cohort_group_set_name                 (CohortGroup     *self,
                                                       const char      *name);
const char     *cohort_group_get_description          (CohortGroup     *self);
void            cohort_group_set_description          (CohortGroup     *self,
                                                       const char      *description);
/* "#3584e4"-style; NULL for the default. */
const char     *cohort_group_get_color                (CohortGroup     *self);
void            cohort_group_set_color                (CohortGroup     *self,
                                                       const char      *color);
CohortGroupKind cohort_group_get_kind                 (CohortGroup     *self);
void            cohort_group_set_kind                 (CohortGroup     *self,
                                                       CohortGroupKind  kind);
/* The condition as SPEC JSON text; NULL for static groups. */
const char     *cohort_group_get_condition_json       (CohortGroup     *self);
void            cohort_group_set_condition_json       (CohortGroup     *self,
                                                       const char      *json);
gboolean        cohort_group_get_needs_recalculation  (CohortGroup     *self);
void            cohort_group_set_needs_recalculation  (CohortGroup     *self,
                                                       gboolean         needs);
gboolean        cohort_group_get_scheduled            (CohortGroup     *self);
void            cohort_group_set_scheduled            (CohortGroup     *self,
                                                       gboolean         scheduled);
/* Minutes after local midnight, 120..359; -1 when not scheduled. */
int             cohort_group_get_schedule_minute      (CohortGroup     *self);
void            cohort_group_set_schedule_minute      (CohortGroup     *self,
                                                       int              minute);
/* Unix seconds, 0 for never. */
gint64          cohort_group_get_last_recalculated_at (CohortGroup     *self);
void            cohort_group_set_last_recalculated_at (CohortGroup     *self,
                                                       gint64           unix_time);
/* The scheduled slot (Unix seconds) that last ran, 0 for none. */
gint64          cohort_group_get_schedule_last_run    (CohortGroup     *self);
void            cohort_group_set_schedule_last_run    (CohortGroup     *self,
                                                       gint64           unix_time);
gint64          cohort_group_get_member_count         (CohortGroup     *self);
void            cohort_group_set_member_count         (CohortGroup     *self,
                                                       gint64           count);
gint64          cohort_group_get_created_at           (CohortGroup     *self);
void            cohort_group_set_created_at           (CohortGroup     *self,
                                                       gint64           unix_time);
/* When the group was archived (Unix seconds), 0 when it is not. */
gint64          cohort_group_get_archived_at          (CohortGroup     *self);
void            cohort_group_set_archived_at          (CohortGroup     *self,
                                                       gint64           unix_time);

const char     *cohort_group_kind_to_string           (CohortGroupKind  kind);
/* [a-z0-9_-]+ */
gboolean        cohort_group_code_is_valid            (const char      *code);
/* "Newsletter – Germany" → "newsletter-germany" */
char           *cohort_group_code_from_name           (const char      *name);

G_END_DECLS
