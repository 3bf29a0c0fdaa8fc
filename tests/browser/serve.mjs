// serve.mjs - the page of siaga serve in headless chromium (playwright-
// core, no browser download): the Kaur plan loads and is drawn, a TPS is
// re-graded by clicking it on the map, "Rencanakan ulang" shows the
// moves, the downloaded overlay.xml and baseline.xml re-plan on the
// command line to the same roster bytes, undo brings the first plan
// back, and screenshots of the map and the change list are not blank.
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import zlib from "node:zlib";

const SIAGA = process.env.SIAGA, OUT = process.env.OUT;
const KAUR = "scenarios/kaur-2024.xml";
const TPS = "1704072001001";      // Muara Dua, Nasal: kurang rawan in the base
let pass = 0, fail = 0;
const ok = (cond, what) => { if (cond) pass++; else { fail++; console.log("browser-serve: FAIL: " + what); } };

// the distinct colours of a PNG's pixels, roughly (8-bit RGB(A), no interlace)
function pngColours(buf) {
  let off = 8, w = 0, h = 0, ct = 0, idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString("ascii", off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") { w = data.readUInt32BE(0); h = data.readUInt32BE(4); ct = data[9]; }
    if (type === "IDAT") idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat)), bpp = ct === 6 ? 4 : 3, stride = w * bpp;
  const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride), seen = new Set();
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[x] = v & 255;
    }
    for (let x = 0; x < stride; x += bpp * 3) seen.add((cur[x] >> 4) << 8 | (cur[x + 1] >> 4) << 4 | cur[x + 2] >> 4);
    cur.copy(prev);
  }
  return seen.size;
}

const srv = spawn(SIAGA, ["serve", KAUR, "--port", "0", "--dir", OUT + "/d"], { stdio: ["ignore", "pipe", "inherit"] });
let url = "";
srv.stdout.on("data", (d) => { url += d; });
for (let i = 0; i < 300 && !url.includes("\n"); i++) await new Promise((r) => setTimeout(r, 100));
url = url.split("\n")[0];
ok(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), "address line: " + url);
const first = readFileSync(OUT + "/d/roster.xml");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-proxy-server"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.siaga && window.siaga.state() !== null);
  const st = await page.evaluate(() => { const s = window.siaga.state(); return { tps: s.tps.length, posts: s.posts.length }; });
  const posts0 = (first.toString().match(/<post /g) || []).length;
  ok(st.posts === posts0, `posts in the page ${st.posts}, in roster.xml ${posts0}`);
  ok((await page.textContent("#jml-pos")).trim() === String(posts0), "#jml-pos shows the posts");
  ok((await page.textContent("#kosong-total")).trim() === "0", "#kosong-total is not 0");
  const shot1 = await page.locator("#peta").screenshot({ path: OUT + "/peta.png" });
  ok(pngColours(shot1) >= 5, "map screenshot is blank (" + pngColours(shot1) + " colours)");

  // click the TPS where it is drawn, re-grade it, re-plan
  await page.selectOption("#kec", { label: "Nasal (170407)" });
  await page.evaluate((c) => { const t = window.siaga.state().tps.find((x) => x[0] === c);
    window.siaga.map.setView([t[1], t[2]], 18, { animate: false }); }, TPS);
  await page.waitForTimeout(400);
  const pt = await page.evaluate((c) => window.siaga.tpsPoint(c), TPS);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector("#tps-panel:not([hidden])");
  ok((await page.textContent("#tps-kode")).trim() === TPS, "clicking the map opened another TPS: " + await page.textContent("#tps-kode"));
  ok((await page.textContent("#tps-status")).trim() === "Kurang rawan", "the TPS's grade");
  // "alasan" of the post's first guard: the server's answer, shown
  const whyAnswer = page.waitForResponse((r) => r.url().includes("/api/why?member="));
  await page.click("#tps-penjaga li:first-child button:text('alasan')");
  const why = await (await whyAnswer).json();
  await page.waitForFunction(() => !document.querySelector("#tps-penjaga li .alasan").textContent.includes("\u2026"));
  const whyText = await page.textContent("#tps-penjaga li:first-child .alasan");
  ok(why.tugas === "jaga" && whyText.includes(why.keterangan) &&
     (why.tempat_alternatif === null || whyText.includes(why.tempat_alternatif + ": +" + why.tambahan_km.toFixed(3))),
     "the member's alasan: " + whyText + " for " + JSON.stringify(why));
  await page.selectOption("#tps-status-baru", "sangat_rawan");
  await page.click("#tps-ubah");
  ok((await page.textContent("#antrian")).includes(TPS), "the change is not listed");
  const answer = page.waitForResponse((r) => r.url().includes("/api/plan"));
  await page.click("#rencanakan");
  const res = await (await answer).json();
  await page.waitForSelector("#hasil:not([hidden])");
  await page.waitForFunction(() => document.querySelectorAll("#tabel-pindah tbody tr").length > 0);
  const csv = readFileSync(OUT + "/d/perubahan.csv", "utf8").trim().split(/\r?\n/).slice(1);
  const moved = csv.filter((l) => l.startsWith("pindah,")).length;
  ok(moved > 0 && res.moved === moved, `moves: answer ${res.moved}, perubahan.csv ${moved}`);
  ok((await page.textContent("#jml-pindah")).trim() === String(moved), "#jml-pindah shows the moves");
  ok((await page.textContent("#pos-baru")).trim() === String(res.posts_opened) && res.posts_opened > 0, "#pos-baru");
  ok(await page.locator("#tabel-pindah tbody tr").count() === csv.length, "one row per change");
  const shot2 = await page.locator("#hasil").screenshot({ path: OUT + "/perubahan.png" });
  ok(pngColours(shot2) >= 2, "change list screenshot is blank");

  // the downloads repeat the step on the command line
  const dl = async (id, to) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.click(id)]);
    await d.saveAs(to);
  };
  await dl("#unduh-overlay-xml", OUT + "/overlay.xml");
  await dl("#unduh-baseline-xml", OUT + "/baseline.xml");
  await dl("#unduh-roster-xml", OUT + "/roster.xml");
  ok(readFileSync(OUT + "/overlay.xml", "utf8").includes(`<regrade tps="${TPS}" grade="sangat_rawan"/>`), "overlay.xml lacks the re-grade");
  execFileSync(SIAGA, ["plan", KAUR, "--with", OUT + "/overlay.xml", "--baseline", OUT + "/baseline.xml", "-o", OUT + "/cli", "--quiet"]);
  ok(readFileSync(OUT + "/cli/roster.xml").equals(readFileSync(OUT + "/roster.xml")), "the command line gives another roster");

  await page.click("#batalkan");
  await page.waitForFunction(() => document.querySelector("#hasil").hidden);
  ok(readFileSync(OUT + "/d/roster.xml").equals(first), "undo did not bring back the first roster");
  ok(errors.length === 0, "errors in the page: " + errors.join("; "));

  // a phone: the map takes the width, the panel follows below it
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url);
  await phone.waitForFunction(() => window.siaga && window.siaga.state() !== null);
  const box = await phone.locator("#peta").boundingBox();
  const btn = await phone.locator("#rencanakan").boundingBox();
  ok(box.width >= 380 && box.height > 300, "phone: map " + JSON.stringify(box));
  ok(btn.y > box.y + box.height && btn.x + btn.width <= 390, "phone: the button is not below the map " + JSON.stringify(btn));
} finally {
  await browser.close();
  srv.kill("SIGINT");
  await once(srv, "exit");
}
console.log(`browser-serve: ${pass} passed, ${fail} failed`);
process.exit(fail === 0 ? 0 : 1);
