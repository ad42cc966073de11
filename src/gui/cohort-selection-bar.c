/* cohort-selection-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-error.h"
#include "cohort-export-flow.h"
#include "cohort-job.h"
#include "cohort-selection-bar.h"
#include "cohort-utils.h"

/* Above this many, deleting asks for the count to be typed. */
#define TYPE_COUNT_ABOVE 1000

struct _CohortSelectionBar
{
  AdwBin           parent_instance;

  CohortStore     *store;
  CohortSelection *selection;
  gint64           n_selected;

  GtkLabel        *count_label;
  GtkMenuButton   *group_button;
  GtkMenuButton   *group_button_narrow;
};

G_DEFINE_FINAL_TYPE (CohortSelectionBar, cohort_selection_bar, ADW_TYPE_BIN)

typedef enum
{
  BULK_TAG,
  BULK_UNTAG,
  BULK_STATUS,
  BULK_ADD_TO_GROUP,
  BULK_REMOVE_FROM_GROUP,
  BULK_RESTORE_STATUS,
  BULK_DELETE,
} BulkKind;

/* One action, for the worker and then its toast; and its Undo, which is
 * another Bulk on the contacts the first one changed (its undo set). */
typedef struct
{
  BulkKind             kind;
  CohortSelection     *selection;
  char                *tag;
  CohortStatus         status;
  gint64               group_id;
  char                *group_name;
  gboolean             is_undo;
  gint64               n_selected;
  gint64               n_changed;
  gint64               undo_set;     /* kept by the action, for its Undo */
  CohortStore         *store;        /* the bar's, for Undo */
  GtkWidget           *widget;       /* weak: the bar */
  GCancellable        *cancellable;
  CohortProgressToast *progress;
  gboolean             undone;
} Bulk;

static void
bulk_free (gpointer data)
{
  Bulk *bulk = data;

  cohort_selection_free (bulk->selection);
  g_free (bulk->tag);
  g_free (bulk->group_name);
  g_clear_object (&bulk->store);
  g_clear_weak_pointer (&bulk->widget);
  g_clear_object (&bulk->cancellable);
  cohort_progress_toast_done (bulk->progress);
  g_free (bulk);
}

static gboolean
bulk_action (Bulk          *bulk,
             CohortStore   *store,
             GError       **error)
{
  const char *tags[] = { bulk->tag, NULL };
  /* An Undo keeps no undo set of its own. */
  gint64 *undo_set = bulk->is_undo ? NULL : &bulk->undo_set;

  switch (bulk->kind)
    {
    case BULK_TAG:
      return cohort_store_tag_selection (store, bulk->selection, tags, NULL, &bulk->n_changed, undo_set, error);
    case BULK_UNTAG:
      return cohort_store_tag_selection (store, bulk->selection, NULL, tags, &bulk->n_changed, undo_set, error);
    case BULK_STATUS:
      return cohort_store_set_selection_status (store, bulk->selection, bulk->status, &bulk->n_changed,
                                                undo_set, error);
    case BULK_ADD_TO_GROUP:
      return cohort_store_add_selection_to_group (store, bulk->selection, bulk->group_id,
                                                  &bulk->n_changed, undo_set, error);
    case BULK_REMOVE_FROM_GROUP:
      return cohort_store_remove_selection_from_group (store, bulk->selection, bulk->group_id,
                                                       &bulk->n_changed, undo_set, error);
    case BULK_RESTORE_STATUS:
      return cohort_store_restore_status (store, bulk->undo_set, &bulk->n_changed, error);
    case BULK_DELETE:
    default:
      return cohort_store_delete_selection (store, bulk->selection, &bulk->n_changed, error);
    }
}

static gboolean
bulk_job (CohortJob     *job,
          CohortStore   *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Bulk *bulk = data;
  gboolean ok;

  cohort_store_watch_cancellable (store, cancellable);
  ok = bulk_action (bulk, store, error);
  cohort_store_watch_cancellable (store, NULL);
  /* Undone: the set is of no more use. */
  if (ok && bulk->is_undo)
    cohort_store_forget_undo_set (store, bulk->undo_set);
  return ok;
}

/* Drops the set of an Undo no longer offered, on a worker: it may hold
 * half a million rows. */
static gboolean
forget_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  cohort_store_forget_undo_set (store, *(gint64 *) data);
  return TRUE;
}

