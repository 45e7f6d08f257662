import { Component, type ReactNode } from "react";
import { ErrorMessage } from "@/components/Form";
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { m } from "@/paraglide/messages";

/**
 * Shows a way out instead of a blank page when a page throws, or
 * `fallback` in its place.
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; fallback?: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback) return this.props.fallback;
    return (
      <Page narrow>
        <Card>
          <CardHeader>
            <CardTitle as="h1">{m.app_error_title()}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <ErrorMessage message={m.app_error_page()} />
            <Button onClick={() => window.location.reload()}>
              {m.app_reload()}
            </Button>
          </CardContent>
        </Card>
      </Page>
    );
  }
}
