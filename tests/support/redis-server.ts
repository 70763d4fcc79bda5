/*
 * The redis-server launcher lives with the server package's tests (its RedisPubSub tests need it
 * too, and a package's tests cannot import from tests/). It imports nothing from any package's
 * src/, so reaching it by a relative path keeps the dependency rule.
 */
export {
  describeWithRedis,
  isRedisServerInstalled,
  startRedisServer,
  REDIS_SERVER_PATH,
  type RedisServer,
} from "../../packages/server/test/support/redis-server.js";
