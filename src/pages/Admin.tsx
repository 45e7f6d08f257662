import { useNavigate, useSearch } from "@tanstack/react-router";
import { AuditLog } from "@/components/admin/AuditLog";
import { OrganizationList } from "@/components/admin/OrganizationList";
import { UserDetail } from "@/components/admin/UserDetail";
import { UserList } from "@/components/admin/UserList";
import { Page } from "@/components/Page";
import { m } from "@/paraglide/messages";

/**
 * The admin console (the route tree shows it to admins only; the server
 * refuses everyone else). The selected user and how many pages of users are
 * shown live in the URL (`?user=…&page=2`), so a reload or a shared link
 * opens the same view.
 */
export default function Admin() {
  const { user, page = 1 } = useSearch({ from: "/signed-in/admin" });
  const navigate = useNavigate();
  const show = (next: { user?: string; page?: number }) =>
    void navigate({
      to: "/admin",
      search: { user, page, ...next },
      replace: true,
    });

  return (
    <Page>
      <h1 className="text-2xl font-semibold tracking-tight">
        {m.admin_title()}
      </h1>
      <div className="grid grid-cols-1 gap-6">
        <UserList
          selected={user}
          pages={page}
          onMore={() => show({ page: page + 1 })}
        />
        {user && (
          <UserDetail
            key={user}
            userId={user}
            onClose={() => show({ user: undefined })}
          />
        )}
      </div>
      <OrganizationList />
      <AuditLog />
    </Page>
  );
}
