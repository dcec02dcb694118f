// Offline API page: lists the endpoints from /openapi.json (no Swagger UI, no CDN).
"use strict";
(function () {
  const root = document.getElementById("endpoints");
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  fetch("/openapi.json").then((r) => r.json()).then((spec) => {
    root.replaceChildren();
    for (const [path, ops] of Object.entries(spec.paths || {})) {
      for (const [method, op] of Object.entries(ops)) {
        const card = el("section", "card endpoint");
        const h = el("h2");
        h.append(el("span", "method " + method, method.toUpperCase()), el("code", "", path));
        card.append(h);
        if (op.summary) card.append(el("p", "", op.summary));
        if (op.description && op.description !== op.summary) card.append(el("p", "hint", op.description));
        const body = op.requestBody && op.requestBody.content;
        if (body) {
          const types = el("p", "hint", "Request body: " + Object.keys(body).join(", "));
          card.append(types);
          const schema = Object.values(body)[0].schema || {};
          const props = schema.properties || {};
          const list = el("ul");
          for (const [name, p] of Object.entries(props)) {
            const li = el("li");
            li.append(el("code", "", name), " " + (p.description || p.type || ""));
            list.append(li);
          }
          card.append(list);
        }
        const codes = Object.entries(op.responses || {}).map(([code, r]) => code + " " + (r.description || ""));
        if (codes.length) card.append(el("p", "hint", "Responses: " + codes.join("; ")));
        root.append(card);
      }
    }
  }).catch(() => { root.replaceChildren(el("p", "status error", "Could not load /openapi.json.")); });
})();
