// `cargo xtask record`'s check of the recorder (cargo-desk/src/serve/recorder.js), in Node:
// the recorder's script as a page gets it (argv[1]) runs on a stub SDK that answers each call
// at once; then the page calls `ZOHODESK.get` once for each `<character>:<count>` given after
// it, with that character repeated. It prints, as JSON, each POST (its size in bytes, whether
// it was sent `keepalive`, its lines' kinds and ids) and what the recorder wrote to the console.
const [recorder, ...calls] = process.argv.slice(1);
const posts = [];
const errors = [];
globalThis.window = globalThis;
globalThis.document = { addEventListener() {} };
globalThis.fetch = (url, options) => {
  posts.push(options);
  return Promise.resolve({ ok: true, status: 204 });
};
console.error = (message) => errors.push(String(message).slice(0, 120));
window.ZOHODESK = { get() { return null; } };
(0, eval)(recorder);
for (const call of calls) {
  const [character, count] = call.split(":");
  ZOHODESK.get(character.repeat(Number(count)));
}
setTimeout(() => {
  const sent = posts.map(({ body, keepalive }) => ({
    bytes: Buffer.byteLength(body),
    keepalive,
    lines: body.trim().split("\n").map((line) => {
      const { kind, id } = JSON.parse(line);
      return kind + " " + id;
    }),
  }));
  console.log(JSON.stringify({ errors, posts: sent }));
}, 100);
