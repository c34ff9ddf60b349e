// An accessibility proxy without axe-core or Lighthouse (neither is a dependency): a subset of
// Lighthouse's accessibility audits, checked on the rendered page with the DOM and Chromium's own
// accessibility tree (computed roles and names), scored like Lighthouse (weighted share of the
// applicable audits that pass). It catches what those audits catch on this page; it is not a
// substitute for an axe run (e.g. ARIA attribute validity is only partly covered).
import type { Page } from "@playwright/test";

export type A11yAudit = { id: string; weight: number; applicable: boolean; pass: boolean; details: string[] };
export type A11yReport = { score: number; audits: A11yAudit[] };

type AXNode = { ignored: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number; properties?: { name: string; value: { value?: unknown } }[] };

const NAMED_ROLES: Record<string, { id: string; weight: number }> = {
  button: { id: "button-name", weight: 10 },
  link: { id: "link-name", weight: 7 },
  textbox: { id: "label", weight: 7 },
  searchbox: { id: "label", weight: 7 },
  combobox: { id: "label", weight: 7 },
  listbox: { id: "label", weight: 7 },
  checkbox: { id: "label", weight: 7 },
  radio: { id: "label", weight: 7 },
  spinbutton: { id: "label", weight: 7 },
  slider: { id: "label", weight: 7 },
  switch: { id: "label", weight: 7 },
  menuitem: { id: "aria-command-name", weight: 7 },
  tab: { id: "aria-command-name", weight: 7 },
  image: { id: "image-alt", weight: 10 },
  img: { id: "image-alt", weight: 10 },
  dialog: { id: "aria-dialog-name", weight: 7 },
  progressbar: { id: "aria-progressbar-name", weight: 3 },
};

