/**
 * Every page of the app, in one place. `signedIn`/`signedOut` say what a
 * visitor sees in each auth state; a missing one redirects to "/". Only the
 * page a visitor starts on (sign in) is in the first bundle; the rest are
 * lazy-loaded (see `npm run bench:bundle`).
 */
import { lazy, type ComponentType } from "react";
import SignIn from "./pages/SignIn";

const SignUp = lazy(() => import("./pages/SignUp"));
const Dashboard = lazy(() => import("./pages/Dashboard"));
const ForgotPassword = lazy(() => import("./pages/ForgotPassword"));
const ResetPassword = lazy(() => import("./pages/ResetPassword"));
const VerifyEmail = lazy(() => import("./pages/VerifyEmail"));
const TwoFactor = lazy(() => import("./pages/TwoFactor"));
const Settings = lazy(() => import("./pages/Settings"));
const Admin = lazy(() => import("./pages/Admin"));

export type Route = {
  signedIn?: ComponentType;
  signedOut?: ComponentType;
};

export const routes: Record<string, Route> = {
  "/": { signedIn: Dashboard, signedOut: SignIn },
  "/sign-up": { signedOut: SignUp },
  "/forgot-password": { signedOut: ForgotPassword, signedIn: ForgotPassword },
  "/reset-password": { signedOut: ResetPassword, signedIn: ResetPassword },
  "/verify-email": { signedOut: VerifyEmail, signedIn: VerifyEmail },
  "/two-factor": { signedOut: TwoFactor },
  "/settings": { signedIn: Settings },
  "/admin": { signedIn: Admin },
};
