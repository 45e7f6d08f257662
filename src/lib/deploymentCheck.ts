/**
 * Shows the person at the screen what is wrong with the deployment, and how
 * to fix it, when an auth request fails in a way the browser can't explain.
 *
 * With SITE_URL unset or wrong, the browser sees only a generic CORS failure
 * (a bare network error); other configuration errors come back as 5xx. In
 * both cases this asks the deployment's `GET /api/config-check`
 * (convex/configCheck.ts), which any origin may read, and, if it lists
 * problems, answers the request with a 503 whose message names them, which
 * every page already shows as the request's error.
 *
 * Hook-in, in the Better Auth client:
 * `createAuthClient({ …, fetchOptions: { customFetchImpl: withDeploymentCheck(convexSiteUrl) } })`
 */
import { m } from "@/paraglide/messages";

export type ConfigProblem = { variable: string; message: string };

export const DEPLOYMENT_MISCONFIGURED = "DEPLOYMENT_MISCONFIGURED";

type Fetch = (
  input: RequestInfo | URL,
  init?: RequestInit,
) => Promise<Response>;

/** The deployment's configuration problems, or null if it can't be asked. */
export async function deploymentProblems(
  convexSiteUrl: string,
  fetchImpl: Fetch = fetch,
): Promise<ConfigProblem[] | null> {
  try {
    const response = await fetchImpl(`${convexSiteUrl}/api/config-check`, {
      cache: "no-store",
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { problems?: ConfigProblem[] };
    return Array.isArray(body.problems) ? body.problems : null;
  } catch {
    return null;
  }
}

/**
 * One readable sentence per problem, each with its fix. The problems are
 * the deployment's own words (convex/configCheck.ts), for its operator:
 * English in every language; the sentence before them is translated.
 */
export function describeProblems(problems: ConfigProblem[]): string {
  return m.error_server_not_set_up({
    problems: problems.map((problem) => problem.message).join(" "),
  });
}

/**
 * `fetchImpl` for requests to the deployment that, on a network error or a
 * 5xx, consults the configuration check and turns a misconfiguration into a
 * readable 503. Any other failure is passed on as it was.
 */
export function withDeploymentCheck(
  convexSiteUrl: string,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
): Fetch {
  const explained = async (): Promise<Response | null> => {
    const problems = await deploymentProblems(convexSiteUrl, fetchImpl);
    if (!problems || problems.length === 0) return null;
    return new Response(
      JSON.stringify({
        code: DEPLOYMENT_MISCONFIGURED,
        message: describeProblems(problems),
        problems,
      }),
      { status: 503, headers: { "content-type": "application/json" } },
    );
  };
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetchImpl(input, init);
    } catch (error) {
      const explanation = await explained();
      if (explanation) return explanation;
      throw error;
    }
    if (response.status < 500) return response;
    return (await explained()) ?? response;
  };
}
