/* cohort-delta.c — recording and publishing the membership delta
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-delta.h"
#include "cohort-store-private.h"

typedef struct
{
  CohortDeltaConsumer consumer;
  gpointer            user_data;
  GDestroyNotify      user_data_free;
} Consumer;

struct _CohortDeltaState
{
  CohortReason  reason;
  gboolean      netted;      /* temp.delta holds the log, netted */
  GArray       *consumers;   /* Consumer */
};

static const char * const reason_names[] = {
  [COHORT_REASON_MANUAL] = "manual",
  [COHORT_REASON_IMPORT] = "import",
  [COHORT_REASON_KEYWORD] = "keyword",
  [COHORT_REASON_ACCOUNT] = "account",
  [COHORT_REASON_CONDITION] = "condition",
  [COHORT_REASON_RECALCULATION] = "recalculation",
  [COHORT_REASON_MERGE] = "merge",
  [COHORT_REASON_DELETE] = "delete",
};

const char *
cohort_reason_to_string (CohortReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

static void
consumer_clear (gpointer data)
{
  Consumer *consumer = data;

  if (consumer->user_data_free != NULL)
    consumer->user_data_free (consumer->user_data);
}

CohortDeltaState *
cohort_delta_state_new (void)
{
  CohortDeltaState *state = g_new0 (CohortDeltaState, 1);

  state->consumers = g_array_new (FALSE, FALSE, sizeof (Consumer));
  g_array_set_clear_func (state->consumers, consumer_clear);
  return state;
}

void
cohort_delta_state_free (CohortDeltaState *state)
{
  if (state == NULL)
    return;
  g_array_unref (state->consumers);
  g_free (state);
}

/* cohort_reason (): the reason in force, for the triggers. */
static void
reason_fn (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  CohortDeltaState *state = sqlite3_user_data (ctx);

  sqlite3_result_int (ctx, state->reason);
}

/* cohort_reason_name (code): its word, for temp.delta. */
static void
reason_name_fn (sqlite3_context  *ctx,
                int               argc,
                sqlite3_value   **argv)
{
  int reason = sqlite3_value_int (argv[0]);

  if (reason >= 0 && reason < (int) G_N_ELEMENTS (reason_names))
    sqlite3_result_text (ctx, reason_names[reason], -1, SQLITE_STATIC);
  else
    sqlite3_result_null (ctx);
}

gboolean
cohort_delta_setup (CohortStore  *self,
                    GError      **error)
{
  CohortDeltaState *state = cohort_store_get_delta_state (self);
  sqlite3 *db = cohort_store_get_db (self);

  if (sqlite3_create_function_v2 (db, "cohort_reason", 0, SQLITE_UTF8,
                                  state, reason_fn, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (db, "cohort_reason_name", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                  NULL, reason_name_fn, NULL, NULL, NULL) != SQLITE_OK)
    return cohort_store_set_error (self, error);

  /* The log is in the order of the changes (rowid); the delta has one row
   * per group and contact. */
  return cohort_store_exec (self,
                            "CREATE TEMP TABLE delta_log (group_id INTEGER NOT NULL,"
                            "  contact_id INTEGER NOT NULL, joined INTEGER NOT NULL, reason INTEGER NOT NULL);"
                            "CREATE TEMP TABLE delta (group_id INTEGER NOT NULL, contact_id INTEGER NOT NULL,"
                            "  joined INTEGER NOT NULL, reason TEXT NOT NULL, reason_code INTEGER NOT NULL,"
                            "  PRIMARY KEY (group_id, contact_id)) WITHOUT ROWID;",
                            error) &&
         cohort_delta_resume (self, error);
}

/* The triggers: every row of memberships inserted or deleted is logged. */
gboolean
cohort_delta_resume (CohortStore  *self,
                     GError      **error)
{
  return cohort_store_exec (self,
                            "CREATE TEMP TRIGGER IF NOT EXISTS delta_joined AFTER INSERT ON main.memberships BEGIN"
                            "  INSERT INTO delta_log VALUES (NEW.group_id, NEW.contact_id, 1, cohort_reason ());"
                            "END;"
                            "CREATE TEMP TRIGGER IF NOT EXISTS delta_left AFTER DELETE ON main.memberships BEGIN"
                            "  INSERT INTO delta_log VALUES (OLD.group_id, OLD.contact_id, 0, cohort_reason ());"
                            "END;",
                            error);
}

/* A trigger runs a small program for every row: half a second for 500,000
 * rows. A writer that changes that many with a few set-based statements
 * logs them itself, with one INSERT … SELECT each, and drops the triggers
 * meanwhile; in its transaction, so a rollback brings them back too. */
gboolean
cohort_delta_suspend (CohortStore  *self,
                      GError      **error)
{
  return cohort_store_exec (self, "DROP TRIGGER IF EXISTS temp.delta_joined; DROP TRIGGER IF EXISTS temp.delta_left",
                            error);
}

void
cohort_delta_begin (CohortStore *self)
{
  cohort_store_get_delta_state (self)->reason = COHORT_REASON_MANUAL;
}

CohortReason
cohort_store_set_reason (CohortStore  *self,
                         CohortReason  reason)
{
  CohortDeltaState *state = cohort_store_get_delta_state (self);
  CohortReason previous = state->reason;

  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), previous);

  state->reason = reason;
  return previous;
}

