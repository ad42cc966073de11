/* cohort-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-contact-editor.h"
#include "cohort-demo.h"
#include "cohort-import-dialog.h"
#include "cohort-utils.h"
#include "cohort-window-private.h"

/* "Load sample data" makes a database big enough to show what groups do,
 * and quick to make. */
#define DEMO_CONTACTS 5000
#define DEMO_SEED 1


enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CohortWindow, cohort_window, ADW_TYPE_APPLICATION_WINDOW)

static CohortGroup *
find_group (CohortWindow *self,
            gint64        group_id)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    if (cohort_group_get_id (g_ptr_array_index (self->groups, i)) == group_id)
      return g_ptr_array_index (self->groups, i);

  return NULL;
}

CohortGroup *
cohort_window_get_selected_group (CohortWindow *self)
{
  return find_group (self, cohort_sidebar_get_selected (self->sidebar));
}

static void
update_actions (CohortWindow *self)
{
  CohortGroup *group = cohort_window_get_selected_group (self);
  g_autoptr(GPtrArray) merge_targets = cohort_window_list_merge_targets (self, group);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-group", group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-group", group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-group", group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-group", group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-group", group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-group",
                                 merge_targets->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.freeze-group",
                                 group != NULL && cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recalculate",
                                 group != NULL && cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", self->demo_job == NULL);
}

static const char *
visible_page (CohortWindow *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

static void
show_page (CohortWindow *self,
           const char   *name)
{
  if (g_strcmp0 (name, "contacts") == 0 && self->contacts_dirty)
    {
      self->contacts_dirty = FALSE;
      cohort_contacts_page_reload (self->contacts_page);
    }
  gtk_stack_set_visible_child_name (self->content_stack, name);
}

static void
show_contact_count (CohortWindow *self)
{
  gboolean empty = self->n_contacts == 0 && self->groups != NULL && self->groups->len == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty || self->demo_job != NULL ? "welcome" : "main");
  cohort_sidebar_set_contact_count (self->sidebar, self->n_contacts);
  cohort_contacts_page_set_count (self->contacts_page, self->n_contacts);
}

