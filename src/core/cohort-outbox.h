/* cohort-outbox.h — the outbox, group response messages and keyword opt-in
 * (SPEC §9)
 *
 * Every message Cohort will send waits in the outbox: one per campaign
 * enrolment (cohort-campaign.h) and one per contact who joins a group that
 * has a response message — queued by a consumer of the membership delta
 * (cohort-delta.h), in the transaction of the join, if the contact is
 * eligible then. Bodies are templates, rendered from the contact's data
 * when the message leaves. Nothing leaves until the user sends or exports
 * the outbox; then a message whose contact is no longer eligible, or has
 * joined one of its campaign's excluded groups, is skipped with that
 * reason, and the messages of a paused campaign wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cohort-import.h"
#include "cohort-store.h"

G_BEGIN_DECLS

/* Queues response messages as contacts join. cohort_store_open() calls it. */
void       cohort_outbox_attach              (CohortStore   *store);

/* @body NULL turns the group's response message off; otherwise @channel
 * ("email", the default, or "sms") and the templates are checked
 * (cohort_template_check()). Joins after this are answered. */
gboolean   cohort_store_set_group_response   (CohortStore   *store,
                                              gint64         group_id,
                                              const char    *channel,
                                              const char    *subject,
                                              const char    *body,
                                              GError       **error);
/* One word, unique among groups whatever its case, for a static group;
 * NULL turns it off. STOP, START and the other reserved words cannot be
 * keywords. */
gboolean   cohort_store_set_group_keyword    (CohortStore   *store,
                                              gint64         group_id,
                                              const char    *word,
                                              GError       **error);

/* Reads an inbound message log (from,text,received_at): a group's keyword
 * as first word adds the sender (found by email or phone, created if new)
 * to the group; STOP, UNSUBSCRIBE, CANCEL, END and QUIT unsubscribe;
 * START and UNSTOP subscribe again. In @report: created (new contacts),
 * updated (contacts whose group or status changed), skipped (rows read
 * before, and texts that are none of these — each named in messages, not
 * an error), rejected (rows that cannot be read). One transaction. */
gboolean   cohort_import_optins              (CohortStore         *store,
                                              const char          *path,
                                              CohortImportReport  *report,
                                              GError             **error);

/* Renders a template checked by cohort_template_check() for @contact
 * ({{company}} is its account's name). A field without a value takes its
 * fallback, or nothing. */
char      *cohort_template_render            (const char     *text,
                                              CohortContact  *contact);

typedef struct
{
  gint64  id;
  char   *channel;
  char   *recipient;
  char   *subject;     /* templates, as queued */
  char   *body;
  char   *origin;      /* "campaign:CODE" or "group:CODE" */
  char   *state;
  char   *reason;
  guint   attempts;
  gint64  created_at;
  gint64  sent_at;     /* 0: not sent */
} CohortMessage;

void       cohort_message_free               (CohortMessage *message);

/* The outbox, oldest first; only messages in @state unless NULL. */
GPtrArray *cohort_store_list_messages        (CohortStore   *store,
                                              const char    *state,
                                              GError       **error);

typedef enum
{
  COHORT_OUTBOX_CSV,    /* to,body — what SMS gateways read */
  COHORT_OUTBOX_MBOX,   /* one RFC 5322 message each */
} CohortOutboxFormat;

/* Writes the queued messages of @channel (NULL: both) that may leave now,
 * rendered, to @out; first skips, with the reason, those whose contact is
 * no longer eligible. With @mark_sent they are then marked sent (for the
 * user who sends them through another tool); otherwise they stay queued.
 * @out_n (nullable): how many were written. */
gboolean   cohort_outbox_export              (CohortStore         *store,
                                              const char          *channel,
                                              CohortOutboxFormat   format,
                                              gboolean             mark_sent,
                                              GOutputStream       *out,
                                              guint               *out_n,
                                              GError             **error);

G_END_DECLS
