/* present: the JSON the API answers with: destination objects, list envelopes and errors. */
#ifndef CBDEST_SERVER_PRESENT_H
#define CBDEST_SERVER_PRESENT_H

#include <cJSON.h>

#include "server/dest.h"
#include "server/errors.h"

/* {"object":"callback.destination","id",...,"updated_at"} in the contract's key order, as
 * malloc'd compact JSON text (NULL when out of memory). */
char *present_dest_text(const struct dest_row *row);

/* {"object":"list","items":[...],"pagination":{"has_more_before","has_more_after"}} as text. */
char *present_list_text(const struct dest_page *page);

/* {"object":"error","ok":false,"status","code","message","hint"[,"entity"][,"id"][,"errors"]}.
 * message NULL uses the table's; entity and id may be NULL; field_errors (taken) may be NULL. */
cJSON *present_error(enum err_code code, const char *message, const char *entity,
                     const char *id, cJSON *field_errors);

#endif
