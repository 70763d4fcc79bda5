/**
 * Turns a push (of Cinder's client or of the official `phoenix` client — both have
 * `receive(status, callback)`) into a promise of its outcome, so a test can `await` a join or a
 * push instead of nesting callbacks. Settles on the first of the given statuses.
 *
 * @example
 * ```ts
 * const { status, response } = await pushResult(channel.join());
 * expect(status).toBe("ok");
 * ```
 */
export interface ReceivablePush {
  receive(status: string, callback: (response: unknown) => void): unknown;
}

export interface PushOutcome<Response = unknown> {
  status: string;
  response: Response;
}

export function pushResult<Response = unknown>(
  push: ReceivablePush,
  statuses: readonly string[] = ["ok", "error", "timeout"],
): Promise<PushOutcome<Response>> {
  return new Promise((resolve) => {
    let settled = false;
    for (const status of statuses) {
      push.receive(status, ((response: Response) => {
        if (settled) return;
        settled = true;
        resolve({ status, response });
      }) as (response: unknown) => void);
    }
  });
}
