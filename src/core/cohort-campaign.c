/* cohort-campaign.c — campaigns, their audience and enrolment (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cohort-campaign.h"
#include "cohort-error.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* For a contact c and a campaign k. */
#define ELIGIBLE COHORT_SQL_ELIGIBLE ("k.channel")

/* Not in any excluded group of k. */
#define NOT_EXCLUDED \
  "NOT EXISTS (SELECT 1 FROM campaign_groups x CROSS JOIN memberships xm " \
  "  ON xm.group_id = x.group_id AND xm.contact_id = c.id " \
  "  WHERE x.campaign_id = k.id AND x.included = 0)"

/* The first included group of k, in its order, that holds c. */
#define VIA \
  "(SELECT v.group_id FROM campaign_groups v CROSS JOIN memberships vm " \
  "  ON vm.group_id = v.group_id AND vm.contact_id = c.id " \
  "  WHERE v.campaign_id = k.id AND v.included = 1 ORDER BY v.position LIMIT 1)"

/* The audience of campaign ?1 as (contact_id, via). */
#define AUDIENCE \
  "SELECT c.id AS contact_id, " VIA " AS via FROM campaigns k CROSS JOIN contacts c " \
  "WHERE k.id = ?1 AND c.id IN (SELECT im.contact_id FROM campaign_groups i CROSS JOIN memberships im " \
  "  ON im.group_id = i.group_id WHERE i.campaign_id = ?1 AND i.included = 1) " \
  "AND " ELIGIBLE " AND " NOT_EXCLUDED

void
cohort_campaign_free (CohortCampaign *campaign)
{
  if (campaign == NULL)
    return;
  g_free (campaign->code);
  g_free (campaign->name);
  g_free (campaign->channel);
  g_free (campaign->status);
  g_free (campaign->subject);
  g_free (campaign->body);
  g_strfreev (campaign->included);
  g_strfreev (campaign->excluded);
  g_free (campaign);
}

void
cohort_campaign_member_free (CohortCampaignMember *member)
{
  if (member == NULL)
    return;
  g_free (member->email);
  g_free (member->phone);
  g_free (member->name);
  g_free (member->via);
  g_free (member);
}

void
cohort_campaign_stats_free (CohortCampaignStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->via);
  g_free (stats);
}

/* ---- templates ----------------------------------------------------------- */

gboolean
cohort_template_check (const char  *text,
                       GError     **error)
{
  static const char * const fields[] = { "first_name", "last_name", "email", "company", NULL };
  const char *p = text;

  while (p != NULL && (p = strstr (p, "{{")) != NULL)
    {
      const char *end = strstr (p + 2, "}}");
      g_autofree char *inner = NULL;
      char *bar;
      glong position = g_utf8_pointer_to_offset (text, p) + 1;

      if (end == NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The template has a “{{” without “}}” at character %ld"), position);
          return FALSE;
        }
      inner = g_strstrip (g_strndup (p + 2, end - p - 2));
      if ((bar = strchr (inner, '|')) != NULL)
        *bar = '\0';
      g_strstrip (inner);
      if (!g_strv_contains (fields, inner) &&
          !(g_str_has_prefix (inner, "custom.") && inner[strlen ("custom.")] != '\0'))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The template uses the unknown field “%s” at character %ld (known: first_name, last_name, email, company, custom.KEY)"),
                       inner, position);
          return FALSE;
        }
      p = end + 2;
    }
  return TRUE;
}

/* ---- reading -------------------------------------------------------------- */

