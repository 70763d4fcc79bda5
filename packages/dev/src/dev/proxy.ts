import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import type { Duplex } from "node:stream";

/** Where the app listens now; undefined while it (re)starts. Requests wait for it. */
export type UpstreamPort = () => Promise<number>;

/** Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

/**
 * Forwards one HTTP request to the app and its answer back. HTML answers are buffered so that
 * `transformHtml` can add the dev client script; everything else streams through.
 */
export async function proxyRequest(request: IncomingMessage, response: ServerResponse, upstream: UpstreamPort, transformHtml: (html: string) => string): Promise<void> {
  const port = await upstream();
  await new Promise<void>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, method: request.method, path: request.url, headers: forwardedHeaders(request.headers, request) },
      (answer) => {
        const type = String(answer.headers["content-type"] ?? "");
        const headers = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete headers[name];
        if (!type.startsWith("text/html") || request.method === "HEAD") {
          response.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(response);
          answer.on("end", resolve);
          answer.on("error", reject);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", reject);
        answer.on("end", () => {
          const html = transformHtml(Buffer.concat(chunks).toString("utf8"));
          delete headers["content-length"];
          delete headers["etag"]; // the body is not the app's any more
          response.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": Buffer.byteLength(html) });
          response.end(html);
          resolve();
        });
      },
    );
    outgoing.on("error", reject);
    request.pipe(outgoing);
  });
}

/**
 * Forwards a WebSocket upgrade (the app's `/live` and `/socket`) as raw bytes: the handshake
 * request as it came, then both directions piped, so the app sees the browser's cookies and
 * Origin and the frames pass untouched.
 */
export async function proxyUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, upstream: UpstreamPort): Promise<void> {
  socket.on("error", () => socket.destroy());
  let port: number;
  try {
    port = await upstream();
  } catch {
    socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  const target = connect(port, "127.0.0.1", () => {
    const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
    for (let index = 0; index < request.rawHeaders.length; index += 2) lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
    target.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) target.write(head);
    socket.pipe(target).pipe(socket);
  });
  target.on("error", () => socket.destroy());
  socket.on("close", () => target.destroy());
  target.on("close", () => socket.destroy());
}

function forwardedHeaders(headers: IncomingHttpHeaders, request: IncomingMessage): IncomingHttpHeaders {
  const forwarded: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) forwarded[name] = value;
  forwarded["x-forwarded-for"] = request.socket.remoteAddress ?? "";
  forwarded["x-forwarded-proto"] = "http";
  return forwarded;
}

/**
 * Adds the dev client to an HTML page, right before `</head>` (or at the end when there is
 * none). A page with a CSP nonce gets the same nonce on the script, so a strict policy does not
 * block it.
 */
export function injectDevClient(html: string, scriptUrl: string): string {
  const nonce = /<script[^>]*\snonce="([^"]+)"/i.exec(html)?.[1];
  const tag = `<script type="module" src="${scriptUrl}"${nonce === undefined ? "" : ` nonce="${nonce}"`}></script>`;
  const head = html.search(/<\/head>/i);
  return head === -1 ? `${html}${tag}` : `${html.slice(0, head)}${tag}${html.slice(head)}`;
}
