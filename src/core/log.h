/* log — one-line messages on stderr with a UTC timestamp.  Never pass
 * personal data or secrets: logs are read by people who need not see them. */
#ifndef DAAM_LOG_H
#define DAAM_LOG_H
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int log_quiet; /* 1: log_info prints nothing (tests, CLI) */
#endif
