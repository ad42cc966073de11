/* cohort-campaign.h — campaigns that include and exclude groups (SPEC §8)
 *
 * A campaign's audience is one SQL statement over the memberships: the
 * eligible contacts (not merged, active, with an email address for email or
 * a phone number for SMS) in at least one included group and in no
 * excluded group, each once, `via` the first included group (in the
 * campaign's order) that holds them. Starting enrols the audience and
 * queues one message per enrolment in the outbox, in one transaction.
 *
 * While a campaign runs, enrolment follows the membership delta
 * (cohort-delta.h): a contact who joins one of its included dynamic groups
 * and is then in the audience is enrolled, and a message queued, in the
 * transaction of the change that made them join. Static groups are fixed
 * lists: joining one enrols nobody; cohort_store_campaign_enrol() does, on
 * purpose. Leaving a group never removes an enrolment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *channel;     /* "email" or "sms" */
  char   *status;      /* "draft", "running", "paused" or "finished" */
  char   *subject;
  char   *body;
  GStrv   included;    /* group codes, in order */
  GStrv   excluded;
  gint64  created_at;
  gint64  started_at;  /* 0: not yet */
  gint64  finished_at;
  gint64  n_enrolled;
} CohortCampaign;

void            cohort_campaign_free          (CohortCampaign *campaign);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortCampaign, cohort_campaign_free)

/* Makes the store enrol into running campaigns as contacts join their
 * included dynamic groups. cohort_store_open() calls it. */
void            cohort_campaign_attach        (CohortStore     *store);

/* Checks a template's merge fields (SPEC §9): {{first_name}},
 * {{last_name}}, {{email}}, {{company}}, {{custom.KEY}}, each with an
 * optional fallback ({{first_name|there}}). An unknown field or an
 * unclosed {{ is COHORT_ERROR_INVALID naming it and its position. */
gboolean        cohort_template_check         (const char      *text,
                                               GError         **error);

/* Fields left NULL are not changed by cohort_store_set_campaign(); in
 * cohort_store_create_campaign() @name and @included are required. */
typedef struct
{
  const char         *name;
  const char         *channel;
  const char * const *included;
  const char * const *excluded;
  const char         *subject;
  const char         *body;
} CohortCampaignFields;

gboolean        cohort_store_create_campaign  (CohortStore                 *store,
                                               const char                  *code,
                                               const CohortCampaignFields  *fields,
                                               GError                     **error);
gboolean        cohort_store_set_campaign     (CohortStore                 *store,
                                               const char                  *code,
                                               const CohortCampaignFields  *fields,
                                               GError                     **error);
gboolean        cohort_store_delete_campaign  (CohortStore                 *store,
                                               const char                  *code,
                                               GError                     **error);
CohortCampaign *cohort_store_get_campaign     (CohortStore                 *store,
                                               const char                  *code,
                                               GError                     **error);
GPtrArray      *cohort_store_list_campaigns   (CohortStore                 *store,
                                               GError                     **error);

typedef enum
{
  COHORT_CAMPAIGN_START,    /* draft → running, enrols the audience */
  COHORT_CAMPAIGN_PAUSE,    /* running → paused: no enrolment, messages held */
  COHORT_CAMPAIGN_RESUME,   /* paused → running, enrols who joined its dynamic groups meanwhile */
  COHORT_CAMPAIGN_FINISH,   /* → finished for good: queued messages cancelled */
  COHORT_CAMPAIGN_ENROL,    /* running: enrols the audience not yet enrolled */
} CohortCampaignAction;

/* @out_enrolled (nullable): how many contacts the action enrolled. A
 * change the status does not allow is COHORT_ERROR_INVALID saying so. */
gboolean        cohort_store_campaign_act     (CohortStore                 *store,
                                               const char                  *code,
                                               CohortCampaignAction         action,
                                               gint64                      *out_enrolled,
                                               GError                     **error);

typedef struct
{
  gint64  contact_id;
  char   *email;
  char   *phone;
  char   *name;
  char   *via;          /* the group's code */
  gint64  enrolled_at;  /* 0 in an audience */
} CohortCampaignMember;

void            cohort_campaign_member_free   (CohortCampaignMember *member);

/* Who would be enrolled now, or who is enrolled; by email. */
GPtrArray      *cohort_store_campaign_audience (CohortStore   *store,
                                                const char    *code,
                                                GError       **error);
GPtrArray      *cohort_store_campaign_enrolments (CohortStore *store,
                                                  const char  *code,
                                                  GError     **error);

typedef struct
{
  char   *via;       /* a group's code; NULL for the total */
  gint64  enrolled;
  gint64  sent;
  gint64  opened;    /* distinct contacts with an email_open whose detail is the code, after sending */
  gint64  clicked;
} CohortCampaignStats;

void            cohort_campaign_stats_free    (CohortCampaignStats *stats);

/* One row per included group, in order, then the total. */
GPtrArray      *cohort_store_campaign_stats   (CohortStore   *store,
                                               const char    *code,
                                               GError       **error);

/* The codes of the draft, running or paused campaigns that use @group_id,
 * joined with ", " ("" for none): such a group cannot be deleted. */
char           *cohort_store_dup_campaigns_using (CohortStore *store,
                                                  gint64       group_id,
                                                  GError     **error);

G_END_DECLS