static char *
describe_bulk (Bulk *bulk)
{
  g_autofree char *count = cohort_format_count (bulk->n_changed);
  g_autofree char *quoted = NULL;
  gulong n = (gulong) bulk->n_changed;

  switch (bulk->kind)
    {
    case BULK_TAG:
      quoted = cohort_quote (bulk->tag);
      /* Translators: "Tagged 1,234 contacts “expo”" */
      return g_strdup_printf (g_dngettext (NULL, "Tagged %s contact %s", "Tagged %s contacts %s", n),
                              count, quoted);
    case BULK_UNTAG:
      quoted = cohort_quote (bulk->tag);
      /* Translators: "Removed the tag “expo” from 1,234 contacts" */
      return g_strdup_printf (g_dngettext (NULL, "Removed the tag %s from %s contact",
                                           "Removed the tag %s from %s contacts", n),
                              quoted, count);
    case BULK_STATUS:
      /* Translators: "Set 1,234 contacts to Bounced" */
      return g_strdup_printf (g_dngettext (NULL, "Set %s contact to %s", "Set %s contacts to %s", n),
                              count, cohort_status_get_label (bulk->status));
    case BULK_RESTORE_STATUS:
      /* Translators: "Put back the status of 1,234 contacts" */
      return g_strdup_printf (g_dngettext (NULL, "Put back the status of %s contact",
                                           "Put back the status of %s contacts", n),
                              count);
    case BULK_ADD_TO_GROUP:
      quoted = cohort_quote (bulk->group_name);
      return g_strdup_printf (g_dngettext (NULL, "Added %s contact to %s", "Added %s contacts to %s", n),
                              count, quoted);
    case BULK_REMOVE_FROM_GROUP:
      quoted = cohort_quote (bulk->group_name);
      return g_strdup_printf (g_dngettext (NULL, "Removed %s contact from %s", "Removed %s contacts from %s", n),
                              count, quoted);
    case BULK_DELETE:
    default:
      return g_strdup_printf (g_dngettext (NULL, "Deleted %s contact", "Deleted %s contacts", n), count);
    }
}

static void run_bulk_job (Bulk *bulk);

/* The Bulk that undoes @done, on the contacts of its undo set. */
static Bulk *
bulk_inverse (Bulk *done)
{
  static const BulkKind inverse[] = {
    [BULK_TAG] = BULK_UNTAG,
    [BULK_UNTAG] = BULK_TAG,
    [BULK_STATUS] = BULK_RESTORE_STATUS,
    [BULK_ADD_TO_GROUP] = BULK_REMOVE_FROM_GROUP,
    [BULK_REMOVE_FROM_GROUP] = BULK_ADD_TO_GROUP,
  };
  Bulk *undo = g_new0 (Bulk, 1);

  undo->kind = inverse[done->kind];
  undo->is_undo = TRUE;
  undo->selection = cohort_selection_new ();
  cohort_selection_set_undo_set (undo->selection, done->undo_set);
  undo->undo_set = done->undo_set;
  undo->tag = g_strdup (done->tag);
  undo->group_id = done->group_id;
  undo->group_name = g_strdup (done->group_name);
  undo->n_selected = done->n_changed;
  undo->store = g_object_ref (done->store);
  g_set_weak_pointer (&undo->widget, done->widget);
  return undo;
}

static void
undo_clicked_cb (AdwToast *toast,
                 Bulk     *done)
{
  if (done->widget == NULL || done->undone)
    return;
  done->undone = TRUE;
  run_bulk_job (bulk_inverse (done));
}

static void
undo_dismissed_cb (AdwToast *toast,
                   Bulk     *done)
{
  g_autoptr(CohortJob) job = NULL;

  /* An Undo run forgets the set itself, once done; and a window going
   * away leaves it to expire (a day later) rather than start a worker. */
  if (done->undone || done->widget == NULL || gtk_widget_get_root (done->widget) == NULL)
    return;
  job = cohort_job_new (forget_job, g_memdup2 (&done->undo_set, sizeof done->undo_set), g_free);
  cohort_job_run_async (job, done->store, NULL, NULL, NULL);
}

/* The Bulk is the job's data until here; then it goes with an Undo toast,
 * or now. */
