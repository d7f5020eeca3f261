/* auth: classifies the Authorization header against the configured secret/publishable keys. */
#ifndef CBDEST_SERVER_AUTH_H
#define CBDEST_SERVER_AUTH_H

#include <stddef.h>

#include "server/app.h"
#include "server/request.h"

/* Returns the kind of key the "Bearer KEY" header carries; *bucket gets a rate-limit bucket
 * index: secret keys first, then publishable keys, then one shared bucket for everyone else. */
enum key_kind auth_classify(const struct app_config *cfg, const char *authorization,
                            size_t *bucket);

/* Number of rate-limit buckets auth_classify can return. */
size_t auth_bucket_count(const struct app_config *cfg);

#endif
