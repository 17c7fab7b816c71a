// The station board's only script: the mission-time slider, and live updates over
// server-sent events (the page's own /board/stream, authorised by the board cookie).
"use strict";

function pad(n) { return String(n).padStart(2, "0"); }

function instant(seconds) {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) +
    "T" + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + "Z";
}

function dropEmptyFields() {
  // An empty clock means "now": leave it out of the URL, so links stay short.
  for (const form of document.querySelectorAll("form[method=get]")) {
    form.addEventListener("formdata", (event) => {
      for (const [key, value] of Array.from(event.formData.entries())) {
        if (value === "") event.formData.delete(key);
      }
    });
  }
}

function setUpSlider() {
  const slider = document.getElementById("at-slider");
  const field = document.getElementById("at");
  if (!slider || !field) return;
  slider.addEventListener("input", () => { field.value = instant(Number(slider.value)); });
  slider.addEventListener("change", () => { slider.form.requestSubmit(); });
}

function describe(event) {
  const what = (event.type || "event").replace(/_/g, " ");
  const who = event.vehicle || event.station || event.subject || event.person || "";
  const where = event.port ? " at " + event.port : "";
  const detail = event.system ? " (" + (event.severity || "") + " " + event.system + ")" : "";
  return (event.occurred_at || "").slice(0, 16).replace("T", " ") + " · " + what + " · " +
    who + where + detail + " [#" + event.position + "]";
}

function keysOf(root) {
  return new Set(Array.from(root.querySelectorAll(".decision[data-key]"), (li) => li.dataset.key));
}

async function refreshBoard(url, fresh) {
  const board = document.getElementById("board");
  const before = keysOf(board);
  const answer = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!answer.ok) return;
  board.innerHTML = await answer.text();
  for (const li of board.querySelectorAll(".decision[data-key]")) {
    if (!before.has(li.dataset.key) || fresh.has(li.dataset.key)) {
      fresh.add(li.dataset.key);
      li.classList.add("fresh");
      li.setAttribute("aria-label", "New: " + li.textContent.trim());
    }
  }
}

function setUpLive() {
  const url = document.body.dataset.stream;
  const fragment = document.body.dataset.fragment;
  const status = document.getElementById("live-status");
  const list = document.getElementById("changes");
  if (!url || !list || typeof EventSource === "undefined") return;
  const fresh = new Set();
  let pending = null;
  const source = new EventSource(url);
  source.onopen = () => { status.textContent = "live"; status.className = "pill on"; };
  source.onerror = () => { status.textContent = "reconnecting…"; status.className = "pill off"; };
  source.addEventListener("event", (message) => {
    const event = JSON.parse(message.data);
    const empty = list.querySelector(".empty");
    if (empty) empty.remove();
    const li = document.createElement("li");
    li.className = "arrived";
    li.textContent = describe(event);
    list.prepend(li);
    while (list.children.length > 8) list.lastElementChild.remove();
    if (fragment && pending === null) {  // one refresh per burst of events
      pending = setTimeout(() => { pending = null; refreshBoard(fragment, fresh); }, 150);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => { dropEmptyFields(); setUpSlider(); setUpLive(); });
