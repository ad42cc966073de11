/* cohort-condition-live-count.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "cohort-condition-live-count.h"
#include "cohort-editor-template.h"
#include "cohort-error.h"
#include "cohort-recalc.h"

/* Edits closer together than this are typing: only the last one is
 * counted. Long enough that a word typed at speed is counted once, short
 * enough that the count seems to follow the typing. */
#define DEBOUNCE_MS 150
#define N_SAMPLES 5
/* Connections and threads kept for counting: a cancelled count may still
 * be finishing on one while the next starts on the other. */
#define MAX_IDLE_CONNECTIONS 2
#define N_COUNT_THREADS 2
/* The counting threads' nice value: on a busy machine the window's frames
 * come before the count. */
#define COUNT_THREAD_NICE 10
/* When nobody matches, this many conditions are counted on their own to
 * find the one that matches nobody; and so many of its field's values are
 * shown as examples. */
#define MAX_CULPRIT_CHECKS 8
#define N_HINT_VALUES 4

/* The worker threads' connections to the database. A CohortStore is one
 * SQLite connection and is never used by two threads at once: a count takes
 * one for itself and gives it back when it is done. */
typedef struct
{
  GMutex       lock;
  CohortStore *origin;   /* only read, to open more connections like it */
  GPtrArray   *idle;
} Pool;

typedef struct
{
  Pool            *pool;
  CohortCondition *condition;   /* a copy the worker owns */
  gint64           group_id;
} CountData;

typedef struct
{
  gint64  matches;
  gint64  joining;
  gint64  leaving;
  GStrv   samples;
  char   *culprit;   /* the condition that matches nobody, described */
  GStrv   hints;     /* values its field does hold */
} CountResult;

struct _CohortConditionLiveCount
{
  GtkWidget        parent_instance;

  Pool            *pool;
  gint64           group_id;
  CohortCondition *condition;
  GCancellable    *cancellable;
  guint            debounce_source;
  gboolean         starting;    /* debounce_source is the idle that starts a count */
  gint64           last_edit;   /* monotonic µs */

  GtkLabel        *count_label;
  GtkLabel        *change_label;
  GtkLabel        *members_label;
  GtkLabel        *samples_label;
};

G_DEFINE_FINAL_TYPE (CohortConditionLiveCount, cohort_condition_live_count, GTK_TYPE_WIDGET)

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- connections ------------------------------------------------------- */

static void
pool_clear (gpointer data)
{
  Pool *pool = data;

  g_mutex_clear (&pool->lock);
  g_clear_object (&pool->origin);
  g_clear_pointer (&pool->idle, g_ptr_array_unref);
}

static Pool *
pool_new (CohortStore  *store,
          GError      **error)
{
  g_autoptr(CohortStore) origin = cohort_store_open_sibling (store, error);
  Pool *pool;

  if (origin == NULL)
    return NULL;
  pool = g_atomic_rc_box_new0 (Pool);
  g_mutex_init (&pool->lock);
  pool->idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (pool->idle, g_object_ref (origin));
  pool->origin = g_steal_pointer (&origin);
  return pool;
}

static void
pool_unref (Pool *pool)
{
  g_atomic_rc_box_release_full (pool, pool_clear);
}

static CohortStore *
pool_take (Pool    *pool,
           GError **error)
{
  CohortStore *store = NULL;

  g_mutex_lock (&pool->lock);
  if (pool->idle->len > 0)
    store = g_ptr_array_steal_index_fast (pool->idle, pool->idle->len - 1);
  g_mutex_unlock (&pool->lock);

  return store != NULL ? store : cohort_store_open_sibling (pool->origin, error);
}

static void
pool_give (Pool        *pool,
           CohortStore *store)
{
  g_mutex_lock (&pool->lock);
  if (pool->idle->len < MAX_IDLE_CONNECTIONS)
    g_ptr_array_add (pool->idle, g_steal_pointer (&store));
  g_mutex_unlock (&pool->lock);
  g_clear_object (&store);
}

