import { useEffect, useState, type ComponentType } from "react";

/**
 * A component from its own chunk, requested as the app starts and rendered
 * (by the returned hook) once it is there: out of the first bundle, yet
 * never behind a <Suspense> fallback, which React 19 holds for at least
 * 300 ms. Until then, and if the chunk can't be had, the hook gives null.
 */
export function prefetched<Props>(
  load: () => Promise<{ default: ComponentType<Props> }>,
): () => ComponentType<Props> | null {
  let loaded: ComponentType<Props> | null = null;
  const chunk = load().then(
    (module) => (loaded = module.default),
    () => null,
  );
  return function usePrefetched() {
    const [component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (!component) void chunk.then((found) => setComponent(() => found));
    }, [component]);
    return component;
  };
}
