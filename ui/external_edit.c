/* Editing a destination as JSON in $EDITOR: a private temp file, fork/exec, parse, validate. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "external_edit.h"
#include "strbuf.h"
#include "text.h"

#define EXTERNAL_EDIT_MAX_BYTES (1024 * 1024)

/* --- rendering --------------------------------------------------------------------------- */

/* Appends s as a JSON string literal. */
static void ee_add_json_string(struct strbuf *b, const char *s)
{
    strbuf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            strbuf_addc(b, '\\');
            strbuf_addc(b, (char)*p);
        } else if (*p == '\n') {
            strbuf_adds(b, "\\n");
        } else if (*p == '\t') {
            strbuf_adds(b, "\\t");
        } else if (*p < 0x20 || *p == 0x7f) {
            strbuf_printf(b, "\\u%04x", *p);
        } else {
            strbuf_addc(b, (char)*p);
        }
    }
    strbuf_addc(b, '"');
}

static void ee_render_metadata(struct strbuf *b, const struct dest_meta_row *rows, size_t n)
{
    if (n == 0) {
        strbuf_adds(b, "{}");
        return;
    }
    strbuf_adds(b, "{\n");
    for (size_t i = 0; i < n; i++) {
        strbuf_adds(b, "    ");
        ee_add_json_string(b, rows[i].key);
        strbuf_adds(b, ": ");
        if (rows[i].is_string)
            ee_add_json_string(b, rows[i].value_text);
        else
            strbuf_adds(b, rows[i].value_text);
        strbuf_adds(b, i + 1 < n ? ",\n" : "\n");
    }
    strbuf_adds(b, "  }");
}

char *external_edit_render(const struct dest *d)
{
    struct strbuf b = {0};
    struct dest_meta_row *rows = NULL;
    size_t n = 0;
    if (dest_meta_rows(d, &rows, &n) < 0)
        return NULL;
    strbuf_adds(&b, "{\n  \"name\": ");
    ee_add_json_string(&b, d->name ? d->name : "");
    strbuf_adds(&b, ",\n  \"url\": ");
    ee_add_json_string(&b, d->url ? d->url : "");
    strbuf_adds(&b, ",\n  \"description\": ");
    if (d->description)
        ee_add_json_string(&b, d->description);
    else
        strbuf_adds(&b, "null");
    strbuf_adds(&b, ",\n  \"metadata\": ");
    ee_render_metadata(&b, rows, n);
    strbuf_adds(&b, "\n}\n");
    dest_meta_rows_free(rows, n);
    return strbuf_take(&b);
}

const char *external_edit_editor(void)
{
    static const char *const vars[] = {"VISUAL", "EDITOR"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return v;
    }
    return "vi";
}

/* --- a lexical look at the top-level object (the text is already known to be JSON) ------- */

static const char *ee_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* p at an opening quote; returns just past the closing one. */
static const char *ee_skip_string(const char *p, const char *end)
{
    for (p++; p < end && *p != '"'; p++)
        if (*p == '\\')
            p++;
    return p < end ? p + 1 : end;
}