/* ---- the count, on a worker thread ------------------------------------- */

static void
count_data_free (gpointer data)
{
  CountData *count = data;

  g_clear_pointer (&count->pool, pool_unref);
  g_clear_object (&count->condition);
  g_free (count);
}

static void
count_result_free (gpointer data)
{
  CountResult *result = data;

  g_strfreev (result->samples);
  g_free (result->culprit);
  g_strfreev (result->hints);
  g_free (result);
}

static GStrv
sample_names (CohortStore  *store,
              GArray       *ids,
              GCancellable *cancellable)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(CohortContact) contact = cohort_store_get_contact (store, g_array_index (ids, gint64, i), NULL);

      g_autofree char *name = contact != NULL ? cohort_contact_dup_display_name (contact) : NULL;

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static void
collect_rules (CohortCondition *node,
               GPtrArray       *rules)
{
  if (!cohort_condition_is_group (node))
    {
      g_ptr_array_add (rules, node);
      return;
    }
  for (guint i = 0; i < cohort_condition_get_n_children (node); i++)
    collect_rules (cohort_condition_get_child (node, i), rules);
}

/* Nobody matches: the first condition that on its own matches nobody is
 * most likely a value spelt otherwise than in the data ("Germany" where
 * the contacts say "DE"). Only then is it worth the extra counts. */
static void
find_culprit (CohortStore     *store,
              CohortCondition *condition,
              GCancellable    *cancellable,
              CountResult     *result)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();

  collect_rules (condition, rules);
  for (guint i = 0; i < rules->len && i < MAX_CULPRIT_CHECKS && !g_cancellable_is_cancelled (cancellable); i++)
    {
      CohortCondition *rule = g_ptr_array_index (rules, i);
      g_autoptr(CohortCondition) alone = cohort_condition_new_group (FALSE);
      g_autoptr(CohortCondition) copy = cohort_condition_copy (rule);
      gint64 matches = -1;

      cohort_condition_append (alone, copy);
      if (!cohort_store_count_matches (store, alone, 0, 0, cancellable, &matches, NULL, NULL, NULL, NULL) ||
          matches != 0)
        continue;
      result->culprit = cohort_condition_describe (copy);
      result->hints = cohort_store_list_field_values (store, cohort_condition_get_field (rule), N_HINT_VALUES, NULL);
      return;
    }
}

static void
lower_thread_priority (void)
{
#ifdef __linux__
  /* On Linux a thread id names one thread of the process. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), COUNT_THREAD_NICE);
#endif
}

static void
count_thread (gpointer item,
              gpointer user_data)
{
  g_autoptr(GTask) task = item;
  CountData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(CohortStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree CountResult *result = g_new0 (CountResult, 1);
  GError *error = NULL;

  lower_thread_priority ();
  if (!(store = pool_take (data->pool, &error)) ||
      !cohort_store_count_matches (store, data->condition, data->group_id, N_SAMPLES, cancellable,
                                   &result->matches, &result->joining, &result->leaving, &ids, &error))
    {
      if (store != NULL)
        pool_give (data->pool, g_steal_pointer (&store));
      g_task_return_error (task, error);
      return;
    }
  result->samples = sample_names (store, ids, cancellable);
  if (result->matches == 0)
    find_culprit (store, data->condition, cancellable, result);
  pool_give (data->pool, g_steal_pointer (&store));
  g_task_return_pointer (task, g_steal_pointer (&result), count_result_free);
}

/* Threads of their own rather than GTask's shared ones, so that lowering
 * their priority slows nothing else down. */
static void
run_count (GTask *task)
{
  static GThreadPool *threads;

  if (g_once_init_enter (&threads))
    g_once_init_leave (&threads, g_thread_pool_new (count_thread, NULL, N_COUNT_THREADS, TRUE, NULL));
  g_thread_pool_push (threads, g_object_ref (task), NULL);
}

/* ---- showing it -------------------------------------------------------- */

/* The last count stays, dimmed, until the new one is in: no animation, so
 * counting costs the window no frames. */
static void
set_counting (CohortConditionLiveCount *self,
              gboolean                  counting)
{
  if (counting)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, counting, -1);
}

