#!/usr/bin/env python3
"""Generates the bundled Bedrock price table of the interceptor from LiteLLM's price list.

Usage (by hand, when prices change; no build or test runs this):
    python3 tools/generate-bedrock-prices.py LITELLM_JSON [OUTPUT_JSON]

LITELLM_JSON: LiteLLM's Bedrock rows ({"models": {key: {"mode", "input_cost_per_token", ...}}}, USD per token),
e.g. a copy of BerriAI/litellm model_prices_and_context_window.json (MIT). OUTPUT_JSON defaults to
interceptor/src/main/resources/io/github/bedrockposthog/bedrock-prices.json.

Output: the price-file format documented in the README ("Prices") and in PriceFile.java, USD per 1M tokens:
    {"models": {"<key>": {"input", "output", "cache_read"?, "cache_write"?, "cache_write_1h"?,
                          "long_context"?: {"above_input_tokens", "input", "output", ...}, "routes"?: "listed"}}}

Rules:
  * chat rows and amazon./cohere. embedding rows (embeddings: "output": 0, AWS bills their input only); images and
    rerank have no per-unit price in the source and are left out;
  * a model's base entry "<model id>" takes, in this order, the plain row, "bedrock/us-east-1/<id>",
    "bedrock/<id>", the "us." row, the "global." row;
  * route rows are kept: a geographic or global profile as "<geo>.<model id>" ("us.", "eu.", "apac.", "jp.", "au.",
    "ca.", "us-gov.", "global."), a region as "<region>/<model id>" (from "bedrock/<region>/<id>"). When any route
    row of a model differs from its base entry, the base entry says "routes": "listed" and every route row of the
    model is written (the runtime then prices only those routes and the base id in US commercial regions, and
    leaves other routes unknown). When none differs, the route rows are dropped (the base price holds everywhere);
  * rows without both an input and an output price, or priced at zero, are left out: an unknown price must stay
    unknown rather than read as free;
  * LiteLLM aliases that are not Bedrock ids (no provider prefix, Vertex-style "@" versions) are left out;
  * long-context rows (*_above_200k_tokens) become "long_context": {"above_input_tokens": 200000, ...}; a route
    row of such a model without them gets the threshold alone (calls above it on that route have no known price);
  * the corrections below (checked against AWS's and Anthropic's price pages, see DESIGN §3 and README "Prices")
    are applied last.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_OUTPUT = os.path.join(ROOT, "interceptor", "src", "main", "resources", "io", "github", "bedrockposthog",
                              "bedrock-prices.json")

PROVIDERS = {"ai21", "amazon", "anthropic", "cohere", "deepseek", "google", "luma", "meta", "minimax", "mistral",
             "moonshot", "moonshotai", "nvidia", "openai", "qwen", "stability", "twelvelabs", "writer", "zai"}
GEO_PREFIXES = ["us-gov.", "us.", "eu.", "apac.", "jp.", "au.", "ca.", "global."]
EMBEDDING_PROVIDERS = {"amazon", "cohere"}  # twelvelabs' row is a per-second video price, not per token

# Lower rank wins when several LiteLLM rows could be a model's base entry.
RANK_PLAIN, RANK_US_EAST_1, RANK_BEDROCK_PLAIN, RANK_GEO_US, RANK_GEO_GLOBAL, RANK_NONE = range(6)

# USD per 1M tokens. LiteLLM is wrong or stale for these (DESIGN.md §3).
CORRECTIONS = {
    "meta.llama3-1-70b-instruct-v1:0": {"input": 0.72, "output": 0.72},
    "meta.llama3-1-8b-instruct-v1:0": {"input": 0.22, "output": 0.22},
    "meta.llama3-8b-instruct-v1:0": {"input": 0.30, "output": 0.60},
    "amazon.titan-text-express-v1": {"input": 0.20, "output": 0.60},
    "amazon.titan-text-lite-v1": {"input": 0.15, "output": 0.20},
}
# Route rows that are LiteLLM mistakes: this one carries Claude 3 Haiku's price ($0.25/$1.25), not 3.5 Haiku's.
DROPPED_ROWS = {"eu.anthropic.claude-3-5-haiku-20241022-v1:0"}
# Amazon Nova bills cache reads at 25% of the input price; LiteLLM leaves them out for most Nova models.
NOVA_CACHE_READ_SHARE = 0.25
# Anthropic's multipliers of the input price in effect (base or long context; Anthropic pricing page, "Prompt
# caching" and "Long context pricing"): 5-minute cache writes 1.25x, 1-hour writes 2x, cache reads 0.1x.
# Bedrock offers the 1-hour TTL for Claude Sonnet 4.5, Haiku 4.5 and Opus 4.5.
CACHE_WRITE_1H_SHARE, CACHE_WRITE_SHARE, CACHE_READ_SHARE = 2.0, 1.25, 0.1
ONE_HOUR_TTL_MODELS = ("anthropic.claude-sonnet-4-5-", "anthropic.claude-haiku-4-5-", "anthropic.claude-opus-4-5-")
LONG_CONTEXT_THRESHOLD = 200000


def per_million(per_token):
    """USD per token -> USD per 1M tokens, rounded to 6 significant digits to drop float noise."""
    return float("%.6g" % (per_token * 1_000_000))


def sig6(x):
    return float("%.6g" % x)


def classify(key):
    """(bedrock id, route key or None for the base route, base rank) for a LiteLLM key, or None."""
    rank, region = RANK_PLAIN, None
    if key.startswith("bedrock/"):
        parts = key.split("/")
        if len(parts) == 2:
            key, rank = parts[1], RANK_BEDROCK_PLAIN
        elif len(parts) == 3 and parts[1] == "invoke":  # a LiteLLM route, not a region
            key, rank = parts[2], RANK_BEDROCK_PLAIN
        elif len(parts) == 3:
            key, region = parts[2], parts[1]
            rank = RANK_US_EAST_1 if region == "us-east-1" else RANK_NONE
        else:
            return None
    if "/" in key or "@" in key:
        return None
    geo = None
    for prefix in GEO_PREFIXES:
        if key.startswith(prefix):
            key, geo = key[len(prefix):], prefix
            if rank == RANK_PLAIN:
                rank = {"us.": RANK_GEO_US, "global.": RANK_GEO_GLOBAL}.get(prefix, RANK_NONE)
            else:
                rank = RANK_NONE
            break
    if key.split(".", 1)[0] not in PROVIDERS or "." not in key:
        return None
    if geo is not None and region is not None:
        return None  # a profile seen from one region: not a separate price
    route = geo + key if geo else (region + "/" + key if region else None)
    return key, route, rank


def price_of(model_id, row):
    """The per-1M price of a LiteLLM row, or None when it cannot be used."""
    mode = row.get("mode")
    inp, out = row.get("input_cost_per_token"), row.get("output_cost_per_token")
    if mode == "embedding" and model_id.split(".", 1)[0] in EMBEDDING_PROVIDERS:
        return {"input": per_million(inp), "output": 0.0} if isinstance(inp, (int, float)) and inp > 0 else None
    if mode != "chat":
        return None
    if not isinstance(inp, (int, float)) or not isinstance(out, (int, float)) or (inp <= 0 and out <= 0):
        return None
    price = {"input": per_million(inp), "output": per_million(out)}
    if isinstance(row.get("cache_read_input_token_cost"), (int, float)):
        price["cache_read"] = per_million(row["cache_read_input_token_cost"])
    if isinstance(row.get("cache_creation_input_token_cost"), (int, float)):
        price["cache_write"] = per_million(row["cache_creation_input_token_cost"])
    lc_in, lc_out = row.get("input_cost_per_token_above_200k_tokens"), row.get("output_cost_per_token_above_200k_tokens")
    if isinstance(lc_in, (int, float)) and isinstance(lc_out, (int, float)) and lc_in > 0:
        price["long_context"] = {"above_input_tokens": LONG_CONTEXT_THRESHOLD,
                                 "input": per_million(lc_in), "output": per_million(lc_out)}
    return price


def correct(key, model_id, price):
    """Applies the documented corrections to one entry (base or route) of model_id."""
    if key in CORRECTIONS:
        price.update(CORRECTIONS[key])
    if model_id.startswith("amazon.nova"):
        price["cache_read"] = sig6(price["input"] * NOVA_CACHE_READ_SHARE)
    one_hour = model_id.startswith(ONE_HOUR_TTL_MODELS)
    if one_hour:
        price["cache_write_1h"] = sig6(price["input"] * CACHE_WRITE_1H_SHARE)
    lc = price.get("long_context")
    if lc is not None and model_id.startswith("anthropic."):
        lc["cache_read"] = sig6(lc["input"] * CACHE_READ_SHARE)
        lc["cache_write"] = sig6(lc["input"] * CACHE_WRITE_SHARE)
        if one_hour:
            lc["cache_write_1h"] = sig6(lc["input"] * CACHE_WRITE_1H_SHARE)
    return price


def generate(litellm):
    base = {}    # id -> (rank, price)
    routes = {}  # id -> {route key: price}
    for key in sorted(litellm["models"]):
        target = classify(key)
        if target is None or key in DROPPED_ROWS:
            continue
        model_id, route, rank = target
        price = price_of(model_id, litellm["models"][key])
        if price is None:
            continue
        if rank < RANK_NONE and (model_id not in base or rank < base[model_id][0]):
            base[model_id] = (rank, dict(price))
        if route is not None:
            routes.setdefault(model_id, {})[route] = price
    models = {}
    for model_id in sorted(set(base) | set(CORRECTIONS)):
        raw = base.get(model_id, (RANK_PLAIN, {}))[1]
        entry = correct(model_id, model_id, dict(raw))
        # A route row that repeats the uncorrected base row repeats its error: it gets the corrected price.
        own = {k: correct(k, model_id, dict(entry if p == raw else p)) for k, p in sorted(routes.get(model_id, {}).items())}
        for p in own.values():
            p.pop("routes", None)
            if "long_context" in entry and "long_context" not in p:
                # The model has a long-context tier; this route's rate for it is not in the source: unknown.
                p["long_context"] = {"above_input_tokens": LONG_CONTEXT_THRESHOLD}
        listed = any(p != entry for p in own.values())
        if listed:
            entry["routes"] = "listed"
        models[model_id] = entry
        if listed:
            models.update(own)
    return {k: models[k] for k in sorted(models)}


FIELDS = ("input", "output", "cache_read", "cache_write", "cache_write_1h")


def fields(price):
    parts = ['"%s": %s' % (k, repr(price[k])) for k in FIELDS if k in price]
    if "long_context" in price:
        lc = price["long_context"]
        parts.append('"long_context": {%s}' % ", ".join(
            ['"above_input_tokens": %d' % lc["above_input_tokens"]] + ['"%s": %s' % (k, repr(lc[k])) for k in FIELDS if k in lc]))
    if "routes" in price:
        parts.append('"routes": "%s"' % price["routes"])
    return ", ".join(parts)


def render(models, source):
    # One entry per line: reviewable diffs when prices change.
    lines = ['{', '  "source": %s,' % json.dumps(source), '  "models": {']
    items = list(models.items())
    for i, (key, price) in enumerate(items):
        lines.append('    %s: {%s}%s' % (json.dumps(key), fields(price), "," if i < len(items) - 1 else ""))
    lines += ['  }', '}', '']
    return "\n".join(lines)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    dst = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    with open(src, encoding="utf-8") as f:
        litellm = json.load(f)
    models = generate(litellm)
    source = ("USD per 1M tokens (image: USD per image). Generated by tools/generate-bedrock-prices.py from "
              + litellm.get("source", os.path.basename(src)) + ", with the corrections listed in that script.")
    text = render(models, source)
    json.loads(text)  # never write a file the library cannot read
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %d models to %s" % (len(models), dst))


if __name__ == "__main__":
    main()
