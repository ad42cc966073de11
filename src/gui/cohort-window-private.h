/* cohort-window-private.h — what the window's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-contact-page.h"
#include "cohort-contacts-page.h"
#include "cohort-group-page.h"
#include "cohort-job.h"
#include "cohort-sidebar.h"
#include "cohort-store-monitor.h"
#include "cohort-window.h"

G_BEGIN_DECLS

struct _CohortWindow
{
  AdwApplicationWindow  parent_instance;

  CohortStore          *store;
  CohortStoreMonitor   *monitor;
  GSettings            *settings;
  GPtrArray            *groups;          /* shown, without pending deletions */
  GHashTable           *pending_delete;  /* group id → CohortGroup, waiting for Undo */
  gint64                n_contacts;
  GCancellable         *count_cancellable;
  char                 *page_before_contact;
  gboolean              contacts_dirty;
  /* The user chose to save or drop the unsaved condition: closing goes on. */
  gboolean              close_confirmed;
  CohortJob            *demo_job;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  CohortSidebar        *sidebar;
  GtkStack             *content_stack;
  CohortContactsPage   *contacts_page;
  CohortGroupPage      *group_page;
  CohortContactPage    *contact_page;
  GtkProgressBar       *demo_progress;
};

/* Reads groups and counts again and refreshes what is in view. */
void         cohort_window_reload                   (CohortWindow   *self);
CohortGroup *cohort_window_get_selected_group       (CohortWindow   *self);

/* cohort-window-groups.c: new, edit, recalculate and delete (with Undo). */
void         cohort_window_install_group_actions    (GtkWidgetClass *widget_class);
/* Duplicate, freeze, merge, archive and restore (cohort-window-manage.c). */
void         cohort_window_install_manage_actions   (GtkWidgetClass *widget_class);
/* The other static groups in the sidebar that static @group can be merged
 * into; empty for a dynamic group or NULL. */
GPtrArray   *cohort_window_list_merge_targets       (CohortWindow   *self,
                                                     CohortGroup    *group);
/* Asks to save or drop the unsaved condition of the group shown before
 * the window shows group @next_id (0: all contacts) or, with @closing,
 * closes. Returns FALSE when there is nothing to ask. */
gboolean     cohort_window_confirm_unsaved          (CohortWindow   *self,
                                                     gint64          next_id,
                                                     gboolean        closing);
/* Deletions still waiting for Undo happen when the window closes. */
void         cohort_window_commit_pending_deletions (CohortWindow   *self);

G_END_DECLS
