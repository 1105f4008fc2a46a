/**
 * Draws the app icons (a speech bubble on our theme green) and writes them as PNG files.
 * No image library: a tiny PNG encoder on node:zlib is enough for flat shapes, and keeps the
 * icons reproducible from source. Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

type Rgb = readonly [number, number, number]
const GREEN: Rgb = [0x14, 0x53, 0x2d]
const WHITE: Rgb = [0xff, 0xff, 0xff]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** Encodes RGB pixels (row by row) as an 8-bit truecolour PNG. */
export function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // colour type: RGB
  const raw = Buffer.alloc(size * (size * 3 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0 // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 3, size * 3).copy(raw, y * (size * 3 + 1) + 1)
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** Signed distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

/** Whether (x, y), in units of the mark (0..1 square), is white: bubble minus its three dots. */
function isWhite(x: number, y: number): boolean {
  const body = roundedRect(x, y, 0.5, 0.44, 0.44, 0.3, 0.14) <= 0
  // The tail: a triangle under the bubble, pointing down-left.
  const inTail = y >= 0.7 && y <= 0.94 && x >= 0.22 && x <= 0.46 && x - 0.22 <= (0.94 - y) * (0.24 / 0.24)
  if (!body && !inTail) return false
  for (const dx of [0.3, 0.5, 0.7]) if (Math.hypot(x - dx, y - 0.44) <= 0.065) return false
  return true
}

/**
 * Renders a square icon: green background, the mark scaled to `markShare` of the side and
 * centred. Four by four samples per pixel smooth the edges.
 */
function render(size: number, markShare: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 3)
  const markSize = size * markShare
  const offset = (size - markSize) / 2
  const samples = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let white = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - offset) / markSize
          const y = (py + (sy + 0.5) / samples - offset) / markSize
          if (x >= 0 && x <= 1 && y >= 0 && y <= 1 && isWhite(x, y)) white++
        }
      }
      const share = white / (samples * samples)
      for (let c = 0; c < 3; c++) {
        pixels[(py * size + px) * 3 + c] = Math.round((GREEN[c] ?? 0) * (1 - share) + (WHITE[c] ?? 0) * share)
      }
    }
  }
  return pixels
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public')
// Maskable icons may be cropped to a circle of 80% of the side: keep the mark inside 60%.
const icons: Array<[string, number, number]> = [
  ['icons/icon-192.png', 192, 0.72],
  ['icons/icon-512.png', 512, 0.72],
  ['icons/icon-maskable-512.png', 512, 0.56],
  ['apple-touch-icon.png', 180, 0.68],
]
for (const [file, size, share] of icons) {
  const path = join(publicDir, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, encodePng(size, render(size, share)))
  console.log(`wrote ${file} (${size}x${size})`)
}
