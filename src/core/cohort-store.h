/* cohort-store.h — the SQLite database behind Cohort
 *
 * One CohortStore is one connection. It is not thread-safe: a worker thread
 * opens its own store on the same path (cohort_store_open_sibling()); SQLite's
 * WAL mode lets it write while the other connection keeps reading.
 *
 * Every mutating call is one transaction and leaves every dynamic group's
 * membership correct for the contacts it touched before it returns (SPEC §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cohort-account.h"
#include "cohort-condition.h"
#include "cohort-contact.h"
#include "cohort-group.h"

G_BEGIN_DECLS

#define COHORT_SCHEMA_VERSION 5

#define COHORT_TYPE_STORE (cohort_store_get_type ())
G_DECLARE_FINAL_TYPE (CohortStore, cohort_store, COHORT, STORE, GObject)

/* What one mutation did to group memberships, for "joined X, left Y" toasts. */
typedef struct
{
  GArray *joined;   /* gint64 group ids the contact(s) joined */
  GArray *left;     /* gint64 group ids the contact(s) left */
} CohortMembershipChanges;

CohortMembershipChanges *cohort_membership_changes_new  (void);
void                     cohort_membership_changes_free (CohortMembershipChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortMembershipChanges, cohort_membership_changes_free)

/* $XDG_DATA_HOME/cohort/cohort.db */
char          *cohort_store_default_path        (void);

/* Opens or creates the database; @path NULL is the default path. Creates the
 * folder (0700) and file (0600), migrates an older schema after copying the
 * file to PATH.bak-vN, refuses a newer one. */
CohortStore   *cohort_store_open                (const char   *path,
                                                 GError      **error);
/* A second connection to the same file with the same clock and time zone. */
CohortStore   *cohort_store_open_sibling        (CohortStore  *self,
                                                 GError      **error);
const char    *cohort_store_get_path            (CohortStore  *self);

/* The clock conditions and timestamps use: the real one, or a fixed instant
 * (cohort-cli --now). @now_unix < 0 restores the real clock. */
void           cohort_store_set_now             (CohortStore  *self,
                                                 gint64        now_unix);
gint64         cohort_store_get_now             (CohortStore  *self);
/* The zone for date-times written without an offset (cohort-cli --timezone). */
void           cohort_store_set_timezone        (CohortStore  *self,
                                                 GTimeZone    *tz);
GTimeZone     *cohort_store_get_timezone        (CohortStore  *self);

/* Counts changes made by any connection; cheap to poll. */
gint64         cohort_store_get_data_version    (CohortStore  *self);

/* ---- contacts ---------------------------------------------------------- */

CohortContact *cohort_store_get_contact         (CohortStore  *self,
                                                 gint64        id,
                                                 GError      **error);
CohortContact *cohort_store_find_contact        (CohortStore  *self,
                                                 const char   *email,
                                                 GError      **error);
/* Inserts (id 0) or updates the contact with its tags, custom fields and
 * account, then re-evaluates every dynamic group for it. */
gboolean       cohort_store_save_contact        (CohortStore              *self,
                                                 CohortContact            *contact,
                                                 CohortMembershipChanges **out_changes,
                                                 GError                  **error);
gboolean       cohort_store_delete_contacts     (CohortStore  *self,
                                                 const gint64 *ids,
                                                 guint         n_ids,
                                                 GError      **error);
/* SPEC §1 merge: activities and manual memberships move to the parent, empty
 * parent fields are filled from the child, tags are united; the child stays
 * with merged_into set and is in no group. */
gboolean       cohort_store_merge_contacts      (CohortStore  *self,
                                                 gint64        parent_id,
                                                 gint64        child_id,
                                                 GError      **error);
gint64         cohort_store_count_contacts      (CohortStore  *self,
                                                 GError      **error);
/* The group ids the contact is a member of. */
GArray        *cohort_store_list_contact_groups (CohortStore  *self,
                                                 gint64        contact_id,
                                                 GError      **error);