static void
show_message (CohortConditionLiveCount *self,
              const char               *title,
              const char               *detail)
{
  set_counting (self, FALSE);
  gtk_label_set_label (self->count_label, title);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), FALSE);
  gtk_label_set_label (self->samples_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->samples_label), detail != NULL);
}

/* "12,345" in the user's locale; a separate step so that translatable
 * strings hold a plain %s that xgettext and translators can read. */
static char *
format_number (gint64 number)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, number);
}

char *
cohort_condition_live_count_format_change (gint64      joining,
                                           gint64      leaving,
                                           const char *unchanged)
{
  g_autofree char *joined = format_number (joining);
  g_autofree char *left = format_number (leaving);

  /* A side that does not move is left out: "−0" reads as a change. */
  if (joining > 0 && leaving > 0)
    /* Translators: how the members would change if the group were
     * recalculated with the condition as edited: "+12 would join, −3 would leave" */
    return g_strdup_printf (_("+%s would join, −%s would leave"), joined, left);
  if (joining > 0)
    /* Translators: "+12 would join" */
    return g_strdup_printf (_("+%s would join"), joined);
  if (leaving > 0)
    /* Translators: "−3 would leave" */
    return g_strdup_printf (_("−%s would leave"), left);
  return g_strdup (unchanged);
}

static gulong
plural_form (gint64 number)
{
  return (gulong) CLAMP (number, 0, G_MAXINT);
}

static void
show_result (CohortConditionLiveCount *self,
             CountResult              *result)
{
  g_autofree char *matches = NULL;
  g_autofree char *count = NULL;
  g_autofree char *change = NULL;
  g_autofree char *names = NULL;
  g_autofree char *samples = NULL;

  set_counting (self, FALSE);
  matches = format_number (result->matches);
  if (result->matches == 0 && result->culprit != NULL)
    /* Translators: %s describes one condition, such as: country is one of “Germany” */
    count = g_strdup_printf (_("No contact matches ‘%s’"), result->culprit);
  else if (result->matches == 0)
    count = g_strdup (_("No contact matches this condition"));
  else
    /* Translators: %s is a number such as 1,234 */
    count = g_strdup_printf (ngettext ("%s contact matches", "%s contacts match", plural_form (result->matches)),
                             matches);
  gtk_label_set_label (self->count_label, count);
  if (result->matches == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "warning");

  if (self->group_id != 0)
    change = cohort_condition_live_count_format_change (result->joining, result->leaving,
                                                        _("the members would stay the same"));
  gtk_label_set_label (self->change_label, change != NULL ? change : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change != NULL);

  if (result->hints != NULL && result->hints[0] != NULL)
    {
      names = g_strjoinv (", ", result->hints);
      /* Translators: values a field holds in the database, as a hint for a
       * condition that matches nobody: "Values in your data look like DE, AT, …" */
      samples = g_strdup_printf (_("Values in your data look like %s, …"), names);
    }
  else if (result->samples[0] != NULL)
    {
      names = g_strjoinv (", ", result->samples);
      /* Translators: a few of the contacts the condition matches */
      samples = g_strdup_printf (result->matches > (gint64) g_strv_length (result->samples)
                                 ? _("For example %s, …") : _("For example %s"),
                                 names);
    }
  gtk_label_set_label (self->samples_label, samples != NULL ? samples : "");
  gtk_widget_set_visible (GTK_WIDGET (self->samples_label), samples != NULL);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  CohortConditionLiveCount *self = COHORT_CONDITION_LIVE_COUNT (object);
  g_autoptr(GError) error = NULL;
  CountResult *result;

  /* An edit came after this count started (the next count will show), or
   * the widget is going away. */
  if (g_task_get_cancellable (G_TASK (async_result)) != self->cancellable ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED))
        show_message (self, _("Could not count the contacts"), error->message);
      return;
    }
  show_result (self, result);
  count_result_free (result);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
