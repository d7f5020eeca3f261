/* reply: constructors for handler replies. */
#include "server/request.h"

#include "server/present.h"

struct reply reply_error(enum err_code code, const char *message, const char *entity,
                         const char *id, cJSON *field_errors)
{
    struct reply r = {errors_info(code)->status,
                      present_error(code, message, entity, id, field_errors), NULL, NULL};
    return r;
}

struct reply reply_ok_text(char *text)
{
    if (!text)
        return reply_error(ERR_INTERNAL, NULL, NULL, NULL, NULL);
    struct reply r = {200, NULL, text, NULL};
    return r;
}
