/*
 * What tern --check-config prints of a configuration that is valid.
 */
#ifndef TERN_CONF_PRINT_H
#define TERN_CONF_PRINT_H

#include <stdio.h>

#include "conf.h"

/* Each account with its settings, then the keys. */
void conf_print(FILE *, const struct conf *);
/*
 * The effective value of one setting of an account, as text to show
 * (caller frees); NULL if conf_print does not know the setting.
 */
char *conf_print_value(const struct account *, const char *);

#endif
