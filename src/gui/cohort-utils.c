/* cohort-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cohort-utils.h"
#include "cohort-window.h"

const char *
cohort_status_get_label (CohortStatus status)
{
  switch (status)
    {
    case COHORT_STATUS_ACTIVE:
      return _("Active");
    case COHORT_STATUS_INACTIVE:
      return _("Inactive");
    case COHORT_STATUS_UNSUBSCRIBED:
      return _("Unsubscribed");
    case COHORT_STATUS_BOUNCED:
      return _("Bounced");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
cohort_group_kind_get_label (CohortGroupKind kind)
{
  return kind == COHORT_GROUP_DYNAMIC ? _("Dynamic") : _("Static");
}

char *
cohort_format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

char *
cohort_format_contacts (gint64 n)
{
  g_autofree char *number = cohort_format_count (n);

  return g_strdup_printf (g_dngettext (NULL, "%s contact", "%s contacts", (gulong) n), number);
}

char *
cohort_format_datetime (gint64      unix_time,
                        const char *never_text)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return g_strdup (never_text);

  when = g_date_time_new_from_unix_local (unix_time);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (when, _("%-d %b %Y, %H:%M"));
}

char *
cohort_format_day (const char *iso_day,
                   gboolean    with_year)
{
  g_autoptr(GDateTime) day = NULL;
  int year, month, mday;

  if (iso_day == NULL || sscanf (iso_day, "%d-%d-%d", &year, &month, &mday) != 3 ||
      !(day = g_date_time_new_local (year, month, mday, 12, 0, 0)))
    return g_strdup (iso_day != NULL ? iso_day : "");
  /* Translators: a day, with and without its year; see g_date_time_format() */
  return g_date_time_format (day, with_year ? _("%-d %b %Y") : _("%-d %b"));
}

const char *
cohort_reason_get_label (CohortReason reason)
{
  switch (reason)
    {
    case COHORT_REASON_MANUAL:
      return _("By hand");
    case COHORT_REASON_IMPORT:
      return _("Import");
    case COHORT_REASON_KEYWORD:
      return _("Keyword");
    case COHORT_REASON_ACCOUNT:
      return _("Account");
    case COHORT_REASON_CONDITION:
      return _("Condition");
    case COHORT_REASON_RECALCULATION:
      return _("Recalculation");
    case COHORT_REASON_MERGE:
      return _("Merge");
    case COHORT_REASON_DELETE:
      return _("Deleted");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
cohort_quote (const char *text)
{
  /* Translators: quotes around a name */
  return g_strdup_printf (_("“%s”"), text);
}

/* "VIP, Germany and Newsletter" */
static char *
join_group_names (CohortStore *store,
                  GArray      *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CohortGroup) group = cohort_store_get_group (store, g_array_index (ids, gint64, i), NULL);
      const char *name = group != NULL ? cohort_group_get_name (group) : "?";

      if (i > 0)
        /* Translators: separators in a list of group names */
        g_string_append (text, i + 1 < ids->len ? _(", ") : _(" and "));
      g_string_append (text, name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
cohort_format_membership_changes (CohortStore             *store,
                                  CohortMembershipChanges *changes)
{
  g_autofree char *joined = NULL;
  g_autofree char *left = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);

  if (changes == NULL || (changes->joined->len == 0 && changes->left->len == 0))
    return NULL;

  if (changes->joined->len > 0)
    {
      g_autofree char *names = join_group_names (store, changes->joined);

      /* Translators: %s is a list of group names */
      joined = g_strdup_printf (_("Joined %s."), names);
    }
  if (changes->left->len > 0)
    {
      g_autofree char *names = join_group_names (store, changes->left);

      /* Translators: %s is a list of group names */
      left = g_strdup_printf (_("Left %s."), names);
    }

  if (joined != NULL && left != NULL)
    return g_strdup_printf ("%s %s", joined, left);
  return g_strdup (joined != NULL ? joined : left);
}

void
cohort_badge_set_kind (GtkLabel        *badge,
                       CohortGroupKind  kind)
{
  const char *classes[] = { "badge", kind == COHORT_GROUP_DYNAMIC ? "dynamic" : "static", NULL };

  g_return_if_fail (GTK_IS_LABEL (badge));

  gtk_label_set_label (badge, cohort_group_kind_get_label (kind));
  gtk_widget_set_css_classes (GTK_WIDGET (badge), classes);
}

void
cohort_badge_set_status (GtkLabel     *badge,
                         CohortStatus  status)
{
  g_autofree char *status_class = g_strdup_printf ("status-%s", cohort_status_to_string (status));
  const char *classes[] = { "badge", status_class, NULL };

  g_return_if_fail (GTK_IS_LABEL (badge));

  gtk_label_set_label (badge, cohort_status_get_label (status));
  gtk_widget_set_css_classes (GTK_WIDGET (badge), classes);
}

static CohortWindow *
find_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (COHORT_IS_WINDOW (root))
    return COHORT_WINDOW (root);
  if (GTK_IS_WINDOW (root))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (root));

      if (COHORT_IS_WINDOW (parent))
        return COHORT_WINDOW (parent);
    }

  return NULL;
}

