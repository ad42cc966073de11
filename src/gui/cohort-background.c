/* cohort-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cohort-background.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT   "/org/freedesktop/portal/desktop"

typedef struct
{
  GDBusConnection *bus;
  guint            response_id;
  gboolean         autostart;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  if (request->response_id != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
  g_clear_object (&request->bus);
  g_free (request);
}

char *
cohort_background_autostart_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/* The Exec key's own quoting (Desktop Entry Specification, "The Exec key"):
 * double quotes, with ", `, $ and \ escaped by a backslash. */
static char *
quote_exec_argument (const char *arg)
{
  GString *quoted;

  if (strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") == NULL)
    return g_strdup (arg);

  quoted = g_string_new ("\"");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/* Outside a sandbox Cohort may write the same entry the portal would: the program that runs now, started windowless. */
static gboolean
write_autostart_entry (gboolean   autostart,
                       GError   **error)
{
  g_autofree char *path = cohort_background_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exec = NULL;
  g_autofree char *contents = NULL;

  if (!autostart)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  exec = quote_exec_argument (program != NULL ? program : "cohort");
  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Exec=%s --background\n"
                              "Icon=%s\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Cohort"),
                              _("Runs the scheduled recalculations of your contact groups"),
                              exec, APP_ID);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static void
response_cb (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  guint32 response;
  gboolean background = FALSE;

  g_dbus_connection_signal_unsubscribe (bus, request->response_id);
  request->response_id = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  if (response == 0 && (background || !request->autostart))
    g_task_return_boolean (task, TRUE);
  else if (response == 1)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed."));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The system did not allow Cohort to run in the background."));
}

static void
request_background_done_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  /* The answer comes as the request's Response signal, which holds a
   * reference of its own. */
  if (reply != NULL)
    return;

  if (request->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
      request->response_id = 0;
      /* The signal's reference. */
      g_object_unref (task);
    }
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The desktop did not answer the request to run in the background (%s)."),
                           error->message);
}

static char *
window_identifier (GtkWindow *parent)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;

  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    return g_strdup_printf ("x11:%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
#endif
  return g_strdup ("");
}

void
cohort_background_request_async (GtkWindow           *parent,
                                  gboolean             autostart,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *identifier = NULL;
  GVariantBuilder options;
  const char *commandline[] = { "cohort", "--background", NULL };
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cohort_background_request_async);
  request = g_new0 (Request, 1);
  request->autostart = autostart;
  g_task_set_task_data (task, request, request_free);

  /* Outside a sandbox the portal's autostart of a host program is not
   * reliable across versions; the entry it would write is written here. */
  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      if (write_autostart_entry (autostart, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &error);
  if (request->bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The request object's path is known in advance, so the Response signal
   * is subscribed to before the call and cannot be missed. */
  token = g_strdup_printf ("cohort%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf (PORTAL_OBJECT "/request/%s/%s", sender, token);
  request->response_id =
    g_dbus_connection_signal_subscribe (request->bus, PORTAL_BUS_NAME,
                                        "org.freedesktop.portal.Request", "Response",
                                        handle, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                        response_cb, g_object_ref (task), NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Scheduled groups are recalculated at night")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));

  identifier = window_identifier (parent);
  g_dbus_connection_call (request->bus, PORTAL_BUS_NAME, PORTAL_OBJECT,
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", identifier, &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          cancellable, request_background_done_cb, g_steal_pointer (&task));
}

gboolean
cohort_background_request_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
