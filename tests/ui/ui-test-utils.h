/* ui-test-utils.h — what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lets widgets lay out and draw, and their workers finish. */
void cohort_test_iterate     (guint       milliseconds);
/* Removes a test's folder and the files in it. */
void cohort_test_remove_tree (const char *path);

G_END_DECLS
