/* cohort-outbox.c — outbox, response messages, keyword opt-in (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cohort-campaign.h"
#include "cohort-error.h"
#include "cohort-import-private.h"
#include "cohort-outbox.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* ---- templates ----------------------------------------------------------- */

static const char *
field_value (CohortContact *contact,
             const char    *field)
{
  if (g_str_equal (field, "first_name"))
    return cohort_contact_get_text (contact, COHORT_CONTACT_FIRST_NAME);
  if (g_str_equal (field, "last_name"))
    return cohort_contact_get_text (contact, COHORT_CONTACT_LAST_NAME);
  if (g_str_equal (field, "email"))
    return cohort_contact_get_email (contact);
  if (g_str_equal (field, "company"))
    return cohort_contact_get_account_name (contact);
  if (g_str_has_prefix (field, "custom."))
    return cohort_contact_get_custom_field (contact, field + strlen ("custom."));
  return NULL;
}

char *
cohort_template_render (const char    *text,
                        CohortContact *contact)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close = open != NULL ? strstr (open + 2, "}}") : NULL;
      g_autofree char *inner = NULL;
      const char *fallback = "";
      const char *value;
      char *bar;

      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      inner = g_strndup (open + 2, close - open - 2);
      if ((bar = strchr (inner, '|')) != NULL)
        {
          *bar = '\0';
          fallback = g_strstrip (bar + 1);
        }
      value = field_value (contact, g_strstrip (inner));
      g_string_append (out, value != NULL && *value != '\0' ? value : fallback);
      p = close + 2;
    }
  return g_string_free (out, FALSE);
}

/* ---- response messages ---------------------------------------------------- */

/* The consumer: who joined a group with a response message, and is
 * eligible for its channel, gets one. */
static gboolean
queue_responses (CohortStore  *self,
                 gpointer      user_data,
                 GError      **error)
{
  gint64 any = cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM groups WHERE response_body IS NOT NULL)",
                                         error);

  if (any <= 0)
    return any == 0;
  return cohort_store_prepare_delta (self, error) &&
         cohort_store_run (self,
                           "INSERT INTO messages (contact_id, channel, recipient, subject, body, group_id, "
                           "  state, created_at) "
                           "SELECT c.id, g.response_channel, "
                           "  CASE g.response_channel WHEN 'email' THEN c.email ELSE c.phone END, "
                           "  g.response_subject, g.response_body, g.id, 'queued', ?1 "
                           "FROM temp.delta d CROSS JOIN groups g ON g.id = d.group_id "
                           "CROSS JOIN contacts c ON c.id = d.contact_id "
                           "WHERE d.joined = 1 AND g.response_body IS NOT NULL "
                           "AND " COHORT_SQL_ELIGIBLE ("g.response_channel"),
                           cohort_store_get_now (self), 0, NULL, error);
}

void
cohort_outbox_attach (CohortStore *store)
{
  g_return_if_fail (COHORT_IS_STORE (store));
  cohort_store_add_delta_consumer (store, queue_responses, NULL, NULL);
}

