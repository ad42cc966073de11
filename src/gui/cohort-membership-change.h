/* cohort-membership-change.h — adding and removing static members, with Undo
 *
 * The one way the app's widgets change a static group's members: on a
 * worker, then a toast over the window that says what really happened
 * (members through an account stay), with an Undo that runs the inverse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-group.h"
#include "cohort-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     group_id;
  char      *group_name;
  GArray    *ids;         /* contacts added or removed */
  gint64     account_id;  /* or the account added or removed */
  char      *account_name;
  gboolean   all;         /* remove every member; ids are filled in */
  gboolean   add;
  gboolean   offer_undo;
  gint64     n_done;      /* contacts that really joined or left */
  guint      n_staying;   /* members through an account, who stayed */
} CohortMembershipChange;

CohortMembershipChange *cohort_membership_change_new  (CohortGroup            *group,
                                                       gboolean                add);
void                    cohort_membership_change_free (CohortMembershipChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortMembershipChange, cohort_membership_change_free)

/* Takes @change and runs it on a worker; then refreshes @widget's window and
 * shows what happened there, or the error. */
void                    cohort_membership_change_run  (CohortMembershipChange *change,
                                                       GtkWidget              *widget,
                                                       CohortStore            *store);

G_END_DECLS
