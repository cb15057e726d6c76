// make dist: build/dist/ holds the site (for a web server: index.html, embed.html,
// compare.html, backprop-demo.js and what they load) and backprop.html, the whole page in one
// file for a learning management system or a double click: the .wasm inlined as base64 (handed
// to the module as Module.wasmBinary), the scripts and the stylesheet inlined. The single file
// has inline scripts and styles, so it cannot run under the strict Content-Security-Policy the
// site runs under (docs/embedding.md). Prints the sizes, raw and gzip.
// Usage: node scripts/dist.mjs [SITE_DIR] [OUT_DIR]   (build/web/site, build/dist)
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

// A script's text, safe inside <script>...</script>.
const inlineScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

// The single file from the site's index.html; throws if a piece it inlines is missing.
export function singleFile(site) {
  const read = (name) => readFileSync(join(site, name), 'utf8');
  let html = read('index.html');
  const replace = (pattern, text) => {
    if (!pattern.test(html)) throw new Error(`dist: index.html has no ${pattern}`);
    html = html.replace(pattern, () => text);
  };
  const wasm = readFileSync(join(site, 'backprop.wasm')).toString('base64');
  const icon = 'data:image/svg+xml;base64,' + readFileSync(join(site, 'favicon.svg')).toString('base64');
  replace(/<link rel="icon" href="favicon.svg">/, `<link rel="icon" href="${icon}">`);
  replace(/<link rel="stylesheet" href="style.css">/, `<style>\n${read('style.css')}</style>`);
  replace(/<link rel="stylesheet" href="text-view.css">/, `<style>\n${read('text-view.css')}</style>`);
  replace(/\s*<!--[^>]*-->\s*<link rel="preload" href="backprop.wasm"[^>]*>/, '');
  replace(/<script src="text-view.js"><\/script>/, `<script>\n${inlineScript(read('text-view.js'))}</script>`);
  // The program: the module factory, then its WebAssembly as bytes for Module.wasmBinary.
  replace(/<script src="backprop.js"><\/script>/,
          `<script>\n${inlineScript(read('backprop.js'))}</script>\n` +
          '  <script>\n' +
          `  window.backpropWasmBinary = (function (b) {\n` +
          '    const bytes = new Uint8Array(b.length);\n' +
          '    for (let i = 0; i < b.length; ++i) bytes[i] = b.charCodeAt(i);\n' +
          '    return bytes;\n' +
          `  })(atob("${wasm}"));\n` +
          '  </script>');
  replace(/<script src="backprop-api.js" data-page><\/script>/,
          `<script data-page>\n${inlineScript(read('backprop-api.js'))}</script>`);
  // Its tags (not the scripts' and stylesheet's text) link nothing but data: URLs.
  const tags = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1>');
  const linked = tags.match(/(src|href)="(?!data:)[^"#]+"/);
  if (linked) throw new Error(`dist: backprop.html still links a file: ${linked[0]}`);
  return html;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

export function makeDist(site = 'build/web/site', out = 'build/dist') {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(site)) cpSync(join(site, name), join(out, name), { recursive: true });
  const html = singleFile(site);
  writeFileSync(join(out, 'backprop.html'), html);
  const one = Buffer.from(html);
  const siteFiles = ['index.html', 'style.css', 'text-view.css', 'text-view.js', 'backprop.js', 'backprop-api.js', 'backprop.wasm'];
  let raw = 0, gz = 0;
  for (const name of siteFiles) {
    const b = readFileSync(join(site, name));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { out, single: { raw: one.length, gzip: gzipSync(one, { level: 9 }).length }, site: { raw, gzip: gz } };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [site = 'build/web/site', out = 'build/dist'] = process.argv.slice(2);
  try {
    const r = makeDist(site, out);
    console.log(`dist: ${r.out}/ holds the site and backprop.html`);
    console.log(`dist: the page as a site (index.html and what it loads): ${r.site.raw} B (${kb(r.site.raw)}), ` +
                `${r.site.gzip} B gzip (${kb(r.site.gzip)})`);
    console.log(`dist: backprop.html, the page in one file: ${r.single.raw} B (${kb(r.single.raw)}), ` +
                `${r.single.gzip} B gzip (${kb(r.single.gzip)})`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
