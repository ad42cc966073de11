/* cohort-contact-list.c — a paged list model of contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cohort-contact-list.h"
#include "cohort-contact-query.h"
#include "cohort-error.h"
#include "cohort-store-private.h"
#include "cohort-text.h"

/* A page is one `WHERE id IN (…)` query; a few pages cover what a window
 * shows plus some scrolling either way. */
#define PAGE_SIZE 100
#define MAX_PAGES 8
/* Sorting a million rows takes a second or more; the first rows of the same
 * order, selected with LIMIT, come back several times sooner and fill the
 * view while the rest is sorted. */
#define FIRST_CHUNK 200

/* ---- CohortContactList --------------------------------------------------- */

typedef struct
{
  GPtrArray *rows;
  guint64    used;
} Page;

struct _CohortContactList
{
  GObject            parent_instance;

  CohortStore       *store;
  gint64             group_id;
  CohortContactSort  sort;
  gboolean           descending;
  char              *filter;

  GArray            *ids;
  GHashTable        *pages;     /* page index → Page */
  /* Every row object handed out and still alive, by contact id: a row a view
   * holds is the one a refresh updates and the one a new page reuses. */
  GHashTable        *live;      /* gint64 id → LiveRow */
  guint64            clock;

  GCancellable      *cancellable;
  guint              generation;
  gboolean           loading;
  gboolean           partial;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_GROUP_ID,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_PARTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CohortContactList, cohort_contact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
set_loading (CohortContactList *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
evict_pages (CohortContactList *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;

          if (page->used < oldest)
            {
              oldest = page->used;
              oldest_key = key;
            }
        }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

typedef struct
{
  CohortContactList *list;
  CohortMemberRow   *row;
  gint64             id;
} LiveRow;

static void
live_row_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  LiveRow *live = data;

  g_hash_table_remove (live->list->live, &live->id);
  g_free (live);
}

/* Takes @fresh and returns the row object to hand out for its contact. */
static CohortMemberRow *
adopt_row (CohortContactList *self,
           CohortMemberRow   *fresh)
{
  gint64 id = cohort_member_row_get_id (fresh);
  LiveRow *live = g_hash_table_lookup (self->live, &id);

  if (live != NULL)
    {
      cohort_member_row_update (live->row, fresh);
      g_object_unref (fresh);
      return g_object_ref (live->row);
    }

  live = g_new0 (LiveRow, 1);
  live->list = self;
  live->row = fresh;
  live->id = id;
  g_hash_table_insert (self->live, &live->id, live);
  g_object_weak_ref (G_OBJECT (fresh), live_row_gone_cb, live);

  return fresh;
}

static Page *
lookup_page (CohortContactList *self,
             guint              index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      guint start = index * PAGE_SIZE;
      guint n = MIN (PAGE_SIZE, self->ids->len - start);

      page = g_new0 (Page, 1);
      page->rows = cohort_contact_query_fetch_rows (cohort_store_get_db (self->store), self->group_id,
                                                   &g_array_index (self->ids, gint64, start), n);
      for (guint i = 0; i < page->rows->len; i++)
        page->rows->pdata[i] = adopt_row (self, page->rows->pdata[i]);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }
  /* Stamped before evicting, so that the page just read is not the oldest. */
  page->used = ++self->clock;
  evict_pages (self);

  return page;
}

static GType
list_get_item_type (GListModel *model)
{
  return COHORT_TYPE_MEMBER_ROW;
}

static guint
list_get_n_items (GListModel *model)
{
  return COHORT_CONTACT_LIST (model)->ids->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CohortContactList *self = COHORT_CONTACT_LIST (model);
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = lookup_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
set_partial (CohortContactList *self,
             gboolean           partial)
{
  if (self->partial == partial)
    return;

  self->partial = partial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTIAL]);
}

/* Re-reads the rows a view may still show, in place. */
static void
refresh_rows (CohortContactList *self,
              GPtrArray         *rows)
{
  for (guint start = 0; start < rows->len; start += PAGE_SIZE)
    {
      guint n = MIN (PAGE_SIZE, rows->len - start);
      g_autofree gint64 *ids = g_new (gint64, n);
      g_autoptr(GPtrArray) fresh = NULL;

      for (guint i = 0; i < n; i++)
        ids[i] = cohort_member_row_get_id (g_ptr_array_index (rows, start + i));

      fresh = cohort_contact_query_fetch_rows (cohort_store_get_db (self->store), self->group_id,
                                               ids, n);
      for (guint i = 0; i < n; i++)
        cohort_member_row_update (g_ptr_array_index (rows, start + i), g_ptr_array_index (fresh, i));
    }
}

/* Swaps in @ids and tells views only about the range that differs, so a
 * refresh that changed nothing in view keeps the scroll position and the
 * selection. */
