// node:fs/promises for a browser page: readFile of a URL (or a path
// relative to the page) fetches it. Nothing else of node:fs is here.

export async function readFile(path, options) {
  const url = new URL(path, location.href);
  const response = await fetch(url);
  if (!response.ok) {
    const error = new Error(`ENOENT: no such file, open '${url}' (HTTP ${response.status})`);
    error.code = "ENOENT";
    throw error;
  }
  const encoding = typeof options === "string" ? options : options?.encoding;
  if (encoding) return response.text();
  return new Uint8Array(await response.arrayBuffer());
}

export default { readFile };
