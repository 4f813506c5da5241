/**
 * Waits for `work` at most `ms`: true when it settled in time (resolved or rejected), false when
 * the time ran out first. The work itself goes on; shutdown steps use this so that nothing (a
 * job that will not finish, a connection that will not close) holds a stopping process past its
 * deadline.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timeUp,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
