// Benchmark driver for velocityjs (started by benchmarks/engines.py, which installs the
// package with npm into benchmarks/.engines/, git-ignored).
//
//   node velocityjs_bench.js VELOCITYJS_DIR ROUNDS MIN_SECONDS WARMUP_SECONDS T1.vm E1.json [...]
//
// $input, $context, $util and $stageVariables are a JavaScript port of the small model in
// benchmarks/adapters.py (what airspeed gets), built afresh for every render as ours are.
// velocityjs already answers the Java map methods templates use (keySet, get, put, size).
// Prints one JSON object a line per case: {template, output, render_s, render_best_s,
// compile_s, compile_best_s} or {template, error}; times are the median and best CPU
// seconds of the process per call over ROUNDS rounds.
"use strict";

const fs = require("fs");
const path = require("path");

const REMOVED_HEADERS = new Set(["connection", "content-length", "content-md5", "expect",
  "max-forwards", "proxy-authenticate", "server", "te", "trailer", "transfer-encoding",
  "upgrade", "www-authenticate"]);
const IDENTITY_FIELDS = ["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
  "sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
  "cognitoAuthenticationProvider", "userArn", "userAgent", "user", "apiKey"];

// Commons Lang 2 escapeJavaScript: ' " \ / and controls escaped, non-ASCII as \uXXXX.
function escapeJavaScript(text) {
  if (text === null || text === undefined) return "";
  let out = "";
  for (const ch of String(text)) {
    const code = ch.charCodeAt(0);
    if (ch === "'" || ch === '"' || ch === "\\" || ch === "/") out += "\\" + ch;
    else if (ch === "\b") out += "\\b";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\r") out += "\\r";
    else if (code < 32 || code > 0x7f) {
      for (let i = 0; i < ch.length; i++) out += "\\u" + ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
    } else out += ch;
  }
  return out;
}

const UTIL = {
  escapeJavaScript,
  parseJson: (text) => JSON.parse(text),
  urlEncode: (text) => encodeURIComponent(text).replace(/%20/g, "+"),
  urlDecode: (text) => decodeURIComponent(String(text).replace(/\+/g, " ")),
};

// A tiny JSONPath: $, $.a.b, $.a[0], $['a']; null when nothing is there.
function jsonPath(document, p) {
  if (!p.startsWith("$")) p = "$." + p;
  const step = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/g;
  let value = document;
  let m;
  while ((m = step.exec(p.slice(1))) !== null) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) value = value[m[1] || m[3]];
    else if (Array.isArray(value) && m[2]) value = value[Number(m[2])];
    else return null;
    if (value === undefined || value === null) return null;
  }
  return value;
}

// Compact JSON as json-smart writes it (/ as \/, U+2000-20FF as \uXXXX).
function toJson(value) {
  return JSON.stringify(value === undefined ? null : value).replace(/\//g, "\\/")
    .replace(/[\u007f-\u009f\u2000-\u20ff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
}

function orEmpty(object) {
  const out = {};
  for (const [k, v] of Object.entries(object || {})) out[k] = v === null ? "" : v;
  return out;
}

function input(event) {
  const body = event.body || "{}";
  const headers = {};
  for (const [k, v] of Object.entries(event.headers || {})) {
    if (!REMOVED_HEADERS.has(k.toLowerCase())) headers[k] = v === null ? "" : v;
  }
  const params = { path: orEmpty(event.pathParameters), querystring: orEmpty(event.queryStringParameters), header: headers };
  let parsed = false;
  let document;
  const doc = () => {
    if (!parsed) {
      try { document = JSON.parse(body); } catch (e) { document = body; }
      parsed = true;
    }
    return document;
  };
  return {
    body,
    json: (p) => toJson(jsonPath(doc(), p)),
    path: (p) => jsonPath(doc(), p),
    params: (name) => {
      if (name === undefined) return params;
      for (const part of ["path", "querystring", "header"]) if (name in params[part]) return params[part][name];
      return "";
    },
  };
}

function nullsEmpty(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && !Array.isArray(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = nullsEmpty(v);
    return out;
  }
  return value;
}

function context(event) {
  const ctx = nullsEmpty(event.requestContext || {});
  ctx.identity = ctx.identity || {};
  for (const f of IDENTITY_FIELDS) if (!(f in ctx.identity)) ctx.identity[f] = "";
  ctx.authorizer = ctx.authorizer || {};
  if (!("principalId" in ctx.authorizer)) ctx.authorizer.principalId = "";
  for (const k of ["accountId", "apiId", "httpMethod", "stage", "requestId", "resourceId", "resourcePath"]) {
    if (!(k in ctx)) ctx[k] = "";
  }
  return ctx;
}

function namespace(event) {
  return { input: input(event), util: UTIL, context: context(event), stageVariables: orEmpty(event.stageVariables) };
}

// CPU time of the whole node process (user + system), in seconds.
function cpu() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function measure(call, rounds, minSeconds, warmup) {
  const wall = () => Number(process.hrtime.bigint()) / 1e9;
  const start = wall();
  let calls = 0;
  while (calls < 3 || wall() - start < warmup) { call(); calls++; }
  // rounds are sized from the warm-up's wall time (CPU time may tick coarsely)
  const perCall = (wall() - start) / calls;
  const number = Math.max(1, Math.floor(minSeconds / perCall));
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpu();
    for (let i = 0; i < number; i++) call();
    samples.push((cpu() - t0) / number);
  }
  samples.sort((a, b) => a - b);
  return [samples[Math.floor(samples.length / 2)], samples[0]];
}

function main(argv) {
  const velocity = require(path.resolve(argv[0], "node_modules", "velocityjs"));
  const rounds = Number(argv[1]);
  const minSeconds = Number(argv[2]);
  const warmup = Number(argv[3]);
  for (let i = 4; i + 1 < argv.length; i += 2) {
    const name = argv[i];
    try {
      const text = fs.readFileSync(argv[i], "utf8");
      const event = JSON.parse(fs.readFileSync(argv[i + 1], "utf8"));
      const compile = () => new velocity.Compile(velocity.parse(text));
      const compiled = compile();
      const render = () => compiled.render(namespace(event));
      const output = render();
      const renderS = measure(render, rounds, minSeconds, warmup);
      const compileS = measure(compile, rounds, minSeconds, warmup / 2);
      console.log(JSON.stringify({ template: name, output, render_s: renderS[0], render_best_s: renderS[1],
        compile_s: compileS[0], compile_best_s: compileS[1] }));
    } catch (error) {
      console.log(JSON.stringify({ template: name, error: `${error.name}: ${error.message}` }));
    }
  }
}

main(process.argv.slice(2));
