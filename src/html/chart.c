/* chart — bar charts as SVG (see chart.h). */
#include "html/chart.h"
#include "html/html.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "http/request.h"
#include "core/banned.h"

void chart_bars(struct req *r, const char *title, const char *const *labels, const long long *values, int n)
{
	struct strbuf *o = &r->out;
	int rtl = i18n_lang() == LANG_AR, w = 640, lw = 220, vw = 70, row = 26, h = n * row + 4;
	long long max = 1;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	/* direction ltr: the anchors below are placed as on a left-to-right
	 * canvas (an Arabic page's rtl would turn "end" into the left edge and
	 * push the labels out of the picture); each label's letters still run
	 * right to left */
	html_fmt(o, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
		 w, h, title);
	for (int i = 0; i < n; i++) {
		int y = i * row + 2, bw = (int)((double)(w - lw - vw - 8) * (double)values[i] / (double)max);
		int bx = rtl ? w - lw - bw : lw;
		html_fmt(o, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"%s\">%s</text>", rtl ? w - 4 : 4, y + 17,
			 rtl ? "end" : "start", labels[i]);
		if (bw > 0)
			html_fmt(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#2f6f8f\"/>", bx, y + 3, bw);
		html_fmt(o, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"%s\">", rtl ? 4 : w - 4, y + 17,
			 rtl ? "start" : "end");
		fmt_int(o, values[i]);
		html_raw(o, "</text>");
	}
	html_raw(o, "</svg>");
}
