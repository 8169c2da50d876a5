/* pdf — the document writer (see pdf.h): a cairo PDF surface written to a
 * file descriptor, text laid out by pango (shaping, joining, bidi), QR
 * codes from libqrencode drawn as filled squares (vector, sharp in print). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include <qrencode.h>
#include <utf8proc.h>
#include "pdf/pdf.h"
#include "core/banned.h"

#define FONT "Amiri"
#define DEFAULT_MARGIN 48.0
#define CELL_PAD 4.0

struct pdf {
	int fd, failed;
	double w, h, margin, y;
	cairo_surface_t *surface;
	cairo_t *cr;
	/* the table being drawn, for its header on a new page */
	int started;   /* something drawn on this page */
};

static cairo_status_t write_fd(void *closure, const unsigned char *data, unsigned int length)
{
	struct pdf *p = closure;
	while (length > 0) {
		ssize_t n = write(p->fd, data, length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			p->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		data += n;
		length -= (unsigned int)n;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* At exit, after the first document: the font map pango keeps, cairo's
 * and fontconfig's caches are released, so a leak check (make SANITIZE=1)
 * sees only daam's own memory. */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

static pthread_once_t at_exit_once = PTHREAD_ONCE_INIT;

static void register_release(void)
{
	atexit(release_fonts);
}

struct pdf *pdf_open(int fd, double width, double height)
{
	pthread_once(&at_exit_once, register_release);
	struct pdf *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->fd = fd;
	p->w = width;
	p->h = height;
	p->margin = DEFAULT_MARGIN;
	p->y = p->margin;
	p->surface = cairo_pdf_surface_create_for_stream(write_fd, p, width, height);
	if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p->surface);
		free(p);
		return NULL;
	}
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "daam");
	p->cr = cairo_create(p->surface);
	return p;
}

void pdf_set_margin(struct pdf *p, double margin)
{
	p->margin = margin > 0 ? margin : DEFAULT_MARGIN;
	if (!p->started)
		p->y = p->margin;
}

void pdf_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->y = p->margin;
	p->started = 0;
}

void pdf_space(struct pdf *p, double pt)
{
	p->y += pt;
}

double pdf_cursor(const struct pdf *p)
{
	return p->y;
}

void pdf_move_to(struct pdf *p, double y)
{
	p->y = y;
}

/* The direction of text: dir, or for PDF_AUTO its first strong letter's
 * (left to right when it has none). */
static int is_rtl(const char *text, enum pdf_dir dir)
{
	if (dir != PDF_AUTO)
		return dir == PDF_RTL;
	/* the first strong letter's bidi class (utf8proc) */
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
	utf8proc_int32_t c;
	for (utf8proc_ssize_t n; *u && (n = utf8proc_iterate(u, -1, &c)) > 0; u += n) {
		int bc = utf8proc_get_property(c)->bidi_class;
		if (bc == UTF8PROC_BIDI_CLASS_L)
			return 0;
		if (bc == UTF8PROC_BIDI_CLASS_R || bc == UTF8PROC_BIDI_CLASS_AL)
			return 1;
	}
	return 0;
}

/* A layout of text in width points, aligned explicitly (start is the
 * right side of a right-to-left paragraph). */
