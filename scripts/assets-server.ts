import fs from "fs";
import http from "http";
import path from "path";

const TYPES: Record<string, string> = {
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves the demo NFTs' metadata JSON and pictures from `root` on 127.0.0.1:`port`, read-only,
 * with CORS for the browser app. Paths outside `root` are refused.
 */
export function startAssetServer(root: string, port: number): Promise<http.Server> {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
    response.setHeader("Access-Control-Allow-Origin", "*");
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