static void
apply_ids (CohortContactList *self,
           GArray            *ids,
           gboolean           refresh)
{
  g_autoptr(GArray) old = self->ids;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  const gint64 *a = (const gint64 *) old->data;
  const gint64 *b = (const gint64 *) ids->data;
  guint old_n = old->len;
  guint new_n = ids->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old_n && prefix < new_n && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && a[old_n - 1 - suffix] == b[new_n - 1 - suffix])
    suffix++;

  if (refresh)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (live, g_object_ref (((LiveRow *) value)->row));
    }

  self->ids = g_array_ref (ids);
  g_hash_table_remove_all (self->pages);
  refresh_rows (self, live);

  if (prefix + suffix < old_n || prefix + suffix < new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ---- selecting ids on a worker ------------------------------------------ */

typedef struct
{
  CohortStore       *sibling;
  gint64             group_id;
  CohortContactSort  sort;
  gboolean           descending;
  char              *needle;
  gboolean           first_chunk;
  gboolean           refresh;
  guint              generation;
  gint64             started;   /* monotonic µs, for the debug log */
} LoadData;

typedef struct
{
  CohortContactList *list;
  guint              generation;
  GArray            *ids;
  gint64             started;
} Chunk;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->sibling);
  g_free (load->needle);
  g_free (load);
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_object_unref (chunk->list);
  g_array_unref (chunk->ids);
  g_free (chunk);
}

static gboolean
deliver_chunk_cb (gpointer user_data)
{
  Chunk *chunk = user_data;

  if (chunk->generation != chunk->list->generation)
    return G_SOURCE_REMOVE;

  g_debug ("The first %u contacts of the list are in view after %.0f ms", chunk->ids->len,
           (g_get_monotonic_time () - chunk->started) / 1000.0);
  apply_ids (chunk->list, chunk->ids, FALSE);
  set_partial (chunk->list, TRUE);

  return G_SOURCE_REMOVE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  sqlite3 *db = cohort_store_get_db (load->sibling);
  GError *error = NULL;
  GArray *ids = NULL;

  cohort_contact_query_watch_cancellable (db, cancellable);

  if (load->first_chunk)
    {
      ids = cohort_contact_query_select_ids (db, load->group_id, load->sort, load->descending,
                                             load->needle, FIRST_CHUNK, &error);
      if (ids != NULL && ids->len == FIRST_CHUNK)
        {
          Chunk *chunk = g_new0 (Chunk, 1);
          GSource *source = g_idle_source_new ();

          chunk->list = g_object_ref (source_object);
          chunk->generation = load->generation;
          chunk->ids = g_steal_pointer (&ids);
          chunk->started = load->started;
          /* An attached source, not g_main_context_invoke(): that would run
           * the callback on this thread whenever it can acquire the list's
           * context, and the list must only change on its own thread. */
          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, deliver_chunk_cb, chunk, chunk_free);
          g_source_attach (source, g_task_get_context (task));
          g_source_unref (source);
        }
    }
  if (ids == NULL && error == NULL)
    ids = cohort_contact_query_select_ids (db, load->group_id, load->sort, load->descending,
                                           load->needle, 0, &error);

  cohort_contact_query_watch_cancellable (db, NULL);

  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);
  LoadData *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (load->generation != self->generation)
    return;

  set_loading (self, FALSE);
  if (ids == NULL)
    {
      if (!g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }

  g_debug ("Listed %u contacts in %.0f ms", ids->len, (g_get_monotonic_time () - load->started) / 1000.0);
  apply_ids (self, ids, load->refresh);
  set_partial (self, FALSE);
}

static void
start_load (CohortContactList *self,
            gboolean           refresh)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *load;
  CohortStore *sibling;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  sibling = cohort_store_open_sibling (self->store, &error);
  if (sibling == NULL)
    {
      g_warning ("Could not open the database to list contacts: %s", error->message);
      set_loading (self, FALSE);
      return;
    }

  load = g_new0 (LoadData, 1);
  load->sibling = sibling;
  load->group_id = self->group_id;
  load->sort = self->sort;
  load->descending = self->descending;
  load->needle = cohort_text_fold (self->filter);
  /* A filter keeps few rows, so sorting them is cheap, and a second scan for
   * a first chunk would double the wait. */
  load->first_chunk = !refresh && load->needle == NULL;
  load->refresh = refresh;
  load->generation = self->generation;
  load->started = g_get_monotonic_time ();

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);

  set_loading (self, TRUE);
}

/* ---- GObject ------------------------------------------------------------ */

static void
cohort_contact_list_constructed (GObject *object)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);

  G_OBJECT_CLASS (cohort_contact_list_parent_class)->constructed (object);

  start_load (self, FALSE);
}

