/* cohort-schema.h — the SQL schema and its migrations
 *
 * Text that conditions compare is stored twice: as typed, for display, and
 * folded (cohort_text_fold()) in a *_fold column, NULL when empty. Times are
 * Unix seconds (UTC).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Version 1, as first released. Later versions are migrations from it, in
 * cohort-store.c, so a new database and a migrated one are the same. */
#define COHORT_SCHEMA_V1 \
  "CREATE TABLE accounts (" \
  "  id INTEGER PRIMARY KEY," \
  "  name TEXT NOT NULL," \
  "  name_fold TEXT NOT NULL UNIQUE," \
  "  industry TEXT," \
  "  industry_fold TEXT," \
  "  employees INTEGER);" \
  "CREATE TABLE contacts (" \
  "  id INTEGER PRIMARY KEY," \
  "  email TEXT, email_fold TEXT UNIQUE," \
  "  first_name TEXT, first_name_fold TEXT," \
  "  last_name TEXT, last_name_fold TEXT," \
  "  phone TEXT, phone_fold TEXT," \
  "  job_title TEXT, job_title_fold TEXT," \
  "  city TEXT, city_fold TEXT," \
  "  country TEXT, country_fold TEXT," \
  "  status TEXT NOT NULL DEFAULT 'active'" \
  "    CHECK (status IN ('active', 'inactive', 'unsubscribed', 'bounced'))," \
  "  score INTEGER," \
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL," \
  "  created_at INTEGER NOT NULL," \
  "  updated_at INTEGER NOT NULL," \
  "  last_activity_at INTEGER," \
  /* No foreign key: deleting a contact deletes its merged children \
   * itself, and the partial index stays small (almost all are NULL). */ \
  "  merged_into INTEGER);" \
  "CREATE INDEX contacts_account ON contacts (account_id);" \
  "CREATE INDEX contacts_merged ON contacts (merged_into) WHERE merged_into IS NOT NULL;" \
  "CREATE TABLE contact_tags (" \
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE," \
  "  tag_fold TEXT NOT NULL," \
  "  tag TEXT NOT NULL," \
  "  PRIMARY KEY (contact_id, tag_fold)) WITHOUT ROWID;" \
  "CREATE INDEX contact_tags_tag ON contact_tags (tag_fold, contact_id);" \
  "CREATE TABLE contact_fields (" \
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE," \
  "  key TEXT NOT NULL," \
  "  value TEXT NOT NULL," \
  "  value_fold TEXT NOT NULL," \
  "  PRIMARY KEY (contact_id, key)) WITHOUT ROWID;" \
  "CREATE TABLE activities (" \
  "  id INTEGER PRIMARY KEY," \
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE," \
  "  type TEXT NOT NULL," \
  "  occurred_at INTEGER NOT NULL," \
  "  detail TEXT);" \
  "CREATE INDEX activities_contact ON activities (contact_id, type, occurred_at);" \
  "CREATE INDEX activities_type ON activities (type, occurred_at, contact_id);" \
  "CREATE TABLE groups (" \
  "  id INTEGER PRIMARY KEY," \
  "  code TEXT NOT NULL UNIQUE CHECK (code <> '' AND code NOT GLOB '*[^a-z0-9_-]*')," \
  "  name TEXT NOT NULL," \
  "  description TEXT," \
  "  color TEXT," \
  "  kind TEXT NOT NULL CHECK (kind IN ('static', 'dynamic'))," \
  "  condition TEXT," \
  "  scheduled INTEGER NOT NULL DEFAULT 0," \
  "  schedule_minute INTEGER CHECK (schedule_minute BETWEEN 120 AND 359)," \
  "  needs_recalculation INTEGER NOT NULL DEFAULT 0," \
  "  last_recalculated_at INTEGER," \
  "  member_count INTEGER NOT NULL DEFAULT 0," \
  "  created_at INTEGER NOT NULL);" \
  "CREATE TABLE group_refs (" \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  ref_id INTEGER NOT NULL REFERENCES groups (id)," \
  "  PRIMARY KEY (group_id, ref_id)) WITHOUT ROWID;" \
  "CREATE INDEX group_refs_ref ON group_refs (ref_id);" \
  "CREATE TABLE group_accounts (" \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE," \
  "  added_at INTEGER NOT NULL," \
  "  PRIMARY KEY (group_id, account_id)) WITHOUT ROWID;" \
  "CREATE INDEX group_accounts_account ON group_accounts (account_id);" \
  /* One row per member. A static member is there by hand (manual = 1), by an \
   * account (account_id), or both; a dynamic member by its condition. */ \
  "CREATE TABLE memberships (" \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE," \
  "  manual INTEGER NOT NULL DEFAULT 0," \
  "  account_id INTEGER," \
  "  added_at INTEGER NOT NULL," \
  "  PRIMARY KEY (group_id, contact_id)) WITHOUT ROWID;" \
  "CREATE INDEX memberships_contact ON memberships (contact_id, group_id);" \
  /* Bumped on every change to groups or conditions, so each connection \
   * knows when its compiled conditions are stale. */ \
  "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;" \
  "INSERT INTO counters VALUES ('groups', 0);"


