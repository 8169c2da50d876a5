/* xlsx_out — a workbook in a memory file, sent as the answer (see xlsx_out.h). */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "html/xlsx_out.h"
#include "core/i18n.h"
#include "http/request.h"
#include "core/banned.h"

int xlsx_out_open(struct xlsx_out *x)
{
	x->fd = memfd_create("daam-xlsx", MFD_CLOEXEC);
	if (x->fd < 0)
		return -1;
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", x->fd);
	x->wb = workbook_new(path);
	x->ws = x->wb ? workbook_add_worksheet(x->wb, NULL) : NULL;
	if (!x->ws) {
		if (x->wb)
			lxw_workbook_free(x->wb);
		close(x->fd);
		return -1;
	}
	if (i18n_lang() == LANG_AR)
		worksheet_right_to_left(x->ws);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	return 0;
}

void xlsx_out_send(struct req *r, struct xlsx_out *x, const char *filename)
{
	struct stat sb;
	if (workbook_close(x->wb) != LXW_NO_ERROR || fstat(x->fd, &sb) < 0 || lseek(x->fd, 0, SEEK_SET) != 0) {
		close(x->fd);
		req_error(r, 500);
		return;
	}
	r->is_private = 1;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header_add(r, "Content-Disposition", arena_printf(&r->arena, "attachment; filename=\"%s\"", filename));
	req_body_fd(r, x->fd, (size_t)sb.st_size);
}
