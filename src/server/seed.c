/* seed: realistic sample destinations for an empty store, spread over ~6 months, one transaction. */
#include "server/seed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/dates.h"
#include "server/dest.h"
#include "server/store.h"

#define SEED_SPAN_MS (180LL * 24 * 3600 * 1000)

static const char *const seed_topics[] = {
    "Billing", "Orders", "Payments", "Deploy", "Alerts", "CRM Sync", "Inventory",
    "Support Tickets", "Analytics", "Audit Log", "Slack Relay", "Zapier Bridge", "Customer Events",
    "Shipping Updates", "Invoices", "Refunds", "Signups", "Usage Metering", "Status Page",
    "Fraud Signals",
};
static const char *const seed_kinds[] = {"Webhook", "Endpoint", "Receiver", "Hook", "Listener",
                                         "Relay"};
static const char *const seed_intl[] = {
    "Café Notifications", "Zürich Ops Webhook", "São Paulo Orders", "東京 Webhook",
    "注文イベント", "결제 알림", "🚀 Deploy Hooks", "Ελληνικά Events", "Москва Alerts",
    "Crème brûlée Relay", "📦 Shipping 🚚", "Señal de pagos", "北京 支付回调", "Ærø Inventory",
};
static const char *const seed_domains[] = {
    "example.com", "acme.io", "internal.example.org", "shop.example.net", "hooks.example.dev",
};
static const char *const seed_teams[] = {"payments", "growth", "platform", "support", "data",
                                         "ops"};
static const char *const seed_envs[] = {"production", "staging", "development", "sandbox"};

struct seed_ctx {
    long i, n;
    int64_t start;
    uint64_t state;
};

#define PICK(ctx, arr) (arr[seed_rand(ctx) % (sizeof arr / sizeof arr[0])])

/* Deterministic xorshift so every seeded db looks alike. */
static uint64_t seed_rand(struct seed_ctx *c)
{
    c->state ^= c->state << 13;
    c->state ^= c->state >> 7;
    c->state ^= c->state << 17;
    return c->state;
}

static char *seed_name(struct seed_ctx *c)
{
    char buf[160];
    uint64_t r = seed_rand(c) % 100;
    if (r < 12)
        snprintf(buf, sizeof buf, "%s", PICK(c, seed_intl));
    else if (r < 30)
        snprintf(buf, sizeof buf, "%s %s (%s)", PICK(c, seed_topics), PICK(c, seed_kinds),
                 PICK(c, seed_envs));
    else
        snprintf(buf, sizeof buf, "%s %s", PICK(c, seed_topics), PICK(c, seed_kinds));
    return strdup(buf);
}

static char *seed_description(struct seed_ctx *c)
{
    char buf[200];
    uint64_t r = seed_rand(c) % 100;
    if (r < 20)
        return NULL;
    if (r < 25)
        return strdup("");
    if (r < 60)
        snprintf(buf, sizeof buf, "Receives %s events for the %s team",
                 PICK(c, seed_topics), PICK(c, seed_teams));
    else
        snprintf(buf, sizeof buf, "Forwards %s notifications to the %s environment",
                 PICK(c, seed_topics), PICK(c, seed_envs));
    return strdup(buf);
}

static char *seed_url(struct seed_ctx *c)
{
    char buf[200];
    if (seed_rand(c) % 10 == 0)
        snprintf(buf, sizeof buf, "http://localhost:%d/hooks/%ld", 3000 + (int)(seed_rand(c) % 7000),
                 c->i);
    else
        snprintf(buf, sizeof buf, "https://%s/webhooks/%s/%ld", PICK(c, seed_domains),
                 PICK(c, seed_teams), c->i);
    return strdup(buf);
}

static char *seed_metadata(struct seed_ctx *c)
{
    char buf[400];
    switch (seed_rand(c) % 6) {
    case 0:
    case 1:
        return strdup("{}");
    case 2:
        snprintf(buf, sizeof buf, "{\"env\":\"%s\",\"team\":\"%s\"}", PICK(c, seed_envs),
                 PICK(c, seed_teams));
        break;
    case 3:
        snprintf(buf, sizeof buf, "{\"retries\":%d,\"enabled\":%s,\"weight\":0.5}",
                 (int)(seed_rand(c) % 6), seed_rand(c) % 2 ? "true" : "false");
        break;
    case 4:
        snprintf(buf, sizeof buf,
                 "{\"owner\":{\"name\":\"Ana Souza\",\"email\":\"ana@example.com\"},"
                 "\"tags\":[\"%s\",\"critical\"]}",
                 PICK(c, seed_teams));
        break;
    default:
        snprintf(buf, sizeof buf,
                 "{\"region\":\"eu-west-1\",\"priority\":%d,\"verified\":false,\"notes\":null,"
                 "\"label\":\"Café ☕\"}",
                 (int)(seed_rand(c) % 5));
        break;
    }
    return strdup(buf);
}

static void seed_example(struct dest_row *row)
{
    row->name = strdup("Primary Webhook Endpoint");
    row->description = strdup("Primary production webhook receiver");
    row->url = strdup("https://api.example.com/webhooks/metorial");
    row->metadata = strdup("{}");
}

static int seed_next(void *ctx, struct dest_row *row)
{
    struct seed_ctx *c = ctx;
    if (c->i >= c->n)
        return 0;
    memset(row, 0, sizeof *row);
    int64_t step = SEED_SPAN_MS / c->n;
    int64_t at = c->start + c->i * step + (step > 1 ? (int64_t)(seed_rand(c) % (uint64_t)step) : 0);
    int64_t now = c->start + SEED_SPAN_MS;
    ids_new(at, row->id, &row->created_at);
    snprintf(row->method, sizeof row->method, "POST");
    bool archived = c->i > 0 && seed_rand(c) % 10 == 0;
    snprintf(row->status, sizeof row->status, "%s", archived ? "archived" : "active");
    row->updated_at = row->created_at;
    int64_t room = now > row->created_at ? now - row->created_at : 1;
    if (archived || seed_rand(c) % 5 < 2)
        row->updated_at += 1 + (int64_t)(seed_rand(c) % (uint64_t)room);
    if (c->i == 0) {
        seed_example(row);
    } else {
        row->name = seed_name(c);
        row->description = seed_description(c);
        row->url = seed_url(c);
        row->metadata = seed_metadata(c);
    }
    c->i++;
    return 1;
}

int seed_run(struct store *st, long n)
{
    int empty = store_is_empty(st);
    if (empty < 0)
        return -1;
    if (!empty || n <= 0)
        return 0;
    struct seed_ctx c = {.n = n, .start = dates_now_ms() - SEED_SPAN_MS - 3600 * 1000,
                         .state = 0x2545F4914F6CDD1DULL};
    return store_bulk_insert(st, seed_next, &c) == STORE_OK ? 0 : -1;
}