static gint64
find_id (CohortStore  *self,
         const char   *code,
         GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self, "SELECT id FROM campaigns WHERE code = ?", error);
  gint64 id = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("No campaign has the code “%s”"), code);
  else
    cohort_store_set_error (self, error);
  sqlite3_reset (stmt);
  return id;
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GStrv
group_codes (CohortStore  *self,
             gint64        campaign_id,
             gboolean      included,
             GError      **error)
{
  sqlite3_stmt *stmt = cohort_store_prepare (self,
                                             "SELECT g.code FROM campaign_groups cg CROSS JOIN groups g "
                                             "ON g.id = cg.group_id WHERE cg.campaign_id = ?1 AND cg.included = ?2 "
                                             "ORDER BY cg.position",
                                             error);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_int (stmt, 2, included ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (codes, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (codes);
}

static CohortCampaign *
read_campaign (CohortStore   *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(CohortCampaign) campaign = g_new0 (CohortCampaign, 1);

  campaign->id = sqlite3_column_int64 (stmt, 0);
  campaign->code = dup_text (stmt, 1);
  campaign->name = dup_text (stmt, 2);
  campaign->channel = dup_text (stmt, 3);
  campaign->status = dup_text (stmt, 4);
  campaign->subject = dup_text (stmt, 5);
  campaign->body = dup_text (stmt, 6);
  campaign->created_at = sqlite3_column_int64 (stmt, 7);
  campaign->started_at = sqlite3_column_int64 (stmt, 8);
  campaign->finished_at = sqlite3_column_int64 (stmt, 9);
  campaign->n_enrolled = sqlite3_column_int64 (stmt, 10);
  return g_steal_pointer (&campaign);
}

#define CAMPAIGN_COLUMNS \
  "SELECT k.id, k.code, k.name, k.channel, k.status, k.subject, k.body, k.created_at, " \
  "coalesce (k.started_at, 0), coalesce (k.finished_at, 0), " \
  "(SELECT count(*) FROM enrolments e WHERE e.campaign_id = k.id) FROM campaigns k "

static gboolean
fill_groups (CohortStore     *self,
             CohortCampaign  *campaign,
             GError         **error)
{
  return (campaign->included = group_codes (self, campaign->id, TRUE, error)) != NULL &&
         (campaign->excluded = group_codes (self, campaign->id, FALSE, error)) != NULL;
}

CohortCampaign *
cohort_store_get_campaign (CohortStore  *self,
                           const char   *code,
                           GError      **error)
{
  g_autoptr(CohortCampaign) campaign = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self, CAMPAIGN_COLUMNS "WHERE k.code = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    campaign = read_campaign (self, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, COHORT_ERROR, COHORT_ERROR_NOT_FOUND, _("No campaign has the code “%s”"), code);
  else
    cohort_store_set_error (self, error);
  sqlite3_reset (stmt);
  if (campaign == NULL || !fill_groups (self, campaign, error))
    return NULL;
  return g_steal_pointer (&campaign);
}

GPtrArray *
cohort_store_list_campaigns (CohortStore  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_campaign_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  stmt = cohort_store_prepare (self, CAMPAIGN_COLUMNS "ORDER BY k.code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (campaigns, read_campaign (self, stmt, error));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < campaigns->len; i++)
    if (!fill_groups (self, g_ptr_array_index (campaigns, i), error))
      return NULL;
  return g_steal_pointer (&campaigns);
}

/* ---- writing -------------------------------------------------------------- */

static gboolean
check_code (const char  *code,
            GError     **error)
{
  if (code == NULL || *code == '\0' || strspn (code, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen (code))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” cannot be a campaign code: use lower-case letters, digits, “-” and “_”"),
                   code != NULL ? code : "");
      return FALSE;
    }
  return TRUE;
}

/* The groups of @codes in order, @included or not, after those already
 * there (@position). */
static gboolean
add_groups (CohortStore         *self,
            gint64               campaign_id,
            const char * const  *codes,
            gboolean             included,
            GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autoptr(CohortGroup) group = cohort_store_find_group (self, codes[i], error);
      sqlite3_stmt *stmt;
      int rc;

      if (group == NULL)
        return FALSE;
      stmt = cohort_store_prepare (self,
                                   "INSERT INTO campaign_groups (campaign_id, group_id, included, position) "
                                   "VALUES (?1, ?2, ?3, (SELECT count(*) FROM campaign_groups WHERE campaign_id = ?1))",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, campaign_id);
      sqlite3_bind_int64 (stmt, 2, cohort_group_get_id (group));
      sqlite3_bind_int (stmt, 3, included ? 1 : 0);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("The group “%s” is named twice (a group is either included or excluded)"), codes[i]);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        return cohort_store_set_error (self, error);
    }
  return TRUE;
}

