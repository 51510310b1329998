// The model of the randomized API test: what JS and C++ own, and so which
// destructors must have run, may have run, or must not have run yet.
//
// Every object the test can reach is a record. Its fate follows from its
// owners: JS (a live wrapper, a dropped wrapper the collector may reclaim
// at any time, or a disposed one), owners inside wasm (Keeper holds, a
// filter's mask, a matrix's filter: other records, or C++ statics) and, for
// a borrowed child, its parent. After each step the harness compares the
// destructor counts (counted inside wasm) and the live counts with the
// interval the model allows; a count at the top of its interval settles
// every "maybe" of that class as destroyed.
export class Mismatch extends Error {
  name = "FuzzMismatch";
}
export const fail = (message) => {
  throw new Mismatch(message);
};

export const ALIVE = 0;
export const MAYBE = 1;
export const DEAD = 2;

export class Model {
  // `worlds`: name -> world (worlds.mjs).
  constructor(worlds) {
    this.worlds = worlds;
    this.byId = new Map();
    this.list = []; // records, for picking at random
    this.dead = new Map(); // "world/group" -> destructors settled so far
    this.corpses = []; // wrappers of ended objects, for attacks
    this.scopes = []; // open m.scope() calls: the records each recorded
    this.stacks = new Map(); // C++ statics: name -> records, most recent last
  }

  get(id) {
    return this.byId.get(id);
  }

  // A new object JS owns through `ref` (or a borrowed view when `parent`).
  create(id, world, cls, ref, v, { weight = 1, parent = null, scoped = true } = {}) {
    const rec = { id, world, cls, ref, v, weight, js: parent ? "borrowed" : "owned", parent, holders: new Map(), kids: new Set(), dead: false, collected: false, kept: false, at: this.list.length };
    if (parent) parent.kids.add(rec);
    this.byId.set(id, rec);
    this.list.push(rec);
    // m.scope() records only its own module's objects.
    if (!parent && scoped && this.scopes.length > 0 && this.scopes.at(-1).world === world) this.scopes.at(-1).push(rec);
    return rec;
  }

  // JS owns `rec` again through `ref` (a C++ owner handed it back).
  reown(rec, ref) {
    rec.ref = ref;
    rec.js = "owned";
  }

  dispose(rec) {
    if (rec.ref) this.bury(rec.ref, rec.cls, rec.world);
    rec.ref = null;
    if (rec.js === "owned" || rec.js === "dropped") rec.js = "disposed";
  }

  drop(rec) {
    rec.ref = null;
    if (rec.js === "owned") rec.js = "dropped";
    if (rec.js === "borrowed") this.remove(rec);
  }

  bury(ref, cls, world) {
    this.corpses.push({ ref, cls, world });
    if (this.corpses.length > 16) this.corpses.shift();
  }

  hold(rec, holder) {
    rec.holders.set(holder, (rec.holders.get(holder) ?? 0) + 1);
  }
  unhold(rec, holder) {
    const n = rec.holders.get(holder) ?? 0;
    if (n <= 1) rec.holders.delete(holder);
    else rec.holders.set(holder, n - 1);
  }
  stack(name) {
    let s = this.stacks.get(name);
    if (!s) this.stacks.set(name, (s = []));
    return s;
  }

  // ALIVE, MAYBE or DEAD: what the owners of `rec` allow. With `seen`,
  // also what the counts showed: a "maybe" the collector is known to have
  // freed is DEAD. Without, the answer does not depend on the collector's
  // timing, so what the test draws next does not either.
  fate(rec, seen = true) {
    if (rec.dead || (seen && rec.collected)) return DEAD;
    if (rec.js === "borrowed") return rec.parent.js === "owned" || rec.parent.js === "dropped" ? this.fate(rec.parent, seen) : DEAD;
    let f = rec.js === "owned" ? ALIVE : rec.js === "dropped" ? (rec.kids.size > 0 ? ALIVE : MAYBE) : DEAD;
    for (const holder of rec.holders.keys()) {
      if (f === ALIVE) break;
      f = Math.min(f, typeof holder === "string" ? ALIVE : this.fate(holder, seen));
    }
    return f;
  }

