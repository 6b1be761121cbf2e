/**
 * Reading a file without trusting its size: a configuration path may name
 * `/dev/zero` or a FIFO, and a `.cls` may be 120 MB. Reads at most `limit`
 * bytes (chunk by chunk, so a device that never ends is cut off too) and says
 * when there was more.
 */
import * as fs from 'node:fs';

export type BoundedRead =
  { ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size: number } | { ok: false; tooLarge: false; error: NodeJS.ErrnoException };

const CHUNK = 64 * 1024;

/**
 * Larger than any deployable class or trigger (Apex allows 1,000,000
 * characters, at most 4 bytes each in UTF-8). Parsing costs 40–50 times a
 * file's size in memory, so a bigger file is reported and skipped unread.
 * Lightning component scripts get the same bound.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export function readBounded(file: string, limit: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO nobody writes to must not hang the run.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, tooLarge: false, error: e as NodeJS.ErrnoException };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, tooLarge: false, error: Object.assign(new Error('EISDIR: is a folder'), { code: 'EISDIR' }) };
    if (stat.isFile() && stat.size > limit) return { ok: false, tooLarge: true, size: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { ok: false, tooLarge: true, size: total };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, tooLarge: false, error: e as NodeJS.ErrnoException };
  } finally {
    fs.closeSync(fd);
  }
}

/** `123456789` → `117.7 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