static void
bulk_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bulk *bulk = cohort_job_get_data (COHORT_JOB (object));
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) widget = NULL;
  g_autofree char *title = NULL;
  gboolean ok = cohort_job_run_finish (COHORT_JOB (object), result, &error);
  AdwToast *toast;

  g_clear_pointer (&bulk->progress, cohort_progress_toast_done);
  if (bulk->widget == NULL)
    {
      bulk_free (bulk);
      return;
    }
  cohort_widget_check_store (bulk->widget);
  if (!ok)
    {
      if (g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED))
        cohort_widget_add_toast (bulk->widget, adw_toast_new (_("Cancelled: no contact was changed")));
      else
        cohort_widget_show_error (bulk->widget,
                                  bulk->is_undo ? _("Could Not Undo") : _("Could Not Change the Contacts"),
                                  error);
      bulk_free (bulk);
      return;
    }

  widget = g_object_ref (bulk->widget);
  title = describe_bulk (bulk);
  toast = adw_toast_new (title);
  if (bulk->undo_set > 0 && !bulk->is_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), bulk);
      g_signal_connect (toast, "dismissed", G_CALLBACK (undo_dismissed_cb), bulk);
      g_object_set_data_full (G_OBJECT (toast), "cohort-bulk", bulk, bulk_free);
    }
  else
    bulk_free (bulk);
  cohort_widget_add_toast (widget, toast);
}

static void
run_bulk_job (Bulk *bulk)
{
  g_autoptr(CohortJob) job = NULL;
  g_autofree char *count = cohort_format_contacts (bulk->n_selected);
  g_autofree char *title = NULL;

  /* Translators: "Deleting 1,234 contacts…", "Changing 1,234 contacts…" */
  title = g_strdup_printf (bulk->kind == BULK_DELETE ? _("Deleting %s…") : _("Changing %s…"), count);
  bulk->cancellable = g_cancellable_new ();
  bulk->progress = cohort_progress_toast_new (bulk->widget, title, bulk->cancellable);
  job = cohort_job_new (bulk_job, bulk, NULL);
  cohort_job_run_async (job, bulk->store, bulk->cancellable, bulk_done_cb, NULL);
}

/* Takes @bulk. */
static void
run_bulk (CohortSelectionBar *self,
          Bulk               *bulk)
{
  bulk->selection = cohort_selection_copy (self->selection);
  bulk->n_selected = self->n_selected;
  bulk->store = g_object_ref (self->store);
  g_set_weak_pointer (&bulk->widget, GTK_WIDGET (self));
  run_bulk_job (bulk);
}

static Bulk *
bulk_new (BulkKind kind)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->kind = kind;
  return bulk;
}

static void
tags_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  CohortSelectionBar *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  Bulk *bulk;

  if (self->selection == NULL || *tag == '\0' ||
      (g_strcmp0 (response, "add") != 0 && g_strcmp0 (response, "remove") != 0))
    return;

  bulk = bulk_new (g_str_equal (response, "add") ? BULK_TAG : BULK_UNTAG);
  bulk->tag = g_steal_pointer (&tag);
  run_bulk (self, bulk);
}

/* Add and Remove wait for a tag that is not blank. */
static void
tag_changed_cb (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *tag != '\0');
  adw_message_dialog_set_response_enabled (dialog, "remove", *tag != '\0');
}

static void
edit_tags_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->selection == NULL)
    return;

  count = cohort_format_contacts (self->n_selected);
  /* Translators: "A tag to add to or remove from 1,234 contacts." */
  body = g_strdup_printf (_("A tag to add to or remove from %s."), count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Tags"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Tag"),
                                    "add", _("_Add Tag"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (tag_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  tag_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));

  g_signal_connect_object (dialog, "response", G_CALLBACK (tags_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (widget);
  Bulk *bulk;
  CohortStatus status;

  if (self->selection == NULL || !cohort_status_from_string (g_variant_get_string (parameter, NULL), &status))
    return;

  bulk = bulk_new (BULK_STATUS);
  bulk->status = status;
  run_bulk (self, bulk);
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CohortGroup) group = NULL;
  Bulk *bulk;

  if (self->selection == NULL)
    return;
  group = cohort_store_get_group (self->store, g_variant_get_int64 (parameter), &error);
  if (group == NULL)
    {
      cohort_widget_show_error (widget, _("Could Not Change the Contacts"), error);
      return;
    }

  bulk = bulk_new (BULK_ADD_TO_GROUP);
  bulk->group_id = cohort_group_get_id (group);
  bulk->group_name = g_strdup (cohort_group_get_name (group));
  run_bulk (self, bulk);
}

static void
confirm_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  const char *expected = g_object_get_data (G_OBJECT (dialog), "count");
  g_autofree char *digits = g_strdup (gtk_editable_get_text (entry));
  char *out = digits;

  /* "1,234", "1.234" and "1234" all count. */
  for (const char *in = digits; *in != '\0'; in++)
    if (g_ascii_isdigit (*in))
      *out++ = *in;
  *out = '\0';
  adw_message_dialog_set_response_enabled (dialog, "delete", g_str_equal (digits, expected));
}

