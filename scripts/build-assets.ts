/**
 * Compiles the stylesheet (GOV.UK Frontend with Arial) to public/build/app.css.
 * Runs before `npm start` and `npm test`; skips the work when the output is newer than its sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src/web/styles/app.scss');
const output = path.join(root, 'public/build/app.css');
const govukPackage = path.join(root, 'node_modules/govuk-frontend/package.json');

const mtime = (f: string) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
if (!process.argv.includes('--force') && mtime(output) > Math.max(mtime(source), mtime(govukPackage))) process.exit(0);

const result = sass.compile(source, {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ['import'],
});
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, result.css);
console.log(`Built ${path.relative(root, output)} (${Math.round(result.css.length / 1024)} KB)`);
