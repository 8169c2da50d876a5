/* layout — the one page shell every HTML page comes through: <html lang dir>,
 * the hashed stylesheet, the navigation of the user's role, the language
 * switch; and the form helpers that keep what was typed and show each error
 * beside its field. */
#ifndef DAAM_LAYOUT_H
#define DAAM_LAYOUT_H
struct req;
struct strbuf;

void page_begin(struct req *r, const char *title);
void page_end(struct req *r);

/* The CSRF token forms of this page carry (the session's, or the
 * visitor's before signing in). */
const char *form_csrf(struct req *r);
/* A POST form to action with its CSRF token. */
void form_begin(struct req *r, const char *action, const char *css_class);
void form_end(struct req *r, const char *submit_label);
/* When the form has errors: a summary (role="alert") listing each error as
 * a link to its field (#f-NAME); the first field with an error gets
 * autofocus, so the page opens there. */
void form_error_summary(struct req *r);
/* <label> + <input>; shows the submitted value if any, else value; the
 * field's error (if any) beside it.  type: "text", "password", "date"… */
void form_input(struct req *r, const char *name, const char *label, const char *type,
		const char *value, int required, const char *hint);
/* <select>: keys[] with labels[] (translated), the selected key. */
void form_select(struct req *r, const char *name, const char *label, const char *const *keys,
		 const char *const *labels, int n, const char *selected);
/* A button that POSTs to action (with CSRF) and optional hidden field. */
void form_button(struct req *r, const char *action, const char *label, const char *hidden_name,
		 const char *hidden_value, const char *css_class);
/* Appends "&key=value" (value URL-encoded) for each of keys[] (NULL-
 * terminated) the request has: the filters a list's links keep. */
void query_keep(struct req *r, struct strbuf *sb, const char *const *keys);
/* The pager of a list of total rows shown page_size a page, now at page:
 * <nav class="pager"> with a rel="prev" link ("Previous") when there is a
 * page before and a rel="next" link ("Next") when there is one after, to
 * path?page=N followed by query ("" or "&key=value…", see query_keep).
 * Nothing when the list fits one page. */
void pager(struct req *r, const char *path, const char *query, long long page, long long total, int page_size);
/* The pager of a list paged by key (keyset paging): the links carry the id
 * of the page's first row (rel="prev": ?before=ID) or last row (rel="next":
 * ?after=ID) and the page number to show, so the next page is found by an
 * index range instead of skipping every row above it.  The link back to
 * page 1 carries no key.  more: a row follows this page. */
void pager_keyed(struct req *r, const char *path, const char *query, long long page, long long first_id,
		 long long last_id, int more);
/* An info/success message box (role="status"); after a POST prefer
 * req_flash and a redirect. */
void page_notice(struct req *r, const char *text);
#endif
