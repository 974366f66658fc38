// Pixel checks of text the console drew through the browser's own text engine (the hook's
// `text_images`): the console's pixels are compared with the same string rendered by plain HTML
// in another page of the same browser. The comparison forgives anti-aliasing and sub-pixel
// placement but not order or shaping: both images become ink masks (how far each pixel is from
// the background, 0..1), are cropped to their ink's bounding box, must have boxes of about the
// same size, and then must differ little pixel by pixel (best of a few one-pixel shifts). The
// same string reversed, or with its letters kept apart (unjoined), lands far above the threshold.
// PNGs are decoded in the reference page (an <img> drawn on a canvas): no image package needed.

// Ink below this (a fraction of the text's contrast with the background) is the faint fringe of
// anti-aliasing, left out of the bounding box.
const BOX_INK = 0.25;
// The two boxes may differ this much in width and in height (CSS px, at deviceScaleFactor 1).
export const MAX_BOX_DIFFERENCE = 2;
// The largest difference (see compareInk) two renderings of the same string may have.
export const MAX_SCORE = 0.3;

// The reference page: a blank page of the console's own browser (same fonts, same text engine).
export async function openReferencePage(context) {
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>' +
    '<body style="margin:0"><div id="t"></div></body></html>');
  return page;
}

// Decodes a PNG (a Buffer) into { width, height, data } (RGBA bytes) inside `page`.
export async function decodePng(page, png) {
  const { width, height, base64 } = await page.evaluate(async (encoded) => {
    const image = new Image();
    image.src = `data:image/png;base64,${encoded}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(image, 0, 0);
    const bytes = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, png.toString('base64'));
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}

// "rgba(230,232,235,1)", "rgb(1, 2, 3)" or "#rrggbb" → [r, g, b]; null if it is none of them.
export function parseColor(text) {
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(text ?? '');
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])].map(Math.round);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(text ?? '');
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  return null;
}

// The background: the most common colour along the image's border.
export function backgroundOf(image) {
  const counts = new Map();
  const add = (x, y) => {
    const i = (y * image.width + x) * 4;
    const key = (image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let x = 0; x < image.width; x += 1) {
    add(x, 0);
    add(x, image.height - 1);
  }
  for (let y = 0; y < image.height; y += 1) {
    add(0, y);
    add(image.width - 1, y);
  }
  const [key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return [(key >> 16) & 255, (key >> 8) & 255, key & 255];
}

const cssColor = ([r, g, b]) => `rgb(${r},${g},${b})`;

// How far each pixel is from the background, as a fraction of the text colour's distance from it
// (1 and more: full ink; emoji colours clamp at 1). Channels are compared one by one (the
// largest difference counts). Returns { width, height, ink: Float32Array }.
export function inkOf(image, background, foreground) {
  const channelDistance = (a, b) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
  const contrast = Math.max(48, foreground ? channelDistance(foreground, background) : 255);
  const ink = new Float32Array(image.width * image.height);
  for (let p = 0; p < ink.length; p += 1) {
    const i = p * 4;
    const distance = Math.max(
      Math.abs(image.data[i] - background[0]),
      Math.abs(image.data[i + 1] - background[1]),
      Math.abs(image.data[i + 2] - background[2]));
    ink[p] = Math.min(1, distance / contrast);
  }
  return { width: image.width, height: image.height, ink };
}

// The bounding box of the ink ({ x, y, w, h }), null when there is none.
export function inkBox({ width, height, ink }) {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (ink[y * width + x] >= BOX_INK) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

// Compares two ink masks: their boxes, and `score`, the mean absolute difference of the two inks
// over the (larger) box, divided by their mean ink there, so that it does not depend on how much
// empty space the string has: 0 for the same pixels, about 2 for ink that never overlaps. The
// boxes are aligned at their top left corners and then shifted by up to `slack` pixels each way;
// the best shift counts (the two renderings may sit a fraction of a pixel apart).
export function compareInk(a, b, slack = 1) {
  const boxA = inkBox(a);
  const boxB = inkBox(b);
  if (!boxA || !boxB) return { boxA, boxB, score: Infinity, pass: false };
  const w = Math.max(boxA.w, boxB.w);
  const h = Math.max(boxA.h, boxB.h);
  const pixel = (mask, x, y) =>
    (x < 0 || y < 0 || x >= mask.width || y >= mask.height ? 0 : mask.ink[y * mask.width + x]);
  let best = { score: Infinity, dx: 0, dy: 0 };
  for (let dy = -slack; dy <= slack; dy += 1) {
    for (let dx = -slack; dx <= slack; dx += 1) {
      let difference = 0;
      let total = 0;
      for (let y = -slack; y < h + slack; y += 1) {
        for (let x = -slack; x < w + slack; x += 1) {
          const ia = pixel(a, boxA.x + x, boxA.y + y);
          const ib = pixel(b, boxB.x + x + dx, boxB.y + y + dy);
          difference += Math.abs(ia - ib);
          total += ia + ib;
        }
      }
      const score = total > 0 ? difference / (total / 2) : Infinity;
      if (score < best.score) best = { score, dx, dy };
    }
  }
  const sizeOk = Math.abs(boxA.w - boxB.w) <= MAX_BOX_DIFFERENCE && Math.abs(boxA.h - boxB.h) <= MAX_BOX_DIFFERENCE;
  return {
    boxA,
    boxB,
    score: Number(best.score.toFixed(3)),
    shift: [best.dx, best.dy],
    sizeOk,
    pass: sizeOk && best.score <= MAX_SCORE,
  };
}

// Renders `text` in plain HTML on `background` (an [r, g, b]) with the CSS `font` and `color`,
// `white-space: pre` and the paragraph direction; resolves with the PNG of the text's box (with
// room around it). Throws if the page does not take `font` as a CSS font shorthand.
export async function renderReference(page, { text, font, color, rtl }, background) {
  const accepted = await page.evaluate(({ text, font, color, rtl, background }) => {
    document.body.style.background = background;
    const div = document.getElementById('t');
    div.removeAttribute('style');
    div.style.font = font;
    const fontTaken = div.style.font !== '';
    div.style.color = color;
    div.style.whiteSpace = 'pre';
    div.style.display = 'inline-block';
    div.style.padding = '10px 16px';
    div.dir = rtl ? 'rtl' : 'ltr';
    div.textContent = text;
    // As the console's canvas: as wide as the text rounded up to a whole pixel, the lines
    // starting at its left edge or (right to left) ending at its right edge, both on whole
    // pixels, so that the glyphs fall on the same sub-pixel positions.
    const range = document.createRange();
    range.selectNodeContents(div);
    div.style.width = `${Math.ceil(range.getBoundingClientRect().width)}px`;
    return fontTaken;
  }, { text, font, color, rtl, background: cssColor(background) });
  if (!accepted) throw new Error(`the page does not take the font "${font}" as a CSS font shorthand`);
  // Every face the text needs is loaded before the screenshot (system fonts load on demand).
  await page.evaluate(async () => { await document.fonts.ready; });
  return page.locator('#t').screenshot();
}

// Reverses a string by grapheme clusters (an emoji with its modifiers, a letter with its marks
// stay whole): the same pieces in another order.
export function reversed(text) {
  const segments = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)];
  return segments.map((s) => s.segment).reverse().join('');
}

// Every character apart: U+200C ZERO WIDTH NON-JOINER between each two (Arabic letters take
// their isolated forms; Indic conjuncts come apart).
export function unjoined(text) {
  return [...text].join('\u200C');
}

// Colour inside an image: of the pixels with ink (at least 40 away from the background in some
// channel), the share that is saturated (max(r,g,b) - min(r,g,b) > 60).
export function saturatedShare(image, background) {
  let inked = 0;
  let saturated = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
    const distance = Math.max(Math.abs(r - background[0]), Math.abs(g - background[1]), Math.abs(b - background[2]));
    if (distance < 40) continue;
    inked += 1;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) saturated += 1;
  }
  return { inked, saturated, share: inked > 0 ? saturated / inked : 0 };
}
