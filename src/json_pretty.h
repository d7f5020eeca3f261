/* Pretty JSON text: 2-space indents and ": " separators, keeping key order and exact numbers. */
#ifndef CBDEST_JSON_PRETTY_H
#define CBDEST_JSON_PRETTY_H

struct cJSON;

/* item as multi-line JSON: each member and array element on its own line, indented two
 * spaces per level, `"key": value`, empty objects and arrays as `{}` and `[]`, no trailing
 * newline. Scalars print as cJSON prints them (raw items, as json_numbers_exact makes, verbatim), so
 * strings never hold raw tabs or newlines. malloc'd; NULL on OOM. */
char *json_pretty(const struct cJSON *item);

#endif
