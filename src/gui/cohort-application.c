/* cohort-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "cohort-application.h"
#include "cohort-background.h"
#include "cohort-preferences-window.h"
#include "cohort-window.h"

struct _CohortApplication
{
  AdwApplication   parent_instance;

  char            *db_path;
  CohortStore     *store;
  CohortScheduler *scheduler;
  GSettings       *settings;
  gboolean         held;
  gboolean         start_hidden;  /* --background: no window at start */

  /* While the database opens on a worker thread. */
  gboolean         opening;
  GFile           *pending_file;  /* to offer for import once open */
  GtkWindow       *opening_window;
  guint            opening_notice_id;
};

/* Opening takes a moment at most, except once after an update with many
 * contacts (the backup copy): only then does a window say so. */
#define OPENING_NOTICE_MS 400

/* With debug messages on (G_MESSAGES_DEBUG=Cohort, as tests/ui/bench_open.py
 * runs the app), a timeout of STALL_TICK_MS that runs more than STALL_MS
 * late is logged: the main thread was busy that long, wherever the time
 * went. The thread's CPU time in that while tells work from waiting for a
 * core on a loaded machine. */
#define STALL_TICK_MS 10
#define STALL_MS 50

G_DEFINE_FINAL_TYPE (CohortApplication, cohort_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.new-group", { "<Control>n", NULL } },
  { "win.add-contact", { "<Control><Shift>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.recalculate", { "F5", NULL } },
  { "win.show-contacts", { "<Alt>Home", NULL } },
  { "win.go-back", { "<Alt>Left", NULL } },
};

/* COHORT_COLOR_SCHEME=dark|light lets tests and screenshots choose the
 * style without touching the desktop's setting. */
static void
apply_color_scheme_override (void)
{
  const char *scheme = g_getenv ("COHORT_COLOR_SCHEME");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* Kept running in the background, the app still runs scheduled
 * recalculations after its window is closed. */
static void
update_hold (CohortApplication *self)
{
  gboolean hold = g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->held)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
background_request_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CohortApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *dialog;

  if (cohort_background_request_finish (result, &error))
    return;

  g_debug ("Background request failed: %s", error->message);
  /* Refused: the switch goes back off, and the user is told why. */
  g_settings_set_boolean (self->settings, "run-in-background", FALSE);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = adw_message_dialog_new (window, _("Cannot Run in the Background"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The setting and the start at login go together: whoever turns it on (the
 * offer below or Preferences) asks for both, turning it off withdraws the
 * start at login. */
static void
run_in_background_changed_cb (CohortApplication *self)
{
  gboolean background = g_settings_get_boolean (self->settings, "run-in-background");

  update_hold (self);
  cohort_background_request_async (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   background, NULL, background_request_done_cb,
                                   g_object_ref (self));
}

static void
offer_background_response_cb (AdwMessageDialog  *dialog,
                              const char        *response,
                              CohortApplication *self)
{
  if (g_strcmp0 (response, "allow") == 0)
    g_settings_set_boolean (self->settings, "run-in-background", TRUE);
}

void
cohort_application_offer_background (CohortApplication *self,
                                     GtkWindow         *parent)
{
  GtkWidget *dialog;

  g_return_if_fail (COHORT_IS_APPLICATION (self));

  if (g_settings_get_boolean (self->settings, "run-in-background") ||
      g_settings_get_boolean (self->settings, "background-offered"))
    return;

  g_settings_set_boolean (self->settings, "background-offered", TRUE);
  dialog = adw_message_dialog_new (parent, _("Run Scheduled Recalculations at Night?"),
                                   _("Scheduled groups are recalculated between 2:00 and 6:00, "
                                     "but only while Cohort is running. Allow Cohort to keep "
                                     "running in the background and to start when you log in?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "not-now", _("_Not Now"),
                                    "allow", _("_Allow"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "allow",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "allow");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "not-now");
  g_signal_connect_object (dialog, "response", G_CALLBACK (offer_background_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CohortApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows first lets them commit what is waiting for Undo. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  /* A window that asks first (an unsaved condition) stays open and closes,
   * and so ends the app, once the user has answered. */
  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    return;
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CohortApplication *self = user_data;
  CohortPreferencesWindow *preferences = cohort_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CohortApplication *self = user_data;
  const char *developers[] = { "The Cohort developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Cohort"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Cohort developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/cohortapp/cohort",
                        "issue-url", "https://github.com/cohortapp/cohort/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Organize your contacts into static and dynamic groups "
                                      "for every campaign, on your own computer.\n\n"
                                      "Scheduled recalculations run while Cohort is open, or in the "
                                      "background when Preferences allow it. On a computer where Cohort "
                                      "is not left running, a systemd user timer can run "
                                      "“cohort-cli groups recalc --due” instead: the README shows how."),
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

typedef struct
{
  gint64 wall;  /* µs */
  gint64 cpu;   /* µs of this thread */
} StallTick;

static gint64
thread_cpu_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
stall_tick_cb (gpointer data)
{
  StallTick *last = data;
  gint64 wall = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  double late_ms = (wall - last->wall) / 1000.0 - STALL_TICK_MS;

  if (late_ms > STALL_MS)
    g_debug ("The main thread was busy for %.0f ms (%.0f ms of CPU)", late_ms, (cpu - last->cpu) / 1000.0);
  last->wall = wall;
  last->cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
watch_stalls (void)
{
  StallTick *last;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  last = g_new (StallTick, 1);
  last->wall = g_get_monotonic_time ();
  last->cpu = thread_cpu_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, STALL_TICK_MS, stall_tick_cb, last, g_free);
}

static void
cohort_application_startup (GApplication *application)
{
  CohortApplication *self = COHORT_APPLICATION (application);

  G_APPLICATION_CLASS (cohort_application_parent_class)->startup (application);

  g_set_application_name (_("Cohort"));
  gtk_window_set_default_icon_name (APP_ID);
  apply_color_scheme_override ();
  watch_stalls ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new ("io.github.cohortapp.Cohort");
  g_signal_connect_swapped (self->settings, "changed::run-in-background",
                            G_CALLBACK (run_in_background_changed_cb), self);
  update_hold (self);
}

static CohortWindow *
ensure_window (CohortApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (COHORT_IS_WINDOW (l->data))
      return COHORT_WINDOW (l->data);

  return cohort_window_new (self, self->store);
}

static void
present_window (CohortApplication *self)
{
  CohortWindow *window = ensure_window (self);
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  gtk_window_present (GTK_WINDOW (window));
  if (file != NULL)
    cohort_window_import_file (window, file);
}

/* A database that cannot be opened (too new, corrupt, unreadable) is
 * explained, and the app quits when the dialog is answered. */
static void
show_open_error (CohortApplication *self,
                 const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Cannot Open the Contact Database"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
  /* The dialog keeps the app running until it is answered. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
opening_notice_cb (gpointer user_data)
{
  CohortApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;

  self->opening_notice_id = 0;
  g_debug ("The database is slow to open: showing a notice");
  builder = gtk_builder_new_from_resource ("/io/github/cohortapp/Cohort/ui/cohort-opening-window.ui");
  self->opening_window = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "window")));
  gtk_window_set_application (self->opening_window, GTK_APPLICATION (self));
  gtk_window_present (self->opening_window);
  return G_SOURCE_REMOVE;
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  CohortStore *store = cohort_store_open (task_data, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
open_store_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CohortApplication *self = COHORT_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  self->opening = FALSE;
  g_clear_handle_id (&self->opening_notice_id, g_source_remove);
  self->store = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->store != NULL)
    {
      self->scheduler = cohort_scheduler_new (self->store, NULL);
      cohort_scheduler_start (self->scheduler);
      if (self->start_hidden)
        self->start_hidden = FALSE;
      else
        {
          present_window (self);
          /* Groups scheduled elsewhere (cohort-cli, an earlier version). */
          if (cohort_scheduler_get_next_run (self->scheduler) > 0)
            cohort_application_offer_background (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
        }
    }
  else
    {
      g_clear_object (&self->pending_file);
      show_open_error (self, error);
    }

  /* After the next window is up, so the app never runs windowless. */
  if (self->opening_window != NULL)
    {
      gtk_window_destroy (self->opening_window);
      g_clear_object (&self->opening_window);
    }
  g_application_release (G_APPLICATION (self));
}

/* The database is opened on a worker thread the first time a window is
 * asked for: a migration first copies the file, which takes seconds for a
 * million contacts, and the app must not freeze meanwhile. The store is
 * handed to the main thread, which uses it from then on. */
static void
open_store_then_present (CohortApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store != NULL)
    {
      present_window (self);
      return;
    }
  if (self->opening)
    return;

  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  self->opening_notice_id = g_timeout_add (OPENING_NOTICE_MS, opening_notice_cb, self);
  task = g_task_new (self, NULL, open_store_done_cb, NULL);
  g_task_set_source_tag (task, open_store_then_present);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
cohort_application_activate (GApplication *application)
{
  open_store_then_present (COHORT_APPLICATION (application));
}

static void
cohort_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  CohortApplication *self = COHORT_APPLICATION (application);

  if (n_files > 0)
    g_set_object (&self->pending_file, files[0]);
  open_store_then_present (self);
}

static int
cohort_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  CohortApplication *self = COHORT_APPLICATION (application);
  g_autofree char *db_path = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db_path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_path);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
    }
  self->start_hidden = g_variant_dict_contains (options, "background");

  return -1;
}

static void
cohort_application_shutdown (GApplication *application)
{
  CohortApplication *self = COHORT_APPLICATION (application);

  if (self->scheduler != NULL)
    cohort_scheduler_stop (self->scheduler);

  G_APPLICATION_CLASS (cohort_application_parent_class)->shutdown (application);
}

static void
cohort_application_finalize (GObject *object)
{
  CohortApplication *self = COHORT_APPLICATION (object);

  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->pending_file);
  g_free (self->db_path);

  G_OBJECT_CLASS (cohort_application_parent_class)->finalize (object);
}

static void
cohort_application_class_init (CohortApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cohort_application_finalize;
  app_class->startup = cohort_application_startup;
  app_class->activate = cohort_application_activate;
  app_class->open = cohort_application_open;
  app_class->handle_local_options = cohort_application_handle_local_options;
  app_class->shutdown = cohort_application_shutdown;
}

static void
cohort_application_init (CohortApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the contact database at PATH instead of your own"), N_("PATH") },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window, to run scheduled recalculations"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.csv]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens Cohort; a CSV file given is offered for import."));
}

CohortApplication *
cohort_application_new (void)
{
  return g_object_new (COHORT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/cohortapp/Cohort",
                       NULL);
}

CohortStore *
cohort_application_get_store (CohortApplication *self)
{
  g_return_val_if_fail (COHORT_IS_APPLICATION (self), NULL);
  return self->store;
}

CohortScheduler *
cohort_application_get_scheduler (CohortApplication *self)
{
  g_return_val_if_fail (COHORT_IS_APPLICATION (self), NULL);
  return self->scheduler;
}
