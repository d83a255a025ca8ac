/*
 * Secrets from a command: password-command and oauth2-token-command.
 */
#ifndef TERN_SECRET_H
#define TERN_SECRET_H

/*
 * Run cmd with /bin/sh -c and return the first line it prints, or NULL
 * with *err set (naming the setting, never the output) if it fails or
 * prints nothing.  The caller clears the result with freezero_str.
 */
char *secret_command(const char *cmd, const char *setting, char **err);

#endif