/* How a contact is in one group, for its page. */
typedef struct
{
  gint64    group_id;
  gboolean  manual;     /* in a static group by hand */
  char     *account;    /* the account it is in a static group through, or NULL */
  gint64    added_at;
} CohortMembership;

void           cohort_membership_free           (CohortMembership *membership);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortMembership, cohort_membership_free)

/* The contact's CohortMemberships, ordered by group id. */
GPtrArray     *cohort_store_list_contact_memberships (CohortStore  *self,
                                                      gint64        contact_id,
                                                      GError      **error);
/* Every custom field key in use, sorted. */
GStrv          cohort_store_list_custom_keys    (CohortStore  *self,
                                                 GError      **error);
/* Every activity type in use, sorted. */
GStrv          cohort_store_list_activity_types (CohortStore  *self,
                                                 GError      **error);
/* The distinct values of a text or tag @field of the condition catalog
 * ("country", "tag", "custom.source", "account.industry", …), most frequent
 * first, at most @limit; values that differ only in case are one, spelt as
 * one of them. One aggregate query (a million contacts are counted, not
 * loaded): run it off the main thread. Empty for a field of another type. */
GStrv          cohort_store_list_field_values   (CohortStore  *self,
                                                 const char   *field,
                                                 guint         limit,
                                                 GError      **error);

/* ---- accounts ---------------------------------------------------------- */

CohortAccount *cohort_store_find_account        (CohortStore   *self,
                                                 const char    *name,
                                                 GError       **error);
gboolean       cohort_store_save_account        (CohortStore   *self,
                                                 CohortAccount *account,
                                                 GError       **error);
GPtrArray     *cohort_store_list_accounts       (CohortStore   *self,
                                                 GError       **error);

/* ---- activities -------------------------------------------------------- */

gboolean       cohort_store_add_activity        (CohortStore  *self,
                                                 gint64        contact_id,
                                                 const char   *type,
                                                 gint64        occurred_at,
                                                 const char   *detail,
                                                 GError      **error);

/* ---- groups ------------------------------------------------------------ */

/* Creates the group; a dynamic group (condition set on @group) is populated
 * before this returns. Sets the id. */
gboolean       cohort_store_create_group        (CohortStore  *self,
                                                 CohortGroup  *group,
                                                 GError      **error);
/* Saves name, description and colour. */
gboolean       cohort_store_update_group        (CohortStore  *self,
                                                 CohortGroup  *group,
                                                 GError      **error);
gboolean       cohort_store_delete_group        (CohortStore  *self,
                                                 gint64        group_id,
                                                 GError      **error);
CohortGroup   *cohort_store_get_group           (CohortStore  *self,
                                                 gint64        group_id,
                                                 GError      **error);
CohortGroup   *cohort_store_find_group          (CohortStore  *self,
                                                 const char   *code,
                                                 GError      **error);
/* CohortGroup objects ordered by name, archived ones included. */
GPtrArray     *cohort_store_list_groups         (CohortStore  *self,
                                                 GError      **error);
/* Like cohort_store_list_groups(); without @include_archived, what the
 * sidebar and the condition editor offer. */
GPtrArray     *cohort_store_list_groups_full    (CohortStore  *self,
                                                 gboolean      include_archived,
                                                 GError      **error);

/* SPEC §10 group management. Each is one transaction.
 *
 * A copy has the kind, description, colour, condition and schedule (with a
 * new random slot) of @group_id; a static copy has the same members and
 * accounts, a dynamic copy is populated from its condition. @name NULL
 * names it "Copy of …". Sets @out_id (nullable) to the new group's id. */
gboolean       cohort_store_copy_group          (CohortStore  *self,
                                                 gint64        group_id,
                                                 const char   *new_code,
                                                 const char   *name,
                                                 gint64       *out_id,
                                                 GError      **error);
/* The current members of dynamic @group_id become a new static group,
 * members by hand. @name NULL names it "… (frozen)". */
gboolean       cohort_store_freeze_group        (CohortStore  *self,
                                                 gint64        group_id,
                                                 const char   *new_code,
                                                 const char   *name,
                                                 gint64       *out_id,
                                                 GError      **error);
