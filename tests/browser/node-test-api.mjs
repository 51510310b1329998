// node:test for a browser page, as far as weakbind's node tests use it:
// test/it (with a name, options and a function, or test.skip/test.todo),
// describe (a name prefix), file-level before/after/beforeEach/afterEach,
// and a context whose t.test runs a subtest. Tests run one after another,
// as node runs a file's top-level tests. What is not here throws, so a test
// never passes on semantics the shim only pretends to have.

const tests = [];
const hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
let prefix = "";

function parse(args) {
  let [name, options, fn] = args;
  if (typeof name === "function") [name, options, fn] = [name.name, {}, name];
  else if (typeof name === "object" && name !== null) [name, options, fn] = [options?.name ?? "", name, options];
  if (typeof options === "function") [options, fn] = [{}, options];
  return { name: String(name ?? ""), options: options ?? {}, fn };
}

export function test(...args) {
  const { name, options, fn } = parse(args);
  tests.push({ name: prefix + name, options, fn });
}
test.skip = (...args) => {
  const { name, options, fn } = parse(args);
  test(name, { ...options, skip: true }, fn);
};
test.todo = (...args) => {
  const { name, options, fn } = parse(args);
  test(name, { ...options, todo: true }, fn);
};
test.only = () => {
  throw new Error("node:test shim: test.only is not supported in the browser");
};
export const it = test;

export function describe(name, fn) {
  const outer = prefix;
  prefix = `${outer}${name} > `;
  try {
    fn();
  } finally {
    prefix = outer;
  }
}
export const suite = describe;

function hook(kind) {
  return (fn) => {
    if (prefix) throw new Error(`node:test shim: ${kind}() inside describe() is not supported in the browser`);
    hooks[kind].push(fn);
  };
}
export const before = hook("before");
export const after = hook("after");
export const beforeEach = hook("beforeEach");
export const afterEach = hook("afterEach");

export const mock = new Proxy(
  {},
  {
    get() {
      throw new Error("node:test shim: mock is not supported in the browser");
    },
  },
);

function context(name, results) {
  return {
    name,
    signal: new AbortController().signal,
    diagnostic: () => {},
    skip() {},
    todo() {},
    test: (...args) => {
      const sub = parse(args);
      return runOne({ ...sub, name: `${name} > ${sub.name}` }, results);
    },
  };
}

async function runOne({ name, options, fn }, results) {
  const result = { name, ok: true };
  if (options.skip || options.todo || typeof fn !== "function") {
    result.skipped = true;
    results.push(result);
    return;
  }
  const started = performance.now();
  try {
    for (const h of hooks.beforeEach) await h();
    await fn(context(name, results));
    for (const h of hooks.afterEach) await h();
  } catch (e) {
    result.ok = false;
    result.error = describeError(e);
  }
  result.ms = performance.now() - started;
  results.push(result);
}

function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  const stack = e.stack?.includes(e.message) ? e.stack : `${e.name}: ${e.message}\n${e.stack ?? ""}`;
  return stack;
}

// Runs what the imported test file registered. Not part of node:test: the
// page's runner (node-tests.mjs) calls it.
export async function runRegistered() {
  const results = [];
  try {
    for (const h of hooks.before) await h();
    for (const t of tests) await runOne(t, results);
  } catch (e) {
    results.push({ name: "before hook", ok: false, error: describeError(e) });
  } finally {
    for (const h of hooks.after) {
      try {
        await h();
      } catch (e) {
        results.push({ name: "after hook", ok: false, error: describeError(e) });
      }
    }
  }
  return results;
}

export default test;