/* Skips one JSON value; returns just past it. */
static const char *ee_skip_value(const char *p, const char *end)
{
    int depth = 0;
    do {
        if (p >= end)
            return end;
        if (*p == '"') {
            p = ee_skip_string(p, end);
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        else if (depth == 0) {
            while (p < end && !strchr(",}] \t\r\n", *p))
                p++;
            return p;
        }
        p++;
    } while (depth > 0);
    return p;
}

/* What each editable key must hold. Type letters: first character of the JSON value. */
static const struct ee_field {
    const char *key;
    const char *types;      /* allowed first characters: '"' string, '{' object, 'n' null */
    const char *expect;
} ee_fields[] = {
    {"name", "\"", "a string"},
    {"url", "\"", "a string"},
    {"description", "\"n", "a string or null"},
    {"metadata", "{n", "an object or null"},
};
#define EE_FIELD_COUNT (sizeof ee_fields / sizeof ee_fields[0])

static char *ee_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *ee_error(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return text_sanitize(buf, strlen(buf), false);
}

/* Checks keys and value types; marks which fields are present. NULL ok, else the error. */
static char *ee_check_members(const char *p, const char *end, bool present[EE_FIELD_COUNT])
{
    p = ee_ws(p, end);
    if (p >= end || *p != '{')
        return ee_error("the file must hold one JSON object {...}");
    for (p = ee_ws(p + 1, end); p < end && *p == '"';) {
        const char *key = p + 1, *key_end = ee_skip_string(p, end) - 1;
        size_t key_len = (size_t)(key_end - key), i;
        p = ee_ws(ee_ws(key_end + 1, end) + 1, end); /* past ':' */
        for (i = 0; i < EE_FIELD_COUNT; i++)
            if (strlen(ee_fields[i].key) == key_len && memcmp(ee_fields[i].key, key, key_len) == 0)
                break;
        if (i == EE_FIELD_COUNT)
            return ee_error("unknown field \"%.*s\" (editable: name, url, description, metadata)",
                            (int)(key_len > 64 ? 64 : key_len), key);
        if (present[i])
            return ee_error("field \"%s\" appears twice", ee_fields[i].key);
        if (p >= end || !strchr(ee_fields[i].types, *p))
            return ee_error("%s must be %s", ee_fields[i].key, ee_fields[i].expect);
        present[i] = true;
        p = ee_ws(ee_skip_value(p, end), end);
        if (p < end && *p == ',')
            p = ee_ws(p + 1, end);
    }
    if (p >= end || *p != '}' || ee_ws(p + 1, end) != end)
        return ee_error("the file must hold exactly one JSON object");
    return NULL;
}

/* --- parsing ----------------------------------------------------------------------------- */

/* The text (whose first non-blank character is '{') with a placeholder "id" injected first
 * (the core's decoder requires one; the user's file never holds it). NULL on OOM. */
static char *ee_with_id(const char *text, size_t len)
{
    const char *end = text + len, *open = ee_ws(text, end);
    struct strbuf b = {0};
    bool empty = ee_ws(open + 1, end) < end && *ee_ws(open + 1, end) == '}';
    strbuf_adds(&b, empty ? "{\"id\":\"external-edit\"" : "{\"id\":\"external-edit\",");
    strbuf_add(&b, open + 1, (size_t)(end - open - 1));
    return strbuf_take(&b);
}

/* "path: message; path: message" for validation errors. */
static char *ee_join_errors(const struct dest_field_errors *errs)
{
    struct strbuf b = {0};
    for (size_t i = 0; i < errs->count; i++) {
        if (i)
            strbuf_adds(&b, "; ");
        strbuf_adds(&b, errs->items[i].path);
        strbuf_adds(&b, ": ");
        strbuf_adds(&b, errs->items[i].message);
    }
    char *joined = strbuf_take(&b);
    char *clean = joined ? text_sanitize(joined, strlen(joined), false) : NULL;
    free(joined);
    return clean;
}

/* Copies the present fields of parsed into out. 0 ok, -1 OOM. */
static int ee_apply(struct dest *out, struct dest *parsed, const bool present[EE_FIELD_COUNT])
{
    if ((present[0] && dest_set_string(&out->name, parsed->name) < 0) ||
        (present[1] && dest_set_string(&out->url, parsed->url) < 0) ||
        (present[2] && dest_set_string(&out->description, parsed->description) < 0))
        return -1;
    if (present[3]) {
        struct cJSON *swap = out->metadata; /* ownership moves; parsed frees the old one */
        out->metadata = parsed->metadata;
        parsed->metadata = swap;
    }
    return 0;
}

/* Rejects what cannot be one JSON object before decoding: a NUL byte, an empty file, a file
 * not starting with '{'. NULL ok, else the error. */
static char *ee_check_shape(const char *text, size_t len)
{
    if (memchr(text, '\0', len))
        return ee_error("the file holds a NUL byte");
    const char *first = ee_ws(text, text + len);
    if (first == text + len)
        return ee_error("the file is empty: nothing to save");
    if (*first != '{')
        return ee_error("the file must hold one JSON object {...}");
    return NULL;
}

/* Decodes the text with the core's decoder (after injecting the id it requires). The parsed
 * destination, or NULL with *error set (the decoder's message, or "out of memory"). */
static struct dest *ee_decode(const char *text, size_t len, char **error)
{
    char *with_id = ee_with_id(text, len);
    if (!with_id) {
        *error = strdup("out of memory");
        return NULL;
    }
    char *why = NULL;
    struct dest *parsed = dest_from_json_text(with_id, strlen(with_id), &why);
    if (!parsed)
        *error = ee_error("%s", why ? why : "not valid JSON");
    free(why);
    free(with_id);
    return parsed;
}

/* A copy of original (or a new destination) with parsed's present fields moved in, validated.
 * NULL with *error set (the joined validation errors, or "out of memory"). */
static struct dest *ee_merge(const struct dest *original, struct dest *parsed,
                             const bool present[EE_FIELD_COUNT], char **error)
{
    struct dest_field_errors errs = {0};
    struct dest *out = original ? dest_clone(original) : dest_new();
    int bad = -1;
    if (out && ee_apply(out, parsed, present) == 0)
        bad = dest_validate(out, true, &errs);
    if (bad > 0)
        *error = ee_join_errors(&errs);
    else if (bad < 0)
        *error = strdup("out of memory");
    if (bad != 0) {
        dest_free(out);
        out = NULL;
    }
    dest_field_errors_clear(&errs);
    return out;
}

struct dest *external_edit_parse(const struct dest *original, const char *text, size_t len,
                                 char **error)
{
    bool present[EE_FIELD_COUNT] = {false};
    struct dest *parsed, *out = NULL;
    if ((*error = ee_check_shape(text, len)) || !(parsed = ee_decode(text, len, error)))
        return NULL;
    if (!(*error = ee_check_members(text, text + len, present)))
        out = ee_merge(original, parsed, present, error);
    dest_free(parsed);
    return out;
}

/* --- the temporary file and the editor --------------------------------------------------- */

/* Creates the private temp file holding text; its path goes to path (size >= 4096).
 * 0 ok, else -1 with *error set. */
static int ee_write_temp(const char *text, char *path, size_t size, char **error)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    snprintf(path, size, "%s/cbdest-edit-XXXXXX.json", dir);
    int fd = mkstemps(path, 5); /* O_EXCL, mode 0600 */
    if (fd < 0) {
        *error = ee_error("cannot create a temporary file in %s: %s", dir, strerror(errno));
        return -1;
    }
    fchmod(fd, 0600);
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = ee_error("cannot write %s: %s", path, strerror(errno));
            close(fd);
            unlink(path);
            return -1;
        }
        done += (size_t)n;
    }
    close(fd);
    return 0;
}

