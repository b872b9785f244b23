import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface LineBatch {
  /** The non-empty lines of this chunk, without their newline. */
  readonly lines: string[];
  /** Bytes of the file read so far (for a progress bar). */
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/**
 * Reads an NDJSON file in large chunks and yields its lines a chunk at a time. A chunk is cut at
 * its last newline byte, which never occurs inside a UTF-8 sequence, so decoding whole chunks is
 * safe and a line is never split. One reader serves `audit verify`, `audit replay` and both sides
 * of the replay benchmark, so the benchmark's baseline reads exactly as the real thing does.
 */
export async function* readLineBatches(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<LineBatch> {
  const file = await open(path, 'r');
  try {
    const totalBytes = (await file.stat()).size;
    let buffer = Buffer.allocUnsafe(chunkBytes);
    let carried = 0;
    let bytesRead = 0;
    for (;;) {
      if (carried === buffer.length) {
        // A single line longer than the buffer: grow it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, carried);
        buffer = larger;
      }
      const { bytesRead: read } = await file.read(buffer, carried, buffer.length - carried, null);
      bytesRead += read;
      const end = carried + read;
      if (read === 0) {
        if (end > 0) yield { lines: splitLines(buffer.toString('utf8', 0, end)), bytesRead, totalBytes };
        return;
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE, end - 1);
      if (lastNewline < 0) {
        carried = end;
        continue;
      }
      const lines = splitLines(buffer.toString('utf8', 0, lastNewline));
      carried = end - lastNewline - 1;
      buffer.copy(buffer, 0, lastNewline + 1, end);
      if (lines.length > 0) yield { lines, bytesRead, totalBytes };
    }
  } finally {
    await file.close();
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  let kept = 0;
  for (const line of lines) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() !== '') lines[kept++] = trimmed;
  }
  lines.length = kept;
  return lines;
}
