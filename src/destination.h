/* The callback destination model: struct, JSON <-> struct, metadata rows, validation, PATCH diff. */
#ifndef CBDEST_DESTINATION_H
#define CBDEST_DESTINATION_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON; /* opaque to callers outside src/: the UI never includes cJSON.h */

enum dest_status {
    DEST_STATUS_ACTIVE,
    DEST_STATUS_ARCHIVED,
    DEST_STATUS_DELETED,
    DEST_STATUS_UNKNOWN /* anything else: show dest.status_text as it came */
};

/* One destination. Every string is owned by the struct, NUL-terminated, raw from the network
 * (NOT sanitised: pass through text_sanitize before drawing). Strings a server omitted are ""
 * except `description`, which is NULL when null or absent. */
struct dest {
    char *id;
    enum dest_status status;
    char *status_text;        /* status exactly as received ("" when absent) */
    char *name;
    char *description;        /* NULL = null/absent; "" = empty */
    char *url;
    char *method;             /* "POST" usually; read-only through the API */
    char *created_at;         /* ISO 8601 as received, e.g. "2026-01-10T14:45:00.000Z" */
    char *updated_at;
    struct cJSON *metadata;   /* always a JSON object (null/absent -> {}); use dest_meta_* */
    struct cJSON *raw;        /* the object as received (NULL for one built locally) */
};

/* A validation or server field error. `path` joins the API's path array with '.':
 * "name", "url", "description", "metadata", "metadata.env", "created_at.gt". */
struct dest_field_error {
    char *path;
    char *message;
};

struct dest_field_errors {
    struct dest_field_error *items;
    size_t count;
};

/* One metadata entry as editable text. String values: value_text is the string itself and
 * is_string is true. Other values (numbers, booleans, null, objects, arrays): value_text is
 * compact JSON ("42", "true", "{\"a\":[1,2]}") and is_string is false. */
struct dest_meta_row {
    char *key;
    char *value_text;
    bool is_string;
};

/* --- lifetime ------------------------------------------------------------------------ */

/* A new empty destination (all strings "", description NULL, metadata {}). NULL on OOM. */
struct dest *dest_new(void);
/* Deep copy (raw included). NULL on OOM. */
struct dest *dest_clone(const struct dest *d);
void dest_free(struct dest *d);

/* Sets a string field (copying `value`); description may be set to NULL. 0 ok, -1 OOM. */
int dest_set_string(char **field, const char *value);

/* "active", "archived", "deleted" or status_text for unknown values. */
const char *dest_status_name(const struct dest *d);

/* --- JSON ---------------------------------------------------------------------------- */

/* Decodes one destination object (tolerant: unknown fields ignored, `object` or `__typename`
 * or neither, null description/metadata, missing optional fields). Requires a string `id`.
 * Returns NULL and sets *err (malloc'd message, may be NULL on OOM) on failure. */
struct dest *dest_from_json(const struct cJSON *obj, char **err);
struct dest *dest_from_json_text(const char *text, size_t len, char **err);

/* The destination as JSON text: `raw` (the API's own object, byte-for-byte the same values)
 * when present, else built from the fields, keys in the API's order, numbers as received.
 * pretty = multi-line, 2-space indents, `"key": value`, no tabs anywhere (json_pretty.h; the
 * TUI's `J` view and `cbdest get --json` on a terminal), otherwise compact one-line.
 * malloc'd; NULL on OOM. */
char *dest_to_json_text(const struct dest *d, bool pretty);

/* The create body {name,url[,description][,metadata]} as compact JSON text; NULL on OOM. */
char *dest_create_body(const struct dest *d);

/* The smallest PATCH body taking `orig` to `edited`: only changed fields among name, url,
 * description, metadata; metadata sent whole when any key changed; a description cleared
 * (edited NULL or "") is sent as "" (never null); NULL and "" count as equal.
 * Returns the number of changed fields (0: *body set to NULL, nothing to send), -1 on OOM. */
int dest_patch_body(const struct dest *orig, const struct dest *edited, char **body);

/* --- metadata ------------------------------------------------------------------------ */

/* The metadata as rows, in the object's key order. *rows malloc'd (NULL when count is 0).
 * 0 ok, -1 OOM. Free with dest_meta_rows_free. */
int dest_meta_rows(const struct dest *d, struct dest_meta_row **rows, size_t *count);
void dest_meta_rows_free(struct dest_meta_row *rows, size_t count);

/* Replaces d's metadata with the given rows (in order). A row whose key, is_string and
 * value_text equal the current entry's rendering keeps the current JSON value exactly
 * (so 1.50 stays 1.50, big integers keep their digits). Non-string text must parse as JSON.
 * Empty keys, duplicate keys and invalid JSON add field errors ("metadata.KEY" or
 * "metadata") to *errs (appended; may be NULL) and leave d unchanged.
 * 0 ok, -1 validation failed, -2 OOM. */
int dest_meta_set_rows(struct dest *d, const struct dest_meta_row *rows, size_t count,
                       struct dest_field_errors *errs);

/* Sets one key (value_text interpreted as for rows) / removes one key. Same return codes;
 * removing a missing key is not an error. */
int dest_meta_set(struct dest *d, const char *key, const char *value_text, bool is_string,
                  struct dest_field_errors *errs);
int dest_meta_unset(struct dest *d, const char *key);

/* Number of metadata keys. */
size_t dest_meta_count(const struct dest *d);

/* --- validation ---------------------------------------------------------------------- */

/* Checks d against the server's limits (docs: shared decisions): name 1..256 code points,
 * valid UTF-8; description <= 4096; url required, <= 2048 bytes, absolute http(s);
 * metadata <= 64 keys, keys 1..128 chars, serialized <= 16 KiB. for_create additionally
 * requires name and url. Appends field errors to *errs; returns how many were added
 * (0 = valid), -1 on OOM. */
int dest_validate(const struct dest *d, bool for_create, struct dest_field_errors *errs);

/* Like dest_validate(edited) but reports only fields that differ from orig (an update must
 * not fail on a stored value it does not touch). Same return convention. */
int dest_validate_patch(const struct dest *orig, const struct dest *edited,
                        struct dest_field_errors *errs);

/* True when two URLs name the same endpoint after the server's normalisation (scheme and
 * host case, default port, empty path = "/"). */
bool dest_url_equivalent(const char *a, const char *b);

/* url for human eyes with the userinfo password masked: "https://user:pw@e.com/a?b=1" ->
 * "https://user:***@e.com/a?b=1"; anything else (no password, no userinfo) unchanged.
 * Not sanitised. malloc'd; NULL on OOM. */
char *dest_url_masked(const char *url);

/* --- field errors -------------------------------------------------------------------- */

/* Appends a copy of (path, message). 0 ok, -1 OOM. */
int dest_field_errors_add(struct dest_field_errors *errs, const char *path, const char *message);
/* The first message whose path equals `path` or starts with "path." ; NULL when none. */
const char *dest_field_errors_find(const struct dest_field_errors *errs, const char *path);
/* Frees the items and resets to empty (the struct itself is the caller's). */
void dest_field_errors_clear(struct dest_field_errors *errs);

#endif
