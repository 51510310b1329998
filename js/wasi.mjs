// The few WASI calls that wasi-libc and libc++ make: output to the console,
// and harmless answers for the rest. Everything else a module imports from
// WASI is reported as missing by the loader.

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_SPIPE = 70;
const FILETYPE_CHARACTER_DEVICE = 2;

export function wasiImports(getMemory, { stdout, stderr }) {
  const decoder = new TextDecoder();
  const pending = { 1: "", 2: "" };
  const sinks = { 1: stdout, 2: stderr };
  const view = () => new DataView(getMemory().buffer);

  // Line-buffered, so a printf split over several writes is one console line.
  function emit(fd, text) {
    const lines = (pending[fd] + text).split("\n");
    pending[fd] = lines.pop();
    for (const line of lines) sinks[fd](line);
  }

  return {
    fd_write(fd, iovs, iovsLen, nwrittenPtr) {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF;
      const dv = view();
      const bytes = new Uint8Array(getMemory().buffer);
      let written = 0;
      let text = "";
      for (let i = 0; i < iovsLen; i++) {
        const ptr = dv.getUint32(iovs + i * 8, true);
        const len = dv.getUint32(iovs + i * 8 + 4, true);
        text += decoder.decode(bytes.subarray(ptr, ptr + len), { stream: true });
        written += len;
      }
      emit(fd, text);
      dv.setUint32(nwrittenPtr, written, true);
      return ERRNO_SUCCESS;
    },
    fd_close: () => ERRNO_SUCCESS,
    fd_seek: () => ERRNO_SPIPE,
    fd_fdstat_get(fd, statPtr) {
      if (fd > 2) return ERRNO_BADF;
      const dv = view();
      // fdstat: filetype u8, flags u16, rights_base u64, rights_inheriting u64.
      for (let i = 0; i < 24; i++) dv.setUint8(statPtr + i, 0);
      dv.setUint8(statPtr, FILETYPE_CHARACTER_DEVICE);
      dv.setBigUint64(statPtr + 8, 0xffffffffffffffffn, true);
      return ERRNO_SUCCESS;
    },
    environ_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, 0, true);
      view().setUint32(sizePtr, 0, true);
      return ERRNO_SUCCESS;
    },
    environ_get: () => ERRNO_SUCCESS,
    args_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, 0, true);
      view().setUint32(sizePtr, 0, true);
      return ERRNO_SUCCESS;
    },
    args_get: () => ERRNO_SUCCESS,
    clock_time_get(_clock, _precision, timePtr) {
      const ns = BigInt(Math.round(performance.now() * 1e6)) + BigInt(Math.round(performance.timeOrigin * 1e6));
      view().setBigUint64(timePtr, ns, true);
      return ERRNO_SUCCESS;
    },
    random_get(ptr, len) {
      crypto.getRandomValues(new Uint8Array(getMemory().buffer, ptr, len));
      return ERRNO_SUCCESS;
    },
    proc_exit(code) {
      throw new Error(`wasm called exit(${code})`);
    },
  };
}