static PangoLayout *layout(struct pdf *p, const char *text, double size, int weight, int rtl, enum pdf_align align,
			   double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoContext *ctx = pango_layout_get_context(l);
	pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(l);
	pango_layout_set_auto_dir(l, FALSE);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_weight(fd, weight == PDF_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	PangoAlignment a = PANGO_ALIGN_CENTER;
	if (align == PDF_START)
		a = rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	else if (align == PDF_END)
		a = rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	pango_layout_set_alignment(l, a);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Starts a new page when h more points do not fit. */
static void room_for(struct pdf *p, double h)
{
	if (p->started && p->y + h > p->h - p->margin)
		pdf_page(p);
}

double pdf_text(struct pdf *p, const char *text, double size, int weight, enum pdf_dir dir, enum pdf_align align)
{
	int rtl = is_rtl(text, dir);
	PangoLayout *l = layout(p, text, size, weight, rtl, align, p->w - 2 * p->margin);
	double h = layout_height(l);
	room_for(p, h);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, p->margin, p->y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	p->y += h;
	p->started = 1;
	return h;
}

double pdf_heading(struct pdf *p, const char *text, int level, enum pdf_dir dir, enum pdf_align align)
{
	double size = level <= 1 ? 26 : level == 2 ? 18 : 14;
	double h = pdf_text(p, text, size, PDF_BOLD, dir, align);
	p->y += size / 2;
	return h + size / 2;
}

/* The x where a block of width w starts, aligned within the margins (in
 * the page's own terms: PDF_START is the left, callers flip for RTL). */
static double block_x(const struct pdf *p, double w, enum pdf_align align)
{
	if (align == PDF_CENTER)
		return (p->w - w) / 2;
	if (align == PDF_END)
		return p->w - p->margin - w;
	return p->margin;
}

void pdf_rule(struct pdf *p, double width, enum pdf_align align)
{
	room_for(p, 4);
	double x = block_x(p, width, align);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.8);
	cairo_move_to(p->cr, x, p->y + 2);
	cairo_line_to(p->cr, x + width, p->y + 2);
	cairo_stroke(p->cr);
	p->y += 4;
	p->started = 1;
}

/* One row of the table at the cursor; returns its height. */
static double table_row(struct pdf *p, int ncols, const double *widths, const char *const *cells, double size,
			int bold, int rtl, int draw)
{
	double total = 0, hmax = 0;
	for (int c = 0; c < ncols; c++)
		total += widths[c];
	double x0 = rtl ? p->w - p->margin : p->margin;
	PangoLayout *ls[32];
	int n = ncols < 32 ? ncols : 32;
	for (int c = 0; c < n; c++) {
		ls[c] = layout(p, cells[c] ? cells[c] : "", size, bold ? PDF_BOLD : PDF_REGULAR,
			       is_rtl(cells[c] ? cells[c] : "", rtl ? PDF_RTL : PDF_AUTO) || (rtl && !*(cells[c] ? cells[c] : "")),
			       PDF_START, widths[c] - 2 * CELL_PAD);
		double h = layout_height(ls[c]) + 2 * CELL_PAD;
		if (h > hmax)
			hmax = h;
	}
	if (draw) {
		double x = x0;
		for (int c = 0; c < n; c++) {
			double cx = rtl ? x - widths[c] : x;
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_set_line_width(p->cr, 0.5);
			cairo_rectangle(p->cr, cx, p->y, widths[c], hmax);
			cairo_stroke(p->cr);
			cairo_move_to(p->cr, cx + CELL_PAD, p->y + CELL_PAD);
			pango_cairo_show_layout(p->cr, ls[c]);
			x = rtl ? x - widths[c] : x + widths[c];
		}
	}
	for (int c = 0; c < n; c++)
		g_object_unref(ls[c]);
	(void)total;
	return hmax;
}

void pdf_table(struct pdf *p, int ncols, const double *widths, int nrows, const char *const *cells, double size,
	       enum pdf_dir dir)
{
	if (ncols <= 0 || nrows <= 0)
		return;
	int rtl = dir == PDF_RTL;
	for (int r = 0; r < nrows; r++) {
		double h = table_row(p, ncols, widths, cells + r * ncols, size, r == 0, rtl, 0);
		if (p->started && p->y + h > p->h - p->margin) {
			pdf_page(p);
			if (r > 0) {
				/* the header again on the new page */
				p->y += table_row(p, ncols, widths, cells, size, 1, rtl, 1);
			}
		}
		table_row(p, ncols, widths, cells + r * ncols, size, r == 0, rtl, 1);
		p->y += h;
		p->started = 1;
	}
}

int pdf_qr(struct pdf *p, const char *text, double size, enum pdf_align align)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	room_for(p, size);
	int quiet = 2, all = q->width + 2 * quiet;
	double m = size / all, x0 = block_x(p, size, align), y0 = p->y;
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	cairo_rectangle(p->cr, x0, y0, size, size);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				cairo_rectangle(p->cr, x0 + (x + quiet) * m, y0 + (y + quiet) * m, m, m);
	cairo_fill(p->cr);
	QRcode_free(q);
	p->y += size;
	p->started = 1;
	return 0;
}

int pdf_close(struct pdf *p)
{
	if (!p)
		return -1;
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	int bad = p->failed || cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(p->surface);
	free(p);
	return bad ? -1 : 0;
}
