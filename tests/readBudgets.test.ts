/**
 * Database reads per call stay within budget: `me` and the notes list read a
 * bounded number of documents however much data there is, and the admin
 * users list reads about one page at 10,000 users. `npm run bench` prints
 * the same figures.
 */
import { describe, expect, test } from "vitest";
import {
  adminReads,
  NOTES_STORED,
  PAGE_SIZE,
  READ_BUDGETS,
  USERS_STORED,
  userReads,
} from "./support/readFigures";

describe("reads per call stay within budget", () => {
  test("users:me and notes:list read O(1) documents, whatever the data size", async () => {
    const { me, notesList } = await userReads();
    console.log(
      `reads: users:me ${me}, notes:list ${notesList} (${NOTES_STORED} notes stored)`,
    );
    expect(me).toBeLessThanOrEqual(READ_BUDGETS.me);
    expect(notesList).toBeLessThanOrEqual(READ_BUDGETS.notesList);
  });

  test("admin:listUsers reads about one page at 10,000 users", async () => {
    const { adminList, adminSearch } = await adminReads();
    console.log(
      `reads: admin:listUsers ${adminList}, with search ${adminSearch} (page ${PAGE_SIZE}, ${USERS_STORED + 1} users)`,
    );
    expect(adminList).toBeLessThanOrEqual(READ_BUDGETS.adminList);
    expect(adminSearch).toBeLessThanOrEqual(READ_BUDGETS.adminSearch);
  }, 120_000);
});
