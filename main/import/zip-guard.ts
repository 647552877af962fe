/**
 * An .xlsx is a zip of XML files, and a zip can be made to explode (reliability.md rule 11).
 * Before any spreadsheet library sees the bytes this reads the zip's directory itself, refuses
 * too many entries or too large a declared size, then inflates every entry with a hard cap on
 * its output, so an entry that lies about its size stops at the cap instead of filling memory.
 * It also recognises an encrypted workbook, which is not a zip at all.
 */
import { inflateRawSync } from 'node:zlib';
import { UserError } from '../errors';

export interface ZipLimits {
  /** Most entries a workbook may have. */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024 };

/** OLE2 compound file: how Excel stores a password-protected workbook (and the old .xls format). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 0 })} MB`;
}

/**
 * Checks an .xlsx container and returns its entries, or throws a UserError that says what is
 * wrong with the file. Nothing here trusts a size or offset in the file without checking it
 * against the bytes actually there.
 */
export function checkXlsxContainer(
  bytes: Uint8Array,
  name: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): ZipEntryInfo[] {
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new UserError(
      `${name} is password-protected (encrypted), or is an old .xls workbook. Open it in Excel, remove the password (File > Info > Protect Workbook) or save it as .xlsx, and import that copy.`,
    );
  }
  const corrupt = (why: string) =>
    new UserError(`${name} is not a readable Excel workbook (${why}). It may be damaged; save it again from Excel.`);
  if (bytes.length < 22 || !startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw corrupt('it is not an .xlsx file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // The end-of-directory record is in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('its zip directory is missing: the file may be cut short');
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count > limits.maxEntries) {
    throw new UserError(
      `${name} has ${count.toLocaleString('en-GB')} parts inside it; a workbook of figures has far fewer (the limit is ${limits.maxEntries.toLocaleString('en-GB')}). It has not been read.`,
    );
  }
  if (dirOffset + dirSize > end) throw corrupt('its zip directory points outside the file');

  const entries: Array<ZipEntryInfo & { method: number; offset: number }> = [];
  let declared = 0;
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL_HEADER) throw corrupt('its zip directory is damaged');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const entryName = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLength)).toString('utf8');
    if (flags & 0x1) {
      throw new UserError(`${name} is password-protected (encrypted). Remove the password in Excel and import again.`);
    }
    if (method !== 0 && method !== 8) throw corrupt(`part "${entryName}" uses an unsupported compression`);
    declared += size;
    if (declared > limits.maxTotalBytes) {
      throw new UserError(
        `${name} would unpack to more than ${mb(limits.maxTotalBytes)}, far more than a workbook of figures needs, so it has not been read (it may be a "zip bomb").`,
      );
    }
    entries.push({ name: entryName, compressedSize, size, method, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }

  let inflated = 0;
  for (const entry of entries) {
    const o = entry.offset;
    if (o + 30 > bytes.length || view.getUint32(o, true) !== LOCAL_HEADER)
      throw corrupt(`part "${entry.name}" is missing`);
    const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
    const stop = start + entry.compressedSize;
    if (stop > bytes.length) throw corrupt(`part "${entry.name}" is cut short`);
    const data = bytes.subarray(start, stop);
    let actual: number;
    if (entry.method === 0) actual = data.length;
    else {
      // The cap is what the entry says it holds (plus one byte, to notice a lie) and never more
      // than what is left of the whole allowance.
      const cap = Math.min(entry.size + 1, limits.maxTotalBytes - inflated + 1);
      try {
        actual = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new UserError(
            `${name} has a part ("${entry.name}") that unpacks to more than it declares, so it has not been read (it may be a "zip bomb").`,
          );
        }
        throw corrupt(`part "${entry.name}" cannot be unpacked`);
      }
    }
    if (actual !== entry.size) throw corrupt(`part "${entry.name}" is not the size it declares`);
    inflated += actual;
  }

  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new UserError(
      `${name} is a zip file but not an Excel workbook (.xlsx). Save the spreadsheet as .xlsx or .csv and import that.`,
    );
  }
  return entries.map(({ name: n, compressedSize, size }) => ({ name: n, compressedSize, size }));
}
