/**
 * The local backend's read-set matching (readSets.ts): a write must never be
 * missed; it may only re-run a query too often. A unit test of an internal,
 * so it sits beside it, inside the folder.
 */
import { describe, expect, test } from "vitest";
import { ReadSet } from "./readSets";

const byOwner = (owner: unknown) => ({
  source: {
    type: "IndexRange" as const,
    indexName: "items.by_owner",
    range: [{ type: "Eq", fieldPath: "owner", value: owner as string }],
  },
});

describe("read sets", () => {
  test("an index range is touched by writes of documents inside it only", () => {
    const reads = new ReadSet();
    reads.readQuery(byOwner("alice"));
    const write = (owner: string) => ({
      table: "items",
      id: "10001items",
      value: { _id: "10001items", owner },
    });
    expect(reads.isChangedBy(write("alice"))).toBe(true);
    expect(reads.isChangedBy(write("bob"))).toBe(false);
    expect(reads.isChangedBy({ ...write("alice"), table: "notes" })).toBe(
      false,
    );
  });

  test("a document that was read is touched by any write to it, deletes included", () => {
    const reads = new ReadSet();
    reads.readQuery(byOwner("alice"));
    reads.readDocument("10001items");
    // Moved to another owner: out of the range, but it was read.
    expect(
      reads.isChangedBy({
        table: "items",
        id: "10001items",
        value: { _id: "10001items", owner: "bob" },
      }),
    ).toBe(true);
    expect(reads.isChangedBy({ table: "items", id: "10001items" })).toBe(true);
    // A delete of a document never read can't change the result.
    expect(reads.isChangedBy({ table: "items", id: "10002items" })).toBe(false);
  });

  test("what it can't narrow, it treats as the whole table", () => {
    const scan = new ReadSet();
    scan.readQuery({ source: { type: "FullTableScan", tableName: "items" } });
    expect(
      scan.isChangedBy({
        table: "items",
        id: "1items",
        value: { _id: "1items" },
      }),
    ).toBe(true);

    const objectBound = new ReadSet();
    objectBound.readQuery(byOwner({ nested: "alice" }));
    expect(
      objectBound.isChangedBy({
        table: "items",
        id: "1items",
        value: { _id: "1items", owner: "bob" },
      }),
    ).toBe(true);

    const read = new ReadSet();
    read.readDocument("5items");
    // A write we can't see the document of (convex-test's own system writes).
    expect(read.isChangedBy({ table: "items" })).toBe(true);
    expect(read.isChangedBy({ table: "notes" })).toBe(false);
  });
});