gboolean
cohort_store_set_group_response (CohortStore  *self,
                                 gint64        group_id,
                                 const char   *channel,
                                 const char   *subject,
                                 const char   *body,
                                 GError      **error)
{
  sqlite3_stmt *stmt;
  gsize length;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (channel == NULL)
    channel = "email";
  if (!g_str_equal (channel, "email") && !g_str_equal (channel, "sms"))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("“%s” is not a channel: use email or sms"), channel);
      return FALSE;
    }
  if (body != NULL && cohort_text_trim (body, &length) == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("The response message is empty"));
      return FALSE;
    }
  if ((subject != NULL && !cohort_template_check (subject, error)) ||
      (body != NULL && !cohort_template_check (body, error)))
    return FALSE;

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_require_group (self, group_id, FALSE, error))
    goto fail;
  stmt = cohort_store_prepare (self,
                               "UPDATE groups SET response_channel = ?2, response_subject = ?3, response_body = ?4 "
                               "WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, body != NULL ? channel : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body != NULL ? subject : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  if (!cohort_store_step_done (self, stmt, error) || !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

static const char * const stop_words[] = { "stop", "unsubscribe", "cancel", "end", "quit", NULL };
static const char * const start_words[] = { "start", "unstop", NULL };

gboolean
cohort_store_set_group_keyword (CohortStore  *self,
                                gint64        group_id,
                                const char   *word,
                                GError      **error)
{
  g_autofree char *clean = word != NULL ? cohort_text_clean (word) : NULL;
  g_autofree char *fold = clean != NULL ? cohort_text_fold (clean) : NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (word != NULL && (clean == NULL || strpbrk (clean, " \t\r\n") != NULL))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("A keyword is one word, not “%s”"), word);
      return FALSE;
    }
  if (fold != NULL && (g_strv_contains (stop_words, fold) || g_strv_contains (start_words, fold)))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” cannot be a keyword: it unsubscribes or subscribes whoever sends it"), clean);
      return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!cohort_store_require_group (self, group_id, word != NULL, error))
    goto fail;
  stmt = cohort_store_prepare (self, "UPDATE groups SET keyword = ?2, keyword_fold = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fold, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("Another group has the keyword “%s” already"), clean);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      goto fail;
    }
  if (!cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

/* ---- keyword opt-in -------------------------------------------------------- */

typedef struct
{
  int        from, text, received_at;
  GTimeZone *tz;
} OptinColumns;

/* The contact who sent from @sender (an email address or a phone number),
 * or 0; merged contacts count as the one they were merged into. */
static gint64
find_sender (CohortStore  *self,
             const char   *sender,
             gboolean      is_email,
             GError      **error)
{
  g_autofree char *fold = cohort_text_fold (sender);
  g_autoptr(GString) digits = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  for (const char *p = sender; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 0))
      g_string_append_c (digits, *p);
  stmt = cohort_store_prepare (self,
                               is_email
                               ? "SELECT coalesce (merged_into, id) FROM contacts WHERE email_fold = ?1"
                               : "SELECT coalesce (merged_into, id) FROM contacts WHERE phone IS NOT NULL AND "
                                 "replace (replace (replace (replace (replace (phone, ' ', ''), '-', ''), '(', ''), "
                                 "')', ''), '/', '') = ?1 ORDER BY merged_into IS NOT NULL, id LIMIT 1",
                               error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, is_email ? fold : digits->str, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return -1;
    }
  return id;
}

static gboolean
set_status (CohortStore   *self,
            gint64         contact_id,
            const char    *status,
            gboolean      *out_changed,
            GError       **error)
{
  gint64 changed = 0;

  if (!cohort_store_run (self, status[0] == 'a'
                               ? "UPDATE contacts SET status = 'active', updated_at = ?2 "
                                 "WHERE id = ?1 AND status <> 'active'"
                               : "UPDATE contacts SET status = 'unsubscribed', updated_at = ?2 "
                                 "WHERE id = ?1 AND status <> 'unsubscribed'",
                         contact_id, cohort_store_get_now (self), &changed, error) ||
      (changed > 0 && !cohort_store_touch (self, contact_id, error)))
    return FALSE;
  *out_changed = changed > 0;
  return TRUE;
}

