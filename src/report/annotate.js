"use strict";
// The annotation page: the student selects words of the article and records claims; the
// claims are downloaded as the JSON file `whosaid claim import` reads. Spans are kept in
// UTF-16 units (JavaScript strings) while the page runs and written in Unicode code points.
// Every piece of article text reaches the page through textContent, never as markup.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const text = data.text;
  const $ = (id) => document.getElementById(id);
  const article = $("article");
  const PARTS = ["content", "mention", "cue"];
  const STORE = "whosaid-annotate:" + data.sha256;

  // Code points before each UTF-16 offset, and the UTF-16 offset of each code point.
  const cpOf = new Uint32Array(text.length + 1);
  const u16Of = [0];
  for (let u = 0; u < text.length; ) {
    u += text.codePointAt(u) > 0xffff ? 2 : 1;
    cpOf[u] = u16Of.length;
    u16Of.push(u);
  }
  // Where a user-perceived character starts: a selection never splits a surrogate pair,
  // a letter from its accents or an emoji sequence.
  const starts = new Uint8Array(text.length + 1);
  if (window.Intl && Intl.Segmenter) {
    for (const g of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
      starts[g.index] = 1;
    }
  } else {
    for (let i = 1; i < u16Of.length - 1; i++) {
      if (!/\p{M}/u.test(String.fromCodePoint(text.codePointAt(u16Of[i])))) starts[u16Of[i]] = 1;
    }
    starts[0] = 1;
  }
  starts[text.length] = 1;

  let claims = [];     // {content, mention, cue: {s, e} | null, source, identity, role, form, hedged, via}
  let draft = blank(); // the claim being made or edited
  let editing = -1;    // index in claims of the claim being edited, or -1
  let picked = null;   // the last selection inside the article {s, e}
  let unsaved = false; // changed since the last download
  let removed = null;  // the last deleted claim, for Undo

  function blank() {
    return { content: null, mention: null, cue: null };
  }

  function say(message, kind) {
    const m = $("msg");
    m.textContent = message;
    m.className = kind || "";
  }

  // ---- selection ----------------------------------------------------------------------

  // The UTF-16 offset in the article text of a point of the DOM inside #article.
  function offsetOf(node, offset) {
    const r = document.createRange();
    r.setStart(article, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  // The selection as a span of the article, widened to whole characters and trimmed of
  // spaces; null when nothing of the article is selected.
  function selection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    if (!article.contains(r.startContainer) || !article.contains(r.endContainer)) return null;
    let s = offsetOf(r.startContainer, r.startOffset);
    let e = offsetOf(r.endContainer, r.endOffset);
    while (s > 0 && !starts[s]) s--;
    while (e < text.length && !starts[e]) e++;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    return e > s ? { s: s, e: e } : null;
  }

  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount && article.contains(sel.getRangeAt(0).startContainer)) {
      picked = selection();
      const shown = $("selection");
      shown.textContent = picked ? text.slice(picked.s, picked.e) : "nothing yet";
      shown.className = picked ? "" : "none";
    }
  });

  // ---- the claim being made ------------------------------------------------------------

  function choices(name) {
    const box = $(name);
    for (const v of data[name]) {
      const label = document.createElement("label");
      label.className = "choice";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = v.value;
      input.id = name + "-" + v.value;
      const meaning = document.createElement("span");
      meaning.className = "meaning";
      meaning.textContent = " \u2014 " + v.meaning;
      label.append(input, " " + v.value.replace("_", " "), meaning);
      box.append(label);
    }
  }

  function chosen(name) {
    const input = document.querySelector("input[name=" + name + "]:checked");
    return input ? input.value : "";
  }

  function choose(name, value) {
    for (const input of document.querySelectorAll("input[name=" + name + "]")) {
      input.checked = input.value === value;
    }
  }

  function showDraft() {
    const parts = $("parts");
    parts.replaceChildren();
    for (const part of PARTS) {
      const set = document.createElement("button");
      set.type = "button";
      set.id = "set-" + part;
      set.textContent = part[0].toUpperCase() + part.slice(1);
      set.title = "Take the selected words as the " + part + ": " + data.parts[part];
      set.addEventListener("click", () => take(part));
      const words = document.createElement("span");
      words.id = "draft-" + part;
      const span = draft[part];
      words.className = span ? "words" : "words none";
      words.textContent = span ? text.slice(span.s, span.e) : part === "content" ? "required" : "none";
      const clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = "\u00d7";
      clear.title = "No " + part;
      clear.disabled = !span;
      clear.addEventListener("click", () => {
        draft[part] = null;
        showDraft();
      });
      parts.append(set, words, clear);
    }
    $("draft-title").textContent = editing >= 0 ? "Claim " + (editing + 1) + " (editing)" : "New claim";
    $("save").textContent = editing >= 0 ? "Save claim " + (editing + 1) : "Add claim";
    render();
  }

  function take(part) {
    if (!picked) {
      say("Select words of the article first, then press " + part + ".", "error");
      return;
    }
    draft[part] = { s: picked.s, e: picked.e };
    if (part === "mention" && !$("source").value.trim()) {
      $("source").value = text.slice(picked.s, picked.e);
    }
    say("");
    showDraft();
  }

  function resetForm() {
    draft = blank();
    editing = -1;
    for (const id of ["source", "via"]) $(id).value = "";
    $("hedged").checked = false;
    for (const name of ["identity", "role", "form"]) choose(name, "");
    showDraft();
    list();
  }

  function save() {
    const claim = {
      content: draft.content,
      mention: draft.mention,
      cue: draft.cue,
      source: $("source").value.trim(),
      identity: chosen("identity"),
      role: chosen("role"),
      form: chosen("form"),
      hedged: $("hedged").checked,
      via: $("via").value.trim(),
    };
    const missing = [];
    if (!claim.content) missing.push("the content (select it, then press Content)");
    if (!claim.source) missing.push("the source");
    for (const name of ["identity", "role", "form"]) if (!claim[name]) missing.push("the " + name);
    if (missing.length) {
      say("Still needed: " + missing.join(", ") + ".", "error");
      return;
    }
    const verb = editing >= 0 ? "Saved claim " : "Added claim ";
    if (editing >= 0) {
      claims[editing] = claim;
    } else {
      claims.push(claim);
    }
    sortClaims();
    resetForm();
    changed();
    say(verb + (claims.indexOf(claim) + 1) + ".", "ok");
  }

  // ---- the list of claims --------------------------------------------------------------

  // Text order, as whosaid numbers claims: content start, the longer first, cue, mention.
  function sortClaims() {
    const at = (span) => (span ? span.s : Infinity);
    claims.sort(
      (a, b) =>
        at(a.content) - at(b.content) ||
        b.content.e - a.content.e ||
        at(a.cue) - at(b.cue) ||
        at(a.mention) - at(b.mention)
    );
  }

  function shorten(s, n) {
    const cps = Array.from(s);
    return cps.length > n ? cps.slice(0, n - 1).join("") + "\u2026" : s;
  }

  function list() {
    const ol = $("claims");
    ol.replaceChildren();
    claims.forEach((c, i) => {
      const li = document.createElement("li");
      li.className = i === editing ? "editing" : "";
      const quote = document.createElement("span");
      quote.className = "quote";
      quote.textContent = "\u201c" + shorten(text.slice(c.content.s, c.content.e), 80) + "\u201d";
      const labels = [c.identity, c.role, c.form.replace("_", " ")];
      if (c.hedged) labels.push("hedged");
      if (c.via) labels.push("via " + c.via);
      const who = document.createElement("div");
      who.textContent = c.source + " \u00b7 " + labels.join(" \u00b7 ");
      const edit = document.createElement("button");
      edit.type = "button";
      edit.textContent = "Edit";
      edit.className = "edit";
      edit.addEventListener("click", () => load(i));
      const del = document.createElement("button");
      del.type = "button";
      del.textContent = "Delete";
      del.className = "delete";
      del.addEventListener("click", () => remove(i));
      li.append(quote, who, edit, del);
      ol.append(li);
    });
    $("count").textContent = claims.length;
  }

  function load(i) {
    const c = claims[i];
    editing = i;
    draft = { content: c.content, mention: c.mention, cue: c.cue };
    $("source").value = c.source;
    $("via").value = c.via || "";
    $("hedged").checked = c.hedged;
    for (const name of ["identity", "role", "form"]) choose(name, c[name]);
    say("Editing claim " + (i + 1) + ": change it, then press Save.", "ok");
    showDraft();
    list();
  }

  function remove(i) {
    removed = claims.splice(i, 1)[0];
    if (editing === i) {
      resetForm();
    } else if (editing > i) {
      editing--;
    }
    changed();
    say("Deleted claim " + (i + 1) + ". ", "ok");
    const undo = document.createElement("button");
    undo.type = "button";
    undo.textContent = "Undo";
    undo.addEventListener("click", () => {
      if (removed) claims.push(removed);
      removed = null;
      sortClaims();
      changed();
      say("Restored.", "ok");
    });
    $("msg").append(undo);
  }

  // ---- the article with the claims marked ----------------------------------------------

  function render() {
    const marks = [];
    claims.forEach((c, i) => {
      for (const part of PARTS) if (c[part]) marks.push({ s: c[part].s, e: c[part].e, cls: part, n: i + 1 });
    });
    for (const part of PARTS) {
      if (draft[part]) marks.push({ s: draft[part].s, e: draft[part].e, cls: "draft-" + part });
    }
    const cuts = new Set([0, text.length]);
    for (const m of marks) cuts.add(m.s).add(m.e);
    const points = Array.from(cuts).sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const over = marks.filter((m) => m.s <= a && m.e >= b);
      if (!over.length) {
        pieces.push(document.createTextNode(text.slice(a, b)));
        continue;
      }
      const span = document.createElement("span");
      span.className = Array.from(new Set(over.map((m) => m.cls))).join(" ");
      span.textContent = text.slice(a, b);
      const ends = over.filter((m) => m.cls === "content" && m.e === b).map((m) => m.n);
      if (ends.length) span.dataset.n = ends.join(",");
      const numbers = Array.from(new Set(over.filter((m) => m.n).map((m) => m.n)));
      if (numbers.length) span.title = "claim " + numbers.join(", ");
      pieces.push(span);
    }
    article.replaceChildren(...pieces);
  }

  // ---- saving --------------------------------------------------------------------------

  const toFile = (span) =>
    span ? { start: cpOf[span.s], end: cpOf[span.e], text: text.slice(span.s, span.e) } : null;

  function fileData() {
    return {
      format: data.format,
      version: data.version,
      article: data.article,
      title: data.title,
      sha256: data.sha256,
      claims: claims.map((c) => ({
        source: c.source,
        content: toFile(c.content),
        mention: toFile(c.mention),
        cue: toFile(c.cue),
        identity: c.identity,
        role: c.role,
        form: c.form,
        hedged: c.hedged,
        via: c.via || null,
      })),
    };
  }

  // A span of a file back in UTF-16 units; an error when it does not fit this article.
  function fromFile(span, where) {
    if (!span) return null;
    const ok =
      Number.isInteger(span.start) && Number.isInteger(span.end) &&
      span.start >= 0 && span.start < span.end && span.end < u16Of.length;
    const s = ok ? u16Of[span.start] : 0;
    const e = ok ? u16Of[span.end] : 0;
    if (!ok || text.slice(s, e) !== span.text) throw new Error(where + " does not match the article");
    return { s: s, e: e };
  }

  function readFile(file) {
    if (file.format !== data.format || file.sha256 !== data.sha256) {
      throw new Error("this file is not for this article (its text differs)");
    }
    return file.claims.map((c, i) => {
      const where = "claim " + (i + 1);
      if (!c.content) throw new Error(where + " has no content");
      return {
        content: fromFile(c.content, where + "'s content"),
        mention: fromFile(c.mention, where + "'s mention"),
        cue: fromFile(c.cue, where + "'s cue"),
        source: String(c.source || ""),
        identity: String(c.identity || ""),
        role: String(c.role || ""),
        form: String(c.form || ""),
        hedged: c.hedged === true,
        via: c.via ? String(c.via) : "",
      };
    });
  }

  function changed() {
    unsaved = true;
    try {
      localStorage.setItem(STORE, JSON.stringify(fileData()));
    } catch (e) {
      // a browser that keeps nothing for file:// pages: the download is the only copy
    }
    list();
    render();
  }

  function fileName() {
    const base = (data.article || data.title || "article").replace(/[^\p{L}\p{N}._-]+/gu, "-");
    return shorten(base, 60) + "-claims.json";
  }

  function download() {
    if (draft.content || draft.mention || draft.cue) {
      say("The claim on the right is not " + (editing >= 0 ? "saved" : "added") +
        " yet: press " + $("save").textContent + " or Clear first.", "error");
      return;
    }
    const json = JSON.stringify(fileData(), null, 2) + "\n";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    a.download = fileName();
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    unsaved = false;
    say("Downloaded " + claims.length + " claim" + (claims.length === 1 ? "" : "s") +
      " as " + a.download + ".", "ok");
  }

  function open(input) {
    const f = input.files && input.files[0];
    if (!f) return;
    f.text().then((body) => {
      try {
        const read = readFile(JSON.parse(body));
        if (claims.length && !window.confirm("Replace your " + claims.length + " claims with the file's " + read.length + "?")) return;
        claims = read;
        sortClaims();
        resetForm();
        changed();
        unsaved = false;
        say("Opened " + f.name + ": " + claims.length + " claims.", "ok");
      } catch (e) {
        say(f.name + ": " + e.message + ".", "error");
      }
      input.value = "";
    });
  }

  // ---- start ---------------------------------------------------------------------------

  $("title").textContent = data.title;
  for (const name of ["identity", "role", "form"]) choices(name);
  for (const part of ["source", "hedged", "via"]) $(part + "-meaning").textContent = data.parts[part];
  $("save").addEventListener("click", save);
  $("clear").addEventListener("click", () => {
    resetForm();
    say("");
  });
  $("download").addEventListener("click", download);
  $("open").addEventListener("change", (e) => open(e.target));
  $("foot").textContent =
    (data.article ? "article " + data.article + " \u00b7 " : "") + "text SHA-256 " + data.sha256;
  window.addEventListener("beforeunload", (e) => {
    if (unsaved) e.preventDefault();
  });
  try {
    const kept = localStorage.getItem(STORE);
    if (kept) {
      claims = readFile(JSON.parse(kept));
      sortClaims();
      if (claims.length) say("Restored your " + claims.length + " claims from this browser.", "ok");
    }
  } catch (e) {
    claims = [];
  }
  showDraft();
  list();
})();
