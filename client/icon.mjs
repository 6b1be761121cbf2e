// Draws images/icon.png (128×128, the Marketplace icon): a Salesforce-navy
// rounded square with white code chevrons and a cyan link between them — an
// integration seen in code. `node client/icon.mjs` rewrites it; no image
// library needed (PNG = zlib-deflated RGBA rows with CRC-checked chunks).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const SIZE = 128;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function distanceToSegment(px, py, [ax, ay, bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of a stroke of half-width `w` at distance `d`, one pixel of anti-aliasing. */
const cover = (d, w) => Math.max(0, Math.min(1, w + 0.5 - d));

const NAVY = [3, 45, 96];
const WHITE = [255, 255, 255];
const CYAN = [27, 150, 255];
const chevrons = [
  [46, 40, 24, 64],
  [24, 64, 46, 88],
  [82, 40, 104, 64],
  [104, 64, 82, 88],
];
const link = [54, 72, 74, 56];

function pixel(x, y) {
  const cx = x + 0.5;
  const cy = y + 0.5;
  // Rounded square, radius 24.
  const qx = Math.max(Math.abs(cx - 64) - 40, 0);
  const qy = Math.max(Math.abs(cy - 64) - 40, 0);
  const alpha = cover(Math.hypot(qx, qy), 23.5);
  let rgb = NAVY;
  const mix = (color, a) => (rgb = rgb.map((c, i) => c + (color[i] - c) * a));
  mix(WHITE, Math.max(...chevrons.map((s) => cover(distanceToSegment(cx, cy, s), 5))));
  mix(CYAN, cover(distanceToSegment(cx, cy, link), 4.5));
  return [...rgb.map(Math.round), Math.round(alpha * 255)];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (SIZE * 4 + 1) + 1 + x * 4);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync(path.join(root, 'images'), { recursive: true });
fs.writeFileSync(path.join(root, 'images', 'icon.png'), png);
console.log(`images/icon.png: ${png.length} bytes`);
