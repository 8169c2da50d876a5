/* home — the start page and the health check (see home.c). */
#ifndef DAAM_HOME_H
#define DAAM_HOME_H
struct req;
void home_page(struct req *r);
void health_json(struct req *r);
#endif
