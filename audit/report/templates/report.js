(function () {
  "use strict";
  var doc = document;
  var bar = doc.getElementById("toolbar");
  if (!bar) return;
  bar.hidden = false;
  var cards = Array.prototype.slice.call(doc.querySelectorAll("ol.findings li"));
  var marks = Array.prototype.slice.call(doc.querySelectorAll("main mark[data-findings]"));
  var sections = Array.prototype.slice.call(doc.querySelectorAll("main section.para"));
  var sevBoxes = Array.prototype.slice.call(bar.querySelectorAll("input[name=severity]"));
  var catSel = doc.getElementById("f-category");
  var ruleSel = doc.getElementById("f-rule");
  var only = doc.getElementById("f-only");
  var status = doc.getElementById("status");
  var tip = doc.getElementById("tip");
  var byId = {};
  cards.forEach(function (c) { byId[c.id] = c; });
  var current = -1;

  function visibleCard(c) { return !c.classList.contains("hidden-by-filter"); }
  function cardsOf(m) {
    return m.getAttribute("data-findings").split(" ").map(function (id) { return byId[id]; }).filter(Boolean);
  }

  function apply() {
    var sevs = {}, known = {};
    sevBoxes.forEach(function (b) { known[b.value] = true; if (b.checked) sevs[b.value] = true; });
    var cat = catSel.value, rule = ruleSel.value, shown = 0;
    cards.forEach(function (c) {
      var ok = (sevs[c.dataset.severity] || !known[c.dataset.severity]) && (!cat || c.dataset.category === cat) && (!rule || c.dataset.rule === rule);
      c.classList.toggle("hidden-by-filter", !ok);
      if (ok) shown++;
    });
    marks.forEach(function (m) {
      var on = cardsOf(m).some(visibleCard);
      m.classList.toggle("off", !on);
      m.tabIndex = on ? 0 : -1;
    });
    sections.forEach(function (s) {
      var any = s.querySelector("ol.findings li:not(.hidden-by-filter)") !== null;
      s.classList.toggle("hidden-by-filter", only.checked && !any);
    });
    current = -1;
    say(shown + " of " + cards.length + " findings shown");
  }

  function navMarks() { return marks.filter(function (m) { return !m.classList.contains("off"); }); }

  function activate(m) {
    doc.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
    if (!m) return;
    m.classList.add("active");
    cardsOf(m).forEach(function (c) { if (visibleCard(c)) c.classList.add("active"); });
  }

  function go(step) {
    var list = navMarks();
    if (!list.length) { say("no findings to visit"); return; }
    var i = list.indexOf(doc.activeElement);
    if (i < 0) i = current;
    i = i < 0 ? (step > 0 ? 0 : list.length - 1) : (i + step + list.length) % list.length;
    current = i;
    var m = list[i];
    m.focus({ preventScroll: true });
    m.scrollIntoView({ block: "center" });
    activate(m);
    var first = cardsOf(m).filter(visibleCard)[0];
    say("Finding " + (i + 1) + " of " + list.length + (first ? ": " + first.dataset.rule : ""));
  }

  function say(text) { if (status) status.textContent = text; }

  function showTip(m) {
    var list = cardsOf(m).filter(visibleCard);
    if (!list.length) { tip.hidden = true; return; }
    tip.textContent = "";
    list.forEach(function (c, k) {
      var box = doc.createElement("div");
      if (k) box.style.marginTop = "6px";
      var head = doc.createElement("div");
      var code = doc.createElement("strong");
      code.className = "rule";
      code.textContent = c.dataset.rule;
      head.appendChild(code);
      head.appendChild(doc.createTextNode(" " + c.dataset.severity + " · " + c.dataset.category));
      box.appendChild(head);
      var orig = c.querySelector(".orig, .quote");
      var sug = c.querySelector(".suggestion");
      var change = doc.createElement("div");
      if (orig) {
        var o = doc.createElement(sug ? "del" : "span");
        o.textContent = orig.textContent;
        change.appendChild(o);
      }
      if (sug) {
        change.appendChild(doc.createTextNode(" → "));
        var ins = doc.createElement("ins");
        ins.textContent = sug.textContent;
        change.appendChild(ins);
      }
      box.appendChild(change);
      var msg = c.querySelector(".msg");
      var line = doc.createElement("div");
      line.className = "tipmsg";
      line.textContent = msg ? msg.textContent : "";
      box.appendChild(line);
      tip.appendChild(box);
    });
    var r = m.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + doc.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hideTip() { tip.hidden = true; }

  marks.forEach(function (m) {
    m.removeAttribute("title");  // the richer tooltip replaces the native one
    m.addEventListener("mouseenter", function () { showTip(m); });
    m.addEventListener("mouseleave", hideTip);
    m.addEventListener("focus", function () { showTip(m); activate(m); current = navMarks().indexOf(m); });
    m.addEventListener("blur", hideTip);
  });
  cards.forEach(function (c) {
    c.addEventListener("click", function (e) {
      var m = doc.getElementById(c.dataset.mark);
      if (m && e.target.tagName !== "A") { m.focus(); activate(m); }
    });
  });

  sevBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  [catSel, ruleSel, only].forEach(function (e) { e.addEventListener("change", apply); });
  doc.getElementById("next").addEventListener("click", function () { go(1); });
  doc.getElementById("prev").addEventListener("click", function () { go(-1); });
  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || "";
    if (e.key === "Escape") { hideTip(); activate(null); if (doc.activeElement) doc.activeElement.blur(); return; }
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    if (e.key === "j" || e.key === "n") { e.preventDefault(); go(1); }
    else if (e.key === "k" || e.key === "p") { e.preventDefault(); go(-1); }
  });
  apply();
  say(cards.length + " findings · press j for the first");
})();