static gboolean
import_optin_row (CohortStore         *self,
                  CohortImportSource  *source,
                  char               **cells,
                  guint                n,
                  gpointer             user_data,
                  CohortImportReport  *report,
                  GError             **error)
{
  OptinColumns *cols = user_data;
  g_autofree char *sender = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) words = NULL;
  const char *text;
  gint64 received_at, contact_id, group_id = 0, seen = 0;
  gboolean is_email, changed = FALSE;
  sqlite3_stmt *stmt;

  if ((int) n <= MAX (cols->from, MAX (cols->text, cols->received_at)) ||
      (sender = cohort_text_clean (cells[cols->from])) == NULL)
    {
      cohort_import_report_row (report, source, _("expected from,text,received_at"));
      report->rejected++;
      return TRUE;
    }
  if (!cohort_datetime_parse (cells[cols->received_at], cols->tz, &received_at, &local))
    {
      cohort_import_report_row (report, source, "received_at: %s", local->message);
      report->rejected++;
      return TRUE;
    }
  text = cells[cols->text] != NULL ? cells[cols->text] : "";

  /* Read before: nothing to do again. */
  stmt = cohort_store_prepare (self, "INSERT OR IGNORE INTO optins_seen (sender, received_at, text) VALUES (?1, ?2, ?3)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sender, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, received_at);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (cohort_store_get_db (self)) == 0)
    {
      report->skipped++;
      return TRUE;
    }

  words = g_regex_split_simple ("[\\s[:punct:]]+", text, 0, 0);
  for (guint i = 0; words[i] != NULL && first == NULL; i++)
    if (*words[i] != '\0')
      first = cohort_text_fold (words[i]);
  is_email = strchr (sender, '@') != NULL;
  if ((contact_id = find_sender (self, sender, is_email, error)) < 0)
    return FALSE;

  if (first != NULL && (g_strv_contains (stop_words, first) || g_strv_contains (start_words, first)))
    {
      if (contact_id == 0)
        {
          cohort_import_report_row (report, source, _("%s is not a contact: “%s” changed nothing"), sender, text);
          report->skipped++;
          return TRUE;
        }
      if (!set_status (self, contact_id, g_strv_contains (stop_words, first) ? "unsubscribed" : "active",
                       &changed, error))
        return FALSE;
      if (changed)
        report->updated++;
      return TRUE;
    }

  if (first != NULL)
    {
      stmt = cohort_store_prepare (self, "SELECT id FROM groups WHERE keyword_fold = ?1 AND kind = 'static'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        group_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (group_id == 0)
    {
      cohort_import_report_row (report, source, _("“%s” from %s is not a keyword, STOP or START: nothing changed"), text, sender);
      report->skipped++;
      return TRUE;
    }

  if (contact_id == 0)
    {
      stmt = cohort_store_prepare (self,
                                   is_email
                                   ? "INSERT INTO contacts (email, email_fold, created_at, updated_at) "
                                     "VALUES (?1, ?2, ?3, ?3)"
                                   : "INSERT INTO contacts (phone, phone_fold, created_at, updated_at) "
                                     "VALUES (?1, ?2, ?3, ?3)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      {
        g_autofree char *fold = cohort_text_fold (sender);

        sqlite3_bind_text (stmt, 1, sender, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, fold, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
        if (!cohort_store_step_done (self, stmt, error))
          return FALSE;
      }
      contact_id = sqlite3_last_insert_rowid (cohort_store_get_db (self));
      report->created++;
      changed = TRUE;
    }

  stmt = cohort_store_prepare (self,
                               "INSERT INTO memberships (group_id, contact_id, manual, added_at) VALUES (?1, ?2, 1, ?3) "
                               "ON CONFLICT (group_id, contact_id) DO NOTHING",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;
  seen = sqlite3_changes (cohort_store_get_db (self));
  if (!cohort_store_run (self, "INSERT OR IGNORE INTO temp.recount (id) VALUES (?1)", group_id, 0, NULL, error) ||
      !cohort_store_touch (self, contact_id, error))
    return FALSE;
  if (!changed && seen > 0)
    report->updated++;
  return TRUE;
}

gboolean
cohort_import_optins (CohortStore         *self,
                      const char          *path,
                      CohortImportReport  *report,
                      GError             **error)
{
  g_autoptr(CohortImportSource) source = NULL;
  OptinColumns cols = { -1, -1, -1, cohort_store_get_timezone (self) };
  char **header;
  guint n_header;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!(source = cohort_import_open (path, NULL, FALSE, &header, &n_header, error)))
    return FALSE;
  cohort_import_source_report (source, report);
  cols.from = cohort_import_find_column (header, n_header, "from");
  cols.text = cohort_import_find_column (header, n_header, "text");
  cols.received_at = cohort_import_find_column (header, n_header, "received_at");
  if (cols.from < 0 || cols.text < 0 || cols.received_at < 0)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("%s:%u: expected the header from,text,received_at"),
                   cohort_import_source_get_name (source), cohort_import_source_get_line (source));
      return FALSE;
    }

  if (!cohort_store_begin (self, error))
    return FALSE;
  /* Joins by keyword; settling afterwards says "condition" for itself. */
  cohort_store_set_reason (self, COHORT_REASON_KEYWORD);
  if (!cohort_import_for_each_row (self, source, n_header, NULL, import_optin_row, &cols, report, error) ||
      !cohort_store_recount_groups (self, error) ||
      !cohort_store_settle_touched (self, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      report->created = report->updated = 0;
      return FALSE;
    }
  return TRUE;
}

/* ---- the outbox ------------------------------------------------------------ */

void
cohort_message_free (CohortMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->channel);
  g_free (message->recipient);
  g_free (message->subject);
  g_free (message->body);
  g_free (message->origin);
  g_free (message->state);
  g_free (message->reason);
  g_free (message);
}

GPtrArray *
cohort_store_list_messages (CohortStore  *self,
                            const char   *state,
                            GError      **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_message_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self,
                               "SELECT m.id, m.channel, m.recipient, m.subject, m.body, "
                               "  CASE WHEN k.code IS NOT NULL THEN 'campaign:' || k.code "
                               "       WHEN g.code IS NOT NULL THEN 'group:' || g.code ELSE '' END, "
                               "  m.state, m.reason, m.attempts, m.created_at, coalesce (m.sent_at, 0) "
                               "FROM messages m LEFT JOIN campaigns k ON k.id = m.campaign_id "
                               "LEFT JOIN groups g ON g.id = m.group_id "
                               "WHERE ?1 IS NULL OR m.state = ?1 ORDER BY m.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortMessage *m = g_new0 (CohortMessage, 1);

      m->id = sqlite3_column_int64 (stmt, 0);
      m->channel = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m->recipient = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      m->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      m->body = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      m->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      m->state = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      m->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      m->attempts = sqlite3_column_int (stmt, 8);
      m->created_at = sqlite3_column_int64 (stmt, 9);
      m->sent_at = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (messages, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&messages);
}

/* Queued messages that cannot leave any more are skipped, with why. */
static gboolean
skip_ineligible (CohortStore  *self,
                 GError      **error)
{
  return cohort_store_exec (self,
                            "UPDATE messages SET state = 'skipped', reason = CASE "
                            "  WHEN c.id IS NULL THEN 'the contact was deleted' "
                            "  WHEN c.merged_into IS NOT NULL THEN 'the contact was merged into another' "
                            "  WHEN c.status <> 'active' THEN 'the contact is ' || c.status "
                            "  WHEN messages.channel = 'email' AND coalesce (c.email, '') = '' "
                            "    THEN 'the contact has no email address' "
                            "  WHEN messages.channel = 'sms' AND coalesce (c.phone, '') = '' "
                            "    THEN 'the contact has no phone number' "
                            "  ELSE 'the contact is in a group the campaign excludes' END "
                            "FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id "
                            "WHERE messages.id = m.id AND m.state = 'queued' AND ("
                            "  c.id IS NULL OR c.merged_into IS NOT NULL OR c.status <> 'active' "
                            "  OR (m.channel = 'email' AND coalesce (c.email, '') = '') "
                            "  OR (m.channel = 'sms' AND coalesce (c.phone, '') = '') "
                            "  OR EXISTS (SELECT 1 FROM campaign_groups x CROSS JOIN memberships xm "
                            "    ON xm.group_id = x.group_id AND xm.contact_id = c.id "
                            "    WHERE x.campaign_id = m.campaign_id AND x.included = 0))",
                            error);
}

/* "Subject: " with a non-ASCII text as RFC 2047 encoded words. */
static void
append_header (GString    *out,
               const char *name,
               const char *value)
{
  gboolean ascii = TRUE;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || *p == '\r' || *p == '\n')
      ascii = FALSE;
  if (ascii)
    {
      g_string_append_printf (out, "%s: %s\n", name, value);
      return;
    }
  {
    g_autofree char *encoded = g_base64_encode ((const guchar *) value, strlen (value));

    g_string_append_printf (out, "%s: =?UTF-8?B?%s?=\n", name, encoded);
  }
}