static void
cohort_contact_list_dispose (GObject *object)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);

  /* Results of a worker still running are dropped. */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->pages);
  /* Rows a view still holds outlive the list. */
  while (g_hash_table_size (self->live) > 0)
    {
      GHashTableIter iter;
      gpointer value;
      LiveRow *live;

      g_hash_table_iter_init (&iter, self->live);
      g_hash_table_iter_next (&iter, NULL, &value);
      live = value;
      g_hash_table_iter_remove (&iter);
      g_object_weak_unref (G_OBJECT (live->row), live_row_gone_cb, live);
      g_free (live);
    }

  G_OBJECT_CLASS (cohort_contact_list_parent_class)->dispose (object);
}

static void
cohort_contact_list_finalize (GObject *object)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->store);
  g_free (self->filter);

  G_OBJECT_CLASS (cohort_contact_list_parent_class)->finalize (object);
}

static void
cohort_contact_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_GROUP_ID:
      g_value_set_int64 (value, self->group_id);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_PARTIAL:
      g_value_set_boolean (value, self->partial);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_contact_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CohortContactList *self = COHORT_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_GROUP_ID:
      self->group_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_contact_list_class_init (CohortContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cohort_contact_list_constructed;
  object_class->dispose = cohort_contact_list_dispose;
  object_class->finalize = cohort_contact_list_finalize;
  object_class->get_property = cohort_contact_list_get_property;
  object_class->set_property = cohort_contact_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COHORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_ID] =
    g_param_spec_int64 ("group-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PARTIAL] =
    g_param_spec_boolean ("partial", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cohort_contact_list_init (CohortContactList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->live = g_hash_table_new (g_int64_hash, g_int64_equal);
}

CohortContactList *
cohort_contact_list_new (CohortStore *store,
                         gint64       group_id)
{
  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (group_id >= 0, NULL);

  return g_object_new (COHORT_TYPE_CONTACT_LIST,
                       "store", store,
                       "group-id", group_id,
                       NULL);
}

CohortStore *
cohort_contact_list_get_store (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), NULL);
  return self->store;
}

gint64
cohort_contact_list_get_group_id (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), 0);
  return self->group_id;
}

CohortContactSort
cohort_contact_list_get_sort (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), COHORT_CONTACT_SORT_NAME);
  return self->sort;
}

gboolean
cohort_contact_list_get_descending (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), FALSE);
  return self->descending;
}

void
cohort_contact_list_set_sort (CohortContactList *self,
                              CohortContactSort  sort,
                              gboolean           descending)
{
  g_return_if_fail (COHORT_IS_CONTACT_LIST (self));

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;

  self->sort = sort;
  self->descending = descending;
  start_load (self, FALSE);
}

const char *
cohort_contact_list_get_filter (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), NULL);
  return self->filter;
}

void
cohort_contact_list_set_filter (CohortContactList *self,
                                const char        *text)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (COHORT_IS_CONTACT_LIST (self));

  clean = cohort_text_clean (text);
  if (g_strcmp0 (clean, self->filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_steal_pointer (&clean);
  start_load (self, FALSE);
}

void
cohort_contact_list_reload (CohortContactList *self)
{
  g_return_if_fail (COHORT_IS_CONTACT_LIST (self));

  /* With nothing or only a first chunk in view there is no position to
   * keep, and a first chunk again is quicker. */
  start_load (self, self->ids->len > 0 && !self->partial);
}

gboolean
cohort_contact_list_get_loading (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), FALSE);
  return self->loading;
}

gboolean
cohort_contact_list_get_partial (CohortContactList *self)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), FALSE);
  return self->partial;
}

gint64
cohort_contact_list_get_id (CohortContactList *self,
                            guint              position)
{
  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/* ---- status counts ------------------------------------------------------ */

static void
count_statuses_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  CohortContactList *self = source_object;
  sqlite3 *db = cohort_store_get_db (task_data);
  g_autofree gint64 *counts = g_new0 (gint64, 4);
  GError *error = NULL;
  gboolean ok;

  cohort_contact_query_watch_cancellable (db, cancellable);
  ok = cohort_contact_query_count_statuses (db, self->group_id, counts, &error);
  cohort_contact_query_watch_cancellable (db, NULL);

  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&counts), g_free);
  else
    g_task_return_error (task, error);
}

void
cohort_contact_list_count_statuses_async (CohortContactList   *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *sibling;

  g_return_if_fail (COHORT_IS_CONTACT_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cohort_contact_list_count_statuses_async);

  sibling = cohort_store_open_sibling (self->store, &error);
  if (sibling == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, sibling, g_object_unref);
  g_task_run_in_thread (task, count_statuses_thread);
}

gboolean
cohort_contact_list_count_statuses_finish (CohortContactList  *self,
                                           GAsyncResult       *result,
                                           gint64              out_counts[4],
                                           GError            **error)
{
  g_autofree gint64 *counts = NULL;

  g_return_val_if_fail (COHORT_IS_CONTACT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;

  memcpy (out_counts, counts, 4 * sizeof (gint64));
  return TRUE;
}
