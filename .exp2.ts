import fs from 'node:fs';
import zlib from 'node:zlib';
import { createPglite } from './src/db/connect.js';
const buf = fs.readFileSync('/tmp/cliexp/d1.tgz');
for (const [name, data] of [['good', buf], ['truncated', zlib.gzipSync(zlib.gunzipSync(buf).subarray(0, 2_000_000))], ['garbage', zlib.gzipSync(Buffer.alloc(10000, 7))]] as const) {
  const dir = `/tmp/cliexp/r-${name}`;
  fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir);
  const t = Date.now();
  try {
    const pg = await createPglite(dir + '/pgdata', { loadDataDir: new Blob([data]) });
    const r = await pg.query('select count(*) from t');
    console.log(name, 'ok', r.rows, Date.now() - t);
    await pg.close();
  } catch (e) { console.log(name, 'ERR', String(e).slice(0, 300), Date.now() - t); }
}
