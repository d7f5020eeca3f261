/* handlers: the five endpoint handlers (list, get, create, update, archive). */
#ifndef CBDEST_SERVER_HANDLERS_H
#define CBDEST_SERVER_HANDLERS_H

#include "server/request.h"

struct reply handlers_list(struct request *req);
struct reply handlers_get(struct request *req);
struct reply handlers_create(struct request *req);
struct reply handlers_update(struct request *req);
struct reply handlers_archive(struct request *req);

#endif
