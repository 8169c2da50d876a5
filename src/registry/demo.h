/* demo — the registry's demo data, its module's demo hook (module.h). */
#ifndef DAAM_REGISTRY_DEMO_H
#define DAAM_REGISTRY_DEMO_H
struct db;
/* scale 0: 44 organizations and ~410 people (make run); 1: 10,004 and
 * ~206,000 (benchmarks).  0 or -1. */
int registry_demo(struct db *w, int scale);
#endif
