// A child process holding many WebSocket clients, so that the client side of a benchmark never
// shares a CPU core or an event loop with the server being measured. Driven over IPC by the
// parent: { type: "connect", url, count, topic } → "ready"; { type: "expect", total } → "done"
// once that many broadcast frames arrived over all clients; { type: "roundtrips", count } →
// "roundtrips-done" with per-trip latencies in microseconds; { type: "close" }.
import WebSocket from "ws";

let sockets = [];
let received = 0;
let expected = Infinity;

function connectOne(url, topic, index) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}?vsn=2.0.0`);
    socket.on("error", reject);
    socket.on("open", () => {
      if (topic) socket.send(JSON.stringify([String(index), String(index), topic, "phx_join", {}]));
      else resolve(socket);
    });
    socket.on("message", (data) => {
      const text = data.toString();
      if (topic && text.includes('"phx_reply"') && text.startsWith(`["${index}","${index}"`)) return resolve(socket);
      if (text.includes('"bench"')) {
        received += 1;
        if (received === expected) process.send({ type: "done" });
      }
    });
  });
}

async function roundtrips(count) {
  const socket = sockets[0];
  const latencies = [];
  for (let index = 0; index < count; index++) {
    const ref = `rt${index}`;
    const started = process.hrtime.bigint();
    await new Promise((resolve) => {
      const onMessage = (data) => {
        if (data.toString().includes(`"${ref}"`)) {
          socket.off("message", onMessage);
          resolve();
        }
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify(["0", ref, "room:bench", "ping", { n: index }]));
    });
    latencies.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return latencies;
}

process.on("message", async (message) => {
  if (message.type === "connect") {
    received = 0;
    expected = Infinity;
    sockets = [];
    for (let index = 0; index < message.count; index += 50) {
      const batch = [];
      for (let offset = index; offset < Math.min(index + 50, message.count); offset++) batch.push(connectOne(message.url, message.topic, offset));
      sockets.push(...(await Promise.all(batch)));
    }
    process.send({ type: "ready" });
  } else if (message.type === "expect") {
    expected = message.total;
    if (received >= expected) process.send({ type: "done" });
  } else if (message.type === "roundtrips") {
    process.send({ type: "roundtrips-done", latencies: await roundtrips(message.count) });
  } else if (message.type === "close") {
    await Promise.all(sockets.map((socket) => new Promise((resolve) => {
      socket.once("close", resolve);
      socket.close(1000);
    })));
    sockets = [];
    process.send({ type: "closed" });
  }
});
