/**
 * Convex timestamps: u64 nanoseconds, sent as the 8 little-endian bytes in
 * base64. Wall-clock based and strictly increasing, so a client that
 * reconnects after a restart never sees time go backwards.
 */
let latest = 0n;

/** Advances and returns the global timestamp (called after every write). */
export function nextTimestamp(): bigint {
  const now = BigInt(Date.now()) * 1_000_000n;
  latest = now > latest ? now : latest + 1n;
  return latest;
}

export function latestTimestamp(): bigint {
  return latest;
}

export function encodeTimestamp(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}
