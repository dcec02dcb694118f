// jobfit upload page. Everything from a document is put in the page with textContent, never as
// markup: a resume is untrusted input.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("form"), fileInput = $("file"), drop = $("drop"), textInput = $("text");
  const postingInput = $("posting"), statusEl = $("status"), submit = $("submit"), results = $("results");
  let maxBytes = 10 * 1024 * 1024;
  let last = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }
  const cap = (s) => String(s).charAt(0).toUpperCase() + String(s).slice(1);
  const pct = (x) => Math.round(100 * (Number(x) || 0)) + "%";
  const mb = (n) => (n / 1048576).toFixed(1) + " MB";
  const size = (n) => (n === 0 ? "empty" : n < 1048576 ? Math.max(1, Math.round(n / 1024)) + " KB" : mb(n));

  function setStatus(message, isError) {
    statusEl.textContent = message;
    statusEl.classList.toggle("error", Boolean(isError));
  }

  fetch("/api/limits").then((r) => (r.ok ? r.json() : null)).then((limits) => {
    if (limits && limits.max_bytes) {
      maxBytes = limits.max_bytes;
      $("limit").textContent = mb(maxBytes);
    }
  }).catch(() => {});

  function showChosen() {
    const file = fileInput.files && fileInput.files[0];
    $("chosen").hidden = !file;
    $("chosen-name").textContent = file ? file.name + " (" + size(file.size) + ")" : "";
  }
  fileInput.addEventListener("change", showChosen);
  $("clear-file").addEventListener("click", () => {
    fileInput.value = "";
    showChosen();
    fileInput.focus();
  });
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      fileInput.files = e.dataTransfer.files;
      showChosen();
    }
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = fileInput.files && fileInput.files[0];
    const text = textInput.value;
    if (!file && !text.trim()) {
      setStatus("Choose a resume file or paste its text first.", true);
      fileInput.focus();
      return;
    }
    if (file && file.size === 0) {
      setStatus("That file is empty: choose another one or paste the text.", true);
      return;
    }
    if (file && file.size > maxBytes) {
      setStatus("That file is " + mb(file.size) + "; the limit is " + mb(maxBytes) + ".", true);
      return;
    }
    const body = new FormData();
    if (file) body.append("file", file, file.name);
    else body.append("text", text);
    if (postingInput.value.trim()) body.append("posting", postingInput.value);
    body.append("kind", "resume");
    submit.disabled = true;
    setStatus(file ? "Reading " + file.name + "\u2026" : "Reading the text\u2026", false);
    try {
      const response = await fetch("/api/score", { method: "POST", body });
      let data = null;
      try { data = await response.json(); } catch (_) { data = null; }
      if (!response.ok) {
        const err = (data && data.error) || { message: "the server answered " + response.status };
        // Say which of the two inputs was the trouble.
        const what = /^posting/.test(err.code || "") || /posting/.test(err.message || "")
          ? "Could not use the job posting: " : "Could not score this resume: ";
        setStatus(what + err.message, true);
        return;
      }
      last = data;
      render(data);
      const warned = (data.warnings || []).length ? " See the warnings below." : "";
      setStatus((file && text.trim() ? "Scored the file (the pasted text was not used)." : "Scored.") + warned,
        warned !== "");
      results.focus();
    } catch (_) {
      setStatus("Could not reach the server.", true);
    } finally {
      submit.disabled = false;
    }
  });

  function contextOf(data) {
    const map = new Map();
    for (const c of data.context || []) map.set(c.start + ":" + c.end, c);
    return map;
  }

  function snippet(ctx) {
    return el("p", { class: "snip" }, ctx.before, el("mark", { text: ctx.match }), ctx.after);
  }

  // Why a statement earns an area, asked of /api/explain when the reader opens it (once). The
  // terms add up to the probability; they are said in words, never as feature ids.
  const cueText = (spec) => {
    const words = spec.replace(/\|/g, " / ").replace(/\*/g, "\u2026").replace(/#/g, "a number").replace(/\$/g, "an amount");
    return words.length > 48 ? words.slice(0, 47) + "\u2026" : words;
  };
  function term(t, names) {
    const area = names.get(t.area) || t.area;
    if (t.kind === "word") return "the word \u201c" + t.name + "\u201d";
    if (t.kind === "meaning") return "what \u201c" + t.name + "\u201d means (words near it)";
    if (t.kind === "cue") return "a phrase of " + area + ": \u201c" + cueText(t.name) + "\u201d";
    if (t.kind === "cue count") return "how many phrases of " + area + " it holds";
    if (t.kind === "bias") return "starting point (most statements show no area)";
    return t.name + " smaller terms";
  }
  function explanation(reading, names) {
    const list = el("ul", { class: "terms" });
    for (const t of reading.contributions) {
      list.append(el("li", { "data-sign": t.weight < 0 ? "minus" : "plus" },
        el("span", { class: "w", text: (t.weight < 0 ? "\u2212" : "+") + Math.abs(t.weight).toFixed(1) }),
        " " + term(t, names)));
    }
    const read = reading.part === "statement" ? "" : " It read the " + reading.part + ": \u201c" + reading.text + "\u201d.";
    return el("div", {},
      el("p", { text: "Probability " + reading.p.toFixed(2) + " (" + reading.status + ")." + read +
        " What moved it (log-odds, they add up):" }), list);
  }
  const short = (text) => (text.length > 60 ? text.slice(0, 59) + "\u2026" : text);
  function why(text, area, names, label) {
    const body = el("div", { class: "hint", text: "Loading\u2026" });
    const box = el("details", { class: "why" }, el("summary", { text: label }), body);
    let asked = false;
    box.addEventListener("toggle", () => {
      if (!box.open || asked) return;
      asked = true;
      fetch("/api/explain", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ statement: text, areas: [area], top: 6 }),
      }).then((r) => r.json().then((d) => ({ ok: r.ok, d })))
        .then(({ ok, d }) => {
          if (!ok || !d.readings || !d.readings.length) throw new Error((d.error && d.error.message) || "no answer");
          body.replaceChildren(explanation(d.readings[0], names));
        })
        .catch((e) => { body.textContent = "Could not explain it: " + e.message; });
    });
    return box;
  }

  function fill(c) {
    // Set through the CSSOM: the page's CSP forbids inline style attributes.
    const node = el("span", { class: "fill " + c.status });
    node.style.display = "block";
    node.style.width = pct(c.credit);
    return node;
  }

  const years = (x) => Number(x || 0).toFixed(1) + " years";

  function render(data) {
    results.hidden = false;
    $("score").textContent = Number(data.score).toFixed(1);
    const band = $("band");
    band.textContent = data.band;
    band.className = "band " + data.band;
    $("against").textContent = data.against === "posting"
      ? "Scored against the pasted job posting" + (data.profile_role ? ": " + data.profile_role : "")
      : "Scored against the " + (data.profile_role || data.profile) + " profile";
    if (Number(data.total_points) < 0) {
      // At the floor: say how far below it, so that two resumes at 0 are not read as equal.
      $("against").textContent += ". Points total " + Number(data.total_points).toFixed(1) +
        ": the score stops at 0 (the missing required asks cost more than the rest earns)";
    }
    const names = data.names || {};
    const facts = $("facts");
    facts.replaceChildren(
      el("li", { text: "Experience: " + years(data.total_years) + " in dated roles" }),
      el("li", { text: "In management roles: " + years(data.management_years) }),
      el("li", { text: "Managing in the field: " + years(data.management_years_in_field) +
        " (management titles in the role's field, supervisory ones at half: what the score uses)" }),
      el("li", { text: "Education: " + (names.highest_education || "none found") }),
      el("li", { text: "Certifications: " + ((names.certifications || []).join(", ") || "none found") }),
    );

    const chart = $("chart");
    chart.replaceChildren();
    for (const c of data.competencies || []) {
      const label = c.name + ": " + c.status + ", credit " + pct(c.credit) + ", weight " + pct(c.weight);
      chart.append(el("li", { "aria-label": label, "data-status": c.status },
        el("span", { class: "name", text: c.name, "aria-hidden": "true" }),
        el("span", { class: "track", "aria-hidden": "true" },
          fill(c)),
        el("span", { class: "val", "aria-hidden": "true" },
          el("span", { class: "st " + c.status, text: c.status }), " " + pct(c.credit) + " \u00b7 weight " + pct(c.weight))));
    }
    if (!chart.children.length) chart.append(el("li", { class: "empty", text: "No competencies in this profile." }));

    const contexts = contextOf(data);
    const met = $("met");
    met.replaceChildren();
    const found = (data.competencies || []).filter((c) => c.status !== "missing")
      .sort((a, b) => (a.status === b.status ? b.weight - a.weight : a.status === "met" ? -1 : 1));
    const areaNames = new Map((data.competencies || []).map((c) => [c.id, c.name]));
    for (const c of found) {
      const seen = new Set();
      const item = el("li", {}, el("strong", { text: c.name }), " ",
        el("span", { class: "st " + c.status, text: c.status === "met" ? "" : "(partial)" }));
      const ids = [...new Set(c.evidence.map((ev) => ev.text))].slice(0, 6).join(", ");
      if (ids) item.append(el("div", { class: "hint", text: "Found: " + ids }));
      for (const ev of c.evidence) {
        const ctx = contexts.get(ev.start + ":" + ev.end);
        if (!ctx || seen.size >= 1) continue;
        seen.add(ctx);
        item.append(snippet(ctx));
      }
      // A statement that earned the credit (it has a probability), not a skill it names.
      const shown = c.evidence.find((ev) => typeof ev.p === "number");
      if (shown) item.append(why(shown.text, c.id, areaNames, "Why \u201c" + short(shown.text) + "\u201d counts"));
      met.append(item);
    }
    for (const r of (data.requirements || []).filter((r) => r.status === "met")) {
      const item = el("li", {}, el("strong", { text: cap(r.name) }), " ",
        el("span", { class: "hint", text: "needs " + r.required + ", found " + r.found }));
      const ctx = (r.evidence || []).map((ev) => contexts.get(ev.start + ":" + ev.end)).find(Boolean);
      if (ctx) item.append(snippet(ctx));
      met.append(item);
    }
    if (!met.children.length) met.append(el("li", { class: "empty", text: "Nothing met yet." }));

    const gaps = $("gaps");
    gaps.replaceChildren();
    const byName = new Map();
    for (const c of data.competencies || []) byName.set(c.name, ["competency", c.status]);
    for (const r of data.requirements || []) byName.set(r.name, ["requirement", r.status]);
    for (const i of data.posting_items || []) byName.set(i.name, [i.importance + " " + i.type, i.status]);
    // A missing competency's closest statement, when one is about it: the bullet to strengthen.
    const idOf = new Map((data.competencies || []).map((c) => [c.name, c.id]));
    const near = new Map((data.near || []).map((n) => [n.id, n]));
    for (const g of data.gaps || []) {
      const [kind, status] = byName.get(g) || ["", ""];
      const item = el("li", {}, cap(g), el("span", { class: "tag", text: kind + (status ? ", " + status : "") }));
      const n = near.get(idOf.get(g));
      if (n) {
        item.append(el("div", { class: "hint near", text: "Closest statement: \u201c" + n.text + "\u201d reads " +
          n.p.toFixed(2) + " for it (" + n.threshold.toFixed(2) + " counts)." }));
        item.append(why(n.text, n.id, areaNames, "Why \u201c" + short(n.text) + "\u201d falls short"));
      }
      gaps.append(item);
    }
    if (!gaps.children.length) gaps.append(el("li", { class: "empty", text: "No gaps." }));

    const items = data.posting_items || [];
    $("asks-card").hidden = !items.length;
    $("asks").replaceChildren(...items.map((i) => el("tr", { "data-status": i.status },
      el("td", { text: i.name }), el("td", { text: i.type }), el("td", { text: i.importance }),
      el("td", {}, el("span", { class: "st " + i.status, text: i.status })),
      el("td", { class: "num", text: Number(i.points).toFixed(2) }),
      el("td", { text: [...new Set((i.evidence || []).map((ev) => ev.text))].slice(0, 3).join(", ") || "\u2014" }))));
    const advice = data.suggestions || [];
    $("advice-card").hidden = !advice.length;
    $("advice").replaceChildren(...advice.map((sg) => el("li", {},
      el("span", { class: "pts", text: "+" + Number(sg.points).toFixed(2) }),
      el("strong", { text: cap(sg.item) }), " (" + sg.item_type + ", " + sg.status + "): what would count: " +
      (sg.what || []).join("; ") + ". Where: " + sg.where + ".")));

    const tbody = $("reqs");
    tbody.replaceChildren();
    const shown = names.requirements || {};
    for (const r of data.requirements || []) {
      const [needs, found] = shown[r.id] || [r.required, r.found];
      tbody.append(el("tr", {},
        el("td", { text: cap(r.name) }), el("td", { text: needs }), el("td", { text: found }),
        el("td", {}, el("span", { class: "st " + r.status, text: r.status })),
        el("td", { class: "num", text: Number(r.points).toFixed(2) })));
    }
    const warnings = data.warnings || [];
    $("warnings-card").hidden = !warnings.length;
    $("warnings").replaceChildren(...warnings.map((w) => el("li", { text: w })));
  }

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function baseName() {
    return "jobfit-" + String((last && last.id) || "result").replace(/[^\w.-]+/g, "_");
  }

  // The server writes the CSV, so it has the columns of `jobfit score --gaps` (one rule, one place).
  $("dl-csv").addEventListener("click", async () => {
    if (!last) return;
    const { context, ...record } = last; // the words around the evidence are not needed for gaps
    const res = await fetch("/api/export/gaps", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(record),
    });
    if (!res.ok) return;
    download(baseName() + "-gaps.csv", "text/csv;charset=utf-8", await res.blob());
  });
  $("dl-json").addEventListener("click", () => {
    if (!last) return;
    download(baseName() + ".json", "application/json", JSON.stringify(last, null, 1) + "\n");
  });
})();
