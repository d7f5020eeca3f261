/* handlers: the five endpoint handlers (placeholders until validation lands). */
#include "server/handlers.h"

static struct reply not_yet(void)
{
    return reply_error(ERR_NOT_FOUND, "Not implemented yet.", "endpoint", NULL, NULL);
}

struct reply handlers_list(struct request *req) { (void)req; return not_yet(); }
struct reply handlers_get(struct request *req) { (void)req; return not_yet(); }
struct reply handlers_create(struct request *req) { (void)req; return not_yet(); }
struct reply handlers_update(struct request *req) { (void)req; return not_yet(); }
struct reply handlers_archive(struct request *req) { (void)req; return not_yet(); }
