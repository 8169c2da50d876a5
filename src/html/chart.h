/* chart — charts drawn by the server as SVG (no script, every text
 * escaped), read the same on a phone and a laptop, mirrored in Arabic: the
 * people reached's breakdowns and the workspace's use of the rooms. */
#ifndef DAAM_CHART_H
#define DAAM_CHART_H
struct req;

/* A horizontal bar chart of n rows: each label (escaped here) at the start
 * side (right in Arabic), its bar scaled to the largest value, the value
 * in a column of its own at the end side.  title names the picture for
 * screen readers. */
void chart_bars(struct req *r, const char *title, const char *const *labels, const long long *values, int n);
#endif