/* Version 2: the scheduler remembers which daily slot last ran, so a slot
 * never runs twice even across restarts; and a dynamic group keeps the
 * condition its members reflect (applied_condition) apart from an edited one
 * that waits for recalculation, so contacts that change meanwhile are judged
 * by the same rule as the members they join. */
#define COHORT_SCHEMA_V2 \
  "ALTER TABLE groups ADD COLUMN schedule_last_run INTEGER;" \
  "ALTER TABLE groups ADD COLUMN applied_condition TEXT;" \
  "UPDATE groups SET applied_condition = condition WHERE kind = 'dynamic';"

/* Version 3: the custom-field keys in use, so that the condition editor and
 * the export list them without reading every custom field of every contact
 * (contact_fields is keyed by contact; a million contacts have millions of
 * values but a handful of keys). */
#define COHORT_SCHEMA_V3 \
  "CREATE TABLE custom_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;" \
  "INSERT INTO custom_keys (key) SELECT DISTINCT key FROM contact_fields;"


/* Version 4: an archived group (archived_at set) is hidden from the sidebar
 * and from the condition editor's group list but keeps its members, its
 * history and its place in other groups' conditions. */
#define COHORT_SCHEMA_V4 \
  "ALTER TABLE groups ADD COLUMN archived_at INTEGER;"

/* Version 5: Undo of a bulk action (cohort-store-bulk.c). The contacts an
 * action really changed, and the status each had before, are kept here for
 * a while, so that Undo — run later, on another connection — changes back
 * exactly those, with one statement per table like the action itself.
 * Sets older than a day are dropped by the next action that keeps one. */
/*
 * And group history (SPEC §7, cohort-history.c): every join and leave as a
 * compact event (integer ids, 1 joined / 0 left, the reason as
 * CohortReason's number), kept 400 days; and per group and local day the
 * members at the end of the day and how many joined and left, kept for
 * ever. Both go with their group. A database upgraded to this version
 * starts its history today with each group's members as they are: no
 * invented past. */