static gboolean
write_fields (CohortStore                 *self,
              gint64                       campaign_id,
              const CohortCampaignFields  *fields,
              GError                     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *clean_name = fields->name != NULL ? cohort_text_clean (fields->name) : NULL;

  if (fields->name != NULL && clean_name == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("A campaign needs a name"));
      return FALSE;
    }
  if (fields->channel != NULL && !g_str_equal (fields->channel, "email") && !g_str_equal (fields->channel, "sms"))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is not a channel: use email or sms"), fields->channel);
      return FALSE;
    }
  if ((fields->subject != NULL && !cohort_template_check (fields->subject, error)) ||
      (fields->body != NULL && !cohort_template_check (fields->body, error)))
    return FALSE;

  stmt = cohort_store_prepare (self,
                               "UPDATE campaigns SET name = coalesce (?2, name), channel = coalesce (?3, channel), "
                               "subject = coalesce (?4, subject), body = coalesce (?5, body) WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  sqlite3_bind_text (stmt, 2, fields->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, fields->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, fields->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, fields->body, -1, SQLITE_TRANSIENT);
  if (!cohort_store_step_done (self, stmt, error))
    return FALSE;

  if (fields->included != NULL || fields->excluded != NULL)
    {
      /* Named again: both lists are replaced, keeping the other as it was. */
      g_auto(GStrv) included = NULL;
      g_auto(GStrv) excluded = NULL;

      if (!(included = group_codes (self, campaign_id, TRUE, error)) ||
          !(excluded = group_codes (self, campaign_id, FALSE, error)) ||
          !cohort_store_run (self, "DELETE FROM campaign_groups WHERE campaign_id = ?1", campaign_id, 0, NULL, error) ||
          !add_groups (self, campaign_id,
                       fields->included != NULL ? fields->included : (const char * const *) included, TRUE, error) ||
          !add_groups (self, campaign_id,
                       fields->excluded != NULL ? fields->excluded : (const char * const *) excluded, FALSE, error))
        return FALSE;
    }
  {
    g_autoptr(GArray) included = cohort_store_query_ids (self,
                                                         "SELECT group_id FROM campaign_groups "
                                                         "WHERE campaign_id = ? AND included = 1",
                                                         campaign_id, error);
    if (included == NULL)
      return FALSE;
    if (included->len == 0)
      {
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("A campaign needs at least one included group"));
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
cohort_store_create_campaign (CohortStore                 *self,
                              const char                  *code,
                              const CohortCampaignFields  *fields,
                              GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!check_code (code, error))
    return FALSE;
  if (fields->name == NULL)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("A campaign needs a name"));
      return FALSE;
    }
  if (!cohort_store_begin (self, error))
    return FALSE;
  stmt = cohort_store_prepare (self, "INSERT INTO campaigns (code, name, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, fields->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, cohort_store_get_now (self));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, _("A campaign with the code “%s” exists already"), code);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      goto fail;
    }
  if (!write_fields (self, sqlite3_last_insert_rowid (cohort_store_get_db (self)), fields, error) ||
      !cohort_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

gboolean
cohort_store_set_campaign (CohortStore                 *self,
                           const char                  *code,
                           const CohortCampaignFields  *fields,
                           GError                     **error)
{
  gint64 id;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if ((id = find_id (self, code, error)) < 0 || !write_fields (self, id, fields, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
cohort_store_delete_campaign (CohortStore  *self,
                              const char   *code,
                              GError      **error)
{
  gint64 id;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if ((id = find_id (self, code, error)) < 0 ||
      !cohort_store_run (self, "DELETE FROM campaigns WHERE id = ?1", id, 0, NULL, error) ||
      !cohort_store_commit (self, error))
    {
      cohort_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ---- enrolment ------------------------------------------------------------ */

/* Enrols temp.new_enrolments and queues one message each. */
static gboolean
enrol_new (CohortStore  *self,
           gint64       *out_enrolled,
           GError      **error)
{
  gint64 now = cohort_store_get_now (self);
  gint64 n = 0;

  if (!cohort_store_run (self,
                         "INSERT OR IGNORE INTO enrolments (campaign_id, contact_id, via_group_id, enrolled_at) "
                         "SELECT campaign_id, contact_id, via, ?1 FROM temp.new_enrolments",
                         now, 0, &n, error) ||
      !cohort_store_run (self,
                         "INSERT INTO messages (contact_id, channel, recipient, subject, body, campaign_id, "
                         "  state, created_at) "
                         "SELECT c.id, k.channel, CASE k.channel WHEN 'email' THEN c.email ELSE c.phone END, "
                         "  k.subject, k.body, k.id, 'queued', ?1 "
                         "FROM temp.new_enrolments n CROSS JOIN campaigns k ON k.id = n.campaign_id "
                         "CROSS JOIN contacts c ON c.id = n.contact_id",
                         now, 0, NULL, error) ||
      !cohort_store_exec (self, "DELETE FROM temp.new_enrolments", error))
    return FALSE;
  if (out_enrolled != NULL)
    *out_enrolled = n;
  return TRUE;
}

/* The consumer of the membership delta: contacts who joined an included
 * dynamic group of a running campaign and are now in its audience. */
static gboolean
enrol_joined (CohortStore  *self,
              gpointer      user_data,
              GError      **error)
{
  gint64 running = cohort_store_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM campaigns WHERE status = 'running')",
                                             error);

  if (running <= 0)
    return running == 0;
  return cohort_store_prepare_delta (self, error) &&
         cohort_store_exec (self,
                            "INSERT OR IGNORE INTO temp.new_enrolments (campaign_id, contact_id, via) "
                            "SELECT k.id, c.id, " VIA " FROM temp.delta d "
                            "CROSS JOIN campaign_groups cg ON cg.group_id = d.group_id AND cg.included = 1 "
                            "CROSS JOIN campaigns k ON k.id = cg.campaign_id "
                            "CROSS JOIN groups g ON g.id = d.group_id "
                            "CROSS JOIN contacts c ON c.id = d.contact_id "
                            "WHERE d.joined = 1 AND k.status = 'running' AND g.kind = 'dynamic' "
                            "AND " ELIGIBLE " AND " NOT_EXCLUDED " "
                            "AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = k.id AND e.contact_id = c.id)",
                            error) &&
         enrol_new (self, NULL, error);
}

void
cohort_campaign_attach (CohortStore *store)
{
  g_return_if_fail (COHORT_IS_STORE (store));
  cohort_store_add_delta_consumer (store, enrol_joined, NULL, NULL);
}

static const char * const action_names[] = { "start", "pause", "resume", "finish", "enrol" };

gboolean
cohort_store_campaign_act (CohortStore           *self,
                           const char            *code,
                           CohortCampaignAction   action,
                           gint64                *out_enrolled,
                           GError               **error)
{
  /* The status each action needs, and the one it leaves. */
  static const struct { const char *from; const char *to; } moves[] = {
    [COHORT_CAMPAIGN_START] = { "draft", "running" },
    [COHORT_CAMPAIGN_PAUSE] = { "running", "paused" },
    [COHORT_CAMPAIGN_RESUME] = { "paused", "running" },
    [COHORT_CAMPAIGN_FINISH] = { NULL, "finished" },
    [COHORT_CAMPAIGN_ENROL] = { "running", "running" },
  };
  g_autoptr(CohortCampaign) campaign = NULL;
  gint64 now = cohort_store_get_now (self);
  gint64 enrolled = 0;
  gboolean ok;

  g_return_val_if_fail (COHORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (action <= COHORT_CAMPAIGN_ENROL, FALSE);

  if (!cohort_store_begin (self, error))
    return FALSE;
  if (!(campaign = cohort_store_get_campaign (self, code, error)))
    goto fail;
  if ((moves[action].from != NULL && !g_str_equal (campaign->status, moves[action].from)) ||
      (action == COHORT_CAMPAIGN_FINISH && g_str_equal (campaign->status, "finished")))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   /* Translators: "Cannot start “spring”: it is running" */
                   _("Cannot %s “%s”: it is %s"), action_names[action], code, campaign->status);
      goto fail;
    }

  switch (action)
    {
    case COHORT_CAMPAIGN_START:
    case COHORT_CAMPAIGN_ENROL:
      ok = cohort_store_run (self,
                             "INSERT OR IGNORE INTO temp.new_enrolments (campaign_id, contact_id, via) "
                             "SELECT ?1, a.contact_id, a.via FROM (" AUDIENCE ") a "
                             "WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = ?1 "
                             "  AND e.contact_id = a.contact_id)",
                             campaign->id, 0, NULL, error) &&
           enrol_new (self, &enrolled, error);
      break;
    case COHORT_CAMPAIGN_RESUME:
      /* Those who joined an included dynamic group while it was paused. */
      ok = cohort_store_run (self,
                             "INSERT OR IGNORE INTO temp.new_enrolments (campaign_id, contact_id, via) "
                             "SELECT ?1, a.contact_id, a.via FROM (" AUDIENCE ") a "
                             "WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = ?1 "
                             "  AND e.contact_id = a.contact_id) "
                             "AND EXISTS (SELECT 1 FROM campaign_groups r CROSS JOIN groups rg ON rg.id = r.group_id "
                             "  CROSS JOIN memberships rm ON rm.group_id = r.group_id AND rm.contact_id = a.contact_id "
                             "  WHERE r.campaign_id = ?1 AND r.included = 1 AND rg.kind = 'dynamic' "
                             "  AND rm.added_at >= (SELECT coalesce (paused_at, 0) FROM campaigns WHERE id = ?1))",
                             campaign->id, 0, NULL, error) &&
           enrol_new (self, &enrolled, error);
      break;
    case COHORT_CAMPAIGN_FINISH:
      ok = cohort_store_run (self,
                             "UPDATE messages SET state = 'cancelled', reason = 'the campaign was finished' "
                             "WHERE campaign_id = ?1 AND state = 'queued'",
                             campaign->id, 0, NULL, error);
      break;
    case COHORT_CAMPAIGN_PAUSE:
    default:
      ok = TRUE;
      break;
    }

  if (ok && action != COHORT_CAMPAIGN_ENROL)
    ok = cohort_store_run (self,
                           action == COHORT_CAMPAIGN_START
                           ? "UPDATE campaigns SET status = 'running', started_at = ?2 WHERE id = ?1"
                           : action == COHORT_CAMPAIGN_PAUSE
                           ? "UPDATE campaigns SET status = 'paused', paused_at = ?2 WHERE id = ?1"
                           : action == COHORT_CAMPAIGN_RESUME
                           ? "UPDATE campaigns SET status = 'running', paused_at = NULL WHERE id = ?1"
                           : "UPDATE campaigns SET status = 'finished', finished_at = ?2 WHERE id = ?1",
                           campaign->id, now, NULL, error);
  if (!ok || !cohort_store_commit (self, error))
    goto fail;
  if (out_enrolled != NULL)
    *out_enrolled = enrolled;
  return TRUE;

fail:
  cohort_store_rollback (self);
  return FALSE;
}

/* ---- audience, enrolments, statistics -------------------------------------- */

static GPtrArray *
list_members (CohortStore  *self,
              sqlite3_stmt *stmt,
              gint64        campaign_id,
              GError      **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_campaign_member_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, campaign_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortCampaignMember *member = g_new0 (CohortCampaignMember, 1);

      member->contact_id = sqlite3_column_int64 (stmt, 0);
      member->email = dup_text (stmt, 1);
      member->phone = dup_text (stmt, 2);
      member->name = dup_text (stmt, 3);
      member->via = dup_text (stmt, 4);
      member->enrolled_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (members, member);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&members);
}

#define MEMBER_COLUMNS \
  "SELECT c.id, c.email, c.phone, trim (coalesce (c.first_name, '') || ' ' || coalesce (c.last_name, '')), g.code, "

GPtrArray *
cohort_store_campaign_audience (CohortStore  *self,
                                const char   *code,
                                GError      **error)
{
  gint64 id;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if ((id = find_id (self, code, error)) < 0)
    return NULL;
  return list_members (self,
                       cohort_store_prepare (self,
                                             MEMBER_COLUMNS "0 FROM (" AUDIENCE ") a "
                                             "CROSS JOIN contacts c ON c.id = a.contact_id "
                                             "LEFT JOIN groups g ON g.id = a.via ORDER BY c.email_fold, c.id",
                                             error),
                       id, error);
}

GPtrArray *
cohort_store_campaign_enrolments (CohortStore  *self,
                                  const char   *code,
                                  GError      **error)
{
  gint64 id;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if ((id = find_id (self, code, error)) < 0)
    return NULL;
  return list_members (self,
                       cohort_store_prepare (self,
                                             MEMBER_COLUMNS "e.enrolled_at FROM enrolments e "
                                             "CROSS JOIN contacts c ON c.id = e.contact_id "
                                             "LEFT JOIN groups g ON g.id = e.via_group_id "
                                             "WHERE e.campaign_id = ?1 ORDER BY c.email_fold, c.id",
                                             error),
                       id, error);
}

GPtrArray *
cohort_store_campaign_stats (CohortStore  *self,
                             const char   *code,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cohort_campaign_stats_free);
  CohortCampaignStats *total = g_new0 (CohortCampaignStats, 1);
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (COHORT_IS_STORE (self), NULL);

  if ((id = find_id (self, code, error)) < 0)
    {
      cohort_campaign_stats_free (total);
      return NULL;
    }

  /* Every included group has a row, in the campaign's order; opened and
   * clicked count distinct contacts whose activity names the campaign and
   * came after their message was sent. */
  stmt = cohort_store_prepare (self,
                               "SELECT g.code, count(e.contact_id), "
                               "  coalesce (sum (s.sent_at IS NOT NULL), 0), "
                               "  coalesce (sum (s.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM activities a "
                               "    WHERE a.contact_id = e.contact_id AND a.type = 'email_open' "
                               "    AND a.detail = k.code AND a.occurred_at >= s.sent_at)), 0), "
                               "  coalesce (sum (s.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM activities a "
                               "    WHERE a.contact_id = e.contact_id AND a.type = 'email_click' "
                               "    AND a.detail = k.code AND a.occurred_at >= s.sent_at)), 0) "
                               "FROM campaigns k CROSS JOIN campaign_groups cg ON cg.campaign_id = k.id "
                               "CROSS JOIN groups g ON g.id = cg.group_id "
                               "LEFT JOIN enrolments e ON e.campaign_id = k.id AND e.via_group_id = cg.group_id "
                               "LEFT JOIN (SELECT contact_id, min(sent_at) AS sent_at FROM messages "
                               "           WHERE campaign_id = ?1 AND state = 'sent' GROUP BY contact_id) s "
                               "  ON s.contact_id = e.contact_id "
                               "WHERE k.id = ?1 AND cg.included = 1 GROUP BY cg.group_id ORDER BY cg.position",
                               error);
  if (stmt == NULL)
    {
      cohort_campaign_stats_free (total);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CohortCampaignStats *row = g_new0 (CohortCampaignStats, 1);

      row->via = dup_text (stmt, 0);
      row->enrolled = sqlite3_column_int64 (stmt, 1);
      row->sent = sqlite3_column_int64 (stmt, 2);
      row->opened = sqlite3_column_int64 (stmt, 3);
      row->clicked = sqlite3_column_int64 (stmt, 4);
      total->enrolled += row->enrolled;
      total->sent += row->sent;
      total->opened += row->opened;
      total->clicked += row->clicked;
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  g_ptr_array_add (rows, total);
  if (rc != SQLITE_DONE)
    {
      cohort_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

char *
cohort_store_dup_campaigns_using (CohortStore  *self,
                                  gint64        group_id,
                                  GError      **error)
{
  g_auto(GStrv) codes = cohort_store_query_strings (self,
                                                    "SELECT DISTINCT k.code FROM campaign_groups cg "
                                                    "CROSS JOIN campaigns k ON k.id = cg.campaign_id "
                                                    "WHERE cg.group_id = ?1 AND k.status <> 'finished' ORDER BY k.code",
                                                    group_id, error);

  return codes != NULL ? g_strjoinv (", ", codes) : NULL;
}