gboolean
cohort_store_prepare_delta (CohortStore  *self,
                            GError      **error)
{
  CohortDeltaState *state = cohort_store_get_delta_state (self);

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (state->netted)
    return TRUE;
  /* Joins count +1 and leaves -1: a row's changes alternate, so the sum is
   * +1 (joined), -1 (left) or 0 (as before). The reason is that of the
   * last change (the bare column of max()). */
  if (!cohort_store_exec (self,
                          "DELETE FROM temp.delta;"
                          "INSERT INTO temp.delta (group_id, contact_id, joined, reason, reason_code) "
                          "SELECT group_id, contact_id, net > 0, cohort_reason_name (reason), reason "
                          "FROM (SELECT group_id, contact_id, sum (2 * joined - 1) AS net, max (rowid), reason "
                          "      FROM temp.delta_log GROUP BY group_id, contact_id) "
                          "WHERE net <> 0",
                          error))
    return FALSE;
  state->netted = TRUE;
  return TRUE;
}

gboolean
cohort_delta_publish (CohortStore  *self,
                      GError      **error)
{
  CohortDeltaState *state = cohort_store_get_delta_state (self);

  /* With no consumer the log is only dropped: netting half a million
   * rows would be work for no one. */
  if (state->consumers->len > 0)
    {
      gint64 any = cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM temp.delta_log)", error);

      if (any < 0)
        return FALSE;
      if (any == 1)
        {
          state->netted = FALSE;
          for (guint i = 0; i < state->consumers->len; i++)
            {
              Consumer *consumer = &g_array_index (state->consumers, Consumer, i);

              if (!consumer->consumer (self, consumer->user_data, error))
                return FALSE;
            }
        }
    }
  state->netted = FALSE;
  return cohort_store_exec (self, "DELETE FROM temp.delta_log; DELETE FROM temp.delta", error);
}

void
cohort_delta_inherit_consumers (CohortStore *sibling,
                                CohortStore *parent)
{
  GArray *from = cohort_store_get_delta_state (parent)->consumers;

  for (guint i = 0; i < from->len; i++)
    {
      Consumer entry = g_array_index (from, Consumer, i);

      /* The parent keeps the data: it outlives its workers' connections. */
      entry.user_data_free = NULL;
      g_array_append_val (cohort_store_get_delta_state (sibling)->consumers, entry);
    }
}

void
cohort_store_add_delta_consumer (CohortStore         *self,
                                 CohortDeltaConsumer  consumer,
                                 gpointer             user_data,
                                 GDestroyNotify       user_data_free)
{
  Consumer entry = { consumer, user_data, user_data_free };

  g_return_if_fail (COHORT_IS_STORE (self));
  g_return_if_fail (consumer != NULL);

  g_array_append_val (cohort_store_get_delta_state (self)->consumers, entry);
}

void
cohort_store_remove_delta_consumer (CohortStore         *self,
                                    CohortDeltaConsumer  consumer,
                                    gpointer             user_data)
{
  GArray *consumers;

  g_return_if_fail (COHORT_IS_STORE (self));

  consumers = cohort_store_get_delta_state (self)->consumers;
  for (guint i = 0; i < consumers->len; i++)
    {
      Consumer *entry = &g_array_index (consumers, Consumer, i);

      if (entry->consumer == consumer && entry->user_data == user_data)
        {
          g_array_remove_index (consumers, i);
          return;
        }
    }
}
