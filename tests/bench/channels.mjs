// Channels benchmark: Cinder's socket server against a baseline written straight on `ws` that
// does the least any Phoenix-protocol server must do (parse the frame, answer it; encode a
// broadcast once and write it to every socket). Ratios near 1 mean the framework costs little.
//
//   node --expose-gc tests/bench/channels.mjs [clients=1000] [broadcasts=100]
import { createServer } from "node:http";
import fastify from "fastify";
import { WebSocketServer } from "ws";
import { cinder, defineChannel, defineSocket, ok } from "@cinder/server";
import { median, memoryInUse, percentile, pinThisProcess, report, sleep, startLoadClients } from "./lib/harness.mjs";

const clientCount = Number(process.argv[2] ?? 1000);
const broadcastCount = Number(process.argv[3] ?? 100);
const repetitions = 3;
const payload = { body: "x".repeat(160), user: "bench", at: "2026-11-25T12:00:00Z" };

async function startCinder() {
  const RoomChannel = defineChannel({
    join: () => ok(),
    handleIn: (_event, message) => ok(message),
  });
  const app = fastify();
  await app.register(cinder, {
    sockets: { "/socket": defineSocket({ channels: { "room:*": RoomChannel } }) },
    limits: { maxChannelsPerSocket: 10 },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    name: "cinder",
    url: `ws://127.0.0.1:${app.server.address().port}/socket/websocket`,
    broadcast: (n) => app.cinder.broadcast("room:bench", "bench", { ...payload, n }),
    close: () => app.close(),
  };
}

async function startRawBaseline() {
  const server = createServer();
  const sockets = new Set();
  const wss = new WebSocketServer({ server, path: "/socket/websocket" });
  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const [joinRef, ref, topic, event, message] = JSON.parse(data.toString());
      if (event === "phx_join") sockets.add(socket);
      socket.send(JSON.stringify([joinRef, ref, topic, "phx_reply", { status: "ok", response: event === "phx_join" ? {} : message }]));
    });
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    name: "raw ws baseline",
    url: `ws://127.0.0.1:${server.address().port}/socket/websocket`,
    broadcast: async (n) => {
      const frame = JSON.stringify([null, null, "room:bench", "bench", { ...payload, n }]);
      for (const socket of sockets) socket.send(frame);
    },
    close: () => new Promise((resolve) => { for (const socket of wss.clients) socket.terminate(); wss.close(); server.close(resolve); }),
  };
}

async function measure(start, clients) {
  const server = await start();
  const before = memoryInUse();
  await clients.connect(server.url, clientCount, "room:bench");
  await sleep(200);
  const bytesPerConnection = (memoryInUse() - before) / clientCount;

  const delivered = clients.expect(clientCount * broadcastCount);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (let n = 0; n < broadcastCount; n++) await server.broadcast(n);
  await delivered;
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuMicrosPerDelivery = (cpu.user + cpu.system) / (clientCount * broadcastCount);

  const latencies = await clients.roundtrips(2000);
  await clients.close();
  await server.close();
  return {
    name: server.name,
    serverCpuMicrosPerDelivery,
    deliveriesPerSecond: (clientCount * broadcastCount) / (wallMs / 1000),
    roundtripMedianMicros: median(latencies),
    roundtripP99Micros: percentile(latencies, 0.99),
    bytesPerConnection,
  };
}

pinThisProcess();
const clients = startLoadClients();
const runs = { cinder: [], baseline: [] };
for (let repetition = 0; repetition < repetitions; repetition++) {
  runs.baseline.push(await measure(startRawBaseline, clients));
  runs.cinder.push(await measure(startCinder, clients));
}
clients.exit();

const summarise = (key) => ({
  cinder: median(runs.cinder.map((run) => run[key])),
  baseline: median(runs.baseline.map((run) => run[key])),
});
const rows = {};
for (const [key, label] of [
  ["serverCpuMicrosPerDelivery", "server CPU µs per delivered broadcast"],
  ["deliveriesPerSecond", "broadcast deliveries per second"],
  ["roundtripMedianMicros", "push→reply round trip, median µs"],
  ["roundtripP99Micros", "push→reply round trip, p99 µs"],
  ["bytesPerConnection", "memory per joined connection, bytes"],
]) {
  const { cinder: ours, baseline } = summarise(key);
  rows[label] = { cinder: Math.round(ours * 100) / 100, "raw ws": Math.round(baseline * 100) / 100, ratio: Math.round((ours / baseline) * 100) / 100 };
}
report(`channels: ${clientCount} clients, ${broadcastCount} broadcasts, median of ${repetitions}`, rows);
