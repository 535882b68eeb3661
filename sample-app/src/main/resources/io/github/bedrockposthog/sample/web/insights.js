// The insights page: polls /api/insights every 2 s, shows the five numbers and draws one SVG trend chart per
// number. No libraries, nothing loaded from elsewhere.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var POLL_MS = 2000;
  var METRICS = [
    { key: "generation_count", title: "Generation count", bars: true, format: count },
    { key: "avg_cost_per_call_usd", title: "Average cost per API call (USD)", format: dollars },
    { key: "avg_cost_per_user_usd", title: "Average cost per user (USD)", format: dollars },
    { key: "avg_response_time_ms", title: "Average API response time", format: millis },
    { key: "error_rate", title: "Error rate", format: percent, css: "errors" }
  ];

  function count(v) { return v == null ? "–" : Number(v).toLocaleString("en-US"); }
  // Dollars to `significant` digits without exponent or trailing zeros: $0.0000499, $0.00005, $12.5.
  function dollars(v, significant) {
    if (v == null) { return "–"; }
    if (v === 0) { return "$0"; }
    var digits = (significant || 3) - 1 - Math.floor(Math.log10(Math.abs(v)));
    var text = v.toFixed(Math.min(12, Math.max(0, digits)));
    if (text.indexOf(".") >= 0) { text = text.replace(/0+$/, "").replace(/\.$/, ""); }
    return "$" + text;
  }
  function axisLabel(metric, v) {
    if (metric.key === "generation_count") { return count(Math.round(v)); }
    return metric.format === dollars ? dollars(v, 2) : metric.format(v);
  }
  function millis(v) { return v == null ? "–" : Math.round(v).toLocaleString("en-US") + " ms"; }
  function percent(v) { return v == null ? "–" : (v * 100).toFixed(1) + "%"; }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) { node.textContent = text; }
    return node;
  }

  function hhmm(iso) {
    var d = new Date(iso);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function chart(metric, series) {
    var W = 360, H = 170, L = 70, R = 10, T = 10, B = 26;
    var values = series.map(function (p) { return p[metric.key]; });
    var max = 0;
    values.forEach(function (v) { if (v != null && v > max) { max = v; } });
    if (max === 0) { max = metric.key === "generation_count" ? 1 : metric.key === "error_rate" ? 0.1 : 1; }
    max = max * 1.15;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": metric.title + " per minute" });
    var plotW = W - L - R, plotH = H - T - B;
    var y = function (v) { return T + plotH - (v / max) * plotH; };
    [0, 0.5, 1].forEach(function (f) {
      var gy = T + plotH - f * plotH;
      svg.appendChild(el("line", { x1: L, x2: W - R, y1: gy, y2: gy, "class": f === 0 ? "axis" : "grid" }));
      svg.appendChild(el("text", { x: L - 6, y: gy + 4, "text-anchor": "end", "class": "label" }, axisLabel(metric, max * f)));
    });
    var n = series.length;
    var step = plotW / Math.max(1, n);
    var xAt = function (i) { return L + step * i + step / 2; };
    if (metric.bars) {
      values.forEach(function (v, i) {
        if (!v) { return; }
        var bw = Math.min(28, Math.max(2, step * 0.7));
        svg.appendChild(el("rect", { x: xAt(i) - bw / 2, y: y(v), width: bw, height: T + plotH - y(v), rx: 2, "class": "bar" }));
      });
    } else {
      var path = "";
      var open = false;
      values.forEach(function (v, i) {
        if (v == null) { open = false; return; }
        path += (open ? " L " : " M ") + xAt(i).toFixed(1) + " " + y(v).toFixed(1);
        open = true;
        svg.appendChild(el("circle", { cx: xAt(i), cy: y(v), r: 3, "class": "dot" }));
      });
      if (path) { svg.insertBefore(el("path", { d: path.trim(), "class": "line" }), svg.firstChild); }
    }
    if (n > 0) {
      svg.appendChild(el("text", { x: xAt(0), y: H - 8, "text-anchor": n === 1 ? "middle" : "start", "class": "label" }, hhmm(series[0].minute)));
      if (n > 1) {
        svg.appendChild(el("text", { x: xAt(n - 1), y: H - 8, "text-anchor": "end", "class": "label" }, hhmm(series[n - 1].minute)));
      }
    }
    var card = document.createElement("div");
    card.className = "card chart" + (metric.css ? " " + metric.css : "");
    card.setAttribute("data-metric", metric.key);
    var title = document.createElement("h3");
    title.textContent = metric.title;
    card.appendChild(title);
    card.appendChild(svg);
    return card;
  }

  function showLocal(data) {
    document.getElementById("local").hidden = false;
    document.getElementById("remote").hidden = true;
    METRICS.forEach(function (m) { document.getElementById(m.key).textContent = m.format(data[m.key]); });
    document.getElementById("avg_cost_per_call_sub").textContent = data.avg_cost_per_call_usd == null
      ? "USD, mean of total_cost_in_dollars" : "≈ " + dollars(data.avg_cost_per_call_usd * 1000) + " per 1,000 calls";
    document.getElementById("unique_users").textContent = count(data.unique_users) + (data.unique_users === 1 ? " unique user" : " unique users");
    document.getElementById("error_count").textContent = count(data.error_count) + " of " + count(data.error_count + data.generation_count) + " calls failed";
    var charts = document.getElementById("charts");
    charts.textContent = "";
    document.getElementById("no-data").hidden = data.series.length > 0;
    if (data.series.length > 0) {
      METRICS.forEach(function (m) { charts.appendChild(chart(m, data.series)); });
    }
    document.getElementById("updated").textContent = "Updated " + new Date().toLocaleTimeString() + " · "
      + count(data.events_kept) + " events kept in memory";
  }

  function showRemote(data) {
    document.getElementById("local").hidden = true;
    document.getElementById("remote").hidden = false;
    document.getElementById("insights-intro").textContent = "This app sends its events to real PostHog, where the insights are built.";
    var link = document.getElementById("posthog-link");
    link.href = data.posthog_app_url || data.posthog_host;
    link.textContent = "your PostHog project (" + (data.posthog_app_url || data.posthog_host) + ")";
  }

  function poll() {
    fetch("/api/insights", { cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        if (data.local) { showLocal(data); } else { showRemote(data); }
        if (data.local) { window.setTimeout(poll, POLL_MS); }
      })
      .catch(function () {
        document.getElementById("updated").textContent = "Cannot reach the recipe app; retrying…";
        window.setTimeout(poll, POLL_MS);
      });
  }

  poll();
})();
