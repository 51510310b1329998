// A small seeded PRNG (sfc32, seeded through splitmix32) for the randomized
// API test: the same seed gives the same operations on every machine.
function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  constructor(seed) {
    const next = splitmix32(seed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }
  // A uniform uint32.
  u32() {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  // An integer in [0, n).
  int(n) {
    return n <= 1 ? 0 : this.u32() % n;
  }
  // An integer in [lo, hi].
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.u32() < p * 4294967296;
  }
  pick(items) {
    return items[this.int(items.length)];
  }
  // One of `table`'s keys, each with probability proportional to its weight.
  weighted(entries) {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.u32() % total;
    for (const [item, w] of entries) {
      if (r < w) return item;
      r -= w;
    }
    return entries[entries.length - 1][0];
  }
}