AdwToast *
cohort_toast_new_with_undo (const char     *title,
                            GCallback       undo_cb,
                            gpointer        data,
                            GDestroyNotify  data_free)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", undo_cb, data,
                         (GClosureNotify) (void (*) (void)) data_free, G_CONNECT_SWAPPED);

  return toast;
}

#define PROGRESS_DELAY_MS 1000

struct _CohortProgressToast
{
  GtkWidget    *widget;       /* weak */
  char         *title;
  GCancellable *cancellable;
  guint         source;
  AdwToast     *toast;
};

static void
progress_cancel_cb (AdwToast *toast,
                    gpointer  cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
progress_show_cb (gpointer data)
{
  CohortProgressToast *self = data;

  self->source = 0;
  if (self->widget == NULL)
    return G_SOURCE_REMOVE;

  self->toast = adw_toast_new (self->title);
  adw_toast_set_timeout (self->toast, 0);
  if (self->cancellable != NULL)
    {
      adw_toast_set_button_label (self->toast, _("_Cancel"));
      g_signal_connect_object (self->toast, "button-clicked", G_CALLBACK (progress_cancel_cb),
                               self->cancellable, 0);
    }
  cohort_widget_add_toast (self->widget, g_object_ref (self->toast));
  return G_SOURCE_REMOVE;
}

CohortProgressToast *
cohort_progress_toast_new (GtkWidget    *widget,
                           const char   *title,
                           GCancellable *cancellable)
{
  CohortProgressToast *self = g_new0 (CohortProgressToast, 1);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  g_set_weak_pointer (&self->widget, widget);
  self->title = g_strdup (title);
  g_set_object (&self->cancellable, cancellable);
  self->source = g_timeout_add (PROGRESS_DELAY_MS, progress_show_cb, self);
  return self;
}

void
cohort_progress_toast_done (CohortProgressToast *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_object (&self->toast);
  g_clear_weak_pointer (&self->widget);
  g_clear_object (&self->cancellable);
  g_free (self->title);
  g_free (self);
}

void
cohort_widget_check_store (GtkWidget *widget)
{
  CohortWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  window = find_window (widget);
  if (window != NULL)
    cohort_window_check_store (window);
}

void
cohort_widget_add_toast (GtkWidget *widget,
                         AdwToast  *toast)
{
  g_autoptr(AdwToast) owned = toast;
  CohortWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  window = find_window (widget);
  if (window != NULL)
    cohort_window_add_toast (window, g_steal_pointer (&owned));
}

void
cohort_widget_show_error (GtkWidget    *widget,
                          const char   *heading,
                          const GError *error)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
