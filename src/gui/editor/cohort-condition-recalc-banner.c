/* cohort-condition-recalc-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-condition-recalc-banner.h"
#include "cohort-editor-template.h"
#include "cohort-error.h"
#include "cohort-recalc.h"

struct _CohortConditionRecalcBanner
{
  GtkWidget       parent_instance;

  CohortStore    *store;
  CohortGroup    *group;
  GCancellable   *cancellable;   /* set while a recalculation runs */
  char           *outcome;       /* how the last one ended, until dismissed */

  GtkRevealer    *revealer;
  GtkBox         *box;
  GtkStack       *stack;
  GtkProgressBar *progress_bar;
  GtkLabel       *done_label;
  GtkButton      *recalculate_button;
  GtkButton      *cancel_button;
  GtkButton      *dismiss_button;
};

G_DEFINE_FINAL_TYPE (CohortConditionRecalcBanner, cohort_condition_recalc_banner, GTK_TYPE_WIDGET)

enum { RECALCULATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
needs_recalculation (CohortConditionRecalcBanner *self)
{
  return self->group != NULL && cohort_group_get_needs_recalculation (self->group);
}

/* Hidden parts are made invisible, not just covered: assistive tools list
 * every visible widget. */
static void
show_page (GtkStack   *stack,
           const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, g_str_equal (gtk_stack_page_get_name (gtk_stack_get_page (stack, child)), name));
  gtk_stack_set_visible_child_name (stack, name);
}

static void
child_revealed_cb (GtkRevealer *revealer,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

static void
update (CohortConditionRecalcBanner *self)
{
  gboolean running = self->cancellable != NULL;
  const char *page = running ? "running" : self->outcome != NULL ? "done" : "stale";
  gboolean reveal = running || self->outcome != NULL || needs_recalculation (self);

  show_page (self->stack, page);
  gtk_label_set_label (self->done_label, self->outcome != NULL ? self->outcome : "");
  gtk_widget_set_visible (GTK_WIDGET (self->recalculate_button), !running && self->outcome == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), !running && self->outcome != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "banner.recalculate", !running && self->group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "banner.cancel", running);
  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, reveal);
}

static void
set_outcome (CohortConditionRecalcBanner *self,
             char                        *outcome,
             gboolean                     failed)
{
  g_free (self->outcome);
  self->outcome = outcome;
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->box), "failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->box), "failed");
}

/* One recalculation; the banner may have moved on to another group by the
 * time it reports. */
typedef struct
{
  CohortConditionRecalcBanner *banner;
  GCancellable                *cancellable;
} Run;

static void
run_clear (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->banner);
  g_clear_object (&run->cancellable);
}

static void
run_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, run_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_unref)

static gboolean
run_is_shown (Run *run)
{
  return run->banner->cancellable == run->cancellable && run->banner->stack != NULL;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Run *run = user_data;

  if (run_is_shown (run))
    gtk_progress_bar_set_fraction (run->banner->progress_bar, fraction);
}

static void
recalculate_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  CohortConditionRecalcBanner *self = run->banner;
  g_autoptr(GError) error = NULL;
  gint64 added = 0;
  gint64 removed = 0;
  gboolean ok = cohort_store_recalculate_group_finish (COHORT_STORE (object), result, &added, &removed, &error);

  if (!run_is_shown (run))
    return;
  g_clear_object (&self->cancellable);

  if (ok)
    {
      g_autofree char *joined = g_strdup_printf ("%'" G_GINT64_FORMAT, added);
      g_autofree char *left = g_strdup_printf ("%'" G_GINT64_FORMAT, removed);
      char *outcome;

      /* A side that did not move is left out: "−0" reads as a change. */
      if (added > 0 && removed > 0)
        /* Translators: the result of a recalculation: "Members recalculated: +12 joined, −3 left" */
        outcome = g_strdup_printf (_("Members recalculated: +%s joined, −%s left"), joined, left);
      else if (added > 0)
        /* Translators: the result of a recalculation: "Members recalculated: +12 joined" */
        outcome = g_strdup_printf (_("Members recalculated: +%s joined"), joined);
      else if (removed > 0)
        /* Translators: the result of a recalculation: "Members recalculated: −3 left" */
        outcome = g_strdup_printf (_("Members recalculated: −%s left"), left);
      else
        outcome = g_strdup (_("Members recalculated: no change"));
      set_outcome (self, outcome, FALSE);
    }
  else if (g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_outcome (self, g_strdup (_("Recalculation cancelled; the members did not change.")), FALSE);
  else
    /* Translators: %s says what went wrong */
    set_outcome (self, g_strdup_printf (_("Could not recalculate the members: %s"), error->message), TRUE);

  update (self);
  if (ok)
    g_signal_emit (self, signals[RECALCULATED], 0, added, removed);
}

