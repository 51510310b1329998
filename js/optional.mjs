// Optionals (`opt:T`): std::optional<T> as `T | undefined`. `undefined`
// (or a left-out argument) is absent and anything else must be a T, null
// included: it is no undefined. The wire is optional.hpp's: a parameter is
// an i32 flag before T's own wire parameters (zeros when absent); a result
// is 0 when absent, else a heap block holding T at offset 0 as a value's
// one field, read and freed as values.mjs reads a value's block.

import { simpleParam, blockParam } from "./types.mjs";
import { valueParam, blockResult } from "./values.mjs";
import { listParam } from "./lists.mjs";
import { mapParam } from "./maps.mjs";
import { one } from "./intrinsics.mjs";

const NONE = Symbol("absent");

// `{ read(a, i), write(staged, i, wire, blocks, handles) }`, staged as
// value arguments are (values.mjs): `read` runs a value's user code, for
// other types it passes the argument on.
export function optionalParam(type, ctx, at) {
  const inner = type.inner;
  const prefix = (i) => `${at(i)} must be `;
  // The inner type's own refusal, with "or undefined" where it names what
  // it takes (a field's refusal names the field and is left as it is).
  const orUndefined = (e, i) => {
    if (!(e instanceof TypeError) || !e.message.startsWith(prefix(i))) return e;
    const at = e.message.indexOf(", got ");
    return new TypeError(`${e.message.slice(0, at)} or undefined${e.message.slice(at)}`, { cause: e.cause });
  };
  if (inner.kind === "value" || inner.kind === "list" || inner.kind === "map") {
    // Staged as the inner type is: its read runs user code.
    const value = (inner.kind === "value" ? valueParam : inner.kind === "list" ? listParam : mapParam)(inner, ctx, at);
    const zeros = inner.kind === "value" ? 1 : 2;
    return {
      read(a, i) {
        if (a === undefined) return NONE;
        try {
          return value.read(a, i);
        } catch (e) {
          throw orUndefined(e, i);
        }
      },
      write(staged, i, wire, blocks) {
        if (staged === NONE) return void (zeros === 1 ? wire.push(0, 0) : wire.push(0, 0, 0));
        wire.push(1);
        value.write(staged, i, wire, blocks);
      },
    };
  }
  // (Strings, bytes and numeric arrays take two wasm parameters.)
  const many = inner.kind === "string" || inner.kind === "bytes" || inner.kind.endsWith("[]") ? blockParam(inner, ctx, at) : null;
  const one = many ? null : simpleParam(inner, ctx, at);
  const zero = inner.kind === "i64" || inner.kind === "u64" ? 0n : 0;
  return {
    read: (a) => a,
    write(a, i, wire, blocks) {
      if (a === undefined) return void (many ? wire.push(0, 0, 0) : wire.push(0, zero));
      try {
        if (many) {
          wire.push(1);
          many(a, i, wire, blocks);
        } else {
          const v = one(a, i);
          wire.push(1, v);
        }
      } catch (e) {
        throw orUndefined(e, i);
      }
    },
  };
}

// An `opt:T` result: undefined for 0, else T read from the block.
export function optionalResult(type, ctx, where) {
  const { inner } = type;
  const layout = () => ({ name: "optional", fields: one({ name: "value", type: inner, offset: 0, inner: inner.kind === "value" ? ctx.valueLayout(inner.value) : null }) });
  const read = blockResult(layout, ctx, () => where());
  return (ptr) => (ptr >>> 0 === 0 ? undefined : read(ptr).value);
}
