/* routes: the route table and the request pipeline (auth, rate limit, routing, handler). */
#ifndef CBDEST_SERVER_ROUTES_H
#define CBDEST_SERVER_ROUTES_H

#include <stdbool.h>

#include "server/request.h"

/* Runs the whole pipeline for req and returns the reply to send. Sets req->rl_* headers. */
struct reply routes_handle(struct request *req);

/* Matches method + path against the table (exposed for tests). Returns the handler's index,
 * -1 for an unknown path, or -2 for a known path with another method (allow is then set). */
int routes_match(const char *method, const char *path, const char **instance_id,
                 const char **id, const char **allow, char *scratch, size_t scratch_len);

#endif
