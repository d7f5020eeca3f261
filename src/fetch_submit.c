/* Submitting fetch requests: building each operation's method, URL and body. */
#include <stdlib.h>
#include <string.h>

#include "fetch_internal.h"

static struct fetch_req *fetch_req_new(struct fetch *f, enum api_kind kind, const char *method,
                                       unsigned generation)
{
    struct fetch_req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->id = f->next_id++;
    r->generation = generation;
    r->kind = r->wire_kind = kind;
    r->method = method;
    return r;
}

/* Delivers a local error for r at once (never sent); returns r's id. */
static uint64_t fetch_refuse(struct fetch *f, struct fetch_req *r, struct api_error *e)
{
    uint64_t id = r->id;
    fetch_push_result(f, fetch_result_for(r, e));
    fetch_req_free(r);
    return id;
}

/* Queues r when it is complete; refuses writes in read-only mode and without a key. */
static uint64_t fetch_enqueue(struct fetch *f, struct fetch_req *r)
{
    if (!r->url) {
        fetch_req_free(r);
        return 0;
    }
    if (f->cfg.read_only && r->kind != API_LIST && r->kind != API_GET)
        return fetch_refuse(f, r, api_error_new(API_ERR_LOCAL, "read_only",
                                                "read-only mode: changes are disabled "
                                                "(--read-only or the profile's read_only)"));
    if (f->key_error)
        return fetch_refuse(f, r, api_error_new(API_ERR_LOCAL, "no_key", f->key_error));
    uint64_t id = r->id;
    fetch_requeue(f, r, 0);
    return id;
}

uint64_t fetch_list(struct fetch *f, const struct api_list_params *params, unsigned generation)
{
    struct fetch_req *r = fetch_req_new(f, API_LIST, "GET", generation);
    if (!r)
        return 0;
    char *query = api_list_query(params);
    r->url = query ? api_build_url(f->cfg.base_url, NULL, query) : NULL;
    free(query);
    return fetch_enqueue(f, r);
}

static uint64_t fetch_one(struct fetch *f, enum api_kind kind, const char *method,
                          const char *id, const char *body, unsigned generation)
{
    struct fetch_req *r = fetch_req_new(f, kind, method, generation);
    if (!r)
        return 0;
    if (kind != API_CREATE && (!id || !id[0]))
        return fetch_refuse(f, r, api_error_new(API_ERR_LOCAL, "validation",
                                                "a destination id is required"));
    r->url = api_build_url(f->cfg.base_url, kind == API_CREATE ? NULL : id, NULL);
    if (body && !(r->body = strdup(body))) {
        fetch_req_free(r);
        return 0;
    }
    return fetch_enqueue(f, r);
}

uint64_t fetch_get(struct fetch *f, const char *id, unsigned generation)
{
    return fetch_one(f, API_GET, "GET", id, NULL, generation);
}

uint64_t fetch_update(struct fetch *f, const char *id, const char *patch_body,
                      unsigned generation)
{
    return fetch_one(f, API_UPDATE, "PATCH", id, patch_body ? patch_body : "{}", generation);
}

uint64_t fetch_archive(struct fetch *f, const char *id, unsigned generation)
{
    return fetch_one(f, API_ARCHIVE, "DELETE", id, NULL, generation);
}

uint64_t fetch_create(struct fetch *f, const struct dest *d, unsigned generation)
{
    struct dest_field_errors errs = {0};
    int bad = dest_validate(d, true, &errs);
    if (bad != 0) {
        struct fetch_req *r = fetch_req_new(f, API_CREATE, "POST", generation);
        struct api_error *e = api_error_new(API_ERR_LOCAL, bad < 0 ? "oom" : "validation",
                                            "the destination is not valid");
        if (!r || !e) {
            free(r);
            api_error_free(e);
            dest_field_errors_clear(&errs);
            return 0;
        }
        e->fields = errs;
        return fetch_refuse(f, r, e);
    }
    char *body = dest_create_body(d);
    if (!body)
        return 0;
    uint64_t id = fetch_one(f, API_CREATE, "POST", NULL, body, generation);
    free(body);
    for (struct fetch_req *r = f->queue; id && r; r = r->next)
        if (r->id == id && (!(r->create_name = strdup(d->name))
                            || !(r->create_url = strdup(d->url)))) {
            fetch_cancel(f, id);
            return 0;
        }
    return id;
}