/* Static @from_id's members and accounts join static @into_id (a contact
 * in both keeps the earlier added_at and both ways in), then @from_id is
 * deleted; refused while other groups' conditions reference @from_id.
 * @out_joined (nullable): how many contacts joined @into_id. */
gboolean       cohort_store_merge_groups        (CohortStore  *self,
                                                 gint64        into_id,
                                                 gint64        from_id,
                                                 gint64       *out_joined,
                                                 GError      **error);
/* An archived group keeps its members and stays up to date; it is only
 * left out of cohort_store_list_groups_full (…, FALSE, …). */
gboolean       cohort_store_set_group_archived  (CohortStore  *self,
                                                 gint64        group_id,
                                                 gboolean      archived,
                                                 GError      **error);

/* Validates @condition against the catalog and the existing groups (unknown
 * groups and cycles are refused), stores it and marks the group as needing
 * recalculation; members stay as they are. */
gboolean       cohort_store_set_group_condition (CohortStore     *self,
                                                 gint64           group_id,
                                                 CohortCondition *condition,
                                                 GError         **error);

/* Static groups only. */
gboolean       cohort_store_add_members         (CohortStore  *self,
                                                 gint64        group_id,
                                                 const gint64 *contact_ids,
                                                 guint         n_ids,
                                                 GError      **error);
gboolean       cohort_store_remove_members      (CohortStore  *self,
                                                 gint64        group_id,
                                                 const gint64 *contact_ids,
                                                 guint         n_ids,
                                                 GError      **error);
/* Like cohort_store_remove_members(); @out_removed (nullable) receives how
 * many contacts left the group: a member through an account stays one. */
gboolean       cohort_store_remove_members_counted (CohortStore  *self,
                                                    gint64        group_id,
                                                    const gint64 *contact_ids,
                                                    guint         n_ids,
                                                    gint64       *out_removed,
                                                    GError      **error);

/* What removing contacts from a static group would do: members by hand
 * leave; members through an account stay until the account is removed. */
typedef struct
{
  GArray    *leaving;       /* contact ids */
  GArray    *staying;       /* contact ids, members through an account */
  GPtrArray *accounts;      /* the CohortAccounts they stay through, each once */
  char      *staying_name;  /* the display name of the first who stays */
} CohortRemovalPlan;

void               cohort_removal_plan_free  (CohortRemovalPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CohortRemovalPlan, cohort_removal_plan_free)

/* @contact_ids NULL plans the removal of every member. */
CohortRemovalPlan *cohort_store_plan_removal (CohortStore   *self,
                                              gint64         group_id,
                                              const gint64  *contact_ids,
                                              guint          n_ids,
                                              GError       **error);

gboolean       cohort_store_add_group_account   (CohortStore  *self,
                                                 gint64        group_id,
                                                 gint64        account_id,
                                                 GError      **error);
gboolean       cohort_store_remove_group_account (CohortStore *self,
                                                  gint64       group_id,
                                                  gint64       account_id,
                                                  GError     **error);
/* CohortAccount objects added to the static group. */
GPtrArray     *cohort_store_list_group_accounts (CohortStore  *self,
                                                 gint64        group_id,
                                                 GError      **error);

/* Turns the daily schedule on (picking a random 02:00–06:00 slot with
 * @rand, or g_random when NULL) or off. */
gboolean       cohort_store_set_group_schedule  (CohortStore  *self,
                                                 gint64        group_id,
                                                 gboolean      scheduled,
                                                 GRand        *rand,
                                                 GError      **error);

/* Records that the scheduled slot @slot_time (Unix seconds) has run. */
gboolean       cohort_store_set_group_schedule_last_run (CohortStore *self,
                                                         gint64       group_id,
                                                         gint64       slot_time,
                                                         GError     **error);

/* Member contact ids in ascending order. */
GArray        *cohort_store_list_member_ids     (CohortStore  *self,
                                                 gint64        group_id,
                                                 GError      **error);

G_END_DECLS
