import { CHANGE_MARK, localChangesSettled, thisTab } from "@/lib/sessionChange";

/** Whether another tab has a change under way (expired marks are dropped). */
function otherTabChanging(): boolean {
  let changing = false;
  for (const key of Object.keys(localStorage)) {
    if (!key.startsWith(CHANGE_MARK) || key === thisTab) continue;
    if (Number(localStorage.getItem(key)) > Date.now()) changing = true;
    else localStorage.removeItem(key);
  }
  return changing;
}

/**
 * Settles once every session change under way in this browser has: this
 * tab's, then the other tabs' (src/lib/sessionChange.ts), each for at most
 * MAX_CHANGE_MS.
 */
export async function sessionChangesSettled(): Promise<void> {
  await localChangesSettled();
  while (otherTabChanging())
    await new Promise((resolve) => setTimeout(resolve, 50));
}
