/* qr — QR codes as inline SVG (see qr.h).  Each row's dark modules are
 * drawn as runs (one path), so a 57×57 code stays near 4 KB. */
#include <qrencode.h>
#include "html/qr.h"
#include "html/html.h"
#include "core/strbuf.h"
#include "core/banned.h"

#define QUIET 4

int html_qr_svg(struct strbuf *o, const char *text, int size, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	int w = q->width, all = w + 2 * QUIET;
	html_fmt(o, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
		 " role=\"img\" aria-label=\"%s\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		 "<path fill=\"#000\" d=\"", all, all, size, size, label, all, all);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w;) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			sb_addf(o, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	html_raw(o, "\"/></svg>");
	QRcode_free(q);
	return 0;
}
