/* cohort-utils.h — wording and small widget helpers the views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-delta.h"
#include "cohort-store.h"

G_BEGIN_DECLS

const char *cohort_status_get_label      (CohortStatus     status);
const char *cohort_group_kind_get_label  (CohortGroupKind  kind);

/* "1,234" with the grouping of the user's locale (LC_NUMERIC). Every count
 * the app shows goes through it. */
char       *cohort_format_count          (gint64           n);
/* "1,234 contacts" in the user's locale. */
char       *cohort_format_contacts       (gint64           n);
/* "23 Nov 2026, 14:05" in local time; @never_text for 0. */
char       *cohort_format_datetime       (gint64           unix_time,
                                          const char      *never_text);
/* "Joined VIP and Germany. Left Newsletter." NULL when nothing changed. */
char       *cohort_format_membership_changes (CohortStore             *store,
                                              CohortMembershipChanges *changes);
/* "1 Dec 2026" (or "1 Dec" without @with_year) for "2026-12-01". */
char       *cohort_format_day            (const char      *iso_day,
                                          gboolean         with_year);
/* Why a contact joined or left a group, in words: "By hand", "Import"… */
const char *cohort_reason_get_label      (CohortReason     reason);
/* "“Newsletter”" with the user's quotation marks. */
char       *cohort_quote                 (const char      *text);

/* A .badge label: "Static"/"Dynamic" or the contact status. */
void        cohort_badge_set_kind        (GtkLabel        *badge,
                                          CohortGroupKind  kind);
void        cohort_badge_set_status      (GtkLabel        *badge,
                                          CohortStatus     status);

/* A toast whose Undo button calls @undo_cb (@data) — swapped, so the
 * callback takes @data only. */
AdwToast   *cohort_toast_new_with_undo   (const char      *title,
                                          GCallback        undo_cb,
                                          gpointer         data,
                                          GDestroyNotify   data_free);

/* A toast over @widget's window saying that @title is under way, with a
 * Cancel button that cancels @cancellable — shown only once the work has
 * taken a second: a toast that came and went within a moment would be
 * noise (and libadwaita 1.2 does not cope with a toast dismissed while it
 * is still being shown). cohort_progress_toast_done() takes it away. */
typedef struct _CohortProgressToast CohortProgressToast;

CohortProgressToast *cohort_progress_toast_new  (GtkWidget           *widget,
                                                 const char          *title,
                                                 GCancellable        *cancellable);
/* Dismisses the toast if shown, and frees @self. */
void                 cohort_progress_toast_done (CohortProgressToast *self);

/* Shows @toast in the CohortWindow @widget is in. */
void        cohort_widget_add_toast      (GtkWidget       *widget,
                                          AdwToast        *toast);
/* Refreshes the window @widget is in now, after a job of ours wrote to the
 * database, instead of when the file monitor hears of it. */
void        cohort_widget_check_store    (GtkWidget       *widget);
/* Tells about a failed action in a dialog over the window of @widget. */
void        cohort_widget_show_error     (GtkWidget       *widget,
                                          const char      *heading,
                                          const GError    *error);

G_END_DECLS
