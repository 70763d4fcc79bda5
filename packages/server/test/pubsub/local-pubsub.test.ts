import { LocalPubSub } from "@cinder/server";
import { describePubSubContract } from "./pubsub-contract.js";

// Everything LocalPubSub promises is the PubSub contract, shared with RedisPubSub.
describePubSubContract("LocalPubSub", async (reportHandlerError) => new LocalPubSub({ onHandlerError: reportHandlerError }));
