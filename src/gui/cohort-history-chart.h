/* cohort-history-chart.h — a group's members over the last days, with the
 * contacts who joined and left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COHORT_TYPE_HISTORY_CHART (cohort_history_chart_get_type ())
G_DECLARE_FINAL_TYPE (CohortHistoryChart, cohort_history_chart, COHORT, HISTORY_CHART, GtkWidget)

/* One bar of the chart: a day, or a week in a year's chart. */
typedef struct
{
  char   *first_day;  /* "2026-01-31" */
  gint64  members;    /* at the end of its last day */
  gint64  joined;
  gint64  left;
} CohortHistoryBar;

GtkWidget  *cohort_history_chart_new             (void);

/* @days: CohortHistoryDay, one per day up to today (see
 * cohort_history_list_days()); the chart keeps a reference. */
void        cohort_history_chart_set_days        (CohortHistoryChart *self,
                                                  GPtrArray          *days);
/* 30, 90 or 365: the last @n_days days, today included; by week from 365. */
void        cohort_history_chart_set_range       (CohortHistoryChart *self,
                                                  guint               n_days);
/* The bars shown, oldest first (CohortHistoryBar, owned by the chart). */
GPtrArray  *cohort_history_chart_get_bars        (CohortHistoryChart *self);
/* "Grew from 1,203 to 1,877 in 90 days; 912 joined, 238 left", also the
 * chart's accessible description. */
const char *cohort_history_chart_get_summary     (CohortHistoryChart *self);

G_END_DECLS