/* Reads the file back (at most EXTERNAL_EDIT_MAX_BYTES). NULL with *error on failure. */
static char *ee_read_back(const char *path, size_t *len, char **error)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *error = ee_error("cannot read the edited file back: %s", strerror(errno));
        return NULL;
    }
    char *buf = malloc(EXTERNAL_EDIT_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, EXTERNAL_EDIT_MAX_BYTES + 1, f) : 0;
    bool err = ferror(f);
    fclose(f);
    if (!buf || err || n > EXTERNAL_EDIT_MAX_BYTES) {
        *error = ee_error(!buf ? "out of memory"
                          : err ? "cannot read the edited file back"
                                : "the edited file is larger than 1 MiB");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Runs the editor on path and waits. 0 ok, else -1 with *error set. */
static int ee_spawn(const char *editor, const char *path, char **error)
{
    struct sigaction ignore, old_int, old_quit;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    char *command = malloc(strlen(editor) + 16);
    pid_t pid = command ? fork() : -1;
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        sprintf(command, "%s \"$1\"", editor);
        execl("/bin/sh", "sh", "-c", command, "sh", path, (char *)NULL);
        _exit(127);
    }
    int status = 0, rc = -1;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    free(command);
    if (pid < 0)
        *error = ee_error("cannot start the editor: %s", strerror(errno));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = 0;
    else if (WIFEXITED(status))
        *error = ee_error("the editor \"%s\" exited with status %d%s", editor,
                          WEXITSTATUS(status),
                          WEXITSTATUS(status) == 127 ? " (not found? set $EDITOR)" : "");
    else
        *error = ee_error("the editor \"%s\" was killed by signal %d", editor,
                          WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return rc;
}

enum external_edit_result external_edit_run(const struct dest *original, const char *start_text,
                                            struct dest **edited, char **error,
                                            char **text_out)
{
    char path[4096];
    enum external_edit_result result = EXTERNAL_EDIT_FAILED;
    char *written = NULL, *text = NULL;
    size_t len = 0;
    struct dest *empty = original ? NULL : dest_new();
    *edited = NULL;
    *error = NULL;
    if (text_out)
        *text_out = NULL;
    written = start_text ? strdup(start_text) : external_edit_render(original ? original : empty);
    if (!written) {
        *error = strdup("out of memory");
        goto out;
    }
    if (ee_write_temp(written, path, sizeof path, error) < 0)
        goto out;
    if (ee_spawn(external_edit_editor(), path, error) == 0)
        text = ee_read_back(path, &len, error);
    unlink(path);
    if (!text)
        goto out;
    if (!start_text && strcmp(text, written) == 0) {
        result = EXTERNAL_EDIT_UNCHANGED;
        goto out;
    }
    *edited = external_edit_parse(original, text, len, error);
    result = *edited ? EXTERNAL_EDIT_CHANGED : EXTERNAL_EDIT_FAILED;
    if (text_out) {
        *text_out = text;
        text = NULL;
    }
out:
    dest_free(empty);
    free(written);
    free(text);
    return result;
}
