/* cohort-background.h — permission to run in the background and at login
 *
 * Scheduled recalculations (SPEC §3) happen only while Cohort runs. Asking
 * to keep running after the window closes, and to start at login, makes the
 * nightly slot real. Inside Flatpak, and wherever
 * xdg-desktop-portal runs, the Background portal asks the user and installs
 * the autostart entry (org.freedesktop.portal.Background.RequestBackground);
 * where no portal answers, an XDG autostart entry is written in
 * $XDG_CONFIG_HOME/autostart. Started from it, Cohort runs windowless with
 * `--background`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks for background running with start at login (@autostart TRUE), or
 * withdraws the start at login (@autostart FALSE). Finishes TRUE when the
 * permission was granted (or withdrawn), FALSE with an error the user can
 * read when it was refused or could not be recorded. */
void     cohort_background_request_async  (GtkWindow           *parent,
                                           gboolean             autostart,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cohort_background_request_finish (GAsyncResult        *result,
                                           GError             **error);

/* $XDG_CONFIG_HOME/autostart/APP_ID.desktop, the entry written where no
 * portal runs. */
char    *cohort_background_autostart_path (void);

G_END_DECLS
