// Temp folders this process staged while planning a line (an import's archive, archive-read.ts). The
// sweep of temp files that taking the lock runs (journal.ts) spares each of them once, so that the
// line's commit, under that lock, can use what its plan read and checked instead of inflating and
// checking the archive again (session.ts). A folder another process sweeps meanwhile is gone, and the
// commit reads the archive again. Nothing is spared after a crash: the folder is then a temp file
// like any other, for the next sweep.

const spared = new Set<string>();

export const spareOnce = (dir: string): void => {
  spared.add(dir);
};

/** Whether the sweep leaves `dir` this time; it will not the next time. */
export const isSparedOnce = (dir: string): boolean => spared.delete(dir);

/**
 * Removes the folders still spared: staged by a plan whose commit failed before it took the lock (held
 * by another process past the wait, or a full disk), so no sweep has seen them. Left, they would hold
 * an archive's inflated bytes until another commit's sweep: on a full disk, the very space the
 * operator is asked to free before running the line again.
 */
export function dropSpared(remove: (dir: string) => void): void {
  for (const dir of spared) remove(dir);
  spared.clear();
}
