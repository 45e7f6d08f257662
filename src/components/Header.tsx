import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { useAuthClient } from "../lib/authClientContext";
import { Link, navigate } from "../lib/router";

export function Header() {
  const { isAuthenticated } = useConvexAuth();
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");
  const authClient = useAuthClient();

  const signOut = async () => {
    await authClient.signOut();
    navigate("/");
  };

  return (
    <header className="header">
      <Link to="/" className="brand">
        Starter
      </Link>
      {isAuthenticated && me && (
        <nav aria-label="Main">
          <Link to="/">Dashboard</Link>
          <Link to="/settings">Settings</Link>
          {me.role === "admin" && <Link to="/admin">Admin</Link>}
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </nav>
      )}
    </header>
  );
}
