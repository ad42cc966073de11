/* cohort-group-editor.h — create a group, or edit its name, description,
 * colour and schedule
 *
 * A new dynamic group takes its condition as pasted JSON for now; the
 * condition editor replaces that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_GROUP_EDITOR (cohort_group_editor_get_type ())
G_DECLARE_FINAL_TYPE (CohortGroupEditor, cohort_group_editor, COHORT, GROUP_EDITOR, AdwWindow)

/* @group NULL creates a new group. */
CohortGroupEditor *cohort_group_editor_new (CohortStore *store,
                                            CohortGroup *group);

/* signal: "saved" (gint64 group_id) — before the editor closes */

G_END_DECLS
