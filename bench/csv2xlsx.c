/* csv2xlsx — turns a CSV file into an Excel workbook as partners send them,
 * for bench/import_xlsx.sh: one sheet (libxlsxwriter, not in constant
 * memory, so the strings are shared strings as Excel writes them),
 * every cell a shared string, except whole numbers, written as numbers the
 * way Excel stores them once typed — birth years, and phones, which lose
 * their leading 0 ("0944123456" becomes the number 944123456).
 * Usage: csv2xlsx IN.csv OUT.xlsx */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct st {
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t col;
};

/* Keeps the digits of s when it is a whole number once spaces and a
 * leading + are dropped (a phone "0944 123 456", a year): 1, else 0. */
static int whole(char *s)
{
	size_t w = 0;
	for (size_t r = 0; s[r]; r++) {
		if (s[r] == ' ' || (s[r] == '+' && w == 0))
			continue;
		if (s[r] < '0' || s[r] > '9')
			return 0;
		s[w++] = s[r];
	}
	s[w] = 0;
	return w > 0 && w <= 15;
}

static void on_field(void *f, size_t n, void *arg)
{
	struct st *s = arg;
	char buf[4096];
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, f ? f : "", n);
	buf[n] = 0;
	char num[4096];
	memcpy(num, buf, n + 1);
	if (s->row > 0 && whole(num))
		worksheet_write_number(s->ws, s->row, s->col, strtod(num, NULL), NULL);
	else if (n)
		worksheet_write_string(s->ws, s->row, s->col, buf, NULL);
	s->col++;
}

static void on_record(int c, void *arg)
{
	struct st *s = arg;
	(void)c;
	s->row++;
	s->col = 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: csv2xlsx IN.csv OUT.xlsx\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in)
		return 1;
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
	struct st s = { wb ? workbook_add_worksheet(wb, NULL) : NULL, 0, 0 };
	struct csv_parser p;
	if (!s.ws || csv_init(&p, 0) != 0)
		return 1;
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &s) != n)
			return 1;
	csv_fini(&p, on_field, on_record, &s);
	csv_free(&p);
	fclose(in);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
