// A readable API reference without any CDN: one HTML page whose inline script fetches the
// OpenAPI document and lists every operation with its parameters, body and answers.

export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flowdeck API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2430;background:#f7f8fa}
header{background:#1d2430;color:#fff;padding:16px 32px}main{max-width:980px;margin:0 auto;padding:16px 32px}
h2{margin-top:32px;border-bottom:1px solid #d9dde3;text-transform:capitalize}
details{background:#fff;border:1px solid #d9dde3;border-radius:6px;margin:8px 0;padding:8px 12px}
summary{cursor:pointer}code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f1f3f6;padding:8px;overflow:auto;max-height:360px}
.m{display:inline-block;min-width:64px;font-weight:700;text-transform:uppercase}
.get{color:#0a7f4f}.post{color:#1f5fbf}.put,.patch{color:#a86200}.delete{color:#b3261e}
.perm{color:#6b7380;font-size:13px;margin-left:8px}
</style></head><body>
<header><h1>Flowdeck API reference</h1><div>From <a style="color:#9cf" href="/api/v1/openapi.json">/api/v1/openapi.json</a></div></header>
<main id="root">Loading…</main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const pre = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/api/v1/openapi.json').then((r) => r.json()).then((doc) => {
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[op.tags[0]] ??= []).push({ path, method, op });
  }
  let html = '<p>' + esc(doc.info.description) + '</p>';
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of list) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code> — ' + esc(op.summary) +
        (op['x-permission'] ? '<span class="perm">needs ' + esc(op['x-permission']) + '</span>' : '') + '</summary>';
      if (op.description) html += '<p>' + esc(op.description) + '</p>';
      if (op.parameters) html += '<h4>Parameters</h4>' + pre(op.parameters);
      if (op.requestBody) html += '<h4>Body</h4>' + pre(op.requestBody.content['application/json'].schema);
      html += '<h4>Responses</h4><ul>';
      for (const [status, res] of Object.entries(op.responses)) html += '<li><b>' + status + '</b> ' + esc(res.description) + '</li>';
      html += '</ul></details>';
    }
  }
  html += '<h2>Schemas</h2>' + pre(doc.components.schemas);
  document.getElementById('root').innerHTML = html;
});
</script></body></html>`;
