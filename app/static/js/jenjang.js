// Jenjang's small client script: everything works without it; it only adds
// feedback to htmx swaps.
(function () {
  "use strict";

  function flash(message, kind) {
    var region = document.getElementById("flash");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "flash flash-" + (kind || "success");
    p.setAttribute("role", "status");
    p.textContent = message;
    region.replaceChildren(p);
  }

  // A saved assessment answers with HX-Trigger {"jenjang:saved": "<message>"}.
  document.body.addEventListener("jenjang:saved", function (event) {
    flash(event.detail.value, "success");
  });

  // A plan's forms carry the version their page showed. After a change made in
  // place the summary holds the newer one, so send that: a change from another
  // window still fails, one from this page does not (see plans/_summary.html).
  document.body.addEventListener("htmx:configRequest", function (event) {
    var holder = document.querySelector("[data-plan-version]");
    var data = event.detail.formData;
    if (holder && data && data.has("version")) {
      data.set("version", holder.getAttribute("data-plan-version"));
    }
  });

  // After a swap, mark the new element briefly so the change is visible.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.classList &&
        (target.classList.contains("competency") || target.classList.contains("goal"))) {
      var fresh = document.getElementById(target.id);
      if (fresh) fresh.classList.add("saved-flash");
    }
  });

  // Errors htmx does not swap (403, 404, 500...) carry a short message partial,
  // shown as a flash. A boosted link that fails is loaded for real instead, so
  // the user sees the full error page at its own address.
  document.body.addEventListener("htmx:responseError", function (event) {
    var detail = event.detail;
    if (detail.boosted && detail.requestConfig.verb === "get") {
      window.location.assign(detail.pathInfo.finalRequestPath);
      return;
    }
    // A status select that auto-submitted shows its saved value again.
    if (detail.elt && detail.elt.classList && detail.elt.classList.contains("status-form")) {
      detail.elt.reset();
    }
    var holder = document.createElement("div");
    holder.innerHTML = event.detail.xhr.responseText;
    var text = holder.querySelector(".error-box p");
    flash(text ? text.textContent : event.detail.xhr.statusText, "error");
  });
})();
