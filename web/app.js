/*
 * app.js - the page of siaga serve: the plan on a Leaflet map, the
 * changes the Kapolsek makes (re-grade a TPS, withdraw, resize or add a
 * unit, pin members and posts), sent as one overlay (formats.md 4) to
 * POST /api/plan, and what the re-plan changed.  No framework and no
 * network but the server: Leaflet is compiled into the program.
 */
"use strict";
(function () {
  var GRADE_LABEL = {
    kurang_rawan: "Kurang rawan", rawan: "Rawan", khusus: "Khusus",
    sangat_rawan: "Sangat rawan", linmas: "Linmas"
  };
  var FORCE_LABEL = { polri: "Polri", tni: "TNI", linmas: "Linmas" };
  var ROUTE_RGB = "#1f5fbf";

  var st = null;          /* GET /api/state */
  var pending = [];       /* changes not yet planned */
  var pins = [];          /* {id, label} */
  var kecFilter = "";
  var map = L.map("peta", { preferCanvas: true, zoomControl: true, maxZoom: 19 });
  var canvas = L.canvas({ padding: 0.2 });
  var layer = L.layerGroup().addTo(map);
  var tiles = null;
  var selected = -1;
  var firstFit = true;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function xmlAttr(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function gradeName(g) { return st.grades[g]; }
  function showError(msg) {
    var g = $("galat");
    g.textContent = msg;
    g.hidden = !msg;
  }
  function busy(on) {
    $("sibuk").hidden = !on;
    ["rencanakan", "batalkan"].forEach(function (id) { $(id).disabled = on; });
  }

  /* ---- the state from the server ---- */
  function load() {
    return fetch("api/state", { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("GET /api/state: " + r.status);
      return r.json();
    }).then(function (s) {
      st = s;
      index();
      renderAll();
    });
  }

  /* member index -> "pos P0001" / "Linmas TPS ..." / "cadangan" */
  function index() {
    st.memberPlace = new Array(st.members.length).fill("cadangan");
    st.linmasOf = {};
    st.posts.forEach(function (p) {
      p[6].forEach(function (m) { st.memberPlace[m] = "pos " + p[0]; });
    });
    st.linmas.forEach(function (l) {
      (st.linmasOf[l[0]] = st.linmasOf[l[0]] || []).push(l[1]);
      st.memberPlace[l[1]] = "Linmas TPS " + st.tps[l[0]][0];
    });
  }

  function renderAll() {
    $("judul").textContent = "siaga \u2013 " + st.scenario;
    var sel = $("kec");
    if (sel.options.length === 1) {
      st.kecamatan.forEach(function (k, i) {
        var o = el("option", k[1] + " (" + k[0] + ")");
        o.value = String(i);
        sel.appendChild(o);
        var o2 = el("option", k[1] + " (" + k[0] + ")");
        o2.value = k[0];
        $("bko-kec").appendChild(o2);
      });
      var gs = $("tps-status-baru");
      st.grades.forEach(function (g) {
        var o = el("option", GRADE_LABEL[g] || g);
        o.value = g;
        gs.appendChild(o);
      });
      var leg = $("legenda");
      st.grades.forEach(function (g, i) {
        var s = el("span"), dot = el("i");
        dot.style.background = st.grade_rgb[i];
        s.appendChild(dot);
        s.appendChild(document.createTextNode(GRADE_LABEL[g] || g));
        leg.appendChild(s);
      });
    }
    renderSummary(st.summary);
    renderMap();
    renderUnits();
    renderPending();
    renderDownloads(st.summary.files);
    if (selected >= 0 && selected < st.tps.length) showTps(selected);
  }

  function renderSummary(s) {
    $("jml-pos").textContent = s.posts;
    $("jml-tps").textContent = st.tps.length;
    $("kosong-total").textContent = s.empty_total;
    var b = $("status-rencana");
    b.textContent = { optimal: "optimal: semua tempat terisi",
      shortage: "kekurangan personel", feasible: "batas waktu" }[s.status] || s.status;
    b.className = "lencana " + s.status;
    var tb = $("tabel-kosong").tBodies[0];
    tb.textContent = "";
    Object.keys(s.empty).forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("td", GRADE_LABEL[k] || k));
      var td = el("td", s.empty[k]);
      td.dataset.kind = k;
      tr.appendChild(td);
      tb.appendChild(tr);
    });
    $("batalkan").disabled = !s.undo;
  }

  function visible(k) { return kecFilter === "" || String(k) === kecFilter; }

  function renderMap() {
    layer.clearLayers();
    var bounds = [];
    st.posts.forEach(function (p, q) {
      if (!visible(p[2])) return;
      var pts = p[5].map(function (t) { return [st.tps[t][1], st.tps[t][2]]; });
      if (pts.length > 1) {
        L.polyline(pts.concat([pts[0]]), { renderer: canvas, color: ROUTE_RGB,
          weight: 2, opacity: 0.8, interactive: false }).addTo(layer);
      }
      L.circleMarker(pts[0], { renderer: canvas, radius: 9, color: "#111",
        weight: 2, fill: false, interactive: false }).addTo(layer);
    });
    st.tps.forEach(function (t, i) {
      if (!visible(t[4])) return;
      var m = L.circleMarker([t[1], t[2]], { renderer: canvas, radius: 5,
        color: "#333", weight: 1, fillColor: st.grade_rgb[t[3]], fillOpacity: 0.95 });
      m.on("click", function () { showTps(i); });
      m.bindTooltip(t[0] + " \u2013 " + (GRADE_LABEL[gradeName(t[3])] || ""));
      m.addTo(layer);
      bounds.push([t[1], t[2]]);
    });
    if (bounds.length && (firstFit || kecFilter !== "")) {
      map.fitBounds(bounds, { padding: [20, 20], animate: false });
      firstFit = false;
    }
  }

  function memberLabel(m) {
    var me = st.members[m];
    return (me[2] ? me[2] + " " : "") + me[1] + " (" + me[0] + ", " + st.units[me[3]][0] + ")";
  }

  function pinButton(id, label) {
    var b = el("button", pins.some(function (p) { return p.id === id; }) ? "dikunci" : "kunci");
    b.type = "button";
    b.addEventListener("click", function () { togglePin(id, label); });
    return b;
  }

  /* "alasan": why the member stands here, asked of the server when
   * clicked (GET api/why; the first ask of a plan takes a moment) */
  function whyButton(m, li) {
    var b = el("button", "alasan");
    b.type = "button";
    var out = el("span", "", "alasan");
    b.addEventListener("click", function () {
      out.textContent = " \u2026";
      fetch("api/why?member=" + encodeURIComponent(st.members[m][0]), { cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (a) {
          if (a.error) { out.textContent = " " + a.error; return; }
          out.textContent = a.tempat_alternatif
            ? " Tempat berikutnya " + a.tempat_alternatif + ": +" + a.tambahan_km.toFixed(3) +
              " km jarak total (" + a.keterangan + ")"
            : " " + a.keterangan;
        })
        .catch(function (e) { out.textContent = " Gagal: " + e.message; });
    });
    li.appendChild(b);
    li.appendChild(out);
  }

  function showTps(i) {
    selected = i;
    var t = st.tps[i];
    $("tps-panel").hidden = false;
    $("tps-kode").textContent = t[0];
    $("tps-desa").textContent = "Desa " + st.desa[t[5]] + ", Kec. " + st.kecamatan[t[4]][1];
    $("tps-status").textContent = GRADE_LABEL[gradeName(t[3])];
    $("tps-status-baru").value = gradeName(t[3]);
    var pg = $("tps-penjaga");
    pg.textContent = "";
    if (t[6] >= 0) {
      var p = st.posts[t[6]];
      $("tps-pos").textContent = p[0] + " (" + GRADE_LABEL[gradeName(p[1])] + ", " + p[3] + " penjaga)";
      $("tps-rute").textContent = "Rute patroli " + p[4].toFixed(2) + " km: " +
        p[5].map(function (x) { return st.tps[x][0]; }).join(" \u2192 ");
      $("pos-kunci").hidden = false;
      $("pos-kunci").textContent = pins.some(function (x) { return x.id === p[0]; }) ? "Pos dikunci" : "Kunci pos ini";
      p[6].forEach(function (m) {
        var li = el("li", memberLabel(m) + " ");
        li.appendChild(pinButton(st.members[m][0], memberLabel(m)));
        var rm = el("button", "tarik");
        rm.type = "button";
        rm.addEventListener("click", function () {
          addChange({ op: "remove-member", id: st.members[m][0], label: "Tarik " + memberLabel(m) });
        });
        li.appendChild(rm);
        whyButton(m, li);
        pg.appendChild(li);
      });
      if (p[6].length < p[3]) pg.appendChild(el("li", (p[3] - p[6].length) + " tempat kosong", "kosong"));
    } else {
      $("tps-pos").textContent = "-";
      $("tps-rute").textContent = "";
      $("pos-kunci").hidden = true;
    }
    var ul = $("tps-linmas");
    ul.textContent = "";
    (st.linmasOf[i] || []).forEach(function (m) {
      var li = el("li", memberLabel(m) + " ");
      li.appendChild(pinButton(st.members[m][0], memberLabel(m)));
      whyButton(m, li);
      ul.appendChild(li);
    });
    var lm = (st.linmasOf[i] || []).length;
    if (lm < st.linmas_per_tps) ul.appendChild(el("li", (st.linmas_per_tps - lm) + " tempat kosong"));
  }

  function renderUnits() {
    var tb = $("tabel-satuan").tBodies[0];
    tb.textContent = "";
    var kcode = kecFilter === "" ? "" : st.kecamatan[+kecFilter][0];
    st.units.forEach(function (u) {
      /* in a kecamatan: its units and those of the whole kabupaten */
      if (kcode && u[3] === "kecamatan" && u[4] !== kcode) return;
      if (kcode && u[3] === "desa" && u[4].indexOf(kcode) !== 0) return;
      var tr = el("tr");
      tr.appendChild(el("td", u[1] + " (" + u[0] + ", " + (FORCE_LABEL[u[2]] || u[2]) + ")"));
      tr.appendChild(el("td", u[6]));
      var td = el("td");
      var rm = el("button", "tarik");
      rm.type = "button";
      rm.addEventListener("click", function () {
        addChange({ op: "remove-unit", id: u[0], label: "Tarik satuan " + u[1] });
      });
      td.appendChild(rm);
      if (u[5] > 0) {
        var rs = el("button", "ubah jumlah");
        rs.type = "button";
        rs.addEventListener("click", function () {
          var n = window.prompt("Jumlah anggota " + u[1] + " (sekarang " + u[6] + ")", String(u[6]));
          if (n === null) return;
          n = parseInt(n, 10);
          if (!(n >= 1 && n <= 100000)) { showError("Jumlah harus bilangan bulat 1 atau lebih."); return; }
          addChange({ op: "resize-unit", id: u[0], count: n, label: u[1] + " menjadi " + n + " orang" });
        });
        td.appendChild(rs);
      }
      tr.appendChild(td);
      tb.appendChild(tr);
    });
  }

  function renderPending() {
    var ol = $("antrian");
    ol.textContent = "";
    pending.forEach(function (c, i) {
      var li = el("li", c.label + " ");
      var b = el("button", "hapus");
      b.type = "button";
      b.addEventListener("click", function () { pending.splice(i, 1); renderPending(); });
      li.appendChild(b);
      ol.appendChild(li);
    });
    $("antrian-kosong").hidden = pending.length > 0 || pins.length > 0;
    var ul = $("kunci");
    ul.textContent = "";
    pins.forEach(function (p, i) {
      var li = el("li", p.label + " ");
      var b = el("button", "lepas");
      b.type = "button";
      b.addEventListener("click", function () { pins.splice(i, 1); renderPending(); });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  function renderDownloads(files) {
    var ul = $("unduhan");
    ul.textContent = "";
    Object.keys(files).forEach(function (n) {
      var li = el("li"), a = el("a", n);
      a.href = files[n].replace(/^\//, "");
      a.download = n;
      a.id = "unduh-" + n.replace(/\./g, "-");
      li.appendChild(a);
      ul.appendChild(li);
    });
  }

  function addChange(c) {
    /* a later change of the same thing replaces the earlier one */
    pending = pending.filter(function (x) { return !(x.op === c.op && x.id === c.id && c.op !== "add-unit"); });
    pending.push(c);
    showError("");
    renderPending();
  }

  function togglePin(id, label) {
    var i = pins.findIndex(function (p) { return p.id === id; });
    if (i >= 0) pins.splice(i, 1); else pins.push({ id: id, label: label });
    renderPending();
    if (selected >= 0) showTps(selected);
  }

  function overlayXml() {
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<overlay xmlns="urn:siaga:overlay:1" name="Perubahan dari halaman (' + pending.length + ')">'];
    pending.forEach(function (c) {
      if (c.op === "regrade")
        lines.push('  <regrade tps="' + xmlAttr(c.id) + '" grade="' + xmlAttr(c.grade) + '"/>');
      else if (c.op === "remove-unit" || c.op === "remove-member")
        lines.push("  <" + c.op + ' id="' + xmlAttr(c.id) + '"/>');
      else if (c.op === "resize-unit")
        lines.push('  <resize-unit id="' + xmlAttr(c.id) + '" count="' + c.count + '"/>');
      else if (c.op === "add-unit")
        lines.push('  <add-unit id="' + xmlAttr(c.id) + '" force="' + c.force + '" name="' +
          xmlAttr(c.name) + '" kecamatan="' + xmlAttr(c.kec) + '" count="' + c.count + '"/>');
    });
    lines.push("</overlay>", "");
    return lines.join("\n");
  }

  function renderResult(r) {
    $("hasil").hidden = false;
    $("jml-pindah").textContent = r.moved;
    $("jml-pindah-nol").textContent = r.moved_scratch;
    $("pos-baru").textContent = r.posts_opened;
    $("pos-tutup").textContent = r.posts_closed;
    $("jml-keluar").textContent = r.left;
    $("bko-total").textContent = r.bko_total;
    $("konflik").hidden = !r.conflict;
    $("konflik").textContent = r.conflict || "";
    var tb = $("tabel-bko");
    tb.hidden = r.bko.length === 0;
    tb.tBodies[0].textContent = "";
    r.bko.forEach(function (b) {
      var tr = el("tr");
      tr.appendChild(el("td", FORCE_LABEL[b.force] || b.force));
      tr.appendChild(el("td", b.scope === "any" ? "mana saja" : b.scope + " " + b.region_name + " (" + b.region + ")"));
      tr.appendChild(el("td", b.count));
      tb.tBodies[0].appendChild(tr);
    });
    var tm = $("tabel-pindah").tBodies[0];
    tm.textContent = "";
    r.changes.forEach(function (c) {
      var tr = el("tr");
      tr.dataset.kind = c.kind;
      var who = c.member ? c.name + " (" + c.member + ", " + c.unit + ")" : c.kind.replace("_", " ");
      tr.appendChild(el("td", who));
      tr.appendChild(el("td", c.from));
      tr.appendChild(el("td", c.to));
      tm.appendChild(tr);
    });
    $("pindah-lagi").hidden = !r.changes_more;
    $("pindah-lagi").textContent = r.changes_more ? "dan " + r.changes_more + " baris lagi di perubahan.csv" : "";
  }

  function post(url, body) {
    busy(true);
    showError("");
    return fetch(url, { method: "POST", body: body,
      headers: { "Content-Type": "application/xml" } }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) {
          var lines = (j.errors || []).map(function (e) {
            return (e.line ? "baris " + e.line + ": " : "") + e.message;
          });
          throw new Error(lines.length ? lines.join("\n") : j.error);
        }
        return j;
      });
    }).finally(function () { busy(false); });
  }

  $("rencanakan").addEventListener("click", function () {
    var q = pins.map(function (p) { return "pin=" + encodeURIComponent(p.id); }).join("&");
    post("api/plan" + (q ? "?" + q : ""), overlayXml()).then(function (r) {
      pending = [];
      pins = [];
      return load().then(function () { renderResult(r); });
    }).catch(function (e) { showError("Gagal: " + e.message); });
  });
  $("batalkan").addEventListener("click", function () {
    post("api/undo", "").then(function (r) {
      return load().then(function () {
        if (r.replanned) renderResult(r); else $("hasil").hidden = true;
      });
    }).catch(function (e) { showError("Gagal: " + e.message); });
  });
  $("kosongkan").addEventListener("click", function () { pending = []; pins = []; renderPending(); });
  $("tps-ubah").addEventListener("click", function () {
    var t = st.tps[selected], g = $("tps-status-baru").value;
    if (g === gradeName(t[3])) return;
    addChange({ op: "regrade", id: t[0], grade: g,
      label: "TPS " + t[0] + ": " + GRADE_LABEL[gradeName(t[3])] + " \u2192 " + GRADE_LABEL[g] });
  });
  $("pos-kunci").addEventListener("click", function () {
    var p = st.posts[st.tps[selected][6]];
    togglePin(p[0], "Pos " + p[0]);
  });
  $("kec").addEventListener("change", function (e) {
    kecFilter = e.target.value;
    renderMap();
    renderUnits();
  });
  $("bko-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var n = parseInt($("bko-jumlah").value, 10), f = $("bko-kekuatan").value, k = $("bko-kec").value;
    if (!(n >= 1)) { showError("Jumlah BKO harus 1 atau lebih."); return; }
    var id = "BKO-HAL-" + (st.summary.steps + 1) + "-" + (pending.length + 1);
    addChange({ op: "add-unit", id: id, force: f, kec: k, count: n,
      name: "BKO " + FORCE_LABEL[f] + " " + n + " orang",
      label: "Tambah BKO " + FORCE_LABEL[f] + " " + n + " orang di kecamatan " + k });
  });
  $("pasang-ubin").addEventListener("click", function () {
    var u = $("ubin").value.trim();
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    try { localStorage.setItem("siaga-ubin", u); } catch (e) { /* private mode */ }
    if (u) tiles = L.tileLayer(u, { maxZoom: 19, attribution: "Peta dasar: " + u.split("/")[2] }).addTo(map);
  });
  try {
    var saved = localStorage.getItem("siaga-ubin");
    if (saved) { $("ubin").value = saved; $("pasang-ubin").click(); }
  } catch (e) { /* no storage */ }

  /* for the browser test: where a TPS is on the screen */
  window.siaga = {
    map: map,
    state: function () { return st; },
    tpsPoint: function (code) {
      var t = st.tps.find(function (x) { return x[0] === code; });
      var p = map.latLngToContainerPoint([t[1], t[2]]);
      var r = $("peta").getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }
  };
  load().catch(function (e) { showError("Rencana tidak dapat dimuat: " + e.message); });
})();
