#!/usr/bin/env python3
"""Generates the bundled Bedrock price table of the interceptor from LiteLLM's price list.

Usage:
    python3 tools/generate-bedrock-prices.py [LITELLM_JSON] [OUTPUT_JSON]

Defaults: ../shared/reference/litellm-bedrock-prices.json (beside the clone) and
interceptor/src/main/resources/io/github/bedrockposthog/bedrock-prices.json.

Input: LiteLLM rows ({"models": {key: {"mode", "input_cost_per_token", ...}}}, USD per token).
Output: {"models": {"<bedrock model id>": {"input", "output", "cache_read"?, "cache_write"?}}}, USD per 1M tokens.

Rules:
  * only chat (text generation) rows; embeddings, images and rerank are left out;
  * keys become plain Bedrock model ids. LiteLLM also keys rows as "bedrock/<region>/<id>", "bedrock/<id>" and
    with cross-region geo prefixes ("us.", "eu.", "apac.", ...). The plain id's price wins, then us-east-1, then
    an unprefixed "bedrock/<id>", then the "us." profile, then "global."; other regions and geo profiles are
    duplicates and dropped (the runtime strips geo prefixes before looking a price up);
  * rows without both an input and an output price, or priced at zero, are left out: an unknown price must stay
    unknown rather than read as free;
  * LiteLLM aliases that are not Bedrock ids (no provider prefix, Vertex-style "@" versions) are left out;
  * long-context tiers (*_above_200k_tokens) are not modelled;
  * the corrections below (checked against AWS's price pages, see docs DESIGN §3) are applied last.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_INPUT = os.path.join(ROOT, "..", "shared", "reference", "litellm-bedrock-prices.json")
DEFAULT_OUTPUT = os.path.join(ROOT, "interceptor", "src", "main", "resources", "io", "github", "bedrockposthog",
                              "bedrock-prices.json")

PROVIDERS = {"ai21", "amazon", "anthropic", "cohere", "deepseek", "google", "luma", "meta", "minimax", "mistral",
             "moonshot", "moonshotai", "nvidia", "openai", "qwen", "stability", "twelvelabs", "writer", "zai"}
GEO_PREFIXES = ["us-gov.", "us.", "eu.", "apac.", "jp.", "au.", "ca.", "global."]

# Lower rank wins when several LiteLLM rows name the same Bedrock id.
RANK_PLAIN, RANK_US_EAST_1, RANK_BEDROCK_PLAIN, RANK_GEO_US, RANK_GEO_GLOBAL, RANK_OTHER = range(6)

# USD per 1M tokens. LiteLLM is wrong or stale for these (DESIGN.md §3).
CORRECTIONS = {
    "meta.llama3-1-70b-instruct-v1:0": {"input": 0.72, "output": 0.72},
    "meta.llama3-1-8b-instruct-v1:0": {"input": 0.22, "output": 0.22},
    "meta.llama3-8b-instruct-v1:0": {"input": 0.30, "output": 0.60},
    "amazon.titan-text-express-v1": {"input": 0.20, "output": 0.60},
    "amazon.titan-text-lite-v1": {"input": 0.15, "output": 0.20},
}
# Amazon Nova bills cache reads at 25% of the input price; LiteLLM leaves them out for most Nova models.
NOVA_CACHE_READ_SHARE = 0.25


def per_million(per_token):
    """USD per token -> USD per 1M tokens, rounded to 6 significant digits to drop float noise."""
    return float("%.6g" % (per_token * 1_000_000))


def classify(key):
    """(bedrock id, rank) for a LiteLLM key, or None when the row is not kept."""
    rank = RANK_PLAIN
    if key.startswith("bedrock/"):
        parts = key.split("/")
        if len(parts) == 2:
            key, rank = parts[1], RANK_BEDROCK_PLAIN
        elif len(parts) == 3 and parts[1] == "us-east-1":
            key, rank = parts[2], RANK_US_EAST_1
        elif len(parts) == 3 and parts[1] == "invoke":  # a LiteLLM route, not a region
            key, rank = parts[2], RANK_BEDROCK_PLAIN
        else:
            key, rank = parts[-1], RANK_OTHER
    if "/" in key or "@" in key:
        return None
    for prefix in GEO_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            if rank == RANK_PLAIN:
                rank = {"us.": RANK_GEO_US, "global.": RANK_GEO_GLOBAL}.get(prefix, RANK_OTHER)
            break
    if key.split(".", 1)[0] not in PROVIDERS or "." not in key:
        return None
    return key, rank


def price_of(row):
    """The per-1M price of a LiteLLM row, or None when it cannot be used."""
    if row.get("mode") != "chat":
        return None
    inp, out = row.get("input_cost_per_token"), row.get("output_cost_per_token")
    if not isinstance(inp, (int, float)) or not isinstance(out, (int, float)) or (inp <= 0 and out <= 0):
        return None
    price = {"input": per_million(inp), "output": per_million(out)}
    if isinstance(row.get("cache_read_input_token_cost"), (int, float)):
        price["cache_read"] = per_million(row["cache_read_input_token_cost"])
    if isinstance(row.get("cache_creation_input_token_cost"), (int, float)):
        price["cache_write"] = per_million(row["cache_creation_input_token_cost"])
    return price


def generate(litellm):
    chosen = {}  # id -> (rank, source key, price)
    for key in sorted(litellm["models"]):
        price = price_of(litellm["models"][key])
        target = classify(key)
        if price is None or target is None:
            continue
        model_id, rank = target
        if model_id not in chosen or rank < chosen[model_id][0]:
            chosen[model_id] = (rank, key, price)
    models = {model_id: entry[2] for model_id, entry in chosen.items()}

    for model_id, fix in CORRECTIONS.items():
        models.setdefault(model_id, {}).update(fix)
    for model_id, price in models.items():
        if model_id.startswith("amazon.nova"):
            price["cache_read"] = float("%.6g" % (price["input"] * NOVA_CACHE_READ_SHARE))
    return {model_id: models[model_id] for model_id in sorted(models)}


def render(models, source):
    # One model per line: reviewable diffs when prices change.
    lines = ['{', '  "source": %s,' % json.dumps(source), '  "models": {']
    items = list(models.items())
    for i, (model_id, price) in enumerate(items):
        fields = ", ".join('"%s": %s' % (k, repr(price[k])) for k in ("input", "output", "cache_read", "cache_write")
                           if k in price)
        lines.append('    %s: {%s}%s' % (json.dumps(model_id), fields, "," if i < len(items) - 1 else ""))
    lines += ['  }', '}', '']
    return "\n".join(lines)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    dst = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUTPUT
    with open(src, encoding="utf-8") as f:
        litellm = json.load(f)
    models = generate(litellm)
    source = ("USD per 1M tokens. Generated by tools/generate-bedrock-prices.py from " + litellm.get("source", src)
              + ", with the corrections listed in that script.")
    text = render(models, source)
    json.loads(text)  # never write a file the library cannot read
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %d models to %s" % (len(models), dst))


if __name__ == "__main__":
    main()
