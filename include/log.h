/*
 * Debug log and fatal errors.  The log is off unless tern runs with -d FILE.
 * Nothing secret may be passed here: passwords and tokens never reach a
 * format string.
 */
#ifndef TERN_LOG_H
#define TERN_LOG_H

void log_open(const char *);
void log_close(void);
void log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Called by fatal before it prints, to give the terminal back. */
void log_set_fatal_hook(void (*)(void));
void fatal(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn)); /* with errno */
void fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