/* "Tue, 08 Dec 2026 01:29:25 +0000", in English whatever the locale. */
static char *
rfc5322_date (gint64 unix_time)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (date) - 1], g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                          g_date_time_get_hour (date), g_date_time_get_minute (date),
                          g_date_time_get_second (date));
}

gboolean
cohort_outbox_export (CohortStore         *self,
                      const char          *channel,
                      CohortOutboxFormat   format,
                      gboolean             mark_sent,
                      GOutputStream       *out,
                      guint               *out_n,
                      GError             **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 now = cohort_store_get_now (self);
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!skip_ineligible (self, error))
    goto fail;

  if (format == COHORT_OUTBOX_CSV)
    {
      const char *header[] = { "to", "subject", "body" };
      cohort_csv_append_row (text, header, G_N_ELEMENTS (header));
    }
  /* A paused campaign's messages wait. */
  stmt = cohort_store_prepare (self,
                               "SELECT m.id, m.contact_id, m.channel, m.recipient, m.subject, m.body "
                               "FROM messages m LEFT JOIN campaigns k ON k.id = m.campaign_id "
                               "WHERE m.state = 'queued' AND (?1 IS NULL OR m.channel = ?1) "
                               "AND coalesce (k.status, 'running') = 'running' ORDER BY m.id",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(CohortContact) contact = cohort_store_get_contact (self, sqlite3_column_int64 (stmt, 1), NULL);
      const char *recipient = (const char *) sqlite3_column_text (stmt, 3);
      const char *subject = (const char *) sqlite3_column_text (stmt, 4);
      const char *body = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *rendered_subject = NULL;
      g_autofree char *rendered_body = NULL;

      if (contact == NULL)
        continue;
      rendered_subject = cohort_template_render (subject != NULL ? subject : "", contact);
      rendered_body = cohort_template_render (body != NULL ? body : "", contact);
      if (format == COHORT_OUTBOX_CSV)
        {
          const char *row[] = { recipient, rendered_subject, rendered_body };
          cohort_csv_append_row (text, row, G_N_ELEMENTS (row));
        }
      else
        {
          g_autofree char *date = rfc5322_date (now);
          g_auto(GStrv) lines = g_strsplit (rendered_body, "\n", -1);

          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);

          /* mbox: lines end in LF; the "From " line carries the date as
           * asctime() writes it ("Tue Dec  8 01:29:25 2026"). */
          g_string_append_printf (text, "From cohort@localhost %.3s %.3s %2d %02d:%02d:%02d %04d\n",
                                  date, date + 8, g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                                  g_date_time_get_minute (utc), g_date_time_get_second (utc),
                                  g_date_time_get_year (utc));
          g_string_append_printf (text, "Message-ID: <cohort-%" G_GINT64_FORMAT "@localhost>\n", id);
          g_string_append_printf (text, "Date: %s\n", date);
          g_string_append_printf (text, "To: %s\n", recipient);
          append_header (text, "Subject", rendered_subject);
          g_string_append (text, "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                                 "Content-Transfer-Encoding: 8bit\n\n");
          /* mboxrd: a body line that begins with "From " is quoted. The
           * text after a final newline is no line. */
          for (guint i = 0; lines[i] != NULL; i++)
            if (lines[i + 1] != NULL || *lines[i] != '\0')
              g_string_append_printf (text, "%s%s\n", g_str_has_prefix (lines[i], "From ") ? ">" : "", lines[i]);
          g_string_append_c (text, '\n');
        }
      g_array_append_val (ids, id);
      if (text->len > 256 * 1024)
        {
          if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error))
            {
              sqlite3_reset (stmt);
              goto fail;
            }
          g_string_truncate (text, 0);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      goto fail;
    }
  if (!g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error) ||
      !g_output_stream_flush (out, NULL, error))
    goto fail;

  /* The same messages as written: nothing else changed meanwhile. */
  if (mark_sent)
    {
      stmt = cohort_store_prepare (self,
                                   "UPDATE messages SET state = 'sent', sent_at = ?2, attempts = attempts + 1 "
                                   "WHERE state = 'queued' AND (?1 IS NULL OR channel = ?1) "
                                   "AND coalesce ((SELECT k.status FROM campaigns k WHERE k.id = campaign_id), "
                                   "              'running') = 'running'",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, channel, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!cohort_store_step_done (self, stmt, error))
        goto fail;
    }
  if (!cohort_store_commit (self, error))
    goto fail;
  if (out_n != NULL)
    *out_n = ids->len;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}
