/* options: cbdest-server's command line into an app_config. */
#ifndef CBDEST_SERVER_OPTIONS_H
#define CBDEST_SERVER_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "server/app.h"

enum options_result { OPTIONS_OK, OPTIONS_HELP, OPTIONS_ERROR };

/* Parses argv into cfg (zeroed first, defaults applied). On OPTIONS_ERROR err says why. */
enum options_result options_parse(int argc, char **argv, struct app_config *cfg, char *err,
                                  size_t errlen);

/* Splits "HOST:PORT" or "[V6]:PORT" into host (without brackets) and port; returns 0 or -1. */
int options_split_listen(const char *text, char *host, size_t hostlen, int *port);

void options_usage(FILE *out);

/* Frees the strings cfg owns. */
void app_config_free(struct app_config *cfg);

#endif
