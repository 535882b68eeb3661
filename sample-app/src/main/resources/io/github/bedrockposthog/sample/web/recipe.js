// The recipe page: sends the form to /api/generate-recipe and shows the recipe or the error. No libraries.
(function () {
  "use strict";

  var form = document.getElementById("recipe-form");
  var email = document.getElementById("email");
  var ingredients = document.getElementById("ingredients");
  var button = document.getElementById("generate");
  var busy = document.getElementById("busy");
  var errorBox = document.getElementById("error");
  var recipeBox = document.getElementById("recipe");
  var modeBox = document.getElementById("mode");

  try {
    var saved = window.localStorage.getItem("recipe-email");
    if (saved) { email.value = saved; }
  } catch (e) { /* storage may be off */ }

  fetch("/api/status").then(function (r) { return r.ok ? r.json() : null; }).then(function (status) {
    if (!status) { return; }
    modeBox.textContent = status.bedrock.label + " · " + status.posthog.label + " · " + status.model;
    modeBox.title = status.bedrock.detail + "; " + status.posthog.detail;
    modeBox.hidden = false;
  }).catch(function () { /* the badge is optional */ });

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function clean(line) {
    return line.replace(/\*\*/g, "").replace(/^#+\s*/, "").trim();
  }

  // Lays out the model's plain text: title, meta line, section headings, bullet and numbered lists, a tip.
  function render(text) {
    recipeBox.textContent = "";
    var list = null;
    var titled = false;
    text.split(/\r?\n/).forEach(function (raw) {
      var line = clean(raw);
      if (!line) { list = null; return; }
      var bullet = /^[-*•]\s+(.*)$/.exec(line);
      var numbered = /^\d+[.)]\s+(.*)$/.exec(line);
      var node;
      if (!titled) {
        node = document.createElement("h2");
        node.textContent = line;
        titled = true;
        list = null;
      } else if (bullet || numbered) {
        var kind = bullet ? "UL" : "OL";
        if (!list || list.tagName !== kind) {
          list = document.createElement(kind.toLowerCase());
          recipeBox.appendChild(list);
        }
        var item = document.createElement("li");
        item.textContent = (bullet || numbered)[1];
        list.appendChild(item);
        return;
      } else if (/^[^.!?]{1,40}:$/.test(line)) {
        node = document.createElement("h3");
        node.textContent = line.slice(0, -1);
        list = null;
      } else if (/^tip:/i.test(line)) {
        node = document.createElement("p");
        node.className = "tip";
        node.textContent = line;
        list = null;
      } else {
        node = document.createElement("p");
        if (/^serves\b/i.test(line)) { node.className = "meta"; }
        node.textContent = line;
        list = null;
      }
      recipeBox.appendChild(node);
    });
    recipeBox.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    var body = { email: email.value.trim(), ingredients: ingredients.value.trim() };
    if (!body.email || !body.ingredients) {
      showError("Please enter your email and at least one ingredient.");
      return;
    }
    try { window.localStorage.setItem("recipe-email", body.email); } catch (e) { /* ignore */ }
    button.disabled = true;
    busy.hidden = false;
    fetch("/api/generate-recipe", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.ok && typeof json.recipe === "string") {
          render(json.recipe);
        } else if (response.status === 500) {
          recipeBox.hidden = true;
          showError((json.error || "Failed to generate recipe") + ". Bedrock did not answer this time; please try again.");
        } else {
          recipeBox.hidden = true;
          showError("The request was refused: " + (json.error || ("HTTP " + response.status)) + ".");
        }
      });
    }).catch(function () {
      showError("Could not reach the recipe app. Is it still running?");
    }).then(function () {
      button.disabled = false;
      busy.hidden = true;
    });
  });
})();