  // Whether a call through rec.ref must work: the wrapper is live and its
  // object (or a borrowed view's owner) not disposed.
  usable(rec) {
    if (!rec.ref || rec.dead) return false;
    if (rec.js === "borrowed") return (rec.parent.js === "owned" || rec.parent.js === "dropped") && !rec.parent.dead;
    return rec.js === "owned";
  }

  remove(rec) {
    const last = this.list.pop();
    if (last !== rec) {
      this.list[rec.at] = last;
      last.at = rec.at;
    }
    this.byId.delete(rec.id);
    if (rec.parent) rec.parent.kids.delete(rec);
  }

  // A random record passing `ok`, or null.
  pick(rng, ok = () => true) {
    const n = this.list.length;
    if (n === 0) return null;
    for (let i = 0; i < 6; i++) {
      const rec = this.list[rng.int(n)];
      if (ok(rec)) return rec;
    }
    const start = rng.int(n);
    for (let i = 0; i < n; i++) {
      const rec = this.list[(start + i) % n];
      if (ok(rec)) return rec;
    }
    return null;
  }

  openScope(world) {
    this.scopes.push(Object.assign([], { world }));
  }
  // The scope ended: what it recorded is disposed, unless kept.
  closeScope() {
    for (const rec of this.scopes.pop()) if (!rec.kept && (rec.js === "owned" || rec.js === "dropped")) this.dispose(rec);
  }

  // At a checkpoint, when every "maybe" was settled: forgets what the
  // collector freed (at this point whatever its timing was).
  forgetCollected(worlds) {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const rec = this.list[i];
      if (this.fate(rec) !== DEAD) continue;
      if (rec.js !== "borrowed") this.dead.set(`${rec.world}/${worlds[rec.world].groupOf[rec.cls]}`, (this.dead.get(`${rec.world}/${worlds[rec.world].groupOf[rec.cls]}`) ?? 0) + rec.weight);
      rec.dead = true;
      this.remove(rec);
    }
  }

  // Compares world `w` with the model; throws a Mismatch.
  verify(w) {
    const problem = w.m.check();
    if (problem !== null) fail(`${w.name}: m.check() says: ${problem}`);
    const lo = new Map();
    const hi = new Map();
    const liveLo = new Map();
    const liveHi = new Map();
    const maybes = [];
    const add = (map, key, n) => map.set(key, (map.get(key) ?? 0) + n);
    for (let i = this.list.length - 1; i >= 0; i--) {
      const rec = this.list[i];
      if (rec.world !== w.name) continue;
      if (this.fate(rec, false) === DEAD) {
        // Gone whatever the collector did: forgotten.
        if (rec.js !== "borrowed") add(this.dead, `${w.name}/${w.groupOf[rec.cls]}`, rec.weight);
        rec.dead = true;
        this.remove(rec);
        continue;
      }
      if (rec.js === "borrowed") continue;
      const group = w.groupOf[rec.cls];
      const f = this.fate(rec);
      if (f === DEAD) {
        add(lo, group, rec.weight);
        continue;
      }
      add(liveHi, rec.cls, 1);
      if (f === ALIVE) add(liveLo, rec.cls, 1);
      else {
        add(hi, group, rec.weight);
        maybes.push(rec);
      }
    }
    for (const [group, count] of Object.entries(w.counters)) {
      const min = (this.dead.get(`${w.name}/${group}`) ?? 0) + (lo.get(group) ?? 0);
      const max = min + (hi.get(group) ?? 0);
      const ran = count() - w.base.counts[group];
      if (ran < min || ran > max) fail(`${w.name}: ${ran} ${group} destructors ran, the model allows ${min === max ? min : `${min}..${max}`}`);
      if (ran === max && max > min) {
        for (const rec of maybes) if (w.groupOf[rec.cls] === group) rec.collected = true;
      }
    }
    const live = w.m.stats().live;
    for (const cls of w.classes) {
      const n = live[cls] - w.base.live[cls];
      const min = liveLo.get(cls) ?? 0;
      const max = liveHi.get(cls) ?? 0;
      if (n < min || n > max) fail(`${w.name}: stats().live.${cls} is ${n} above the baseline, the model allows ${min === max ? min : `${min}..${max}`}`);
    }
    return maybes.filter((rec) => !rec.collected);
  }
}
