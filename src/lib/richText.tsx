import { Fragment, type ReactNode } from "react";

// A character no message contains: where the element goes.
const SLOT = "\u2063";

/**
 * A translated sentence with an element inside ("Viewing as <strong>Ada
 * </strong> until 14:00."): the whole sentence is one message, so each
 * language orders its words as it needs, and the element goes where the
 * message puts its placeholder.
 */
export function withElement(
  message: (slot: string) => string,
  element: ReactNode,
): ReactNode {
  const [before, ...after] = message(SLOT).split(SLOT);
  return (
    <>
      {before}
      {after.map((text, index) => (
        <Fragment key={index}>
          {element}
          {text}
        </Fragment>
      ))}
    </>
  );
}
