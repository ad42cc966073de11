/* editor-test-utils.h — what the condition editor's tests share: a
 * database of demo contacts in a temporary folder, JSON helpers, and
 * finding widgets in a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define TIMEOUT_SECONDS 30

typedef struct
{
  char        *dir;
  CohortStore *store;
} Fixture;

/* @data is the number of demo contacts, as GUINT_TO_POINTER(). */
void             fixture_set_up      (Fixture       *fixture,
                                      gconstpointer  data);
void             fixture_tear_down   (Fixture       *fixture,
                                      gconstpointer  data);

/* A group made with cohort_store_create_group(): dynamic with @json as its
 * condition, static when @json is NULL. */
CohortGroup     *create_group        (CohortStore   *store,
                                      const char    *code,
                                      const char    *json);
CohortCondition *parse_condition     (const char    *json);
JsonNode        *parse_json          (const char    *text);
void             assert_json         (JsonNode      *node,
                                      const char    *expected);

GtkWidget       *find_descendant     (GtkWidget     *widget,
                                      GType          type);
/* The text of the first (visible, for _starting) label under @widget. */
const char      *find_label_ending   (GtkWidget     *widget,
                                      const char    *suffix);
const char      *find_label_starting (GtkWidget     *widget,
                                      const char    *prefix);

G_END_DECLS
