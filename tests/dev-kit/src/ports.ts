// Free loopback ports for chains and servers started by tests, the bench and the soak.
import net from "net";

/** A TCP port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return listenFree(0);
}

/** A port P with P and P + 1 both free on 127.0.0.1 (a chain's HTTP and WebSocket). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenFree(0);
    if (port < 65535 && (await isFree(port + 1))) return port;
  }
  throw new Error("no free port pair");
}

function listenFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function isFree(port: number): Promise<boolean> {
  try {
    await listenFree(port);
    return true;
  } catch {
    return false;
  }
}