export async function auditAccessibility(page: Page): Promise<A11yReport> {
  const audits = new Map<string, A11yAudit>();
  const audit = (id: string, weight: number) => {
    let a = audits.get(id);
    if (!a) {
      a = { id, weight, applicable: false, pass: true, details: [] };
      audits.set(id, a);
    }
    return a;
  };
  const fail = (id: string, weight: number, detail: string) => {
    const a = audit(id, weight);
    a.applicable = true;
    a.pass = false;
    if (a.details.length < 10) a.details.push(detail);
  };
  const applies = (id: string, weight: number) => {
    audit(id, weight).applicable = true;
  };

  // Names from Chromium's accessibility tree.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
  for (const n of nodes) {
    if (n.ignored) continue;
    const role = n.role?.value ?? "";
    const rule = NAMED_ROLES[role];
    if (!rule) continue;
    const hidden = n.properties?.some((p) => p.name === "hidden" && p.value.value === true);
    if (hidden) continue;
    applies(rule.id, rule.weight);
    if (!String(n.name?.value ?? "").trim()) fail(rule.id, rule.weight, `${role} without an accessible name (DOM node ${n.backendDOMNodeId})`);
  }
  await cdp.detach();

  // DOM checks, contrast included (colours converted to sRGB through a canvas, so oklch works).
  // (tsx/esbuild may wrap named functions in __name(): give the page a no-op one.)
  await page.evaluate("globalThis.__name ??= (f) => f");
  const dom = await page.evaluate(() => {
    const out: { id: string; weight: number; applicable: boolean; failures: string[] }[] = [];
    const check = (id: string, weight: number, applicable: boolean, failures: string[]) => out.push({ id, weight, applicable, failures });
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).slice(0, 2).join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;

    check("document-title", 7, true, document.title.trim() ? [] : ["no <title>"]);
    const lang = document.documentElement.getAttribute("lang") ?? "";
    check("html-has-lang", 7, true, lang ? [] : ["<html> has no lang"]);
    check("html-lang-valid", 7, !!lang, /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? [] : [`lang="${lang}"`]);
    const viewport = document.querySelector('meta[name="viewport"]')?.getAttribute("content") ?? "";
    const maxScale = /maximum-scale\s*=\s*([\d.]+)/.exec(viewport);
    check("meta-viewport", 10, !!viewport, /user-scalable\s*=\s*(no|0)/.test(viewport) || (maxScale && Number(maxScale[1]) < 5) ? [viewport] : []);

    const imgs = [...document.querySelectorAll("img")];
    check("image-alt", 10, imgs.length > 0, imgs.filter((i) => !i.hasAttribute("alt") && i.getAttribute("role") !== "presentation").map(describe));

    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    const referenced = new Set<string>();
    for (const el of document.querySelectorAll("[aria-labelledby],[aria-describedby],[aria-controls],label[for]")) {
      for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls", "for"]) for (const id of (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) referenced.add(id);
    }
    check("duplicate-id-aria", 10, referenced.size > 0, [...referenced].filter((id) => (ids.get(id) ?? 0) > 1).map((id) => `#${id} used ${ids.get(id)} times`));

    const lists = [...document.querySelectorAll("ul, ol")];
    check(
      "list",
      7,
      lists.length > 0,
      lists.filter((l) => [...l.children].some((c) => !["LI", "SCRIPT", "TEMPLATE"].includes(c.tagName))).map(describe),
    );
    const items = [...document.querySelectorAll("li")];
    check("listitem", 7, items.length > 0, items.filter((li) => !li.parentElement || !["UL", "OL", "MENU"].includes(li.parentElement.tagName) && li.parentElement.getAttribute("role") !== "list").map(describe));

    const positive = [...document.querySelectorAll("[tabindex]")].filter((el) => Number(el.getAttribute("tabindex")) > 0);
    check("tabindex", 7, document.querySelectorAll("[tabindex]").length > 0, positive.map(describe));

    const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => Number(h.tagName[1]));
    const skips: string[] = [];
    for (let i = 1; i < headings.length; i++) if (headings[i] > headings[i - 1] + 1) skips.push(`h${headings[i - 1]} → h${headings[i]}`);
    check("heading-order", 3, headings.length > 0, skips);

    const hasMain = !!document.querySelector("main, [role=main]");
    check("landmark-one-main", 3, true, hasMain ? [] : ["no main landmark"]);
    check("bypass", 7, true, hasMain || document.querySelector('a[href^="#"]') ? [] : ["no main landmark or skip link"]);

    const thCells = [...document.querySelectorAll("table th")];
    check("th-has-data-cells", 7, thCells.length > 0, [...document.querySelectorAll("table")].filter((t) => t.querySelector("th") && !t.querySelector("td")).map(describe));

    // Contrast (WCAG AA: 4.5, large text 3).
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const g = canvas.getContext("2d", { willReadFrequently: true })!;
    const rgba = (css: string): [number, number, number, number] => {
      g.clearRect(0, 0, 1, 1);
      g.fillStyle = "#000";
      g.fillStyle = css;
      g.fillRect(0, 0, 1, 1);
      const d = g.getImageData(0, 0, 1, 1).data;
      return [d[0], d[1], d[2], d[3] / 255];
    };
    const lum = ([r, gg, b]: number[]) => {
      const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(gg) + 0.0722 * f(b);
    };
    const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])) as [number, number, number];
    const background = (el: Element | null): [number, number, number] | null => {
      const layers: [number, number, number, number][] = [];
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage !== "none") return null; // gradients or images: not decidable here
        const c = rgba(cs.backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let color: [number, number, number] = [255, 255, 255];
      for (const layer of layers.reverse()) color = over(layer, color);
      return color;
    };
    const contrastFailures: string[] = [];
    let contrastChecked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || seen.has(el) || !(t.textContent ?? "").trim()) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width <= 1 || r.height <= 1 || cs.visibility === "hidden" || Number(cs.opacity) === 0 || el.closest("[aria-hidden=true],[hidden],svg")) continue;
      if (cs.clip === "rect(0px, 0px, 0px, 0px)" || (cs.position === "absolute" && r.width <= 1)) continue;
      if ((el as HTMLElement).closest("button:disabled,[aria-disabled=true],input:disabled")) continue;
      const bg = background(el);
      if (!bg) continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const fg = over(rgba(cs.color), bg);
      const fgShown = over([fg[0], fg[1], fg[2], opacity], bg);
      const [l1, l2] = [lum(fgShown), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(cs.fontSize);
      const bold = Number(cs.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      contrastChecked++;
      if (ratio < needed) contrastFailures.push(`${describe(el)} ${ratio.toFixed(2)}:1 < ${needed}`);
    }
    check("color-contrast", 7, contrastChecked > 0, contrastFailures);
    return out;
  });
  for (const d of dom) {
    if (!d.applicable) {
      audit(d.id, d.weight);
      continue;
    }
    applies(d.id, d.weight);
    for (const f of d.failures) fail(d.id, d.weight, f);
  }

  const list = [...audits.values()].sort((a, b) => a.id.localeCompare(b.id));
  const applicable = list.filter((a) => a.applicable);
  const total = applicable.reduce((s, a) => s + a.weight, 0);
  const passed = applicable.filter((a) => a.pass).reduce((s, a) => s + a.weight, 0);
  return { score: total ? passed / total : 1, audits: list };
}