#define COHORT_SCHEMA_V5 \
  "CREATE TABLE undo_sets (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL);" \
  "CREATE TABLE undo_contacts (set_id INTEGER NOT NULL, contact_id INTEGER NOT NULL," \
  "  old_status TEXT, PRIMARY KEY (set_id, contact_id)) WITHOUT ROWID;" \
  "CREATE TABLE membership_events (" \
  "  id INTEGER PRIMARY KEY," \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  contact_id INTEGER NOT NULL," \
  "  at INTEGER NOT NULL," \
  "  joined INTEGER NOT NULL," \
  "  reason INTEGER NOT NULL);" \
  "CREATE INDEX membership_events_group ON membership_events (group_id, at);" \
  "CREATE INDEX membership_events_contact ON membership_events (contact_id, at);" \
  "CREATE TABLE group_days (" \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  day TEXT NOT NULL," \
  "  members INTEGER NOT NULL," \
  "  n_joined INTEGER NOT NULL DEFAULT 0," \
  "  n_left INTEGER NOT NULL DEFAULT 0," \
  "  PRIMARY KEY (group_id, day)) WITHOUT ROWID;" \
  "INSERT INTO group_days (group_id, day, members) " \
  "  SELECT id, date ('now', 'localtime'), member_count FROM groups;" \
  COHORT_SCHEMA_V5_CAMPAIGNS

/* And campaigns (SPEC §8, cohort-campaign.c): the groups each includes (in
 * order) and excludes, who is enrolled and through which group, and the
 * outbox of queued messages (SPEC §9), one per enrolment. A group used by a
 * campaign is deleted only once those campaigns are finished; a finished
 * campaign then forgets it. */
#define COHORT_SCHEMA_V5_CAMPAIGNS \
  "CREATE TABLE campaigns (" \
  "  id INTEGER PRIMARY KEY," \
  "  code TEXT NOT NULL UNIQUE CHECK (code <> '' AND code NOT GLOB '*[^a-z0-9_-]*')," \
  "  name TEXT NOT NULL," \
  "  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'))," \
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'finished'))," \
  "  subject TEXT," \
  "  body TEXT," \
  "  created_at INTEGER NOT NULL," \
  "  started_at INTEGER," \
  "  paused_at INTEGER," \
  "  finished_at INTEGER);" \
  "CREATE TABLE campaign_groups (" \
  "  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE," \
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE," \
  "  included INTEGER NOT NULL," \
  "  position INTEGER NOT NULL," \
  "  PRIMARY KEY (campaign_id, group_id)) WITHOUT ROWID;" \
  "CREATE INDEX campaign_groups_group ON campaign_groups (group_id);" \
  "CREATE TABLE enrolments (" \
  "  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE," \
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE," \
  "  via_group_id INTEGER," \
  "  enrolled_at INTEGER NOT NULL," \
  "  PRIMARY KEY (campaign_id, contact_id)) WITHOUT ROWID;" \
  "CREATE INDEX enrolments_contact ON enrolments (contact_id);" \
  "CREATE TABLE messages (" \
  "  id INTEGER PRIMARY KEY," \
  "  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL," \
  "  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms'))," \
  "  recipient TEXT NOT NULL," \
  "  subject TEXT," \
  "  body TEXT," \
  "  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE," \
  "  group_id INTEGER REFERENCES groups (id) ON DELETE SET NULL," \
  "  state TEXT NOT NULL DEFAULT 'queued'" \
  "    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped', 'cancelled'))," \
  "  reason TEXT," \
  "  attempts INTEGER NOT NULL DEFAULT 0," \
  "  created_at INTEGER NOT NULL," \
  "  sent_at INTEGER);" \
  "CREATE INDEX messages_state ON messages (state, id);" \
  "CREATE INDEX messages_campaign ON messages (campaign_id, contact_id);" \
  COHORT_SCHEMA_V5_MESSAGES

/* And a group's response message and keyword (SPEC §9, cohort-outbox.c),
 * and the inbound messages already read from opt-in logs, so that reading
 * a log twice changes nothing. */
#define COHORT_SCHEMA_V5_MESSAGES \
  "ALTER TABLE groups ADD COLUMN response_channel TEXT;" \
  "ALTER TABLE groups ADD COLUMN response_subject TEXT;" \
  "ALTER TABLE groups ADD COLUMN response_body TEXT;" \
  "ALTER TABLE groups ADD COLUMN keyword TEXT;" \
  "ALTER TABLE groups ADD COLUMN keyword_fold TEXT;" \
  "CREATE UNIQUE INDEX groups_keyword ON groups (keyword_fold) WHERE keyword_fold IS NOT NULL;" \
  "CREATE TABLE optins_seen (" \
  "  sender TEXT NOT NULL," \
  "  received_at INTEGER NOT NULL," \
  "  text TEXT NOT NULL," \
  "  PRIMARY KEY (sender, received_at, text)) WITHOUT ROWID;"
