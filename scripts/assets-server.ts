import fs from "fs";
import http from "http";
import path from "path";

const TYPES: Record<string, string> = {
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".csv": "text/csv",
};

/**
 * Serves files from `root` on 127.0.0.1:`port`, read-only, with CORS (the demo NFTs' pictures,
 * and the built web app with `spa` — unknown paths get index.html). `generated` maps paths to
 * JSON bodies served as they are (the app's `/config.json`). Paths outside `root` are refused.
 */
export function startAssetServer(
  root: string,
  port: number,
  options: { generated?: Record<string, string>; spa?: boolean } = {},
): Promise<http.Server> {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    response.setHeader("Access-Control-Allow-Origin", "*");
    const generated = options.generated?.[url.pathname];
    if (generated !== undefined) {
      response.writeHead(200, { "Content-Type": "application/json" }).end(generated);
      return;
    }
    let file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
    if (options.spa && (url.pathname === "/" || !path.extname(url.pathname))) {
      file = path.join(base, "index.html");
    }
    if (request.method !== "GET" || !file.startsWith(base + path.sep) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
