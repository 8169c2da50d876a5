/* pdf — a small writer of printable documents (certificates, reports) with
 * cairo and pango, so Arabic is shaped and joined and mixed Arabic and
 * Latin text is ordered by the Unicode bidi algorithm.  Text flows down
 * the page from the top margin: each call draws at the cursor and moves it
 * down; a paragraph or table row that does not fit starts a new page.  The
 * font is Amiri (Debian's fonts-hosny-amiri), which has Latin letters too.
 *
 *	struct pdf *p = pdf_open(fd, PDF_A4_LANDSCAPE);
 *	pdf_text(p, "شهادة حضور", 30, PDF_BOLD, PDF_RTL, PDF_CENTER);
 *	pdf_space(p, 12);
 *	pdf_qr(p, "https://…/verify/ABCD", 90, PDF_END);
 *	if (pdf_close(p) < 0) …   // also frees p
 *
 * Not thread-safe across one document; separate documents on separate
 * threads are fine (a job renders while the server serves). */
#ifndef DAAM_PDF_H
#define DAAM_PDF_H

struct pdf;

/* page sizes, in points (1/72 inch) */
#define PDF_A4_PORTRAIT 595.28, 841.89
#define PDF_A4_LANDSCAPE 841.89, 595.28

/* direction of a text: its own first strong letter, right to left (Arabic) or left to right */
enum pdf_dir { PDF_AUTO, PDF_RTL, PDF_LTR };
/* where a line sits: at the start of its direction (right in Arabic), centred, at its end */
enum pdf_align { PDF_START, PDF_CENTER, PDF_END };
enum { PDF_REGULAR = 0, PDF_BOLD = 1 };

/* A document written to fd (not closed by pdf_close) in pages of width ×
 * height points, with margin points all round (0: 48).  NULL on failure. */
struct pdf *pdf_open(int fd, double width, double height);
void pdf_set_margin(struct pdf *p, double margin);
/* A new page; the cursor goes back to the top margin. */
void pdf_page(struct pdf *p);
/* Moves the cursor down by pt points. */
void pdf_space(struct pdf *p, double pt);
/* The cursor's distance from the top of the page; sets it (pdf_move_to). */
double pdf_cursor(const struct pdf *p);
void pdf_move_to(struct pdf *p, double y);

/* A paragraph of UTF-8 text at size points, wrapped to the width between
 * the margins.  Returns its height. */
double pdf_text(struct pdf *p, const char *text, double size, int weight, enum pdf_dir dir, enum pdf_align align);
/* A heading: level 1 (26 pt), 2 (18 pt) or 3 (14 pt), bold, with space below. */
double pdf_heading(struct pdf *p, const char *text, int level, enum pdf_dir dir, enum pdf_align align);
/* A horizontal line width points long (a signature line), aligned. */
void pdf_rule(struct pdf *p, double width, enum pdf_align align);
/* A simple table: ncols columns of the given widths (points; their sum no
 * more than the text width), nrows rows of cells[row * ncols + col], the
 * first row bold as the header; in dir PDF_RTL the first column is on the
 * right.  Cells wrap; a row that does not fit starts a new page, where the
 * header is drawn again.  size: the text's size in points. */
void pdf_table(struct pdf *p, int ncols, const double *widths, int nrows, const char *const *cells, double size,
	       enum pdf_dir dir);
/* A QR code of text, size points square, aligned; the cursor moves below
 * it.  0, or -1 when text does not fit a QR code. */
int pdf_qr(struct pdf *p, const char *text, double size, enum pdf_align align);
/* Ends the document, writes it out and frees p: 0, or -1 when anything
 * failed on the way (an error in cairo, a write to fd). */
int pdf_close(struct pdf *p);
#endif
