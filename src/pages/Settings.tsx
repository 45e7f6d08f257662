import { Page } from "@/components/Page";
import { ChangeEmail } from "@/components/settings/ChangeEmail";
import { ChangeName } from "@/components/settings/ChangeName";
import { ChangePassword } from "@/components/settings/ChangePassword";
import { DeleteAccount } from "@/components/settings/DeleteAccount";
import { Passkeys } from "@/components/settings/Passkeys";
import { Sessions } from "@/components/settings/Sessions";
import { SignInMethods } from "@/components/settings/SignInMethods";
import { TwoFactorSettings } from "@/components/settings/TwoFactorSettings";

/** Account self-service; every change goes through Better Auth. */
export default function Settings() {
  return (
    <Page>
      <h1 className="text-2xl font-semibold tracking-tight">
        Account settings
      </h1>
      <ChangeName />
      <ChangeEmail />
      <ChangePassword />
      <SignInMethods />
      <Sessions />
      <TwoFactorSettings />
      <Passkeys />
      <DeleteAccount />
    </Page>
  );
}