static gboolean
count_job (CohortJob     *job,
           CohortStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 *n_contacts = data;

  *n_contacts = cohort_store_count_contacts (store, error);
  return *n_contacts >= 0;
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CohortWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      g_debug ("Could not count the contacts: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  self->n_contacts = *(gint64 *) cohort_job_get_data (COHORT_JOB (object));
  show_contact_count (self);
}

/* Counting a million contacts takes longer than a frame. */
static void
count_contacts (CohortWindow *self)
{
  g_autoptr(CohortJob) job = cohort_job_new (count_job, g_new0 (gint64, 1), g_free);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();
  cohort_job_run_async (job, self->store, self->count_cancellable, count_done_cb, g_object_ref (self));
}

/* Reads groups and counts again and refreshes what is in view; pages out
 * of view refresh when they are shown. */
void
cohort_window_reload (CohortWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  CohortApplication *app;

  /* Archived groups are out of the sidebar; they are still maintained. */
  groups = cohort_store_list_groups_full (self->store, FALSE, &error);
  if (groups == NULL)
    {
      g_warning ("Could not read the groups: %s", error->message);
      return;
    }
  for (guint i = groups->len; i > 0; i--)
    if (g_hash_table_contains (self->pending_delete,
                               &(gint64) { cohort_group_get_id (g_ptr_array_index (groups, i - 1)) }))
      g_ptr_array_remove_index (groups, i - 1);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_steal_pointer (&groups);

  count_contacts (self);
  cohort_sidebar_set_groups (self->sidebar, self->store, self->groups);

  self->contacts_dirty = TRUE;
  if (g_strcmp0 (visible_page (self), "contacts") == 0)
    show_page (self, "contacts");
  else if (g_strcmp0 (visible_page (self), "group") == 0 && cohort_window_get_selected_group (self) != NULL)
    cohort_group_page_set_group (self->group_page, self->store, cohort_window_get_selected_group (self));
  else if (g_strcmp0 (visible_page (self), "contact") == 0
           && !cohort_contact_page_set_contact (self->contact_page, self->store,
                                                cohort_contact_page_get_contact_id (self->contact_page)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);

  app = COHORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app != NULL && cohort_application_get_scheduler (app) != NULL)
    cohort_scheduler_reschedule (cohort_application_get_scheduler (app));

  update_actions (self);
}

static void
store_changed_cb (CohortWindow *self)
{
  cohort_window_reload (self);
}

/* ---- navigation ---------------------------------------------------------- */

static void
group_selected_cb (CohortWindow *self,
                   gint64        group_id)
{
  CohortGroup *group = find_group (self, group_id);
  CohortGroup *shown = cohort_group_page_get_group (self->group_page);

  if (shown != NULL && cohort_group_get_id (shown) != group_id &&
      cohort_window_confirm_unsaved (self, group_id, FALSE))
    return;

  if (group != NULL)
    {
      cohort_group_page_set_group (self->group_page, self->store, group);
      show_page (self, "group");
    }
  else
    show_page (self, "contacts");
  update_actions (self);
}

static void
group_changed_cb (CohortWindow *self)
{
  cohort_window_reload (self);
}

static void
group_activated_cb (CohortWindow *self,
                    gint64        group_id)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
contact_activated_cb (CohortWindow *self,
                      gint64        contact_id)
{
  if (!cohort_contact_page_set_contact (self->contact_page, self->store, contact_id))
    return;

  if (g_strcmp0 (visible_page (self), "contact") != 0)
    {
      g_free (self->page_before_contact);
      self->page_before_contact = g_strdup (visible_page (self));
    }
  show_page (self, "contact");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
contact_deleted_cb (CohortWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  if (g_strcmp0 (visible_page (self), "contact") == 0)
    {
      show_page (self, self->page_before_contact != NULL ? self->page_before_contact : "contacts");
      return;
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

static void
show_contacts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  cohort_sidebar_select (self->sidebar, 0);
  show_page (self, "contacts");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

void
cohort_window_show_group (CohortWindow *self,
                          gint64        group_id)
{
  g_return_if_fail (COHORT_IS_WINDOW (self));

  cohort_sidebar_select (self->sidebar, group_id);
  /* Selecting the group that is already selected does not switch pages. */
  group_selected_cb (self, cohort_sidebar_get_selected (self->sidebar));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
show_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cohort_window_show_group (COHORT_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
  cohort_sidebar_start_search (self->sidebar);
}

/* ---- contacts, import and sample data ------------------------------------ */

static void
contact_saved_cb (CohortContactEditor *editor,
                  gint64               contact_id,
                  CohortWindow         *self)
{
  cohort_window_check_store (self);
  contact_activated_cb (self, contact_id);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);
  CohortContactEditor *editor = cohort_contact_editor_new (self->store, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (contact_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

void
cohort_window_import_file (CohortWindow *self,
                           GFile        *file)
{
  CohortImportDialog *dialog;

  g_return_if_fail (COHORT_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  dialog = cohort_import_dialog_new (self->store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
  if (file == NULL)
    cohort_import_dialog_choose (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cohort_window_import_file (COHORT_WINDOW (widget), NULL);
}

static gboolean
demo_job (CohortJob     *job,
          CohortStore   *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return cohort_demo_generate (store, DEMO_CONTACTS, DEMO_SEED, cohort_job_progress, job, error);
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CohortWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->demo_job);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Create the Sample Data"), error);

  cohort_window_check_store (self);
  cohort_window_reload (self);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortWindow *self = COHORT_WINDOW (widget);

  if (self->demo_job != NULL)
    return;

  self->demo_job = cohort_job_new (demo_job, NULL, NULL);
  g_object_bind_property (self->demo_job, "fraction", self->demo_progress, "fraction", G_BINDING_DEFAULT);
  gtk_progress_bar_set_fraction (self->demo_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);
  update_actions (self);
  cohort_job_run_async (self->demo_job, self->store, NULL, demo_done_cb, g_object_ref (self));
}

/* ---- the scheduler ------------------------------------------------------- */

static void
scheduled_recalculation_finished_cb (CohortScheduler *scheduler,
                                     gint64           group_id,
                                     gint64           added,
                                     gint64           removed,
                                     const GError    *error,
                                     CohortWindow     *self)
{
  g_autoptr(CohortGroup) group = cohort_store_get_group (self->store, group_id, NULL);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  cohort_window_check_store (self);
  if (group == NULL)
    return;

  name = cohort_quote (cohort_group_get_name (group));
  if (error != NULL)
    /* Translators: %s is a group name, then the reason */
    title = g_strdup_printf (_("Scheduled recalculation of %s failed: %s"), name, error->message);
  else
    {
      g_autofree char *joined = cohort_format_count (added);
      g_autofree char *left = cohort_format_count (removed);

      /* Translators: "Recalculated “VIP” as scheduled: 12 joined, 3 left" */
      title = g_strdup_printf (_("Recalculated %s as scheduled: %s joined, %s left"), name, joined, left);
    }
  cohort_window_add_toast (self, adw_toast_new (title));
}

/* ---- GObject ------------------------------------------------------------- */

static gboolean
cohort_window_close_request (GtkWindow *window)
{
  CohortWindow *self = COHORT_WINDOW (window);
  int width, height;

  if (!self->close_confirmed && cohort_window_confirm_unsaved (self, 0, TRUE))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  cohort_window_commit_pending_deletions (self);

  return GTK_WINDOW_CLASS (cohort_window_parent_class)->close_request (window);
}

static void
cohort_window_constructed (GObject *object)
{
  CohortWindow *self = COHORT_WINDOW (object);
  CohortApplication *app;

  G_OBJECT_CLASS (cohort_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->monitor = cohort_store_monitor_new (self->store);
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  app = COHORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app != NULL && cohort_application_get_scheduler (app) != NULL)
    g_signal_connect_object (cohort_application_get_scheduler (app), "recalculation-finished",
                             G_CALLBACK (scheduled_recalculation_finished_cb), self, 0);

  cohort_window_reload (self);
  cohort_contacts_page_set_store (self->contacts_page, self->store);
  group_selected_cb (self, 0);
}

static void
cohort_window_dispose (GObject *object)
{
  CohortWindow *self = COHORT_WINDOW (object);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_WINDOW);
  g_clear_object (&self->monitor);
  g_clear_object (&self->demo_job);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->pending_delete, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->page_before_contact, g_free);

  G_OBJECT_CLASS (cohort_window_parent_class)->dispose (object);
}

static void
cohort_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CohortWindow *self = COHORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CohortWindow *self = COHORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_window_class_init (CohortWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cohort_window_constructed;
  object_class->dispose = cohort_window_dispose;
  object_class->get_property = cohort_window_get_property;
  object_class->set_property = cohort_window_set_property;
  window_class->close_request = cohort_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COHORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COHORT_TYPE_SIDEBAR);
  g_type_ensure (COHORT_TYPE_CONTACTS_PAGE);
  g_type_ensure (COHORT_TYPE_GROUP_PAGE);
  g_type_ensure (COHORT_TYPE_CONTACT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, group_page);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, contact_page);
  gtk_widget_class_bind_template_child (widget_class, CohortWindow, demo_progress);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_deleted_cb);

  cohort_window_install_group_actions (widget_class);
  cohort_window_install_manage_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-group", "x", show_group_action);
  gtk_widget_class_install_action (widget_class, "win.show-contacts", NULL, show_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
}

static void
cohort_window_init (CohortWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.cohortapp.Cohort");
  self->pending_delete = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

CohortWindow *
cohort_window_new (CohortApplication *application,
                   CohortStore       *store)
{
  g_return_val_if_fail (application == NULL || COHORT_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);

  return g_object_new (COHORT_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

void
cohort_window_add_toast (CohortWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (COHORT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cohort_window_check_store (CohortWindow *self)
{
  g_return_if_fail (COHORT_IS_WINDOW (self));

  cohort_store_monitor_check (self->monitor);
}