start_count (CohortConditionLiveCount *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CountData *data;

  if (!cohort_condition_validate (self->condition, NULL, &error))
    {
      show_message (self, _("No count while the condition is incomplete"), NULL);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  set_counting (self, TRUE);
  data = g_new0 (CountData, 1);
  data->pool = g_atomic_rc_box_acquire (self->pool);
  data->condition = cohort_condition_copy (self->condition);
  data->group_id = self->group_id;

  task = g_task_new (self, self->cancellable, count_done_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, data, count_data_free);
  run_count (task);
}

static gboolean
debounce_cb (gpointer user_data)
{
  CohortConditionLiveCount *self = user_data;

  self->debounce_source = 0;
  self->starting = FALSE;
  start_count (self);
  return G_SOURCE_REMOVE;
}

void
cohort_condition_live_count_queue (CohortConditionLiveCount *self,
                                   CohortCondition          *condition)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (COHORT_IS_CONDITION_LIVE_COUNT (self));
  g_return_if_fail (COHORT_IS_CONDITION (condition));

  if (self->pool == NULL)
    return;

  g_set_object (&self->condition, condition);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* An edit after a pause (a click, a choice from a menu) is counted as
   * soon as the main loop is idle, together with the edits that come with
   * it (replacing a text is a deletion and an insertion); one that follows
   * another closely waits for the typing to stop. */
  if (!self->starting)
    {
      g_clear_handle_id (&self->debounce_source, g_source_remove);
      self->starting = now - self->last_edit >= DEBOUNCE_MS * 1000;
      self->debounce_source = self->starting ? g_idle_add (debounce_cb, self)
                                             : g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
    }
  self->last_edit = now;
}

gboolean
cohort_condition_live_count_set_group (CohortConditionLiveCount  *self,
                                       CohortStore               *store,
                                       CohortGroup               *group,
                                       GError                   **error)
{
  g_autofree char *members = NULL;
  g_autofree char *number = NULL;
  gint64 count;

  g_return_val_if_fail (COHORT_IS_CONDITION_LIVE_COUNT (self), FALSE);
  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (COHORT_IS_GROUP (group), FALSE);

  if (self->pool == NULL || g_strcmp0 (cohort_store_get_path (self->pool->origin), cohort_store_get_path (store)) != 0)
    {
      Pool *pool = pool_new (store, error);

      if (pool == NULL)
        return FALSE;
      g_clear_pointer (&self->pool, pool_unref);
      self->pool = pool;
    }
  self->group_id = cohort_group_get_id (group);

  count = cohort_group_get_member_count (group);
  number = format_number (count);
  /* Translators: %s is a number such as 1,234 */
  members = g_strdup_printf (ngettext ("%s member now", "%s members now", plural_form (count)), number);
  gtk_label_set_label (self->members_label, members);
  /* A group not created yet has no members to speak of. */
  gtk_widget_set_visible (GTK_WIDGET (self->members_label), self->group_id != 0);
  return TRUE;
}

static void
cohort_condition_live_count_dispose (GObject *object)
{
  CohortConditionLiveCount *self = COHORT_CONDITION_LIVE_COUNT (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_LIVE_COUNT);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_live_count_parent_class)->dispose (object);
}

static void
cohort_condition_live_count_finalize (GObject *object)
{
  CohortConditionLiveCount *self = COHORT_CONDITION_LIVE_COUNT (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->condition);
  g_clear_pointer (&self->pool, pool_unref);

  G_OBJECT_CLASS (cohort_condition_live_count_parent_class)->finalize (object);
}

static void
cohort_condition_live_count_class_init (CohortConditionLiveCountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_live_count_dispose;
  object_class->finalize = cohort_condition_live_count_finalize;

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  cohort_editor_class_set_template (widget_class, "cohort-condition-live-count.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionLiveCount, count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionLiveCount, change_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionLiveCount, members_label);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionLiveCount, samples_label);
}

static void
cohort_condition_live_count_init (CohortConditionLiveCount *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
