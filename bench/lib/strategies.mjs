// The loader's two release strategies, for experiments that patch what
// their track() does (bare registration, nudges, scope prototypes).

const JS = new URL("../../js/", import.meta.url);

export async function releaseStrategies() {
  const { FinalizationRelease } = await import(new URL("release.mjs", JS).href);
  const { SweepRelease } = await import(new URL("sweep.mjs", JS).href);
  return [FinalizationRelease, SweepRelease];
}
