import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface ChunkOfLines {
  /**
   * Whole lines of the file (the chunk is cut after its last newline). A view on the reader's own
   * buffer: use or copy it before asking for the next chunk.
   */
  readonly bytes: Buffer;
  /** Bytes of the file read so far (for a progress bar). */
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/**
 * Reads a file of lines in large chunks, each cut after its last newline byte. A newline byte never
 * occurs inside a UTF-8 sequence, so a chunk decodes on its own and no line is ever split.
 */
export async function* readChunks(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<ChunkOfLines> {
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
        if (end > 0) yield { bytes: buffer.subarray(0, end), bytesRead, totalBytes };
        return;
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE, end - 1);
      if (lastNewline < 0) {
        carried = end;
        continue;
      }
      yield { bytes: buffer.subarray(0, lastNewline + 1), bytesRead, totalBytes };
      carried = end - lastNewline - 1;
      buffer.copy(buffer, 0, lastNewline + 1, end);
    }
  } finally {
    await file.close();
  }
}

const SPACE = 0x20;

/**
 * Calls `line(start, end)` for every non-blank line in `bytes` (without its line ending): the same
 * lines `readLineBatches` gives, located instead of decoded.
 */
export function forEachLine(bytes: Buffer, line: (start: number, end: number) => void): void {
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    let last = end;
    while (last > start && bytes[last - 1]! <= SPACE) last--;
    let first = start;
    while (first < last && bytes[first]! <= SPACE) first++;
    if (first < last) line(first, last);
    start = next;
  }
}

export interface LineBatch {
  /** The non-blank lines of this chunk, without their line ending. */
  readonly lines: string[];
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/**
 * Reads an NDJSON file and yields its lines a chunk (about a megabyte) at a time. One reader serves
 * `audit verify`, `audit replay` and both sides of the replay benchmark, so the benchmark's
 * baseline reads exactly as the real thing does.
 */
export async function* readLineBatches(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<LineBatch> {
  for await (const chunk of readChunks(path, chunkBytes)) {
    const lines = splitLines(chunk.bytes.toString('utf8'));
    if (lines.length > 0) yield { lines, bytesRead: chunk.bytesRead, totalBytes: chunk.totalBytes };
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
