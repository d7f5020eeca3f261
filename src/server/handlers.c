/* handlers: list, get, create, update and archive on top of query, validate, store, present. */
#include "server/handlers.h"

#include <string.h>

#include "server/present.h"
#include "server/query.h"
#include "server/store.h"
#include "server/utf8.h"
#include "server/validate.h"

#define ENTITY_DEST "callback.destination"

static struct reply internal_error(void)
{
    return reply_error(ERR_INTERNAL, NULL, NULL, NULL, NULL);
}

/* 404 for an unknown id; the id is echoed only when it is short, printable UTF-8. */
static struct reply not_found(const char *id)
{
    bool echo = id && strlen(id) <= 200 && utf8_check(id, NULL) == UTF8_OK;
    return reply_error(ERR_NOT_FOUND, "The requested callback destination could not be found.",
                       ENTITY_DEST, echo ? id : "", NULL);
}

static struct reply row_reply(enum store_result rc, struct dest_row *row, const char *id)
{
    if (rc == STORE_NOT_FOUND)
        return not_found(id);
    if (rc != STORE_OK)
        return internal_error();
    struct reply r = reply_ok_text(present_dest_text(row));
    dest_row_free(row);
    return r;
}

struct reply handlers_list(struct request *req)
{
    struct list_query q;
    struct dest_page page;
    cJSON *errors;
    switch (query_parse(req->args, req->nargs, &q, &errors)) {
    case QUERY_INVALID:
        return reply_error(ERR_INVALID_DATA, NULL, "query", NULL, errors);
    case QUERY_BAD_CURSOR:
        return reply_error(ERR_BAD_REQUEST, "Invalid cursor format", "query", NULL, NULL);
    case QUERY_OK:
        break;
    }
    if (store_list(req->app->store, &q, &page) != STORE_OK)
        return internal_error();
    struct reply r = reply_ok_text(present_list_text(&page));
    dest_page_free(&page);
    return r;
}

struct reply handlers_get(struct request *req)
{
    struct dest_row row;
    return row_reply(store_get(req->app->store, req->id, &row), &row, req->id);
}

/* errors[] for a url that is not an absolute http(s) URL, so clients can show it at the field. */
static cJSON *url_field_error(void)
{
    cJSON *list = cJSON_CreateArray(), *item = cJSON_CreateObject(), *path = cJSON_CreateArray();
    if (!list || !item || !path) {
        cJSON_Delete(list), cJSON_Delete(item), cJSON_Delete(path);
        return NULL;
    }
    cJSON_AddStringToObject(item, "code", "invalid_url");
    cJSON_AddStringToObject(item, "message", "Must be an absolute http:// or https:// URL.");
    cJSON_AddItemToArray(path, cJSON_CreateString("url"));
    cJSON_AddItemToObject(item, "path", path);
    cJSON_AddItemToArray(list, item);
    return list;
}

/* Turns a failed validation into its error reply. */
static struct reply invalid_reply(enum validate_result v, cJSON *errors, const char *message)
{
    if (v == VALIDATE_BAD_REQUEST)
        return reply_error(ERR_BAD_REQUEST, message, "body", NULL, NULL);
    if (v == VALIDATE_BAD_URL)
        return reply_error(ERR_INVALID_URL, NULL, "body", NULL, url_field_error());
    return reply_error(ERR_INVALID_DATA, NULL, "body", NULL, errors);
}

struct reply handlers_create(struct request *req)
{
    struct dest_input in;
    struct dest_row row;
    cJSON *errors;
    const char *message = NULL;
    enum validate_result v = validate_body(req->body, req->body_len, true, &in, &errors, &message);
    if (v != VALIDATE_OK)
        return invalid_reply(v, errors, message);
    enum store_result rc = store_create(req->app->store, &in, &row);
    dest_input_free(&in);
    return row_reply(rc, &row, NULL);
}

struct reply handlers_update(struct request *req)
{
    struct dest_input in;
    struct dest_row row;
    cJSON *errors;
    const char *message = NULL;
    enum validate_result v =
        validate_body(req->body, req->body_len, false, &in, &errors, &message);
    if (v != VALIDATE_OK)
        return invalid_reply(v, errors, message);
    enum store_result rc = store_update(req->app->store, req->id, &in, &row);
    dest_input_free(&in);
    return row_reply(rc, &row, req->id);
}

struct reply handlers_archive(struct request *req)
{
    struct dest_row row;
    return row_reply(store_archive(req->app->store, req->id, &row), &row, req->id);
}