static void
delete_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CohortSelectionBar *self)
{
  if (g_strcmp0 (response, "delete") == 0 && self->selection != NULL)
    run_bulk (self, bulk_new (BULK_DELETE));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->selection == NULL)
    return;

  count = cohort_format_contacts (self->n_selected);
  /* Translators: "Delete 1,234 contacts?" */
  heading = g_strdup_printf (_("Delete %s?"), count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("They leave every group, and their activities are deleted. "
                                     "This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (self->n_selected > TYPE_COUNT_ABOVE)
    {
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *prompt = g_strdup_printf (_("Type %" G_GINT64_FORMAT " to delete them"), self->n_selected);

      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), prompt);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, prompt, -1);
      g_object_set_data_full (G_OBJECT (dialog), "count",
                              g_strdup_printf ("%" G_GINT64_FORMAT, self->n_selected), g_free);
      g_signal_connect (entry, "changed", G_CALLBACK (confirm_changed_cb), dialog);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "delete", FALSE);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (widget);

  if (self->selection != NULL)
    /* Translators: the file name suggested for an export of selected
     * contacts, without its extension */
    cohort_export_interactive (widget, self->store, self->selection, self->n_selected,
                               _("Export Selected Contacts"), _("contacts"));
}

static void
update_groups_menu (CohortSelectionBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = cohort_store_list_groups_full (self->store, FALSE, &error);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GMenuItem) item = NULL;

      if (cohort_group_get_kind (group) != COHORT_GROUP_STATIC)
        continue;
      item = g_menu_item_new (cohort_group_get_name (group), NULL);
      g_menu_item_set_action_and_target_value (item, "bar.add-to-group",
                                               g_variant_new_int64 (cohort_group_get_id (group)));
      g_menu_append_item (menu, item);
    }
  for (guint i = 0; i < 2; i++)
    {
      GtkMenuButton *button = i == 0 ? self->group_button : self->group_button_narrow;

      gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
      gtk_widget_set_sensitive (GTK_WIDGET (button), g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
    }
}

void
cohort_selection_bar_set_selection (CohortSelectionBar *self,
                                    CohortStore        *store,
                                    CohortSelection    *selection,
                                    gint64              n_selected,
                                    gboolean            all)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  gboolean was_shown;

  g_return_if_fail (COHORT_IS_SELECTION_BAR (self));

  was_shown = self->selection != NULL;
  g_clear_pointer (&self->selection, cohort_selection_free);
  self->selection = selection;
  self->n_selected = selection != NULL ? n_selected : 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (adw_bin_get_child (ADW_BIN (self))),
                                 selection != NULL && n_selected > 0);
  if (selection == NULL)
    return;

  /* The static groups are read again whenever the bar appears: groups may
   * have come or gone since it was last shown. */
  if (self->store != store || !was_shown)
    {
      g_set_object (&self->store, store);
      update_groups_menu (self);
    }

  count = cohort_format_count (n_selected);
  text = all
    /* Translators: "All 1,234 selected" */
    ? g_strdup_printf (_("All %s selected"), count)
    /* Translators: "3 selected" */
    : g_strdup_printf (g_dngettext (NULL, "%s selected", "%s selected", (gulong) n_selected), count);
  gtk_label_set_label (self->count_label, text);
}

static void
cohort_selection_bar_dispose (GObject *object)
{
  CohortSelectionBar *self = COHORT_SELECTION_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_SELECTION_BAR);
  g_clear_pointer (&self->selection, cohort_selection_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_selection_bar_parent_class)->dispose (object);
}

static void
cohort_selection_bar_class_init (CohortSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_selection_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-selection-bar.ui");
  /* Not the revealer, AdwBin's child: gtk_widget_dispose_template() would
   * unparent it before AdwBin does. */
  gtk_widget_class_bind_template_child (widget_class, CohortSelectionBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortSelectionBar, group_button);
  gtk_widget_class_bind_template_child (widget_class, CohortSelectionBar, group_button_narrow);

  gtk_widget_class_install_action (widget_class, "bar.edit-tags", NULL, edit_tags_action);
  gtk_widget_class_install_action (widget_class, "bar.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "bar.add-to-group", "x", add_to_group_action);
  gtk_widget_class_install_action (widget_class, "bar.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "bar.export", NULL, export_action);
}

static void
cohort_selection_bar_init (CohortSelectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