void
cohort_condition_recalc_banner_recalculate (CohortConditionRecalcBanner *self)
{
  Run *run;

  g_return_if_fail (COHORT_IS_CONDITION_RECALC_BANNER (self));

  if (self->cancellable != NULL || self->group == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_outcome (self, NULL, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  update (self);

  run = g_atomic_rc_box_new0 (Run);
  run->banner = g_object_ref (self);
  run->cancellable = g_object_ref (self->cancellable);
  cohort_store_recalculate_group_async (self->store, cohort_group_get_id (self->group), self->cancellable,
                                        progress_cb, g_atomic_rc_box_acquire (run), run_unref,
                                        recalculate_done_cb, run);
}

gboolean
cohort_condition_recalc_banner_get_running (CohortConditionRecalcBanner *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_RECALC_BANNER (self), FALSE);

  return self->cancellable != NULL;
}

void
cohort_condition_recalc_banner_set_group (CohortConditionRecalcBanner *self,
                                          CohortStore                 *store,
                                          CohortGroup                 *group)
{
  g_return_if_fail (COHORT_IS_CONDITION_RECALC_BANNER (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (COHORT_IS_GROUP (group));

  /* Another group's recalculation goes on in the background; it is just no
   * longer this banner's to show. */
  if (self->group != NULL && cohort_group_get_id (self->group) != cohort_group_get_id (group))
    {
      g_clear_object (&self->cancellable);
      set_outcome (self, NULL, FALSE);
    }
  g_set_object (&self->store, store);
  g_set_object (&self->group, group);
  /* A condition saved again makes the last outcome old news. */
  if (cohort_group_get_needs_recalculation (group))
    set_outcome (self, NULL, FALSE);
  update (self);
}

static void
recalculate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cohort_condition_recalc_banner_recalculate (COHORT_CONDITION_RECALC_BANNER (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CohortConditionRecalcBanner *self = COHORT_CONDITION_RECALC_BANNER (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CohortConditionRecalcBanner *self = COHORT_CONDITION_RECALC_BANNER (widget);

  set_outcome (self, NULL, FALSE);
  update (self);
}

static void
cohort_condition_recalc_banner_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_RECALC_BANNER);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_recalc_banner_parent_class)->dispose (object);
}

static void
cohort_condition_recalc_banner_finalize (GObject *object)
{
  CohortConditionRecalcBanner *self = COHORT_CONDITION_RECALC_BANNER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->group);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->outcome, g_free);

  G_OBJECT_CLASS (cohort_condition_recalc_banner_parent_class)->finalize (object);
}

static void
cohort_condition_recalc_banner_class_init (CohortConditionRecalcBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_recalc_banner_dispose;
  object_class->finalize = cohort_condition_recalc_banner_finalize;

  signals[RECALCULATED] = g_signal_new ("recalculated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "banner.recalculate", NULL, recalculate_action);
  gtk_widget_class_install_action (widget_class, "banner.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "banner.dismiss", NULL, dismiss_action);

  cohort_editor_class_set_template (widget_class, "cohort-condition-recalc-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, box);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, done_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, recalculate_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionRecalcBanner, dismiss_button);
  gtk_widget_class_bind_template_callback (widget_class, child_revealed_cb);
}

static void
cohort_condition_recalc_banner_init (CohortConditionRecalcBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
