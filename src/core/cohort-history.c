/* cohort-history.c — group history: events and daily rows (SPEC §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cohort-history.h"
#include "cohort-store-private.h"

#define DAY_SECONDS 86400

/* "2026-01-31": the local day of @unix_time in the store's zone. */
static char *
local_day (CohortStore *store,
           gint64       unix_time)
{
  GTimeZone *tz = cohort_store_get_timezone (store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("1970-01-01");
  local = tz != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The consumer: runs in the transaction of every change with temp.delta
 * filled. Rows for a group deleted in that transaction are passed over:
 * its history goes with it. */
static gboolean
record_history (CohortStore  *store,
                gpointer      user_data,
                GError      **error)
{
  gint64 now = cohort_store_get_now (store);
  g_autofree char *day = local_day (store, now);
  sqlite3_stmt *stmt;

  if (!cohort_store_prepare_delta (store, error))
    return FALSE;
  if (!cohort_store_run (store,
                         "INSERT INTO membership_events (group_id, contact_id, at, joined, reason) "
                         "SELECT d.group_id, d.contact_id, ?1, d.joined, d.reason_code FROM temp.delta d "
                         "WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = d.group_id)",
                         now, 0, NULL, error))
    return FALSE;

  /* The members at this moment are the members at the end of the day
   * until the next change: the counts are settled before publishing. A
   * clock set back writes to the group's latest day instead, so that the
   * last row always holds the members now. */
  stmt = cohort_store_prepare (store,
                               "INSERT INTO group_days (group_id, day, members, n_joined, n_left) "
                               "SELECT d.group_id, max (?1, coalesce ((SELECT max (x.day) FROM group_days x "
                               "                                        WHERE x.group_id = d.group_id), ?1)), "
                               "  g.member_count, sum (d.joined), sum (1 - d.joined) "
                               "FROM temp.delta d CROSS JOIN groups g ON g.id = d.group_id WHERE true "
                               "GROUP BY d.group_id "
                               "ON CONFLICT (group_id, day) DO UPDATE SET members = excluded.members, "
                               "n_joined = n_joined + excluded.n_joined, n_left = n_left + excluded.n_left",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  if (!cohort_store_step_done (store, stmt, error))
    return FALSE;

  /* Old single events go, group by group, as each group changes. */
  return cohort_store_run (store,
                           "DELETE FROM membership_events WHERE at < ?1 "
                           "AND group_id IN (SELECT DISTINCT group_id FROM temp.delta)",
                           now - (gint64) COHORT_HISTORY_EVENT_DAYS * DAY_SECONDS, 0, NULL, error);
}

void
cohort_history_attach (CohortStore *store)
{
  g_return_if_fail (COHORT_IS_STORE (store));
  cohort_store_add_delta_consumer (store, record_history, NULL, NULL);
}

void
cohort_history_day_free (CohortHistoryDay *day)
{
  if (day == NULL)
    return;
  g_free (day->day);
  g_free (day);
}

static CohortHistoryDay *
day_new (const GDate *date,
         gint64       members,
         gint64       joined,
         gint64       left)
{
  CohortHistoryDay *day = g_new0 (CohortHistoryDay, 1);
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  day->day = g_strdup (text);
  day->members = members;
  day->joined = joined;
  day->left = left;
  return day;
}

static gboolean
parse_day (const char *text,
           GDate      *out_date)
{
  unsigned year, month, day;

  g_date_clear (out_date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

GPtrArray *
cohort_history_list_days (CohortStore  *store,
                          gint64        group_id,
                          gint64        since,
                          GError      **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_history_day_free);
  g_autofree char *since_day = local_day (store, since);
  g_autofree char *today_text = local_day (store, cohort_store_get_now (store));
  sqlite3_stmt *stmt;
  GDate date, today, row_date;
  gint64 members = 0;
  gboolean started = FALSE;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);

  if (!cohort_store_require_group (store, group_id, FALSE, error))
    return NULL;
  parse_day (today_text, &today);
  parse_day (since_day, &date);

  /* The members before @since: those of the last row before it. */
  stmt = cohort_store_prepare (store,
                               "SELECT members FROM group_days WHERE group_id = ?1 AND day < ?2 "
                               "ORDER BY day DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, since_day, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      members = sqlite3_column_int64 (stmt, 0);
      started = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cohort_store_set_error (store, error);
      return NULL;
    }

  stmt = cohort_store_prepare (store,
                               "SELECT day, members, n_joined, n_left FROM group_days "
                               "WHERE group_id = ?1 AND day >= ?2 ORDER BY day",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, since_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!parse_day ((const char *) sqlite3_column_text (stmt, 0), &row_date))
        continue;
      /* Without a row before, the list begins with the first row. */
      if (!started)
        {
          date = row_date;
          started = TRUE;
        }
      for (; g_date_compare (&date, &row_date) < 0; g_date_add_days (&date, 1))
        g_ptr_array_add (days, day_new (&date, members, 0, 0));
      members = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (days, day_new (&date, members, sqlite3_column_int64 (stmt, 2),
                                      sqlite3_column_int64 (stmt, 3)));
      g_date_add_days (&date, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (store, error);
      return NULL;
    }

  /* A clock set back may leave rows after "today": they were listed. */
  if (started)
    for (; g_date_compare (&date, &today) <= 0; g_date_add_days (&date, 1))
      g_ptr_array_add (days, day_new (&date, members, 0, 0));
  return g_steal_pointer (&days);
}

void
cohort_history_event_free (CohortHistoryEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->group_code);
  g_free (event->group_name);
  g_free (event->email);
  g_free (event->name);
  g_free (event);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

#define EVENT_COLUMNS \
  "SELECT e.id, e.at, e.group_id, g.code, g.name, e.contact_id, c.email, " \
  "  trim (coalesce (c.first_name, '') || ' ' || coalesce (c.last_name, '')), " \
  "  e.joined, e.reason " \
  "FROM membership_events e CROSS JOIN groups g ON g.id = e.group_id " \
  "LEFT JOIN contacts c ON c.id = e.contact_id "

static GPtrArray *
read_events (CohortStore   *store,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_history_event_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortHistoryEvent *event = g_new0 (CohortHistoryEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = sqlite3_column_int64 (stmt, 1);
      event->group_id = sqlite3_column_int64 (stmt, 2);
      event->group_code = column_dup (stmt, 3);
      event->group_name = column_dup (stmt, 4);
      event->contact_id = sqlite3_column_int64 (stmt, 5);
      event->email = column_dup (stmt, 6);
      event->name = column_dup (stmt, 7);
      event->joined = sqlite3_column_int (stmt, 8) != 0;
      event->reason = (CohortReason) CLAMP (sqlite3_column_int (stmt, 9), COHORT_REASON_MANUAL, COHORT_REASON_DELETE);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

GPtrArray *
cohort_history_list_events (CohortStore  *store,
                            gint64        group_id,
                            gint64        contact_id,
                            gint64        since,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);

  if (group_id > 0 && !cohort_store_require_group (store, group_id, FALSE, error))
    return NULL;
  stmt = cohort_store_prepare (store,
                               group_id > 0
                               ? EVENT_COLUMNS "WHERE e.group_id = ?1 AND e.at >= ?2 ORDER BY e.at, e.id"
                               : EVENT_COLUMNS "WHERE e.contact_id = ?1 AND e.at >= ?2 ORDER BY e.at, e.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id > 0 ? group_id : contact_id);
  sqlite3_bind_int64 (stmt, 2, since);
  return read_events (store, stmt, error);
}

GPtrArray *
cohort_history_list_recent_events (CohortStore  *store,
                                   gint64        group_id,
                                   gint64        contact_id,
                                   int           reason,
                                   gint64        before_at,
                                   gint64        before_id,
                                   guint         limit,
                                   GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (reason >= -1 && reason <= COHORT_REASON_DELETE, NULL);

  if (group_id > 0 && !cohort_store_require_group (store, group_id, FALSE, error))
    return NULL;
  /* The row value walks the (group or contact, at, id) index backwards
   * from the cursor, reading no more rows than the page. */
  stmt = cohort_store_prepare (store,
                               group_id > 0
                               ? EVENT_COLUMNS "WHERE e.group_id = ?1 AND (e.at, e.id) < (?2, ?3) "
                                 "AND (?4 < 0 OR e.reason = ?4) ORDER BY e.at DESC, e.id DESC LIMIT ?5"
                               : EVENT_COLUMNS "WHERE e.contact_id = ?1 AND (e.at, e.id) < (?2, ?3) "
                                 "AND (?4 < 0 OR e.reason = ?4) ORDER BY e.at DESC, e.id DESC LIMIT ?5",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id > 0 ? group_id : contact_id);
  sqlite3_bind_int64 (stmt, 2, before_id > 0 ? before_at : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 3, before_id > 0 ? before_id : G_MAXINT64);
  sqlite3_bind_int (stmt, 4, reason);
  sqlite3_bind_int64 (stmt, 5, limit);
  return read_events (store, stmt, error);
}

/* The last 30 days: what joined and left after the day a month ago, and
 * the members at its end (or, with no row that old, at the start of the
 * first day the history knows). Only daily rows are read: cheap for any
 * group. */
static gboolean
read_last_30_days (CohortStore       *store,
                   gint64             group_id,
                   CohortGroupStats  *out_stats,
                   GError           **error)
{
  g_autofree char *month_ago = local_day (store, cohort_store_get_now (store) - 30 * DAY_SECONDS);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cohort_store_prepare (store,
                               "SELECT coalesce (sum (n_joined), 0), coalesce (sum (n_left), 0), "
                               "  coalesce ((SELECT members FROM group_days WHERE group_id = ?1 AND day <= ?2 "
                               "             ORDER BY day DESC LIMIT 1), "
                               "            (SELECT members - n_joined + n_left FROM group_days WHERE group_id = ?1 "
                               "             ORDER BY day LIMIT 1), 0) "
                               "FROM group_days WHERE group_id = ?1 AND day > ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, month_ago, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out_stats->joined_30_days = sqlite3_column_int64 (stmt, 0);
      out_stats->left_30_days = sqlite3_column_int64 (stmt, 1);
      out_stats->members_30_days_ago = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || cohort_store_set_error (store, error);
}

gboolean
cohort_history_get_stats (CohortStore       *store,
                          gint64             group_id,
                          CohortGroupStats  *out_stats,
                          GError           **error)
{
  g_autoptr(CohortGroup) group = NULL;
  gint64 now = cohort_store_get_now (store);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_stats != NULL, FALSE);

  memset (out_stats, 0, sizeof *out_stats);
  if (!(group = cohort_store_get_group (store, group_id, error)))
    return FALSE;
  out_stats->members = cohort_group_get_member_count (group);

  stmt = cohort_store_prepare (store,
                               "SELECT c.status, count(*), sum (m.manual), "
                               "  sum (m.manual = 0 AND m.account_id IS NOT NULL), "
                               "  sum (EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = c.id "
                               "    AND a.type IN ('email_open', 'email_click') AND a.occurred_at >= ?2)) "
                               "FROM memberships m CROSS JOIN contacts c ON c.id = m.contact_id "
                               "WHERE m.group_id = ?1 GROUP BY c.status",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, now - 90 * DAY_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortStatus status;

      if (cohort_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status))
        out_stats->by_status[status] = sqlite3_column_int64 (stmt, 1);
      out_stats->by_manual += sqlite3_column_int64 (stmt, 2);
      out_stats->by_account += sqlite3_column_int64 (stmt, 3);
      out_stats->engaged += sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cohort_store_set_error (store, error);
  if (cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC)
    {
      out_stats->by_condition = out_stats->members;
      out_stats->by_manual = out_stats->by_account = 0;
    }

  return read_last_30_days (store, group_id, out_stats, error);
}

gboolean
cohort_history_get_month_change (CohortStore       *store,
                                 gint64             group_id,
                                 CohortGroupStats  *out_stats,
                                 GError           **error)
{
  g_return_val_if_fail (COHORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_stats != NULL, FALSE);

  memset (out_stats, 0, sizeof *out_stats);
  return read_last_30_days (store, group_id, out_stats, error);
}
