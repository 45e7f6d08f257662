import { Component, type ReactNode } from "react";

/** Shows a way out instead of a blank page when a page throws. */
export class ErrorBoundary extends Component<
  { children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="card narrow">
        <h1>Something went wrong</h1>
        <p role="alert" className="error">
          This page could not be shown.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    );
  }
}
