// Types for the weakbind loader. Per-class declarations for a built module
// come from the module's metadata (`weakbind dts app.wasm`, or
// `npx weakbind-dts app.wasm`), and `load<Module>(…)` takes them; without
// them a class is a WasmClass.
//
// They need no lib beyond ES2022 and DOM: Symbol.dispose is declared here
// (as lib.esnext.disposable and @types/node declare it), and wrappers have
// `[Symbol.dispose]`, so they are Disposable wherever that type exists.

declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

export type ModuleSource =
  | BufferSource
  | Response
  | PromiseLike<Response | BufferSource>
  | URL
  | string
  | WebAssembly.Module;

export interface LoadOptions {
  /** How a dropped wrapper's object is freed. Default "finalization". */
  strategy?: "finalization" | "sweep";
  /** @deprecated The old name of `strategy`. */
  release?: "finalization" | "sweep";
  /** Sweep tuning: ms between ticks, and how many ticks cover the old list. */
  sweep?: { interval?: number; oldSlices?: number };
  /**
   * Finalization: how many wrappers made in one job may share one
   * registration (default 256; 1 registers every wrapper). The size adapts
   * down when cohorts outlive collections. See docs/ARCHITECTURE.md.
   */
  cohortSize?: number;
  /** The most the heap may grow while one cohort of wrappers is open (default 1 MiB). */
  cohortBytes?: number;
  /** Line sinks for the module's stdout and stderr (default: console). */
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Record where each object and JS-value handle was created (see leaks()). */
  debug?: boolean;
  /** Called when a late release (finalizer or sweep) throws. */
  onReleaseError?: (error: unknown) => void;
}

/** A wasm object seen from JS. */
export interface WasmObject {
  /** Frees the wasm object now; a second call does nothing. */
  dispose(): void;
  [Symbol.dispose](): void;
  [method: string]: any;
}

/**
 * A borrowed view of numbers (`view(f64)` … in C++): wasm memory read in
 * place. A view a method returned ends when its owner is disposed or
 * collected, or wasm frees its elements; one passed to a callback or a
 * virtual ends when that returns. Every member of an ended view throws a
 * TypeError; copy() what must outlive it.
 */
export interface ArrayView<T> extends Iterable<T> {
  readonly length: number;
  /** The element at `index` (negative from the end), or undefined out of range. */
  at(index: number): T | undefined;
  /** A new typed array of the elements, JS's own. */
  copy(): Float64Array | Float32Array | Int32Array | Uint32Array;
}

export interface WasmClass {
  new (...args: any[]): WasmObject;
  readonly name: string;
}

export interface Stats {
  /** Live wasm objects by class name. */
  live: Record<string, number>;
  liveTotal: number;
  heap: {
    inUse: number;
    peak: number;
    memorySize: number;
    allocations: number;
    /** Live blocks too big for a size class. */
    large: number;
    /**
     * Of inUse and allocations: the registry's own tables. They grow with
     * the most objects alive at once and shrink back once a spike has
     * passed (checked at each full collection).
     */
    registryBytes: number;
    registryBlocks: number;
    /** Live blocks per size class in use. */
    classes: { size: number; live: number }[];
  };
  /** JS values wasm holds handles to. */
  jsValues: number;
  /** Of those, values kept alive from their owner's wrapper (collectable cycles). */
  jsValuesOnWrappers: number;
  /** Wrappers the sweep still watches (0 for finalization). */
  pending: number;
  strategy: "finalization" | "sweep";
  /** Wrappers per registration now (finalization adapts it; sweep: 1). */
  cohortSize: number;
}

export interface WeakbindModule {
  readonly exports: WebAssembly.Exports;
  readonly memory: WebAssembly.Memory;
  readonly strategy: "finalization" | "sweep";
  /** A handle owning one reference to `value`, to pass to wasm. */
  handle(value: unknown): number;
  /** @deprecated The old name of `handle`. */
  jsref(value: unknown): number;
  /** The JS value behind a live handle. */
  jsvalue(handle: number): unknown;
  /** Releases what the sweep can release now (no-op for finalization). */
  flush(): void;
  /**
   * Runs `fn` synchronously; every object JS comes to own inside it is
   * disposed when it returns or throws, unless passed to `keep`.
   */
  scope<T>(fn: () => T): T;
  /** Lets an object created in a scope outlive it (freed by the collector). */
  keep<T extends WasmObject>(object: T): T;
  stats(): Stats;
  /** Debug mode only: live objects and handles with the stack that created each. */
  leaks(): {
    objects: { class: string; pointer: number; createdAt: string }[];
    handles: { handle: number; createdAt: string }[];
  };
  /** null when every registry and heap invariant holds, else the message. */
  check(): string | null;
  [className: string]: WasmClass | unknown;
}

export class WeakbindError extends Error {}

/** A C++ exception that left wasm (modules built with `weakbind-config --exceptions`). */
export class CppException extends WeakbindError {
  /** The exception's demangled type, e.g. "std::out_of_range". */
  readonly type: string;
  /** what() for a std::exception, else null (the message then names the type). */
  readonly what: string | null;
  /** The class and member that threw ("constructor" for `new`). */
  readonly className: string | null;
  readonly method: string | null;
}

export const ABI_VERSION: number;

/**
 * Loads a module. `T` is the module's declarations (the `Module` interface
 * `weakbind dts` writes): `const m = await load<Module>(fetch("app.wasm"))`.
 */
export function load<T extends WeakbindModule = WeakbindModule>(source: ModuleSource, options?: LoadOptions): Promise<T>;
