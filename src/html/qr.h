/* qr — a QR code drawn by the server as inline SVG (libqrencode), for the
 * second factor's enrolment page: no script, no outside service. */
#ifndef DAAM_QR_H
#define DAAM_QR_H
struct strbuf;
/* Writes <svg> of text (error correction M, a 4-module quiet zone) at
 * size px square, labelled for screen readers; 0, or -1 (nothing written)
 * when the text does not fit a QR code. */
int html_qr_svg(struct strbuf *o, const char *text, int size, const char *label);
#endif
