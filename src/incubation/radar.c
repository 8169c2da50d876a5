/* radar — the radar chart of an organization's assessments, drawn by the
 * server as SVG: ten axes (the dimensions) from the top, clockwise in a
 * left-to-right page and counter-clockwise in Arabic, rings at scores 1–4,
 * one polygon per assessment (colour and dash differ, so it reads in
 * grey too), the axis labels in the page's language and a legend.  Works
 * without JavaScript and prints. */
#include <math.h>
#include "incubation/incubation.h"
#include "html/html.h"
#include "core/banned.h"

#define W 400
#define CX 200.0
#define CY 190.0
#define R 118.0

static void point(int i, double v, int rtl, double *x, double *y)
{
	double a = -M_PI / 2 + i * (2 * M_PI / DIMENSIONS);
	double r = R * v / 4.0;
	*x = CX + (rtl ? -1 : 1) * r * cos(a);
	*y = CY + r * sin(a);
}

void radar_svg(struct strbuf *o, const char *title, const char *const *labels, int rtl,
	       const struct radar_series *series, int n)
{
	static const char *const dash[] = { "none", "6 4", "2 3" };
	static const char *const colour[] = { "#8a5a00", "#1f6fb2", "#1d7a3e" };
	if (n > 3)
		n = 3;
	int legend_h = 22 * n;
	html_fmt(o, "<svg class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\""
		 " aria-label=\"%s\"", W, 400 + legend_h, title);
	html_raw(o, rtl ? " direction=\"rtl\">" : ">");
	html_fmt(o, "<title>%s</title>", title);
	/* rings at 1, 2, 3, 4 and the axes */
	for (int ring = 1; ring <= 4; ring++) {
		html_raw(o, "<polygon class=\"ring\" fill=\"none\" stroke=\"#c8c8c8\" points=\"");
		for (int i = 0; i < DIMENSIONS; i++) {
			double x, y;
			point(i, ring, rtl, &x, &y);
			html_fmt(o, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		html_raw(o, "\"/>");
	}
	for (int i = 0; i < DIMENSIONS; i++) {
		double x, y, lx, ly;
		point(i, 4, rtl, &x, &y);
		point(i, 4.55, rtl, &lx, &ly);
		html_fmt(o, "<line stroke=\"#c8c8c8\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", CX, CY, x, y);
		html_fmt(o, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"middle\""
			 " font-size=\"15\">%s</text>", lx, ly, labels[i]);
	}
	for (int s = 0; s < n; s++) {
		html_fmt(o, "<polygon class=\"series s%d\" fill=\"%s\" stroke=\"%s\" fill-opacity=\"0.12\" stroke-width=\"2.5\" stroke-dasharray=\"%s\""
			 " points=\"", s, colour[s], colour[s], dash[s]);
		for (int i = 0, first = 1; i < DIMENSIONS; i++) {
			double x, y;
			point(i, series[s].s.has[i] ? series[s].s.v[i] : 0, rtl, &x, &y);
			html_fmt(o, "%s%.1f,%.1f", first ? "" : " ", x, y);
			first = 0;
		}
		html_raw(o, "\"/>");
	}
	/* the legend, under the chart: a line of the series' colour and dash, its name */
	for (int s = 0; s < n; s++) {
		double y = 400 + 22 * s + 8;
		double x1 = rtl ? W - 30 : 30, x2 = rtl ? W - 60 : 60, tx = rtl ? W - 70 : 70;
		html_fmt(o, "<line class=\"key s%d\" stroke=\"%s\" stroke-width=\"3\" stroke-dasharray=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
			 " y2=\"%.1f\"/>", s, colour[s], dash[s], x1, y, x2, y);
		html_fmt(o, "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"middle\" text-anchor=\"start\" font-size=\"13\">%s</text>",
			 tx, y, series[s].label);
	}
	html_raw(o, "</svg>");
}
