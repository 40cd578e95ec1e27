// Files under the extension's global storage are replaced atomically: write a temp file in the
// same directory, then rename over the target. rename(2) within one file system is atomic on
// POSIX and replaces the target on Windows (Node uses MoveFileEx with REPLACE_EXISTING), so a
// crash leaves either the old or the new file, never half of one.
import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${++counter}.tmp`;
  try {
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
